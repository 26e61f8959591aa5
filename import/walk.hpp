#pragma once
/// Expands the paths given to `stride import` into inputs: files, folders
/// (recursive, sorted, hidden entries skipped), `.gz` files, `.zip` members
/// (`export.zip!activities/123.gpx.gz`) and Strava bulk exports (a folder or
/// zip holding `activities.csv` + `activities/`), which become one input per
/// row of activities.csv. Nothing is read here except zip directories and a
/// Strava export's activities.csv; each input loads its bytes lazily.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "import/archive.hpp"
#include "import/formats.hpp"
#include "import/parse.hpp"

namespace stride::import {

enum class InputKind {
  file,        ///< a file or archive member with a known format
  strava_row,  ///< one row of a Strava export, joined with its file when there is one
  skipped,     ///< unsupported extension and the like: listed, not failed
};

/// What an input parses to, with a fast hash of the bytes it came from.
struct ParsedInput {
  ParseResult result;
  std::string content_hash;
  std::string old_hash;  ///< the old-kind hash, when ParseContext::old_hashes asked
};

struct Input {
  InputKind kind = InputKind::file;
  /// What messages call it: the path as given, or `archive!member`.
  std::string display_name;
  /// The file on disk (the archive, for members).
  std::filesystem::path path;
  /// The store's "seen before" key with size_bytes and mtime_ns: the absolute
  /// path, `absolute-archive!member`, or `absolute/activities.csv:LINE` for a
  /// Strava row without a file.
  std::string stamp_path;
  std::uint64_t size_bytes = 0;  ///< of the file or member (as stored, before gunzip)
  std::int64_t mtime_ns = 0;     ///< of the file on disk (the archive, for members)
  std::optional<Format> format;  ///< the reader; for a Strava row, its file's
  std::string skip_reason;       ///< kind == skipped: why
  /// The bytes, gunzipped when they are gzip. Throws ParseError. Empty for skipped inputs.
  std::function<std::string()> load;
  /// Loads and parses. Throws ParseError (or what a reader throws).
  std::function<ParsedInput(const ParseContext&)> parse;
};

struct WalkOptions {
  Limits limits;
  /// For a Strava export's activities.csv (time zone, units).
  ParseContext ctx;
};

/// The inputs, in the order given, folders sorted by name. A path that does
/// not exist becomes an input whose parse() fails with that reason.
std::vector<Input> walk_inputs(std::span<const std::filesystem::path> paths,
                               const WalkOptions& options = {});

/// A fast, non-cryptographic digest of bytes: `xxh3:` and the 32 hex digits
/// of XXH3-128.
std::string content_hash(std::string_view bytes);

/// The digest stores before schema 6 hold (hex CRC-32, Adler-32, `-`,
/// length): computed only to recognise files hashed that way.
std::string old_content_hash(std::string_view bytes);

}  // namespace stride::import
