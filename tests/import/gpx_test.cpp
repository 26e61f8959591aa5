#include "import/gpx.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "engine/geo.hpp"
#include "import/detail/gpx_builder.hpp"
#include "import/detail/gpx_readers.hpp"
#include "tests/support/catch.hpp"
#include "tests/support/real_data.hpp"

using namespace stride;
using namespace std::chrono_literals;

namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string hand_made(const char* name) { return slurp(test::test_data_dir() / "gpx" / name); }

struct Reader {
  const char* name;
  import::ParseResult (*parse)(std::string_view, const import::ParseContext&);
};
// Every behaviour is checked on both readers: parse_gpx picks the stream only
// for huge files, which tests cannot afford to build.
const Reader kReaders[] = {{"dom", import::detail::parse_gpx_dom},
                           {"stream", import::detail::parse_gpx_stream}};

/// The manifest's UTC times ("2014-01-16T18:48:44.340Z"), read independently
/// of the parser under test (date::parse trips -Wmaybe-uninitialized in GCC 12).
engine::UtcTime utc(const std::string& iso) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  double s = 0;
  REQUIRE(std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d:%lfZ", &y, &mo, &d, &h, &mi, &s) == 6);
  const date::sys_days day{date::year{y} / mo / d};
  return engine::UtcTime{day} + std::chrono::hours{h} + std::chrono::minutes{mi} +
         std::chrono::milliseconds{std::llround(s * 1000)};
}

std::string reason_of(const Reader& r, std::string_view bytes, const import::ParseContext& ctx) {
  try {
    r.parse(bytes, ctx);
  } catch (const import::ParseError& e) {
    return e.what();
  }
  FAIL("no ParseError");
  return {};
}

std::string gpx_with_points(const std::string& points, const std::string& trk_extra = "") {
  return "<gpx xmlns=\"http://www.topografix.com/GPX/1/1\"><trk>" + trk_extra + "<trkseg>" +
         points + "</trkseg></trk></gpx>";
}

std::string trkpt(double lat, const std::string& time) {
  return fmt::format("<trkpt lat=\"{}\" lon=\"8\"><time>{}</time></trkpt>", lat, time);
}

}  // namespace

TEST_CASE("gpx: extensions are matched by namespace URI, not prefix", "[import]") {
  const std::string bytes = hand_made("odd-prefixes.gpx");
  for (const Reader& r : kReaders) {
    DYNAMIC_SECTION(r.name) {
      const auto result = r.parse(bytes, {});
      REQUIRE(result.activities.size() == 1);
      const engine::Activity& a = result.activities[0];
      REQUIRE(a.points.size() == 3);
      CHECK(a.points[0].hr_bpm == 120);
      CHECK(a.points[0].cadence_spm == 160);  // one foot, doubled
      CHECK(a.points[1].hr_bpm == 130);       // v1 as the default namespace
      CHECK(std::isnan(a.points[2].hr_bpm));  // the decoy gpxtpx: prefix
      CHECK(a.avg_hr_bpm == 125);
      CHECK(a.max_hr_bpm == 130);
      CHECK(a.avg_cadence_spm == 170);
      CHECK(a.name == "Odd & prefixed");
      CHECK(a.sport == engine::Sport::run);
      CHECK(a.source.format == "gpx");
      CHECK(a.distance_m == Approx(engine::haversine_m(47, 8, 47.002, 8)));
      CHECK(a.elevation_gain_m == 0);  // 2 m is noise
    }
  }
}

TEST_CASE("gpx: GPX 1.0 with several tracks, an empty segment and a gap", "[import]") {
  const std::string bytes = hand_made("gpx10-two-tracks.gpx");
  for (const Reader& r : kReaders) {
    DYNAMIC_SECTION(r.name) {
      const auto result = r.parse(bytes, {});
      REQUIRE(result.activities.size() == 1);
      const engine::Activity& a = result.activities[0];
      CHECK(a.points.size() == 4);
      CHECK(a.start_utc == utc("2011-06-04T08:00:00Z"));
      CHECK(a.elapsed_s == 21 * 60);
      CHECK(a.moving_s == 120);  // the 19 minutes between tracks are not known to be moving
      CHECK(a.distance_m == Approx(2 * engine::haversine_m(46, 14, 46.001, 14)));
      CHECK(a.elevation_gain_m == 30);
      CHECK(a.sport == engine::Sport::run);  // no <type>: run
      CHECK(a.name == "ACTIVE LOG #2");      // the first track with points
      CHECK_FALSE(a.offset_from_source);
      CHECK(result.warnings.empty());
    }
  }
}

TEST_CASE("gpx: a time offset becomes the source offset and a pause is not moving", "[import]") {
  const std::string bytes = hand_made("pause-and-offset.gpx");
  import::ParseContext ctx;
  ctx.tz = date::locate_zone("Europe/Zurich");  // must not be used: the file has an offset
  for (const Reader& r : kReaders) {
    DYNAMIC_SECTION(r.name) {
      const engine::Activity a = r.parse(bytes, ctx).activities.at(0);
      CHECK(a.start_utc == utc("2024-01-01T03:00:00.250Z"));
      CHECK(a.offset_from_source);
      CHECK(a.utc_offset_s == -5 * 3600);
      CHECK(a.local_date == engine::Day{date::year{2023} / 12 / 31});
      CHECK(a.elapsed_s == 240.5);
      CHECK(a.moving_s == 120.5);
      CHECK(a.moving_s < a.elapsed_s);
      CHECK(a.sport == engine::Sport::run);  // Strava's 9
    }
  }
}

TEST_CASE("gpx: without an offset the profile's time zone gives the local date", "[import]") {
  // 23:30 UTC on 28 March is 00:30 on the 29th in Zurich.
  const std::string bytes =
      gpx_with_points(trkpt(47, "2026-03-28T23:30:00Z") + trkpt(47.001, "2026-03-28T23:31:00Z"));
  import::ParseContext ctx;
  ctx.tz = date::locate_zone("Europe/Zurich");
  const engine::Activity a = import::parse_gpx(bytes, ctx).activities.at(0);
  CHECK_FALSE(a.offset_from_source);
  CHECK(a.utc_offset_s == 3600);
  CHECK(a.local_date == engine::Day{date::year{2026} / 3 / 29});
}

TEST_CASE("gpx: malformed XML is reported with line and column", "[import]") {
  const std::string bytes = "<gpx>\n  <trk>\n    <name>x</nmae>\n  </trk>\n</gpx>\n";
  import::ParseContext ctx;
  ctx.display_name = "bad.gpx";
  CHECK(reason_of(kReaders[0], bytes, ctx) == "bad.gpx:3:14: Start-end tags mismatch");
  CHECK(reason_of(kReaders[1], bytes, ctx) == "bad.gpx:3:14: mismatched tag");
  CHECK_THROWS_WITH(import::parse_gpx("", ctx), "bad.gpx:1:1: No document element found");
}

TEST_CASE("gpx: DOCTYPE and entity declarations are refused", "[import]") {
  const std::string bytes = hand_made("billion-laughs.gpx");
  for (const Reader& r : kReaders) {
    DYNAMIC_SECTION(r.name) {
      CHECK(reason_of(r, bytes, {}) ==
            "input:2:1: DOCTYPE declarations are refused: GPX needs none, and their entity "
            "declarations can expand without bound (\"billion laughs\")");
    }
  }
}

TEST_CASE("gpx: files without a track or usable times fail with the reason", "[import]") {
  const std::string no_track =
      "<gpx xmlns=\"http://www.topografix.com/GPX/1/1\"><metadata><time>2023-07-07T16:10:57Z"
      "</time></metadata></gpx>";
  const std::string placeholders =
      gpx_with_points(trkpt(1, "1901-12-13T20:45:52Z") + trkpt(2, "1901-12-13T20:45:52Z"));
  const std::string junk =
      gpx_with_points(trkpt(1, "yesterday") + trkpt(2, "2020-02-30T10:00:00Z"));
  std::string few;
  for (int i = 0; i < 9; ++i) few += fmt::format("<trkpt lat=\"{}\" lon=\"8\"/>", i * 0.001);
  few += trkpt(1, "2020-01-01T10:00:00Z") + trkpt(1.001, "2020-01-01T10:01:00Z");
  few = gpx_with_points(few);
  for (const Reader& r : kReaders) {
    DYNAMIC_SECTION(r.name) {
      CHECK(reason_of(r, no_track, {}) == "input: no track (a GPX with no track points)");
      CHECK(reason_of(r, placeholders, {}) ==
            "input: no usable timestamps (2 of 2 points dated before 1970, a placeholder)");
      CHECK(reason_of(r, junk, {}) ==
            "input:1:84: no usable timestamps (2 unreadable <time> values, the first: "
            "'yesterday')");
      CHECK(reason_of(r, few, {}) ==
            "input: not enough timestamps (2 of 11 points timed; at least 2 and a quarter of "
            "the points must be)");
      CHECK(reason_of(r, "<kml/>", {}) ==
            "input:1:1: not a GPX file: the root element is <kml>, not <gpx>");
    }
  }
}

TEST_CASE("gpx: coordinates out of range or not numbers are dropped, counted once", "[import]") {
  // Four points a minute apart: the second at latitude 95, the third with a
  // latitude that is no number; the first and last 0.001 degrees apart.
  const std::string bad_lat =
      "<trkpt lat=\"north\" lon=\"8\"><time>2024-05-01T07:02:00Z</time></trkpt>";
  const std::string bytes =
      gpx_with_points(trkpt(52, "2024-05-01T07:00:00Z") + trkpt(95, "2024-05-01T07:01:00Z") +
                      bad_lat + trkpt(52.001, "2024-05-01T07:03:00Z"));
  const std::size_t column = bytes.find("<trkpt lat=\"95\"") + 1;
  // Every position dropped: lon 200 and lat -91.
  const std::string none =
      gpx_with_points("<trkpt lat=\"10\" lon=\"200\"><time>2024-05-01T07:00:00Z</time></trkpt>" +
                      trkpt(-91, "2024-05-01T07:01:00Z"));
  const std::size_t none_column = none.find("<trkpt") + 1;
  for (const Reader& r : kReaders) {
    DYNAMIC_SECTION(r.name) {
      const auto result = r.parse(bytes, {});
      const engine::Activity& a = result.activities.at(0);
      // The points stay (their times count), without positions.
      REQUIRE(a.points.size() == 4);
      CHECK(std::isnan(a.points[1].lat_deg));
      CHECK(std::isnan(a.points[2].lat_deg));
      CHECK(a.points[3].lat_deg == 52.001);
      CHECK(a.elapsed_s == 180);
      CHECK(a.distance_m == Approx(engine::haversine_m(52, 8, 52.001, 8)).epsilon(0.001));
      REQUIRE(result.warnings.size() == 1);
      CHECK(
          import::format_location("input", result.warnings[0].where, result.warnings[0].message) ==
          fmt::format("input:1:{}: 2 of 4 point(s) with coordinates outside ±90/±180 or not "
                      "numbers: their positions dropped (the first here: lat '95', lon '8')",
                      column));
      CHECK(reason_of(r, none, {}) ==
            fmt::format("input:1:{}: no usable point: the coordinates of all 2 point(s) are "
                        "outside ±90/±180 or not numbers (the first: lat '10', lon '200')",
                        none_column));
    }
  }
}

TEST_CASE("gpx: odd times are warnings, not failures", "[import]") {
  // Backwards step on the third point, one time before 1970, one unreadable,
  // and a clock that was never set (1995).
  const std::string bytes = gpx_with_points(
      trkpt(1, "1995-06-01T10:00:00Z") + trkpt(1.001, "1995-06-01T10:01:00Z") + "\n" +
          trkpt(1.002, "1995-06-01T10:00:30Z") + trkpt(1.003, "1995-06-01T10:02:00Z") +
          trkpt(1.004, "1969-12-31T23:59:59Z") + trkpt(1.005, "10:03"),
      "<type>jkljkl</type>");
  for (const Reader& r : kReaders) {
    DYNAMIC_SECTION(r.name) {
      // The clock rule is the finishing step's (parse_gpx ends with it).
      auto result = r.parse(bytes, {});
      CHECK(result.activities.at(0).warnings.empty());
      import::finish_activities(result, {});
      const engine::Activity& a = result.activities.at(0);
      CHECK(a.points.size() == 6);
      CHECK(a.elapsed_s == 120);
      CHECK(a.sport == engine::Sport::other);
      REQUIRE(a.warnings.size() == 1);
      CHECK(a.warnings[0] ==
            "dated 1995-06-01, before 2000: the device clock was probably never set");
      std::vector<std::string> got;
      for (const auto& w : result.warnings)
        got.push_back(import::format_location("input", w.where, w.message));
      CHECK(got == std::vector<std::string>{
                       "input: unknown activity type 'jkljkl' in <trk><type>, stored as other",
                       "input:2:28: time goes backwards at 1 point(s), the first here; start and "
                       "elapsed use the earliest and latest times",
                       "input: 1 time(s) before 1970 treated as missing",
                       "input:2:232: 1 unreadable <time> value(s) treated as missing, the first: "
                       "'10:03'",
                   });
    }
  }
}

TEST_CASE("gpx: sport words and Strava codes", "[import]") {
  using engine::Sport;
  using import::detail::sport_from_gpx_type;
  CHECK(sport_from_gpx_type("running") == Sport::run);
  CHECK(sport_from_gpx_type("Running") == Sport::run);
  CHECK(sport_from_gpx_type(" run ") == Sport::run);
  CHECK(sport_from_gpx_type("trail_running") == Sport::trail_run);
  CHECK(sport_from_gpx_type("treadmill_running") == Sport::treadmill_run);
  CHECK(sport_from_gpx_type("hiking") == Sport::hike);
  CHECK(sport_from_gpx_type("cycling") == Sport::ride);
  CHECK(sport_from_gpx_type("Biking") == Sport::ride);
  CHECK(sport_from_gpx_type("walking") == Sport::walk);
  CHECK(sport_from_gpx_type("9") == Sport::run);
  CHECK(sport_from_gpx_type("1") == Sport::ride);
  CHECK(sport_from_gpx_type("16") == Sport::swim);
  CHECK(sport_from_gpx_type("10") == Sport::walk);
  CHECK(sport_from_gpx_type("4") == Sport::hike);
  CHECK(sport_from_gpx_type("77") == std::nullopt);
  CHECK(sport_from_gpx_type("...") == std::nullopt);
}

namespace {

/// The outcome column of MANIFEST.md's "What a correct importer does with the
/// odd files" table, for GPX files: file name -> "fail: ..." / "import...".
std::map<std::string, std::string> odd_file_outcomes(const std::string& md) {
  std::map<std::string, std::string> out;
  std::istringstream in(md);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("| `gpx/", 0) != 0) continue;
    const auto name_end = line.find('`', 7);
    const auto cell = line.find("| ", name_end);
    if (name_end == std::string::npos || cell == std::string::npos) continue;
    std::string outcome = line.substr(cell + 2);
    if (auto bar = outcome.rfind(" |"); bar != std::string::npos) outcome.resize(bar);
    out[line.substr(7, name_end - 7)] = outcome;
  }
  return out;
}

}  // namespace

TEST_CASE("gpx: every real GPX imports with the manifest's figures or fails as it says",
          "[import][real]") {
  const auto dir = test::real_data_dir();
  const auto manifest = nlohmann::json::parse(slurp(dir / "MANIFEST.json"));
  const auto odd = odd_file_outcomes(slurp(dir / "MANIFEST.md"));
  REQUIRE(odd.size() >= 5);
  int imported = 0, failed = 0;
  for (const auto& entry : manifest) {
    const std::string file = entry.at("file");
    if (file.rfind("gpx/", 0) != 0) continue;
    const auto& facts = entry.at("facts");
    const std::string name = file.substr(4);
    const std::string bytes = slurp(dir / file);
    import::ParseContext ctx;
    ctx.display_name = name;
    ctx.tz = date::locate_zone("UTC");
    const auto it = odd.find(name);
    const bool must_fail = it != odd.end() && it->second.rfind("fail: ", 0) == 0;
    INFO(file);
    if (must_fail) {
      // "fail: no track (a manual entry ...)" -> our reason starts "no track".
      std::string expected = it->second.substr(6);
      expected = expected.substr(0, expected.find(" ("));
      try {
        import::parse_gpx(bytes, ctx);
        FAIL("imported, but the manifest says: " << it->second);
      } catch (const import::ParseError& e) {
        CHECK(e.reason().rfind(expected, 0) == 0);
        INFO(e.what());
      }
      ++failed;
      continue;
    }
    const auto result = import::parse_gpx(bytes, ctx);
    REQUIRE(result.activities.size() == 1);
    const engine::Activity& a = result.activities[0];
    CHECK(a.points.size() == facts.at("points").get<std::size_t>());
    CHECK(date::floor<std::chrono::seconds>(a.start_utc) ==
          date::floor<std::chrono::seconds>(utc(facts.at("start_time_utc"))));
    const double ref_m = facts.at("length_2d_m");
    // 1 %, plus the manifest's rounding to 0.1 m (one file is 1.6 m long).
    CHECK(std::abs(a.distance_m - ref_m) <= 0.01 * ref_m + 0.05);
    CHECK(std::abs(a.elapsed_s - facts.at("elapsed_s").get<double>()) <= 2);
    // gpxpy's moving time, same 1 km/h rule: within a second or 1 %.
    const double ref_moving = facts.at("moving_time_s");
    CHECK(std::abs(a.moving_s - ref_moving) <= std::max(1.0, 0.01 * ref_moving));
    CHECK(a.source.format == "gpx");
    CHECK(std::isnan(a.avg_hr_bpm) == (facts.at("points_with_hr_ext").get<int>() == 0));
    double offset_s = 0;
    for (const auto& o : facts.at("time_offsets_seen")) offset_s = std::stod(o.get<std::string>());
    CHECK(a.offset_from_source == (offset_s != 0));
    if (a.offset_from_source) {
      CHECK(a.utc_offset_s == offset_s);
      CHECK(a.local_date ==
            engine::Day{date::floor<date::days>(a.start_utc + std::chrono::seconds{a.utc_offset_s})
                            .time_since_epoch()});
    }
    const auto recorded = engine::parse_sport(entry.at("sport_recorded").get<std::string>());
    if (!facts.at("track_types").empty() && recorded) CHECK(a.sport == *recorded);
    ++imported;
  }
  CHECK(imported >= 6);
  CHECK(failed == 3);
}

TEST_CASE("gpx: the streaming reader agrees with the DOM reader on every real GPX",
          "[import][real]") {
  for (const auto& e : std::filesystem::directory_iterator(test::real_data_dir() / "gpx")) {
    const std::string bytes = slurp(e.path());
    INFO(e.path().filename().string());
    std::string dom_error, stream_error;
    import::ParseResult dom, stream;
    try {
      dom = import::detail::parse_gpx_dom(bytes, {});
    } catch (const import::ParseError& err) {
      dom_error = err.what();
    }
    try {
      stream = import::detail::parse_gpx_stream(bytes, {});
    } catch (const import::ParseError& err) {
      stream_error = err.what();
    }
    CHECK(dom_error == stream_error);
    REQUIRE(dom.activities.size() == stream.activities.size());
    for (std::size_t i = 0; i < dom.activities.size(); ++i) {
      const auto& a = dom.activities[i];
      const auto& b = stream.activities[i];
      CHECK(a.start_utc == b.start_utc);
      CHECK(a.distance_m == b.distance_m);
      CHECK(a.moving_s == b.moving_s);
      CHECK(a.name == b.name);
      CHECK(a.sport == b.sport);
      REQUIRE(a.points.size() == b.points.size());
      std::size_t same = 0;
      for (std::size_t k = 0; k < a.points.size(); ++k) {
        const auto& p = a.points[k];
        const auto& q = b.points[k];
        auto eq = [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); };
        same += p.has_time == q.has_time && p.time == q.time && eq(p.lat_deg, q.lat_deg) &&
                eq(p.lon_deg, q.lon_deg) && eq(p.ele_m, q.ele_m) && eq(p.hr_bpm, q.hr_bpm) &&
                eq(p.cadence_spm, q.cadence_spm);
      }
      CHECK(same == a.points.size());
    }
  }
}

TEST_CASE("gpx: a byte-order mark and a Latin-1 declaration are honoured", "[import]") {
  const std::string points =
      trkpt(1, "2020-01-01T10:00:00Z") + trkpt(1.001, "2020-01-01T10:01:00Z");
  const std::string bom = "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>" +
                          gpx_with_points(points, "<name>Caf\xC3\xA9</name>");
  const std::string latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" +
                             gpx_with_points(points, "<name>Caf\xE9</name>");
  for (const Reader& r : kReaders) {
    DYNAMIC_SECTION(r.name) {
      CHECK(r.parse(bom, {}).activities.at(0).name == "Caf\xC3\xA9");
      CHECK(r.parse(latin1, {}).activities.at(0).name == "Caf\xC3\xA9");
    }
  }
}

TEST_CASE("gpx: numbers read exactly as from_chars reads them", "[import]") {
  // The reader has a fast path for plain decimals; it must give the same
  // doubles, bit for bit, as the standard conversion.
  std::string points;
  std::vector<std::string> lats;
  std::uint64_t x = 88172645463325252ull;  // xorshift: deterministic
  for (int i = 0; i < 3000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    const int frac = static_cast<int>(x % 16);
    const double v = static_cast<double>(x % 180000000000ull) / 1e9 - 90.0;
    std::string lat = fmt::format("{:.{}f}", v, frac);
    if (i % 7 == 0) lat = "0" + lat.substr(lat[0] == '-' ? 1 : 0);  // leading zero
    lats.push_back(lat);
    points +=
        fmt::format("<trkpt lat=\"{}\" lon=\"8\"><time>2020-01-01T10:{:02}:{:02}Z</time></trkpt>",
                    lat, i / 60 % 60, i % 60);
  }
  const engine::Activity a = import::parse_gpx(gpx_with_points(points), {}).activities.at(0);
  REQUIRE(a.points.size() == lats.size());
  std::size_t same = 0;
  for (std::size_t i = 0; i < lats.size(); ++i) {
    double want = engine::kNoValue;
    std::from_chars(lats[i].data(), lats[i].data() + lats[i].size(), want);
    if (want < -90 || want > 90) want = engine::kNoValue;
    same += std::memcmp(&want, &a.points[i].lat_deg, sizeof want) == 0 ||
            (std::isnan(want) && std::isnan(a.points[i].lat_deg));
  }
  CHECK(same == lats.size());
}
