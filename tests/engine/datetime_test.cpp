#include "engine/datetime.hpp"

#include <date/date.h>

#include <optional>
#include <string>

#include "tests/support/catch.hpp"

using namespace stride;
using Zone = engine::IsoTime::Zone;

namespace {

/// Milliseconds since 1970 of a UTC wall clock, from the calendar (not from
/// the parser under test).
std::int64_t ms(int y, unsigned mo, unsigned d, int h, int mi, int s, int milli = 0) {
  using namespace std::chrono;
  const auto t = date::sys_days{date::year{y} / mo / d} + hours{h} + minutes{mi} + seconds{s} +
                 milliseconds{milli};
  return t.time_since_epoch().count();
}

struct Row {
  const char* text;
  std::int64_t utc_ms;
  Zone zone;
  std::int32_t offset_s;
};

}  // namespace

TEST_CASE("iso8601: one reader for every spelling the formats write", "[engine][iso8601]") {
  const Row rows[] = {
      {"2026-11-20T07:00:00Z", ms(2026, 11, 20, 7, 0, 0), Zone::utc, 0},
      {"2026-11-20t07:00:00z", ms(2026, 11, 20, 7, 0, 0), Zone::utc, 0},
      {"2026-11-20T07:00:00+01:00", ms(2026, 11, 20, 6, 0, 0), Zone::offset, 3600},
      {"2026-11-20T07:00:00+0100", ms(2026, 11, 20, 6, 0, 0), Zone::offset, 3600},
      {"2026-11-20T07:00:00+01", ms(2026, 11, 20, 6, 0, 0), Zone::offset, 3600},
      {"2026-11-20T07:00:00-05:30", ms(2026, 11, 20, 12, 30, 0), Zone::offset, -19800},
      {"2026-11-20T07:00:00-0530", ms(2026, 11, 20, 12, 30, 0), Zone::offset, -19800},
      // +00:00 says UTC, nothing about where the runner was.
      {"2026-11-20T07:00:00+00:00", ms(2026, 11, 20, 7, 0, 0), Zone::utc, 0},
      {"2026-11-20T07:00:00.5Z", ms(2026, 11, 20, 7, 0, 0, 500), Zone::utc, 0},
      {"2026-11-20T07:00:00,25+01:00", ms(2026, 11, 20, 6, 0, 0, 250), Zone::offset, 3600},
      {"2026-11-20T07:00:00.123456789Z", ms(2026, 11, 20, 7, 0, 0, 123), Zone::utc, 0},
      {"2026-11-20T07:00:00", ms(2026, 11, 20, 7, 0, 0), Zone::none, 0},
      {"2026-11-20 07:00:00", ms(2026, 11, 20, 7, 0, 0), Zone::none, 0},
      {"2026-11-20 07:00:00Z", ms(2026, 11, 20, 7, 0, 0), Zone::utc, 0},
      // Apple Health: a space before an offset without a colon.
      {"2019-05-01 07:00:00 +0200", ms(2019, 5, 1, 5, 0, 0), Zone::offset, 7200},
      {"2026-11-20T07:00+01:00", ms(2026, 11, 20, 6, 0, 0), Zone::offset, 3600},
      {"2026-12-31T24:00:00Z", ms(2027, 1, 1, 0, 0, 0), Zone::utc, 0},
      {"2028-02-29T12:00:00Z", ms(2028, 2, 29, 12, 0, 0), Zone::utc, 0},
      {"2016-12-31T23:59:60Z", ms(2017, 1, 1, 0, 0, 0), Zone::utc, 0},
      {"  2026-11-20T07:00:00Z\n", ms(2026, 11, 20, 7, 0, 0), Zone::utc, 0},
      {"1901-12-13T20:45:52Z", ms(1901, 12, 13, 20, 45, 52), Zone::utc, 0},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    engine::IsoTime t;
    REQUIRE(engine::parse_iso8601(row.text, t));
    CHECK(t.ms_since_epoch == row.utc_ms);
    CHECK(t.zone == row.zone);
    CHECK(t.offset_s == row.offset_s);
    CHECK(t.has_offset == (row.zone == Zone::offset));
    CHECK(t.local_ms == row.utc_ms + std::int64_t{row.offset_s} * 1000);
    CHECK(t.has_time);
  }
}

TEST_CASE("iso8601: malformed or impossible text is refused", "[engine][iso8601]") {
  for (const char* text : {"",
                           "2026-11-20",
                           "2026-11-20T",
                           "2026-11-20T07",
                           "2026-11-20T7:00:00Z",
                           "2026-13-01T00:00:00Z",
                           "2026-00-10T00:00:00Z",
                           "2026-02-30T07:00:00Z",
                           "2027-02-29T07:00:00Z",
                           "2026-11-20T25:00:00Z",
                           "2026-11-20T24:00:01Z",
                           "2026-11-20T07:60:00Z",
                           "2026-11-20T07:00:61Z",
                           "2026-11-20T07:00:00+19:00",
                           "2026-11-20T07:00:00+01:60",
                           "2026-11-20T07:00:00+1",
                           "2026-11-20T07:00:00+01:0",
                           "2026-11-20T07:00:00.Z",
                           "2026-11-20T07:00:00ZZ",
                           "2026-11-20T07:00:00 junk",
                           "20261120T070000Z",
                           "2026/11/20 07:00:00",
                           "2026-11-20X07:00:00Z"}) {
    INFO(text);
    engine::IsoTime t;
    CHECK_FALSE(engine::parse_iso8601(text, t));
  }
}

TEST_CASE("iso8601: a date alone only where the reader allows it", "[engine][iso8601]") {
  engine::IsoTime t;
  REQUIRE(engine::parse_iso8601("2026-11-20", t, /*allow_date_only=*/true));
  CHECK_FALSE(t.has_time);
  CHECK(t.zone == Zone::none);
  CHECK(t.local_ms == ms(2026, 11, 20, 0, 0, 0));
  CHECK_FALSE(engine::parse_iso8601("2026-11-31", t, true));
}

TEST_CASE("iso8601: days read and written the one way", "[engine][iso8601]") {
  CHECK(engine::parse_day("2026-11-30") == engine::Day{date::year{2026} / 11 / 30});
  CHECK_FALSE(engine::parse_day("2026-11-31"));
  CHECK_FALSE(engine::parse_day("2026-11-3"));
  CHECK_FALSE(engine::parse_day("2026-11-30T07:00:00Z"));
  CHECK(engine::format_day(engine::Day{date::year{2026} / 3 / 1}) == "2026-03-01");
  CHECK(engine::format_day(engine::Day{date::year{999} / 12 / 31}) == "0999-12-31");
}
