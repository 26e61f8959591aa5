#include "import/apple_health.hpp"

#include <fmt/format.h>

#include <cmath>

#include "tests/import/export_fixtures.hpp"
#include "tests/support/catch.hpp"

using namespace stride;
namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {

// The fixture's workouts (tests/data/exports/make_exports.py: W1, ...).
constexpr std::int64_t kW1 = 1556749800;  // 2019-05-01T22:30:00Z run, km attributes, GPX route
constexpr std::int64_t kW2 = 1556960400;  // 2019-05-04T09:00:00Z walk in miles, no route
constexpr std::int64_t kW3 = 1686376800;  // 2023-06-10T06:00:00Z run, WorkoutStatistics
constexpr std::int64_t kW4 = 1503241200;  // 2017-08-20T15:00:00Z ride, inline <Location>
constexpr std::int64_t kW6 = 1686679200;  // 2023-06-13T18:00:00Z strength

date::local_days day(int y, unsigned m, unsigned d) {
  return date::local_days{date::year{y} / m / d};
}

std::string workout_xml(std::string_view attrs, std::string_view children = {}) {
  return fmt::format(
      "<?xml version=\"1.0\"?>\n<HealthData locale=\"en_US\">\n"
      " <Workout workoutActivityType=\"HKWorkoutActivityTypeRunning\" {}>{}</Workout>\n"
      "</HealthData>\n",
      attrs, children);
}

}  // namespace

TEST_CASE("apple: an export is one activity per workout of a sport stride knows",
          "[import][apple]") {
  const auto dir = test::exports_dir();
  const fs::path path = GENERATE_COPY(dir / "apple_health_export", dir / "export.zip",
                                      dir / "apple_health_export" / "export.xml");
  INFO(path);
  const auto got = test::collect(path);
  CHECK(got.failures.empty());
  // Yoga is not one of them; export_cda.xml is not looked at.
  REQUIRE(got.activities.size() == 5);
  CHECK(got.skipped.empty());

  // Older export: attributes in km, its GPX route, HKTimeZone for the day.
  const auto* w1 = got.starting_at(kW1);
  REQUIRE(w1 != nullptr);
  CHECK(w1->sport == engine::Sport::run);
  CHECK(w1->source.format == "apple_health");
  CHECK(w1->distance_m == Approx(5250));
  CHECK(w1->moving_s == Approx(1800));   // duration="30" durationUnit="min"
  CHECK(w1->elapsed_s == Approx(1830));  // endDate - startDate
  CHECK(w1->avg_hr_bpm == Approx((140 + 150 + 145 + 160) / 4.0));  // the 100 before it is not
  CHECK(w1->max_hr_bpm == 160);
  CHECK(w1->utc_offset_s == 7200);           // Europe/Zurich in May
  CHECK(w1->local_date == day(2019, 5, 2));  // 00:30 in Zurich, 22:30 the day before in UTC
  CHECK_FALSE(w1->summary_only);
  CHECK(w1->points.size() == 181);

  // Miles, no route, no time zone: the profile's (UTC here).
  const auto* w2 = got.starting_at(kW2);
  REQUIRE(w2 != nullptr);
  CHECK(w2->sport == engine::Sport::walk);
  CHECK(w2->distance_m == Approx(2 * 1609.344));
  CHECK(w2->moving_s == Approx(2700));
  CHECK(w2->summary_only);
  CHECK(w2->points.empty());
  CHECK(std::isnan(w2->avg_hr_bpm));
  CHECK(w2->local_date == day(2019, 5, 4));

  // Newer export: figures in WorkoutStatistics; its route's times are a day off.
  const auto* w3 = got.starting_at(kW3);
  REQUIRE(w3 != nullptr);
  CHECK(w3->distance_m == Approx(10500));
  CHECK(w3->moving_s == Approx(3300));
  CHECK(w3->avg_hr_bpm == Approx(125));  // the records, not the statistics' 158
  CHECK(w3->points.empty());
  CHECK(w3->summary_only);
  std::size_t route_warnings = 0;
  for (const auto& w : got.warnings)
    if (w.find("route_2023-06-10_8.00am.gpx: its times (2023-06-09T06:00:00Z to "
               "2023-06-09T06:55:00Z) lie outside the workout") != std::string::npos)
      ++route_warnings;
  CHECK(route_warnings == 1);

  // 2017: the route inline, as <Location> elements.
  const auto* w4 = got.starting_at(kW4);
  REQUIRE(w4 != nullptr);
  CHECK(w4->sport == engine::Sport::ride);
  CHECK(w4->distance_m == Approx(20700));
  REQUIRE(w4->points.size() == 51);
  CHECK(w4->points.front().lat_deg == Approx(47.3));
  CHECK(w4->points.back().ele_m == Approx(420.5));
  CHECK_FALSE(w4->summary_only);

  const auto* w6 = got.starting_at(kW6);
  REQUIRE(w6 != nullptr);
  CHECK(w6->sport == engine::Sport::strength);
  CHECK(w6->distance_m == 0);
  CHECK(w6->moving_s == Approx(2400));
}

TEST_CASE("apple: units, indoor runs and time zones as the workout names them", "[import][apple]") {
  import::ParseContext ctx;
  const auto scan = import::scan_apple_health(
      workout_xml("duration=\"1.5\" durationUnit=\"h\" totalDistance=\"10000\" "
                  "totalDistanceUnit=\"m\" startDate=\"2024-01-01 23:30:00 -0500\" "
                  "endDate=\"2024-01-02 01:00:00 -0500\"",
                  "<MetadataEntry key=\"HKIndoorWorkout\" value=\"1\"/>"
                  "<MetadataEntry key=\"HKTimeZone\" value=\"America/New_York\"/>"),
      ctx);
  REQUIRE(scan.workouts.size() == 1);
  const auto& a = scan.workouts[0].activity;
  CHECK(a.sport == engine::Sport::treadmill_run);
  REQUIRE(a.surface_m.size() == 1);
  CHECK(a.surface_m[0].surface == engine::Surface::treadmill);
  CHECK(a.moving_s == Approx(5400));
  CHECK(a.distance_m == Approx(10000));
  CHECK(a.utc_offset_s == -5 * 3600);
  CHECK(a.local_date == day(2024, 1, 1));
  CHECK(scan.workouts[0].line == 3);
}

TEST_CASE("apple: bad XML fails with its line; entity declarations are refused",
          "[import][apple]") {
  import::ParseContext ctx;
  ctx.display_name = "export.xml";
  CHECK_THROWS_WITH(import::scan_apple_health("<HealthData>\n<Workout></HealthData>", ctx),
                    Contains("export.xml:2:") && Contains("mismatched tag"));
  const std::string laughs =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE HealthData [\n <!ENTITY a \"aaaaaaaaaa\">\n"
      " <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n]>\n<HealthData>&b;</HealthData>\n";
  CHECK_THROWS_WITH(import::scan_apple_health(laughs, ctx),
                    Contains("export.xml:3:") && Contains("entity declarations are not accepted"));
}

TEST_CASE("apple: inline locations outside ±90/±180 or not numbers are dropped, counted once",
          "[import][apple]") {
  import::ParseContext ctx;
  ctx.display_name = "export.xml";
  // Four locations a minute apart: latitude 91, longitude "east", two good ones.
  std::string route = "<WorkoutRoute>";
  const char* const lat_lon[][2] = {
      {"47.300", "8.500"}, {"91", "8.500"}, {"47.302", "east"}, {"47.304", "8.500"}};
  for (int i = 0; i < 4; ++i)
    route += fmt::format(
        "<Location date=\"2017-08-20 17:0{}:00 +0200\" latitude=\"{}\" longitude=\"{}\"/>", i,
        lat_lon[i][0], lat_lon[i][1]);
  route += "</WorkoutRoute>";
  const auto scan = import::scan_apple_health(
      workout_xml("duration=\"4\" durationUnit=\"min\" totalDistance=\"0.45\" "
                  "totalDistanceUnit=\"km\" startDate=\"2017-08-20 17:00:00 +0200\" "
                  "endDate=\"2017-08-20 17:04:00 +0200\"",
                  route),
      ctx);
  REQUIRE(scan.workouts.size() == 1);
  CHECK(scan.workouts[0].dropped_locations == 2);
  const auto r = import::apple_workout_activity(scan.workouts[0], std::nullopt, ctx);
  REQUIRE(r.activities.size() == 1);
  CHECK(r.activities[0].points.size() == 2);
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].message ==
        "2 inline <Location> point(s) with coordinates outside ±90/±180 or not numbers: dropped");
}

TEST_CASE("apple: a route file's own warnings name the file and its position", "[import][apple]") {
  import::ParseContext ctx;
  ctx.display_name = "export.xml";
  const auto scan = import::scan_apple_health(
      workout_xml("duration=\"3\" durationUnit=\"min\" totalDistance=\"0.5\" "
                  "totalDistanceUnit=\"km\" startDate=\"2019-05-02 00:30:00 +0200\" "
                  "endDate=\"2019-05-02 00:33:00 +0200\"",
                  "<WorkoutRoute><FileReference path=\"/workout-routes/route_a.gpx\"/>"
                  "</WorkoutRoute>"),
      ctx);
  REQUIRE(scan.workouts.size() == 1);
  REQUIRE(scan.workouts[0].route_file == "workout-routes/route_a.gpx");
  // Four points a minute apart, the third with latitude 95.
  std::string gpx =
      "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"Apple Health Export\" "
      "xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><trkseg>\n";
  const char* const lat[] = {"47.300", "47.301", "95", "47.303"};
  for (int i = 0; i < 4; ++i)
    gpx += fmt::format("<trkpt lat=\"{}\" lon=\"8.5\"><time>2019-05-01T22:3{}:00Z</time></trkpt>\n",
                       lat[i], i);
  gpx += "</trkseg></trk></gpx>\n";
  const auto r = import::apple_workout_activity(scan.workouts[0], gpx, ctx);
  REQUIRE(r.activities.size() == 1);
  CHECK(r.activities[0].points.size() == 4);
  REQUIRE(r.warnings.size() == 1);
  CHECK_THAT(r.warnings[0].message,
             Contains("workout-routes/route_a.gpx:") &&
                 Contains("1 of 4 point(s) with coordinates outside ±90/±180"));
  CHECK(r.warnings[0].where.line == 3);  // the workout's line in export.xml
}

TEST_CASE("apple: a workout without dates fails alone, with its line", "[import][apple]") {
  import::ParseContext ctx;
  ctx.display_name = "export.xml";
  const auto scan = import::scan_apple_health(workout_xml("duration=\"30\""), ctx);
  REQUIRE(scan.workouts.size() == 1);
  CHECK_THROWS_WITH(import::apple_workout_activity(scan.workouts[0], std::nullopt, ctx),
                    Contains("export.xml:3: a Workout without usable startDate and endDate"));
}
