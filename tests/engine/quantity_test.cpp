#include "engine/quantity.hpp"

#include "tests/support/catch.hpp"

using namespace stride::engine;

TEST_CASE("quantity: distances as people type them", "[engine]") {
  CHECK(parse_distance_m("10km").value() == Approx(10000));
  CHECK(parse_distance_m("10 km").value() == Approx(10000));
  CHECK(parse_distance_m("6.2mi").value() == Approx(6.2 * 1609.344));
  CHECK(parse_distance_m("800m").value() == Approx(800));
  CHECK(parse_distance_m("12").value() == Approx(12000));
  CHECK(parse_distance_m("12", Units::mi).value() == Approx(12 * 1609.344));
  CHECK_FALSE(parse_distance_m("ten km"));
  CHECK_FALSE(parse_distance_m("10 parsecs"));
  CHECK_FALSE(parse_distance_m(""));
}

TEST_CASE("quantity: durations as people type them", "[engine]") {
  CHECK(parse_duration_s("45m").value() == Approx(2700));
  CHECK(parse_duration_s("45min").value() == Approx(2700));
  CHECK(parse_duration_s("1h30m").value() == Approx(5400));
  CHECK(parse_duration_s("1:30:00").value() == Approx(5400));
  CHECK(parse_duration_s("30:15").value() == Approx(1815));
  CHECK(parse_duration_s("90s").value() == Approx(90));
  CHECK(parse_duration_s("40 min").value() == Approx(2400));
  CHECK_FALSE(parse_duration_s("1:2:3:4"));
  CHECK_FALSE(parse_duration_s("soon"));
}

TEST_CASE("quantity: formatting", "[engine]") {
  CHECK(format_distance(12000, Units::km) == "12 km");
  CHECK(format_distance(12345, Units::km) == "12.3 km");
  CHECK(format_distance(1609.344 * 4, Units::mi) == "4 mi");
  CHECK(format_duration(2400) == "40 min");
  CHECK(format_duration(3900) == "1:05:00");
  CHECK(format_hms(59.6) == "0:01:00");
}
