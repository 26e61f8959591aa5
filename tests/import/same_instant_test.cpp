// The same date-time text means the same instant in every reader (issue 17:
// `+0100` used to import from a GPX file and fail a TCX file).
#include <date/date.h>
#include <date/tz.h>

#include <string>

#include "import/csv.hpp"
#include "import/gpx.hpp"
#include "import/tcx.hpp"
#include "plans/plan_yaml.hpp"
#include "tests/support/catch.hpp"

using namespace stride;

namespace {

import::ParseContext context(){import::ParseContext ctx;
ctx.display_name = "input";
ctx.tz = date::locate_zone("America/New_York");  // never the offset the texts carry
return ctx;
}  // namespace

std::string gpx(const std::string& t1, const std::string& t2) {
  return "<gpx xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><trkseg>"
         "<trkpt lat=\"47\" lon=\"8\"><time>" +
         t1 + "</time></trkpt><trkpt lat=\"47.01\" lon=\"8\"><time>" + t2 +
         "</time></trkpt></trkseg></trk></gpx>";
}

std::string tcx(const std::string& t1, const std::string& t2) {
  return "<TrainingCenterDatabase "
         "xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\">"
         "<Activities><Activity Sport=\"Running\"><Id>" +
         t1 + "</Id><Lap StartTime=\"" + t1 +
         "\"><Track>"
         "<Trackpoint><Time>" +
         t1 +
         "</Time><Position><LatitudeDegrees>47</LatitudeDegrees><LongitudeDegrees>8</"
         "LongitudeDegrees></Position></Trackpoint>"
         "<Trackpoint><Time>" +
         t2 +
         "</Time><Position><LatitudeDegrees>47.01</LatitudeDegrees><LongitudeDegrees>8</"
         "LongitudeDegrees></Position></Trackpoint>"
         "</Track></Lap></Activity></Activities></TrainingCenterDatabase>";
}

std::string csv(const std::string& t1) { return "Date,Distance (km)\n" + t1 + ",1.1\n"; }

}  // namespace

TEST_CASE("same text, same instant: GPX, TCX, CSV and plans", "[import][iso8601]") {
  using namespace std::chrono;
  // 2026-11-20 23:30 at +01:00 is 22:30 UTC: the local date (the 20th) is
  // the source's, not New York's and not UTC's next day.
  const engine::UtcTime expected{date::sys_days{date::year{2026} / 11 / 20} + hours{22} +
                                 minutes{30}};
  const engine::Day day{date::year{2026} / 11 / 20};
  const struct {
    const char* first;
    const char* second;
  } spellings[] = {
      {"2026-11-20T23:30:00+01:00", "2026-11-20T23:40:00+01:00"},
      {"2026-11-20T23:30:00+0100", "2026-11-20T23:40:00+0100"},
      {"2026-11-20 23:30:00 +0100", "2026-11-20 23:40:00 +0100"},  // Apple's spelling
      {"2026-11-20T23:30:00.000+01", "2026-11-20T23:40:00.000+01"},
  };
  const auto ctx = context();
  for (const auto& s : spellings) {
    INFO(s.first);
    const auto g = import::parse_gpx(gpx(s.first, s.second), ctx);
    const auto t = import::parse_tcx(tcx(s.first, s.second), ctx);
    const auto c = import::parse_csv(csv(s.first), ctx);
    for (const auto* r : {&g, &t, &c}) {
      REQUIRE(r->activities.size() == 1);
      const engine::Activity& a = r->activities[0];
      CHECK(a.start_utc == expected);
      CHECK(a.utc_offset_s == 3600);
      CHECK(a.offset_from_source);
      CHECK(a.local_date == day);
    }
  }
  // Z and no zone: the same instant; the local date comes from the profile's
  // zone (New York: 17:30 on the 20th).
  for (const char* text : {"2026-11-20T22:30:00Z", "2026-11-20T22:30:00+00:00"}) {
    INFO(text);
    const auto g = import::parse_gpx(gpx(text, "2026-11-20T22:40:00Z"), ctx);
    const auto t = import::parse_tcx(tcx(text, "2026-11-20T22:40:00Z"), ctx);
    for (const auto* r : {&g, &t}) {
      REQUIRE(r->activities.size() == 1);
      CHECK(r->activities[0].start_utc == expected);
      CHECK(r->activities[0].local_date == day);
      CHECK(r->activities[0].utc_offset_s == -5 * 3600);
    }
  }
  // A plan names days in the same spelling as the date part.
  const plans::Plan plan = plans::read_plan_yaml(
      "stride_plan: 1\nstart: 2026-11-16\nweeks:\n  - week: 1\n    days:\n"
      "      - date: 2026-11-20\n        sessions: [{type: rest}]\n",
      "plan.yaml");
  REQUIRE(plan.weeks.size() == 1);
  REQUIRE(plan.weeks[0].days.size() == 1);
  CHECK(plan.weeks[0].days[0].date == day);
}
