#include "import/formats.hpp"

#include <string>

#include "import/csv.hpp"
#include "import/fit.hpp"
#include "import/gpx.hpp"
#include "import/tcx.hpp"

namespace stride::import {
namespace {

bool ends_with_nocase(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  text = text.substr(text.size() - suffix.size());
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

}  // namespace

std::string_view to_string(Format format) {
  switch (format) {
    case Format::gpx:
      return "gpx";
    case Format::tcx:
      return "tcx";
    case Format::fit:
      return "fit";
    case Format::csv:
      return "csv";
  }
  return "unknown";
}

bool is_gzip_name(std::string_view name) { return ends_with_nocase(name, ".gz"); }

std::optional<Format> detect_format(std::string_view name) {
  if (is_gzip_name(name)) name.remove_suffix(3);
  for (Format f : {Format::gpx, Format::tcx, Format::fit, Format::csv}) {
    // Appended, not "." + string: GCC 12 -O3 warns falsely on that (-Wrestrict, PR 105329).
    std::string suffix = ".";
    suffix += to_string(f);
    // A bare ".gpx" is a hidden file, not a GPX: require a stem.
    if (name.size() > suffix.size() && ends_with_nocase(name, suffix) &&
        name[name.size() - suffix.size() - 1] != '/')
      return f;
  }
  return std::nullopt;
}

namespace {

ParseResult dispatch(Format format, std::string_view bytes, const ParseContext& ctx) {
  switch (format) {
    case Format::gpx:
      return parse_gpx(bytes, ctx);
    case Format::tcx:
      return parse_tcx(bytes, ctx);
    case Format::fit:
      return parse_fit(bytes, ctx);
    case Format::csv:
      return parse_csv(bytes, ctx);
  }
  throw std::logic_error("parse_bytes: unknown format");
}

}  // namespace

ParseResult parse_bytes(Format format, std::string_view bytes, const ParseContext& ctx) {
  try {
    return dispatch(format, bytes, ctx);
  } catch (const ParseError& e) {
    // Readers name the position; the line itself is shown from here, where
    // the bytes are at hand (binary FIT errors have a byte offset, no line).
    if (format == Format::fit || e.where().line <= 0 || !e.excerpt().empty()) throw;
    throw e.with_source(bytes);
  }
}

}  // namespace stride::import
