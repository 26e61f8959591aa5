#include "import/strava_csv.hpp"

#include <date/tz.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "import/csv.hpp"
#include "tests/support/catch.hpp"
#include "tests/support/real_data.hpp"

using namespace stride;

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

import::ParseContext context(){import::ParseContext ctx;
ctx.display_name = "activities.csv";
ctx.tz = date::locate_zone("Europe/Berlin");
return ctx;
}  // namespace

std::string utc_text(engine::UtcTime t) {
  return date::format("%FT%TZ", date::floor<std::chrono::seconds>(t));
}

}  // namespace

TEST_CASE("strava csv: repeated columns are read by position", "[import][strava]") {
  const auto rows = import::parse_strava_activities_csv(
      read_file(test::test_data_dir() / "csv" / "strava-duplicates.csv"), context());
  REQUIRE(rows.size() == 5);

  const auto& run = rows[0];
  CHECK(run.error.empty());
  CHECK(run.line == 2);
  CHECK(run.filename == "activities/101.fit.gz");
  const auto& a = run.activity;
  CHECK(utc_text(a.start_utc) == "2026-03-28T23:30:00Z");  // the date is UTC...
  CHECK(a.utc_offset_s == 3600);  // ...the day is Berlin's (CET until 01:00Z)
  CHECK(date::format("%F", a.local_date) == "2026-03-29");
  CHECK(a.sport == engine::Sport::run);
  CHECK(a.distance_m == 5005.2);  // the metres column, not the 3.11 mi one
  CHECK(a.elapsed_s == 1900.5);
  CHECK(a.moving_s == 1800);
  CHECK(a.max_hr_bpm == 171);
  CHECK(a.avg_hr_bpm == 150.2);
  CHECK(a.avg_cadence_spm == 171);  // one foot -> steps per minute
  CHECK(a.elevation_gain_m == 42.5);
  CHECK(a.rpe == 6);
  CHECK(a.shoe == "Pegasus 40");
  CHECK(a.name == "Late run");
  CHECK(a.notes == "Dark, cold");
  CHECK(a.summary_only);

  const auto& ride = rows[1].activity;
  CHECK(ride.sport == engine::Sport::ride);
  CHECK(ride.shoe.empty());                 // a bike is not a shoe
  CHECK(std::isnan(ride.avg_cadence_spm));  // rpm is not steps

  CHECK(rows[2].error == "Strava wrote #error# in column 2 ('Activity Date')");
  CHECK(rows[2].line == 4);

  // Neither distance column has a value: no distance, the times still count.
  const auto& treadmill = rows[3].activity;
  CHECK(rows[3].error.empty());
  CHECK(treadmill.sport == engine::Sport::treadmill_run);
  CHECK(treadmill.distance_m == 0);
  CHECK(treadmill.moving_s == 1200);
  CHECK(treadmill.elapsed_s == 1200);
  CHECK(treadmill.avg_cadence_spm == 160);

  CHECK(rows[4].activity.sport == engine::Sport::strength);
}

TEST_CASE("strava csv: display distances follow the units the file reveals", "[import][strava]") {
  const std::string text =
      "Activity ID,Activity Date,Activity Type,Distance,Distance\n"
      "1,\"Jan 1, 2026, 8:00:00 AM\",Run,3.11,5005.2\n"
      "2,\"Jan 2, 2026, 8:00:00 AM\",Run,2.00,\n";
  const auto rows = import::parse_strava_activities_csv(text, context());
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].activity.distance_m == Approx(2 * 1609.344));
}

TEST_CASE("strava csv: parse_csv imports the rows and reports #error# rows", "[import][strava]") {
  const auto result = import::parse_csv(
      read_file(test::test_data_dir() / "csv" / "strava-duplicates.csv"), context());
  REQUIRE(result.activities.size() == 4);
  CHECK(result.activities[2].source.index_in_file == 3);
  CHECK(result.activities[0].source.format == "csv");
  REQUIRE(result.warnings.size() == 1);
  CHECK(import::format_location("activities.csv", result.warnings[0].where,
                                result.warnings[0].message) ==
        "activities.csv:4: row skipped: Strava wrote #error# in column 2 ('Activity Date')");
}

TEST_CASE("strava csv: a file that is not Strava's says so", "[import][strava]") {
  CHECK_THROWS_WITH(
      import::parse_strava_activities_csv("date,distance\n2026-01-01,5\n", context()),
      "activities.csv:1: not a Strava activities.csv (no Activity Date and Activity Type "
      "columns)");
}

TEST_CASE("strava csv: placeholder dates are errors, early ones warnings", "[import][strava]") {
  const auto rows = import::parse_strava_activities_csv(
      "Activity ID,Activity Date,Activity Type,Distance\n"
      "1,\"Dec 13, 1901, 8:45:52 PM\",Run,5.0\n"
      "2,\"Jun 1, 1999, 8:00:00 AM\",Run,5.0\n"
      "3,tomorrow,Run,5.0\n",
      context());
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].error == "Activity Date 'Dec 13, 1901, 8:45:52 PM' is before 1970");
  CHECK(rows[1].error.empty());
  // The warning is the finishing step's, the same for every reader.
  CHECK(rows[1].activity.warnings.empty());
  const auto imported = import::parse_csv(
      "Activity ID,Activity Date,Activity Type,Distance\n"
      "2,\"Jun 1, 1999, 8:00:00 AM\",Run,5.0\n",
      context());
  REQUIRE(imported.activities.size() == 1);
  CHECK(imported.activities[0].warnings ==
        std::vector<std::string>{
            "dated 1999-06-01, before 2000: the device clock was probably never set"});
  CHECK(rows[2].error == "Activity Date 'tomorrow' not understood");
  CHECK(rows[2].line == 4);
}
