#pragma once
/// FIT reader: bytes -> activities. See README "Import" for what it accepts.

#include <string_view>

#include "import/parse.hpp"

namespace stride::import {

/// Throws ParseError (with line/column or byte offset) when the file is unusable.
///
/// One activity per session message, in file order, transitions dropped;
/// Source::index_in_file is the session's index among all sessions. A file
/// without sessions gives one activity built from its records, but only when
/// it is whole (CRC valid). A truncated or corrupt file throws with the byte
/// offset unless sessions were decoded before the fault; then those import and
/// ParseResult::warnings says where the data stopped. Warnings about one
/// activity (clock never set, timer longer than elapsed) are in
/// Activity::warnings. The offset comes from activity.local_timestamp when it
/// is within 14 h of UTC, else from ctx.tz.
ParseResult parse_fit(std::string_view bytes, const ParseContext& ctx);

}  // namespace stride::import
