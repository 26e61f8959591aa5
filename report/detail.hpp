#pragma once
// Shared by the terminal and HTML renderings.

#include <fmt/format.h>

#include <string>

#include "engine/quantity.hpp"
#include "report/report.hpp"

namespace stride::report::detail {

inline double in_units(double metres, engine::Units units) {
  return units == engine::Units::mi ? metres / 1609.344 : metres / 1000.0;
}
inline const char* unit_name(engine::Units units) {
  return units == engine::Units::mi ? "mi" : "km";
}
inline std::string iso(Day day) { return date::format("%F", day); }
/// "Jan 05": short enough for an axis label.
inline std::string short_date(Day day) { return date::format("%b %d", day); }

}  // namespace stride::report::detail
