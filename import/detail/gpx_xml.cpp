#include "import/detail/gpx_xml.hpp"

#include <fmt/format.h>

namespace stride::import::detail {

Ns namespace_of(std::string_view uri) {
  if (uri.empty()) return Ns::none;  // xmlns="" takes the default away
  if (uri == "http://www.topografix.com/GPX/1/1" || uri == "http://www.topografix.com/GPX/1/0")
    return Ns::gpx;
  if (uri == "http://www.garmin.com/xmlschemas/TrackPointExtension/v1" ||
      uri == "http://www.garmin.com/xmlschemas/TrackPointExtension/v2")
    return Ns::tpx;
  if (uri == "http://www.cluetrust.com/XML/GPXDATA/1/0") return Ns::gpxdata;
  return Ns::other;
}

Channel extension_channel(const QName& name) {
  if (name.ns == Ns::tpx) {
    if (name.local == "hr") return Channel::hr;
    if (name.local == "cad") return Channel::cadence;
  } else if (name.ns == Ns::gpxdata) {
    if (name.local == "hr") return Channel::hr;
    if (name.local == "cadence") return Channel::cadence;
  }
  return Channel::none;
}

const char* const kDoctypeRefused =
    "DOCTYPE declarations are refused: GPX needs none, and their entity declarations can "
    "expand without bound (\"billion laughs\")";

std::size_t doctype_offset(std::string_view bytes) {
  const std::size_t at = bytes.find("<!DOCTYPE");
  return at == std::string_view::npos ? 0 : at;
}

std::string not_gpx_reason(std::string_view root_local_name) {
  return fmt::format("not a GPX file: the root element is <{}>, not <gpx>", root_local_name);
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

void fail_at(std::string_view bytes, const ParseContext& ctx, std::size_t byte_offset,
             std::string reason) {
  throw ParseError(
      ctx.display_name,
      byte_offset == kUnknownOffset ? Location{} : location_of_offset(bytes, byte_offset),
      std::move(reason));
}

}  // namespace stride::import::detail
