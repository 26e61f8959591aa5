#include "import/parse.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>

#include "engine/datetime.hpp"

namespace stride::import {

namespace {

/// Byte length of the first `chars` UTF-8 code points of `text` (all of it
/// when shorter).
std::size_t utf8_prefix_bytes(std::string_view text, std::size_t chars) {
  std::size_t i = 0;
  for (std::size_t n = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80 && n++ == chars) break;  // a lead byte starts a new character
  }
  return i;
}

/// The warning stays with the activity, so it is stored with it and printed
/// naming the file.
void bound_text(std::string& text, std::string_view what_was, engine::Activity& a) {
  const std::size_t keep = utf8_prefix_bytes(text, kMaxTextChars);
  if (keep >= text.size()) return;
  text.resize(keep);
  a.warnings.push_back(fmt::format("{} cut to {} characters", what_was, kMaxTextChars));
}

}  // namespace

void finish_activities(ParseResult& result, const ParseContext& ctx) {
  static constexpr std::string_view kUnsetClock =
      "before 2000: the device clock was probably never set";
  const engine::UtcTime clock_set_after{std::chrono::seconds{kClockSetAfterUnixS}};
  for (engine::Activity& a : result.activities) {
    assign_local_date(a, ctx);
    if (a.start_utc < clock_set_after) {
      // The runner's (local) date, as every list shows it.
      std::string warning =
          fmt::format("dated {}, {}", engine::format_day(a.local_date), kUnsetClock);
      if (std::find(a.warnings.begin(), a.warnings.end(), warning) == a.warnings.end())
        a.warnings.push_back(std::move(warning));
    }
    bound_text(a.name, "the name was", a);
    bound_text(a.notes, "the notes were", a);
  }
}

void assign_local_date(engine::Activity& activity, const ParseContext& ctx) {
  if (!activity.offset_from_source) {
    if (ctx.tz != nullptr) {
      const auto info = ctx.tz->get_info(date::floor<std::chrono::seconds>(activity.start_utc));
      activity.utc_offset_s = static_cast<std::int32_t>(info.offset.count());
    } else {
      activity.utc_offset_s = 0;
    }
  }
  activity.local_date = engine::local_day(activity.start_utc, activity.utc_offset_s);
}

}  // namespace stride::import
