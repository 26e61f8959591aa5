#pragma once
/// A Strava bulk export: each row of activities.csv is ONE activity, joined
/// with its file (`activities/123.gpx.gz`, `.tcx`, `.fit`, gzipped or not)
/// when the export holds it. The file gives the samples and figures; the row
/// gives the name, type, gear (shoe) and perceived exertion. A row without a
/// file imports from the row alone (summary_only).

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "import/archive.hpp"
#include "import/parse.hpp"
#include "import/strava_csv.hpp"

namespace stride::import {

/// True when the folder holds `activities.csv` and an `activities/` folder.
bool is_strava_export_dir(const std::filesystem::path& dir);

/// Where in a zip the export lies: "" when activities.csv is at the top,
/// "export_123/" when the folder was zipped; nullopt when it is no export.
std::optional<std::string> strava_export_prefix(const ZipReader& zip);

struct StravaRowInput {
  StravaRow row;
  /// The name messages use for activities.csv (`export.zip!activities.csv`).
  std::string csv_display_name;
  /// The name messages use for the row's file (`export.zip!activities/1.gpx.gz`);
  /// empty when the row names no file.
  std::string file_display_name;
  /// Reads the file's bytes, gunzipped; empty when the file is missing from the export.
  std::function<std::string()> load_file;
};

/// The row as one activity (ctx gives the time zone and units). Throws ParseError for a row Strava
/// marked unusable (`#error#`); a file that is missing or fails to parse leaves the row alone, with
/// a warning. `file_bytes`, when given, receives the file's bytes (for the content hash).
ParseResult import_strava_row(const StravaRowInput& input, const ParseContext& ctx,
                              std::string* file_bytes = nullptr);

}  // namespace stride::import
