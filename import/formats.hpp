#pragma once
/// Which reader a file goes to, decided by its name, and one entry point that
/// hands bytes to that reader.

#include <optional>
#include <string_view>

#include "import/parse.hpp"

namespace stride::import {

enum class Format { gpx, tcx, fit, csv };

/// `gpx`, `tcx`, `fit`, `csv`.
std::string_view to_string(Format format);

/// By extension, case-insensitive, after stripping one `.gz`: `run.GPX.gz` is
/// gpx. nullopt for anything else (listed as skipped, not failed).
std::optional<Format> detect_format(std::string_view name);

/// True when the name ends in `.gz` (any case).
bool is_gzip_name(std::string_view name);

/// Calls the reader for `format`. Throws what the reader throws (ParseError),
/// with the offending line attached for text formats.
ParseResult parse_bytes(Format format, std::string_view bytes, const ParseContext& ctx);

}  // namespace stride::import
