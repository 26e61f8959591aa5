#include "import/parse.hpp"

#include <date/tz.h>
#include <fmt/format.h>

namespace stride::import {

std::string format_location(std::string_view display_name, const Location& where,
                            std::string_view message) {
  if (where.line > 0 && where.column > 0)
    return fmt::format("{}:{}:{}: {}", display_name, where.line, where.column, message);
  if (where.line > 0) return fmt::format("{}:{}: {}", display_name, where.line, message);
  if (where.byte_offset >= 0)
    return fmt::format("{}: byte {}: {}", display_name, where.byte_offset, message);
  return fmt::format("{}: {}", display_name, message);
}

ParseError::ParseError(std::string display_name, Location where, std::string reason)
    : std::runtime_error(format_location(display_name, where, reason)),
      display_name_(std::move(display_name)),
      where_(where),
      reason_(std::move(reason)) {}

Location location_of_offset(std::string_view text, std::size_t offset) {
  Location loc;
  loc.line = 1;
  loc.column = 1;
  if (offset > text.size()) offset = text.size();
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++loc.line;
      loc.column = 1;
    } else {
      ++loc.column;
    }
  }
  return loc;
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
