#include "import/parse.hpp"

#include <date/tz.h>

#include "tests/support/catch.hpp"

using namespace stride;

TEST_CASE("parse: messages name the file and the position", "[import]") {
  CHECK(import::ParseError("a.gpx", {3, 7, -1}, "bad time").what() ==
        std::string("a.gpx:3:7: bad time"));
  CHECK(import::ParseError("a.fit", {0, 0, 768}, "truncated").what() ==
        std::string("a.fit: byte 768: truncated"));
  CHECK(import::ParseError("a.csv", {12, 0, -1}, "no date").what() ==
        std::string("a.csv:12: no date"));
}

TEST_CASE("parse: byte offsets become line and column", "[import]") {
  const auto loc = import::location_of_offset("ab\ncd\nef", 7);
  CHECK(loc.line == 3);
  CHECK(loc.column == 2);
}

TEST_CASE("parse: local date across a daylight-saving change", "[import]") {
  using namespace std::chrono;
  import::ParseContext ctx;
  ctx.tz = date::locate_zone("Europe/Zurich");
  engine::Activity a;
  // 2026-03-28 23:30 UTC is 00:30 on the 29th in Zurich (UTC+1, before the change).
  a.start_utc = engine::UtcTime{date::sys_days{date::year{2026} / 3 / 28} + 23h + 30min};
  import::assign_local_date(a, ctx);
  CHECK(a.utc_offset_s == 3600);
  CHECK(a.local_date == engine::Day{date::year{2026} / 3 / 29});
  // 2026-03-29 22:30 UTC is 00:30 on the 30th (UTC+2, after the change).
  a.start_utc = engine::UtcTime{date::sys_days{date::year{2026} / 3 / 29} + 22h + 30min};
  import::assign_local_date(a, ctx);
  CHECK(a.utc_offset_s == 7200);
  CHECK(a.local_date == engine::Day{date::year{2026} / 3 / 30});
}
