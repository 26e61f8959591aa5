#include "cli/dates.hpp"

#include <cstdlib>

#include "cli/errors.hpp"
#include "tests/support/catch.hpp"

using stride::cli::format_day;
using stride::cli::Looking;
using stride::cli::parse_date_word;

namespace {

stride::engine::Day day(int y, unsigned m, unsigned d) {
  return stride::engine::Day{
      date::sys_days{date::year{y} / date::month{m} / date::day{d}}.time_since_epoch()};
}

std::string resolve(std::string_view word, stride::engine::Day today,
                    Looking looking = Looking::ahead) {
  auto d = parse_date_word(word, today, looking);
  return d ? format_day(*d) : "none";
}

}  // namespace

TEST_CASE("dates: words resolve against today", "[cli]") {
  const auto thursday = day(2026, 11, 26);
  CHECK(resolve("2026-11-30", thursday) == "2026-11-30");
  CHECK(resolve("today", thursday) == "2026-11-26");
  CHECK(resolve("Tomorrow", thursday) == "2026-11-27");
  CHECK(resolve("yesterday", thursday) == "2026-11-25");
  SECTION("looking ahead (check, plans), a weekday is the next one, today included") {
    CHECK(resolve("thu", thursday) == "2026-11-26");
    CHECK(resolve("fri", thursday) == "2026-11-27");
    CHECK(resolve("mon", thursday) == "2026-11-30");
    CHECK(resolve("wednesday", thursday) == "2026-12-02");
    CHECK(resolve("sun", thursday) == "2026-11-29");
  }
  SECTION("looking back (log, list), a weekday is the last one, today included") {
    CHECK(resolve("thu", thursday, Looking::back) == "2026-11-26");
    CHECK(resolve("wednesday", thursday, Looking::back) == "2026-11-25");
    CHECK(resolve("mon", thursday, Looking::back) == "2026-11-23");
    CHECK(resolve("sun", thursday, Looking::back) == "2026-11-22");
    CHECK(resolve("fri", thursday, Looking::back) == "2026-11-20");
    CHECK(resolve("yesterday", thursday, Looking::back) == "2026-11-25");
    CHECK(resolve("tomorrow", thursday, Looking::back) == "2026-11-27");
  }
  SECTION("across a year end") { CHECK(resolve("tomorrow", day(2026, 12, 31)) == "2027-01-01"); }
}

TEST_CASE("dates: anything else is not a date", "[cli]") {
  const auto today = day(2026, 11, 26);
  CHECK(resolve("2026-02-30", today) == "none");
  CHECK(resolve("2026-1-5", today) == "none");
  CHECK(resolve("26/11/2026", today) == "none");
  CHECK(resolve("next week", today) == "none");
  CHECK(resolve("", today) == "none");
}

TEST_CASE("dates: STRIDE_TODAY overrides the clock", "[cli]") {
  ::setenv("STRIDE_TODAY", "2026-03-29", 1);
  CHECK(format_day(stride::cli::today_from_environment()) == "2026-03-29");
  ::setenv("STRIDE_TODAY", "soon", 1);
  REQUIRE_THROWS_WITH(stride::cli::today_from_environment(),
                      "STRIDE_TODAY is not a date (YYYY-MM-DD): 'soon'");
  ::unsetenv("STRIDE_TODAY");
}
