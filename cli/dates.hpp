#pragma once
/// Date words on the command line (`2026-11-26`, `today`, `tomorrow`,
/// `yesterday`, `mon`...`sun`) and "today" itself. Only the CLI reads the clock.

#include <optional>
#include <string_view>

#include "engine/activity.hpp"
#include "engine/datetime.hpp"

namespace stride::cli {

/// Today in the system time zone ($TZ or /etc/localtime; UTC when neither is
/// set), unless the environment variable STRIDE_TODAY=YYYY-MM-DD overrides it
/// (tests and demos use that to be deterministic). Throws UsageError when
/// STRIDE_TODAY is set but is not a date.
engine::Day today_from_environment();

/// Which way a weekday word points (PRODUCT.md, "Quantities are typed..."):
/// commands about what was done (`log`, `list`, `status --date`...) look back,
/// commands about what is to come (`check`, `today --date`, `plan generate`)
/// look ahead. Both count today.
enum class Looking { back, ahead };

/// Resolves a date word against `today`. A weekday name (`mon`, `monday`) is
/// the most recent such day (`back`) or the next one (`ahead`), today included
/// either way. nullopt when the text is none of the accepted forms.
std::optional<engine::Day> parse_date_word(std::string_view text, engine::Day today,
                                           Looking looking);

using engine::format_day;

}  // namespace stride::cli
