#pragma once
/// Garmin Connect's account export ("Export your data"): a zip, or its
/// unpacked folder, holding the activity summaries in
/// `DI_CONNECT/DI-Connect-Fitness/*summarizedActivities.json` and the
/// original uploads (FIT, sometimes GPX/TCX) in nested
/// `DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_*.zip`.
///
/// Every activity once: from its FIT when one of its sessions starts within
/// kGarminMatchWindow of a summary (the summary then gives the name and the
/// type the athlete chose on Garmin Connect), else from the summary alone,
/// marked summary-only. The rest of the export (sleep, wellness, thousands of
/// JSON files) is not read.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/archive.hpp"
#include "import/parse.hpp"
#include "import/walk.hpp"

namespace stride::import {

/// How far apart a FIT session's start and a summary's start may be for both
/// to be the same activity.
inline constexpr std::chrono::seconds kGarminMatchWindow{5};

struct GarminSummary {
  std::int64_t activity_id = 0;
  std::int64_t parent_id = 0;  ///< a multisport leg's parent activity, 0 if none
  bool multisport_parent = false;
  std::string type_key;  ///< `activityType` as Garmin spells it (`trail_running`)
  /// summary_only, source.format `garmin`; empty `error` means usable.
  engine::Activity activity;
  std::string error;  ///< why this entry cannot be imported
};

/// `[{"summarizedActivitiesExport": [...]}]`: distances and elevation in
/// centimetres, durations in milliseconds, `beginTimestamp`/`startTimeGmt` in
/// epoch milliseconds (UTC), `startTimeLocal` the local wall clock written as
/// epoch milliseconds (which gives the offset and the local date). Throws
/// ParseError when the file is not JSON of that shape.
std::vector<GarminSummary> parse_garmin_summaries(std::string_view json, const ParseContext& ctx);

/// The sport an `activityType` key stands for (`running`, `trail_running`,
/// `lap_swimming`, ...); Sport::other for keys stride has no sport for.
engine::Sport garmin_sport(std::string_view type_key);

/// True when the folder holds `DI_CONNECT/` with the fitness or uploads folder.
bool is_garmin_export_dir(const std::filesystem::path& dir);

/// Where in a zip the export's `DI_CONNECT/` lies ("" at the top); nullopt
/// when the zip is no Garmin export.
std::optional<std::string> garmin_export_prefix(const ZipReader& zip);

/// One input per uploaded activity file (FIT files joined with their
/// summaries) and per summary no file matched. Reads the summaries and each
/// FIT's session starts now; a damaged nested zip becomes one failing input.
void walk_garmin_export_dir(const std::filesystem::path& root, const Limits& limits,
                            const ParseContext& ctx, std::vector<Input>& out);
void walk_garmin_export_zip(const std::filesystem::path& path,
                            const std::shared_ptr<ZipReader>& zip, const std::string& prefix,
                            const Limits& limits, const ParseContext& ctx, std::vector<Input>& out);

}  // namespace stride::import
