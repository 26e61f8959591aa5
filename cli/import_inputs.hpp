#pragma once
/// The files behind `stride import PATH...`: folders walked recursively,
/// formats told by extension (`.gz` too), bytes read and parsed. Kept narrow so
/// the import library's walker can replace it without touching cmd_import.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "import/parse.hpp"
#include "store/store.hpp"

namespace stride::cli {

struct InputFile {
  std::filesystem::path path;
  std::string display;  ///< as the user will recognise it (relative when they gave it so)
  store::FileStamp stamp;
  std::string format;  ///< gpx, tcx, fit, csv; empty when unknown
  bool gzip = false;
  std::string problem;  ///< set when the input cannot be used at all (missing, unknown type)
};

/// Expands the command line into files, in a stable order (folders sorted).
std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths);

/// What one worker made of one file.
struct ParsedFile {
  std::string content_hash;
  std::optional<import::ParseResult> result;
  std::optional<import::ParseError> error;
};

/// Reads, hashes (cli/content_hash.hpp), decompresses and parses one file.
/// Never throws for bad data: read errors and ParseErrors land in `error`.
ParsedFile read_and_parse(const InputFile& input, const import::ParseContext& ctx);

}  // namespace stride::cli
