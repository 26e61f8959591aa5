#pragma once
/// XML vocabulary shared by the two GPX readers: the namespaces we know, the
/// extension channels we read, and the refusal of DTDs.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "import/parse.hpp"

namespace stride::import::detail {

enum class Ns : std::uint8_t {
  none,     ///< no namespace: old GPX 1.0 writers omit it
  gpx,      ///< GPX 1.0 or 1.1
  tpx,      ///< Garmin TrackPointExtension v1 or v2
  gpxdata,  ///< Cluetrust gpxdata (Movescount, some Amazfit exports)
  other,
};

Ns namespace_of(std::string_view uri);
inline bool is_gpx(Ns ns) { return ns == Ns::gpx || ns == Ns::none; }

struct QName {
  Ns ns;
  std::string_view local;
};

enum class Channel { none, hr, cadence };
/// hr/cad of TrackPointExtension, hr/cadence of gpxdata.
Channel extension_channel(const QName& name);

/// Why a DOCTYPE is refused (entity declarations allow "billion laughs").
extern const char* const kDoctypeRefused;
/// Where "<!DOCTYPE" starts (0 if not found).
std::size_t doctype_offset(std::string_view bytes);
std::string not_gpx_reason(std::string_view root_local_name);

void append_utf8(std::string& out, std::uint32_t code_point);

/// A byte offset that could not be known: reported without a position.
constexpr std::size_t kUnknownOffset = static_cast<std::size_t>(-1);

/// Throws ParseError at the line and column of `byte_offset` in `bytes`.
[[noreturn]] void fail_at(std::string_view bytes, const ParseContext& ctx, std::size_t byte_offset,
                          std::string reason);

}  // namespace stride::import::detail
