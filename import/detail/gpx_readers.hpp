#pragma once
/// The two GPX readers behind parse_gpx, exposed so tests can hold them to the
/// same results. Both feed detail::GpxBuilder.

#include <cstddef>
#include <string_view>

#include "import/parse.hpp"

namespace stride::import::detail {

/// From this size on parse_gpx streams: a pugixml DOM costs about 2.6 times
/// the file on top of the file itself (bench/FIGURES: 717 MiB for 200 MB), the
/// stream almost nothing, at half the speed. Real recordings stay far below
/// (a 10-hour run at 1 Hz is about 10 MB).
constexpr std::size_t kGpxStreamingThresholdBytes = std::size_t{32} << 20;

/// pugixml, in situ on a private copy of `bytes`.
ParseResult parse_gpx_dom(std::string_view bytes, const ParseContext& ctx);
/// expat, in chunks, constant memory apart from the points.
ParseResult parse_gpx_stream(std::string_view bytes, const ParseContext& ctx);

}  // namespace stride::import::detail
