#include "import/garmin_export.hpp"

#include <cmath>

#include "tests/import/export_fixtures.hpp"
#include "tests/support/catch.hpp"

using namespace stride;
namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {

// The fixture's starts (tests/data/exports/make_exports.py: RUN_A, ...).
constexpr std::int64_t kRunA = 1712386800;   // 2024-04-06T07:00:00Z, FIT + summary
constexpr std::int64_t kRunB = 1712529000;   // 2024-04-07T22:30:00Z, summary only
constexpr std::int64_t kRunC = 1712678400;   // 2024-04-09T16:00:00Z, FIT only
constexpr std::int64_t kMulti = 1712995200;  // 2024-04-13T08:00:00Z, run then ride

date::local_days day(int y, unsigned m, unsigned d) {
  return date::local_days{date::year{y} / m / d};
}

}  // namespace

TEST_CASE("garmin: summaries are read in the JSON's units", "[import][garmin]") {
  const std::string json = R"([{"summarizedActivitiesExport": [
    {"activityId": 7, "name": "Tempo", "activityType": "running",
     "beginTimestamp": 1712386800000, "startTimeLocal": 1712394000000,
     "duration": 2712345.0, "elapsedDuration": 2800000.0, "distance": 1000050.0,
     "elevationGain": 12345.0, "avgHr": 151.0, "maxHr": 170.0, "avgRunCadence": 86.5},
    {"activityId": 8, "activityType": {"typeKey": "lap_swimming"},
     "startTimeGmt": 1712400000000, "startTimeLocal": 1712371200000, "distance": 150000.0,
     "duration": 1800000.0},
    {"activityId": 9, "activityType": "running"}]}])";
  import::ParseContext ctx;
  const auto got = import::parse_garmin_summaries(json, ctx);
  REQUIRE(got.size() == 3);
  const auto& a = got[0].activity;
  CHECK(got[0].activity_id == 7);
  CHECK(a.summary_only);
  CHECK(a.sport == engine::Sport::run);
  CHECK(a.name == "Tempo");
  CHECK(a.start_utc.time_since_epoch() == std::chrono::milliseconds(1712386800000));
  CHECK(a.distance_m == Approx(10000.5));  // centimetres
  CHECK(a.moving_s == Approx(2712.345));   // milliseconds
  CHECK(a.elapsed_s == Approx(2800));
  CHECK(a.elevation_gain_m == Approx(123.45));
  CHECK(a.avg_hr_bpm == 151);
  CHECK(a.max_hr_bpm == 170);
  CHECK(a.avg_cadence_spm == Approx(173));  // one foot, doubled
  CHECK(a.utc_offset_s == 7200);            // startTimeLocal - beginTimestamp
  CHECK(a.offset_from_source);
  CHECK(a.local_date == day(2024, 4, 6));
  // 2024-04-06T10:40Z written locally as 02:40: eight hours west, the local day before 10:40Z.
  const auto& b = got[1].activity;
  CHECK(b.sport == engine::Sport::swim);
  CHECK(b.utc_offset_s == -8 * 3600);
  CHECK(b.local_date == day(2024, 4, 6));
  CHECK(b.distance_m == Approx(1500));
  CHECK(b.elapsed_s == Approx(1800));  // no elapsedDuration: the timer time
  CHECK(got[1].error.empty());
  CHECK_THAT(got[2].error, Contains("no start time"));
}

TEST_CASE("garmin: a file that is not a summaries list fails with the reason", "[import][garmin]") {
  import::ParseContext ctx;
  ctx.display_name = "x_summarizedActivities.json";
  CHECK_THROWS_WITH(import::parse_garmin_summaries("{not json", ctx), Contains("not JSON"));
  // Found by the fuzz smoke run: nlohmann's out_of_range escaped as no ParseError.
  CHECK_THROWS_AS(import::parse_garmin_summaries(
                      R"([{"summarizedActivitiesExport": [{"distance": 1E12529000000}]}])", ctx),
                  import::ParseError);
  CHECK_THROWS_WITH(import::parse_garmin_summaries(R"({"sleep": []})", ctx),
                    Contains("no summarizedActivitiesExport list"));
}

TEST_CASE("garmin: activityType keys map to stride's sports", "[import][garmin]") {
  using engine::Sport;
  CHECK(import::garmin_sport("running") == Sport::run);
  CHECK(import::garmin_sport("trail_running") == Sport::trail_run);
  CHECK(import::garmin_sport("treadmill_running") == Sport::treadmill_run);
  CHECK(import::garmin_sport("indoor_running") == Sport::treadmill_run);
  CHECK(import::garmin_sport("track_running") == Sport::run);
  CHECK(import::garmin_sport("hiking") == Sport::hike);
  CHECK(import::garmin_sport("casual_walking") == Sport::walk);
  CHECK(import::garmin_sport("road_biking") == Sport::ride);
  CHECK(import::garmin_sport("gravel_cycling") == Sport::ride);
  CHECK(import::garmin_sport("open_water_swimming") == Sport::swim);
  CHECK(import::garmin_sport("indoor_rowing") == Sport::row);
  CHECK(import::garmin_sport("elliptical") == Sport::elliptical);
  CHECK(import::garmin_sport("strength_training") == Sport::strength);
  CHECK(import::garmin_sport("multi_sport") == Sport::other);
  CHECK(import::garmin_sport("breathwork") == Sport::other);
}

TEST_CASE("garmin: an export is every activity once, from its FIT where there is one",
          "[import][garmin]") {
  const bool zipped = GENERATE(false, true);
  const fs::path path = test::exports_dir() / (zipped ? "garmin-export.zip" : "garmin-export");
  INFO(path);
  const auto got = test::collect(path);
  CHECK(got.failures.empty());
  CHECK(got.warnings.empty());
  // The wellness JSON is not JSON at all: it was never read.
  for (const auto& s : got.skipped) CHECK_THAT(s, !Contains("sleepData"));
  REQUIRE(got.activities.size() == 5);

  // FIT + summary: the FIT's samples and figures, the summary's name and type.
  const auto* a = got.starting_at(kRunA);
  REQUIRE(a != nullptr);
  CHECK_FALSE(a->summary_only);
  CHECK(a->source.format == "fit");
  CHECK(a->sport == engine::Sport::trail_run);  // summary; the FIT says trail too (sub_sport 3)
  CHECK(a->name == "Üetliberg trail");
  CHECK(a->distance_m == Approx(9950));  // the FIT's total, not the summary's 10000
  CHECK(a->points.size() == 361);
  CHECK(a->elevation_gain_m == Approx(450));  // the FIT has none: the summary's 45000 cm
  CHECK(a->utc_offset_s == 7200);
  CHECK(a->local_date == day(2024, 4, 6));

  // A summary without a FIT: summary-only, its own figures.
  const auto* b = got.starting_at(kRunB);
  REQUIRE(b != nullptr);
  CHECK(b->summary_only);
  CHECK(b->source.format == "garmin");
  CHECK(b->sport == engine::Sport::treadmill_run);
  REQUIRE(b->surface_m.size() == 1);
  CHECK(b->surface_m[0].surface == engine::Surface::treadmill);
  CHECK(b->surface_m[0].distance_m == Approx(8046.72));
  CHECK(b->distance_m == Approx(8046.72));
  CHECK(b->moving_s == Approx(2400));
  CHECK(b->elapsed_s == Approx(2430));
  CHECK(b->avg_hr_bpm == 160);
  CHECK(b->avg_cadence_spm == 176);
  CHECK(b->utc_offset_s == -4 * 3600);
  CHECK(b->local_date == day(2024, 4, 7));
  CHECK(b->points.empty());

  // A FIT no summary names: imported as the FIT says.
  const auto* c = got.starting_at(kRunC);
  REQUIRE(c != nullptr);
  CHECK_FALSE(c->summary_only);
  CHECK(c->sport == engine::Sport::run);
  CHECK(c->distance_m == Approx(5000));
  CHECK(c->name.empty());

  // Multisport: one activity per leg, named from the legs' summaries; the
  // parent summary is not an activity of its own.
  const auto* run = got.starting_at(kMulti);
  const auto* ride = got.starting_at(kMulti + 1200);
  REQUIRE(run != nullptr);
  REQUIRE(ride != nullptr);
  CHECK(run->sport == engine::Sport::run);
  CHECK(ride->sport == engine::Sport::ride);
  CHECK(run->distance_m == Approx(5000));
  CHECK(ride->distance_m == Approx(20000));
  CHECK(run->name == "Duathlon");
  CHECK_FALSE(run->summary_only);
  CHECK_FALSE(ride->summary_only);
}

TEST_CASE("garmin: a damaged nested zip fails with its path; the summaries still import",
          "[import][garmin]") {
  const auto got = test::collect(test::exports_dir() / "garmin-damaged.zip");
  REQUIRE(got.failures.size() == 1);
  CHECK_THAT(got.failures[0], Contains("garmin-damaged.zip!DI_CONNECT/DI-Connect-Uploaded-Files/"
                                       "UploadedFiles_0-_Part1.zip: not a readable zip archive"));
  // Every summary but the multisport parent, each from the summary alone.
  REQUIRE(got.activities.size() == 4);
  for (const auto& a : got.activities) CHECK(a.summary_only);
  REQUIRE(got.starting_at(kRunA) != nullptr);
  CHECK(got.starting_at(kRunA)->distance_m == Approx(10000));
  CHECK(got.starting_at(kRunC) == nullptr);  // only its FIT knew it
}
