#include "import/tcx.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/geo.hpp"
#include "import/derive.hpp"
#include "tests/support/catch.hpp"
#include "tests/support/real_data.hpp"

using namespace stride;

namespace {

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

engine::UtcTime utc(const std::string& iso) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  REQUIRE(std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &sec) == 6);
  using namespace std::chrono;
  return engine::UtcTime{date::sys_days{date::year{y} / mo / d} + hours{h} + minutes{mi} +
                         seconds{sec}};
}

constexpr const char* kHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<TrainingCenterDatabase "
    "xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\" "
    "xmlns:ax=\"http://www.garmin.com/xmlschemas/ActivityExtension/v2\" "
    "xmlns:other=\"urn:example:not-garmin\">\n"
    "<Activities>\n";
constexpr const char* kTail = "</Activities>\n</TrainingCenterDatabase>\n";

std::string tcx(const std::string& activities) { return kHead + activities + kTail; }

std::string trackpoint(const std::string& time, const std::string& inner) {
  return "<Trackpoint><Time>" + time + "</Time>" + inner + "</Trackpoint>\n";
}

}  // namespace

TEST_CASE("tcx: every real file matches its manifest figures", "[import][tcx][real]") {
  const auto dir = test::real_data_dir();
  const auto manifest = nlohmann::json::parse(read_all(dir / "MANIFEST.json"));
  int checked = 0;
  for (const auto& entry : manifest) {
    const std::string file = entry.at("file");
    if (file.rfind("tcx/", 0) != 0) continue;
    const auto& facts = entry.at("facts");
    DYNAMIC_SECTION(file) {
      import::ParseContext ctx;
      ctx.display_name = file;
      const auto result = import::parse_tcx(read_all(dir / file), ctx);
      REQUIRE(result.activities.size() == facts.at("activities").get<std::size_t>());
      const auto& a = result.activities.front();
      CHECK(a.start_utc == utc(facts.at("start_time_utc")));
      const double lap_m = facts.at("lap_distance_m");
      CHECK(a.distance_m == Approx(lap_m).epsilon(0.01));
      CHECK(std::abs(a.elapsed_s - facts.at("elapsed_s").get<double>()) <= 2.0);
      CHECK(std::abs(a.moving_s - facts.at("lap_total_time_s").get<double>()) <= 2.0);
      CHECK(a.points.size() == facts.at("trackpoints").get<std::size_t>());
      std::size_t with_position = 0, with_hr = 0;
      for (const auto& p : a.points) {
        with_position += p.has_position();
        with_hr += !std::isnan(p.hr_bpm);
      }
      CHECK(with_position == facts.at("trackpoints_with_position").get<std::size_t>());
      CHECK(with_hr == facts.at("trackpoints_with_hr").get<std::size_t>());
      const std::string sport = facts.at("sport");
      const auto expected = sport == "Running"  ? engine::Sport::run
                            : sport == "Biking" ? engine::Sport::ride
                                                : engine::Sport::other;
      CHECK(a.sport == expected);
      CHECK(a.source.format == "tcx");
      CHECK(a.source.file_name == file);
      ++checked;
    }
  }
  CHECK(checked > 0);
}

TEST_CASE("tcx: leading whitespace before the XML declaration still imports",
          "[import][tcx][real]") {
  const auto bytes = read_all(test::real_data_dir() / "tcx/sportslib__6281425038.tcx");
  REQUIRE(bytes.substr(0, 10) == std::string(10, ' '));
  const auto result = import::parse_tcx(bytes, {});
  REQUIRE(result.activities.size() == 1);
  // Polar writes one-foot cadence in Trackpoint/Cadence for runs: doubled.
  const auto& p = result.activities[0].points.back();
  CHECK(p.cadence_spm == 2 * 63);
}

TEST_CASE("tcx: a treadmill run without positions imports with the lap distance", "[import][tcx]") {
  const std::string bytes =
      tcx("<Activity Sport=\"Running\"><Id>2025-10-24T15:25:26Z</Id>"
          "<Lap StartTime=\"2025-10-24T15:25:26Z\"><TotalTimeSeconds>600</TotalTimeSeconds>"
          "<DistanceMeters>1500.5</DistanceMeters><Track>\n" +
          trackpoint("2025-10-24T15:25:26Z",
                     "<DistanceMeters>0</DistanceMeters><HeartRateBpm><Value>120</Value>"
                     "</HeartRateBpm><Extensions><ax:TPX><ax:Speed>2.5</ax:Speed>"
                     "<ax:RunCadence>80</ax:RunCadence></ax:TPX></Extensions>") +
          trackpoint("2025-10-24T15:35:26Z",
                     "<DistanceMeters>1500.5</DistanceMeters><HeartRateBpm><Value>140</Value>"
                     "</HeartRateBpm><Extensions><ax:TPX><ax:Speed>2.6</ax:Speed>"
                     "<ax:RunCadence>84</ax:RunCadence></ax:TPX></Extensions>") +
          "</Track></Lap></Activity>\n");
  const auto result = import::parse_tcx(bytes, {});
  REQUIRE(result.activities.size() == 1);
  const auto& a = result.activities[0];
  CHECK(a.distance_m == 1500.5);
  CHECK(a.moving_s == 600);
  CHECK(a.elapsed_s == 600);
  REQUIRE(a.points.size() == 2);
  CHECK_FALSE(a.points[0].has_position());
  CHECK(a.points[0].cadence_spm == 160);
  CHECK(a.points[1].cadence_spm == 168);
  CHECK(a.points[1].speed_mps == 2.6);
  CHECK(a.points[1].hr_bpm == 140);
  CHECK(a.avg_hr_bpm == Approx(130));
  CHECK(a.avg_cadence_spm == Approx(164));
}

TEST_CASE("tcx: extensions are matched by namespace URI, not by prefix", "[import][tcx]") {
  const std::string bytes =
      tcx("<Activity Sport=\"Running\"><Lap StartTime=\"2024-05-01T06:00:00Z\"><Track>\n" +
          trackpoint("2024-05-01T06:00:00Z",
                     "<Extensions><other:TPX><other:RunCadence>99</other:RunCadence></other:TPX>"
                     "</Extensions>") +
          trackpoint("2024-05-01T06:00:01Z",
                     "<Extensions><TPX xmlns=\"http://www.garmin.com/xmlschemas/ActivityExtension/"
                     "v2\"><RunCadence>85</RunCadence></TPX></Extensions>") +
          "</Track></Lap></Activity>\n");
  const auto a = import::parse_tcx(bytes, {}).activities.at(0);
  CHECK(std::isnan(a.points.at(0).cadence_spm));
  CHECK(a.points.at(1).cadence_spm == 170);
}

TEST_CASE("tcx: without lap totals, distance and moving time come from the points",
          "[import][tcx]") {
  // 11 points 0.001 degrees of latitude apart, 40 s each: about 1112 m.
  std::string points;
  for (int i = 0; i <= 10; ++i) {
    char time[32];
    std::snprintf(time, sizeof time, "2024-05-01T06:%02d:%02dZ", (i * 40) / 60, (i * 40) % 60);
    char pos[160];
    std::snprintf(pos, sizeof pos,
                  "<Position><LatitudeDegrees>%.3f</LatitudeDegrees>"
                  "<LongitudeDegrees>7.0</LongitudeDegrees></Position>",
                  46.0 + 0.001 * i);
    points += trackpoint(time, pos);
  }
  const std::string bytes =
      tcx("<Activity Sport=\"Running\"><Lap StartTime=\"2024-05-01T06:00:00Z\">"
          "<Track>\n" +
          points + "</Track></Lap></Activity>\n");
  const auto a = import::parse_tcx(bytes, {}).activities.at(0);
  REQUIRE(a.points.size() == 11);
  CHECK(a.distance_m == Approx(engine::haversine_m(46.0, 7.0, 46.01, 7.0)).epsilon(0.01));
  const std::size_t starts[] = {0};
  CHECK(a.moving_s == import::derive_from_points(a.points, starts).moving_s);
  CHECK(a.elapsed_s == 400);
}

TEST_CASE("tcx: a time with an offset gives the source's offset and local day", "[import][tcx]") {
  const std::string bytes =
      tcx("<Activity Sport=\"Running\"><Lap StartTime=\"2026-03-29T00:30:00+02:00\">"
          "<TotalTimeSeconds>60</TotalTimeSeconds><DistanceMeters>200</DistanceMeters><Track>\n" +
          trackpoint("2026-03-29T00:30:00+02:00", "") + trackpoint("2026-03-28T22:31:00Z", "") +
          "</Track></Lap></Activity>\n");
  import::ParseContext ctx;
  ctx.tz = date::locate_zone("America/New_York");
  const auto a = import::parse_tcx(bytes, ctx).activities.at(0);
  CHECK(a.start_utc == utc("2026-03-28T22:30:00Z"));
  CHECK(a.offset_from_source);
  CHECK(a.utc_offset_s == 7200);
  CHECK(a.local_date == engine::Day{date::year{2026} / 3 / 29});
  CHECK(a.elapsed_s == 60);
}

TEST_CASE("tcx: a time in UTC takes the profile's time zone", "[import][tcx]") {
  const std::string bytes =
      tcx("<Activity Sport=\"Biking\"><Lap StartTime=\"2026-03-29T02:30:00Z\"><Track>\n" +
          trackpoint("2026-03-29T02:30:00Z", "") + "</Track></Lap></Activity>\n");
  import::ParseContext ctx;
  ctx.tz = date::locate_zone("America/New_York");
  const auto a = import::parse_tcx(bytes, ctx).activities.at(0);
  CHECK_FALSE(a.offset_from_source);
  CHECK(a.utc_offset_s == -4 * 3600);
  CHECK(a.local_date == engine::Day{date::year{2026} / 3 / 28});
  CHECK(a.sport == engine::Sport::ride);
}

TEST_CASE("tcx: one activity per Activity element", "[import][tcx]") {
  const std::string one =
      "<Activity Sport=\"Running\"><Lap StartTime=\"2024-05-01T06:00:00Z\">"
      "<TotalTimeSeconds>100</TotalTimeSeconds><DistanceMeters>300"
      "</DistanceMeters></Lap></Activity>\n";
  const std::string two =
      "<Activity Sport=\"Other\"><Lap StartTime=\"2024-05-02T06:00:00Z\">"
      "<TotalTimeSeconds>200</TotalTimeSeconds><DistanceMeters>400"
      "</DistanceMeters></Lap><Lap StartTime=\"2024-05-02T06:04:00Z\">"
      "<TotalTimeSeconds>50</TotalTimeSeconds><DistanceMeters>100"
      "</DistanceMeters></Lap></Activity>\n";
  const auto result = import::parse_tcx(tcx(one + two), {});
  REQUIRE(result.activities.size() == 2);
  CHECK(result.activities[0].distance_m == 300);
  CHECK(result.activities[0].source.index_in_file == 0);
  CHECK(result.activities[1].distance_m == 500);
  CHECK(result.activities[1].moving_s == 250);
  // No trackpoints: elapsed falls back to the lap time.
  CHECK(result.activities[1].elapsed_s == 250);
  CHECK(result.activities[1].sport == engine::Sport::other);
  CHECK(result.activities[1].source.index_in_file == 1);
}

TEST_CASE("tcx: placeholder and unset-clock dates", "[import][tcx]") {
  SECTION("times before 1970 count as missing") {
    const std::string bytes =
        tcx("<Activity Sport=\"Running\"><Lap StartTime=\"1901-01-01T00:00:00Z\">"
            "<Track>\n" +
            trackpoint("1901-01-01T00:00:00Z", "") + "</Track></Lap></Activity>\n");
    CHECK_THROWS_WITH(import::parse_tcx(bytes, {}),
                      "input:4:1: no usable timestamps in the activity");
  }
  SECTION("a date before 2000 imports with a warning") {
    const std::string bytes =
        tcx("<Activity Sport=\"Running\"><Lap StartTime=\"1989-12-31T10:00:00Z\">"
            "<TotalTimeSeconds>60</TotalTimeSeconds></Lap></Activity>\n");
    const auto a = import::parse_tcx(bytes, {}).activities.at(0);
    REQUIRE(a.warnings.size() == 1);
    CHECK(a.warnings[0] ==
          "dated 1989-12-31, before 2000: the device clock was probably never set");
  }
}

TEST_CASE("tcx: bad values are warnings with their position", "[import][tcx]") {
  const std::string bytes =
      tcx("<Activity Sport=\"Running\"><Lap StartTime=\"2024-05-01T06:00:00Z\"><Track>\n" +
          trackpoint("2024-05-01T06:00:00Z", "<HeartRateBpm><Value>fast</Value></HeartRateBpm>") +
          trackpoint("yesterday", "") + "</Track></Lap></Activity>\n");
  const auto result = import::parse_tcx(bytes, {});
  REQUIRE(result.warnings.size() == 2);
  CHECK(result.warnings[0].where.line == 5);
  CHECK(result.warnings[0].message == "<Value> is not a number: \"fast\"");
  CHECK(result.warnings[1].where.line == 6);
  CHECK(result.warnings[1].message == "<Time> is not a valid time: \"yesterday\"");
  REQUIRE(result.activities.at(0).points.size() == 2);
  CHECK_FALSE(result.activities[0].points[1].has_time);
}

TEST_CASE("tcx: coordinates out of range or not numbers are dropped, counted once",
          "[import][tcx]") {
  auto position = [](const std::string& lat, const std::string& lon) {
    return "<Position><LatitudeDegrees>" + lat + "</LatitudeDegrees><LongitudeDegrees>" + lon +
           "</LongitudeDegrees></Position>";
  };
  auto activity = [](const std::string& points) {
    return tcx("<Activity Sport=\"Running\"><Lap StartTime=\"2024-05-01T06:00:00Z\"><Track>\n" +
               points + "</Track></Lap></Activity>\n");
  };
  // Lines 5..8: a good point, latitude 95, longitude "east", a good point.
  const auto result =
      import::parse_tcx(activity(trackpoint("2024-05-01T06:00:00Z", position("46", "7")) +
                                 trackpoint("2024-05-01T06:01:00Z", position("95", "7")) +
                                 trackpoint("2024-05-01T06:02:00Z", position("46.005", "east")) +
                                 trackpoint("2024-05-01T06:03:00Z", position("46.01", "7"))),
                        {});
  const engine::Activity& a = result.activities.at(0);
  REQUIRE(a.points.size() == 4);
  CHECK(std::isnan(a.points[1].lat_deg));
  CHECK(std::isnan(a.points[2].lat_deg));
  CHECK(a.distance_m == Approx(engine::haversine_m(46.0, 7.0, 46.01, 7.0)).epsilon(0.001));
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].where.line == 6);
  CHECK(result.warnings[0].message ==
        "2 of 4 point(s) with coordinates outside ±90/±180 or not numbers: their positions "
        "dropped (the first here: lat '95', lon '7')");

  import::ParseContext ctx;
  ctx.display_name = "run.tcx";
  // No position left and no distance reading: nothing to measure.
  const std::string none = activity(trackpoint("2024-05-01T06:00:00Z", position("-120", "7")) +
                                    trackpoint("2024-05-01T06:01:00Z", position("", "7")));
  CHECK_THROWS_WITH(import::parse_tcx(none, ctx),
                    Catch::StartsWith("run.tcx:5:") &&
                        Catch::EndsWith(": no usable point: the coordinates of all 2 point(s) "
                                        "are outside ±90/±180 or not numbers (the first: lat "
                                        "'-120', lon '7')"));
  // A foot pod's distance keeps the points usable.
  const std::string pod =
      activity(trackpoint("2024-05-01T06:00:00Z",
                          position("-120", "7") + "<DistanceMeters>0</DistanceMeters>") +
               trackpoint("2024-05-01T06:01:00Z",
                          position("-120", "7") + "<DistanceMeters>250</DistanceMeters>"));
  const auto pod_result = import::parse_tcx(pod, ctx);
  CHECK(pod_result.activities.at(0).distance_m == 250);
  CHECK(pod_result.warnings.size() == 1);
}

TEST_CASE("tcx: unusable files fail with name, line and column", "[import][tcx]") {
  import::ParseContext ctx;
  ctx.display_name = "run.tcx";
  SECTION("malformed XML") {
    CHECK_THROWS_WITH(import::parse_tcx("<TrainingCenterDatabase>\n  <Activities>\n</Foo>", ctx),
                      "run.tcx:3:3: XML error: Start-end tags mismatch");
  }
  SECTION("a DOCTYPE with entities is refused") {
    const std::string bomb =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">]>\n"
        "<TrainingCenterDatabase/>";
    CHECK_THROWS_WITH(import::parse_tcx(bomb, ctx),
                      "run.tcx:2:1: DOCTYPE and entity declarations are not allowed");
  }
  SECTION("another XML document") {
    CHECK_THROWS_WITH(import::parse_tcx("<gpx version=\"1.1\"></gpx>", ctx),
                      "run.tcx:1:1: not a TCX file: the root element is <gpx>, not "
                      "<TrainingCenterDatabase>");
  }
  SECTION("no activity") {
    CHECK_THROWS_WITH(import::parse_tcx(tcx(""), ctx),
                      "run.tcx:2:1: no <Activity> in the file (courses and workouts are not "
                      "imported)");
  }
  SECTION("empty") {
    CHECK_THROWS_WITH(import::parse_tcx("", ctx),
                      "run.tcx:1:1: XML error: No document element found");
  }
}

TEST_CASE("tcx: a two-lap run in local time with a pause", "[import][tcx]") {
  import::ParseContext ctx;
  ctx.display_name = "offset-extensions.tcx";
  ctx.tz = date::locate_zone("UTC");
  const auto result =
      import::parse_tcx(read_all(test::test_data_dir() / "tcx/offset-extensions.tcx"), ctx);
  CHECK(result.warnings.empty());
  REQUIRE(result.activities.size() == 1);
  const auto& a = result.activities[0];
  CHECK(a.start_utc == utc("2025-01-05T07:00:00Z"));
  CHECK(a.utc_offset_s == 3600);
  CHECK(a.offset_from_source);
  CHECK(a.local_date == engine::Day{date::year{2025} / 1 / 5});
  CHECK(a.distance_m == 2005.5);
  CHECK(a.moving_s == 610);
  CHECK(a.elapsed_s == 730);  // the 2-minute pause counts here only
  REQUIRE(a.points.size() == 4);
  CHECK(a.points[0].cadence_spm == 168);
  CHECK(a.points[0].speed_mps == 3.2);
  CHECK(a.points[0].ele_m == 408);
  CHECK_FALSE(a.points[2].has_position());
  CHECK(a.points[2].distance_m == 1000);
  CHECK(a.points[3].cadence_spm == 176);
  CHECK(a.avg_hr_bpm == Approx(145));
  CHECK(a.max_hr_bpm == 155);
}

TEST_CASE("tcx: inputs the fuzzer found parse or fail with a ParseError", "[import][tcx]") {
  // Anything else escaping (or a sanitizer report in build-asan) fails the test.
  const auto dir = test::test_data_dir() / "fuzz" / "tcx";
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    INFO(e.path().string());
    try {
      (void)import::parse_tcx(read_all(e.path()), {});
    } catch (const import::ParseError&) {
    }
    ++files;
  }
  CHECK(files >= 4);
}

TEST_CASE("tcx: a multisport session gives one activity per sport", "[import][tcx]") {
  const std::string bytes =
      tcx("<MultiSportSession><Id>2024-06-01T07:00:00Z</Id>"
          "<FirstSport><Activity Sport=\"biking\"><Lap StartTime=\"2024-06-01T07:00:00Z\">"
          "<TotalTimeSeconds>3600</TotalTimeSeconds><DistanceMeters>30000</DistanceMeters></Lap>"
          "</Activity></FirstSport>"
          "<NextSport><Activity Sport=\"Running\"><Lap StartTime=\"2024-06-01T08:05:00Z\">"
          "<TotalTimeSeconds>1800</TotalTimeSeconds><DistanceMeters>6000</DistanceMeters></Lap>"
          "</Activity></NextSport></MultiSportSession>\n");
  const auto result = import::parse_tcx(bytes, {});
  REQUIRE(result.activities.size() == 2);
  CHECK(result.activities[0].sport == engine::Sport::ride);
  CHECK(result.activities[0].distance_m == 30000);
  CHECK(result.activities[1].sport == engine::Sport::run);
  CHECK(result.activities[1].start_utc == utc("2024-06-01T08:05:00Z"));
}
