#pragma once
/// A plan as an RFC 5545 calendar: one all-day event per session.

#include <string>

#include "engine/activity.hpp"
#include "engine/quantity.hpp"
#include "plans/plan.hpp"

namespace stride::plans {

/// The calendar text: CRLF line endings, lines folded at 75 octets, one
/// VEVENT per session (rest days included) with a UID stable for the same
/// plan, all-day DTSTART/DTEND, and the session's detail in DESCRIPTION.
/// `dtstamp` is when the calendar was made (the caller's clock, never read here).
std::string write_ics(const Plan& plan, engine::UtcTime dtstamp,
                      engine::Units units = engine::Units::km);

/// One content line folded to RFC 5545's 75-octet limit (without the final
/// CRLF); never splits a UTF-8 sequence.
std::string fold_ics_line(std::string_view line);
/// TEXT escaping: backslash, semicolon, comma, newline.
std::string escape_ics_text(std::string_view text);

}  // namespace stride::plans
