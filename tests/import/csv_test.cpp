#include "import/csv.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "import/detail/csv_reader.hpp"
#include "import/detail/csv_values.hpp"
#include "tests/support/catch.hpp"
#include "tests/support/real_data.hpp"

using namespace stride;
using import::detail::NumberStyle;

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

import::ParseContext context(const char* zone = "Europe/Berlin",
                             engine::Units units = engine::Units::km){import::ParseContext ctx;
ctx.display_name = "input";
ctx.tz = date::locate_zone(zone);
ctx.csv_units = units;
return ctx;
}  // namespace

std::string utc_text(engine::UtcTime t) {
  return date::format("%FT%TZ", date::floor<std::chrono::seconds>(t));
}
std::string day_text(engine::Day d) { return date::format("%F", d); }

std::string error_of(std::string_view bytes, const import::ParseContext& ctx) {
  try {
    import::parse_csv(bytes, ctx);
  } catch (const import::ParseError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("csv: quoted fields keep commas, quotes and line breaks", "[import][csv]") {
  const auto table = import::detail::read_csv(
      "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n1,2,3\n", "input");
  REQUIRE(table.records.size() == 3);
  CHECK(table.delimiter == ',');
  CHECK(table.records[1].at(0) == "x, y");
  CHECK(table.records[1].at(1) == "say \"hi\"");
  CHECK(table.records[1].at(2) == "two\nlines");
  CHECK(table.records[1].line == 2);
  CHECK(table.records[2].line == 4);  // the physical line, after the quoted break
  CHECK(table.records[2].fields[2].column == 5);
}

TEST_CASE("csv: byte order mark, blank lines and the delimiter", "[import][csv]") {
  SECTION("BOM") {
    const auto table = import::detail::read_csv(
        "\xEF\xBB\xBF"
        "date,distance\n\n2026-01-01,5\n",
        "input");
    REQUIRE(table.records.size() == 2);
    CHECK(table.records[0].at(0) == "date");
    CHECK(table.records[1].line == 3);
  }
  SECTION("semicolon") {
    CHECK(import::detail::detect_delimiter("date;distance;\"a,b\"\n") == ';');
  }
  SECTION("tab") { CHECK(import::detail::detect_delimiter("date\tdistance\tname\n") == '\t'); }
  SECTION("comma on a tie") { CHECK(import::detail::detect_delimiter("date\n") == ','); }
  SECTION("a title line above the header") {
    CHECK(import::detail::detect_delimiter("Activities\ndate;distance\n") == ';');
  }
}

TEST_CASE("csv: spaces before an opening quote", "[import][csv]") {
  const auto table = import::detail::read_csv("a, b, c\n 1, \"2,5\", x\n", "input");
  REQUIRE(table.records.size() == 2);
  CHECK(table.records[1].at(0) == " 1");
  CHECK(table.records[1].at(1) == "2,5");
  CHECK(table.records[1].at(2) == " x");
  CHECK(table.records[1].fields[1].column == 5);  // the quote
}

TEST_CASE("csv: a quote that never closes names its line and column", "[import][csv]") {
  CHECK_THROWS_WITH(import::detail::read_csv("a,b\n1,\"open\n2,3\n", "input"),
                    "input:2:3: quoted field is never closed");
  CHECK(error_of("\xFF\xFE"
                 "d\0a\0",
                 context()) == "input:1: UTF-16 text is not supported (save the file as UTF-8)");
}

TEST_CASE("csv: numbers with decimal commas and thousands separators", "[import][csv]") {
  using import::detail::parse_number;
  CHECK(parse_number("3,40", NumberStyle::decimal_comma) == 3.40);
  CHECK(parse_number("2.932", NumberStyle::decimal_comma) == 2932);
  CHECK(parse_number("1.234,5", NumberStyle::decimal_comma) == 1234.5);
  CHECK(parse_number("1,762", NumberStyle::decimal_point) == 1762);
  CHECK(parse_number("10 500", NumberStyle::decimal_point) == 10500);
  CHECK(parse_number("-2.5", NumberStyle::decimal_point) == -2.5);
  CHECK_FALSE(parse_number("3,40", NumberStyle::decimal_point));
  CHECK_FALSE(parse_number("12a", NumberStyle::decimal_point));
  const auto with_unit =
      import::detail::parse_number_with_unit("1,762 Meters", NumberStyle::decimal_point);
  REQUIRE(with_unit);
  CHECK(with_unit->value == 1762);
  CHECK(with_unit->unit == "meters");
}

TEST_CASE("csv: durations as seconds, m:ss and h:mm:ss", "[import][csv]") {
  using import::detail::parse_duration_value;
  CHECK(parse_duration_value("00:28:10.5", NumberStyle::decimal_point) == 1690.5);
  CHECK(parse_duration_value("00:01:39,6", NumberStyle::decimal_comma) == Approx(99.6));
  CHECK(parse_duration_value("17:01", NumberStyle::decimal_point) == 1021);
  CHECK(parse_duration_value("3600", NumberStyle::decimal_point) == 3600);
  CHECK(parse_duration_value("45", NumberStyle::decimal_point, 60) == 2700);
  CHECK(parse_duration_value("1h30m", NumberStyle::decimal_point) == 5400);
  CHECK_FALSE(parse_duration_value("1:xx", NumberStyle::decimal_point));
}

TEST_CASE("csv: dates in the spellings exporters use", "[import][csv]") {
  using import::detail::parse_written_time;
  auto local = [](std::string_view text) {
    const auto t = parse_written_time(text);
    REQUIRE(t);
    return date::format("%F %T", t->local);
  };
  CHECK(local("2026-03-01T07:30:00+01:00") == "2026-03-01 07:30:00.000");
  CHECK(parse_written_time("2026-03-01T07:30:00+01:00")->offset_s == 3600);
  CHECK(parse_written_time("2026-03-01T07:30:00Z")->offset_s == 0);
  CHECK(parse_written_time("2026-03-01 07:30:00-0530")->offset_s == -19800);
  CHECK_FALSE(parse_written_time("2026-03-01 07:30")->offset_s);
  CHECK(local("2026-03-01") == "2026-03-01 00:00:00.000");
  CHECK(local("Jan 27, 2021, 1:57:47 PM") == "2021-01-27 13:57:47.000");
  CHECK(local("Jan 27, 2021, 12:05:00 AM") == "2021-01-27 00:05:00.000");
  CHECK(local("Sun, 3 Oct 2010 10:36") == "2010-10-03 10:36:00.000");
  // Localised weekdays and months (glibc's abbreviations).
  CHECK(local("Fr, 25 Mai 2012 20:31") == "2012-05-25 20:31:00.000");
  CHECK(local("So, 4 Mär 2012 10:00") == "2012-03-04 10:00:00.000");
  CHECK(local("Di, 13 Mrz 2012 07:00") == "2012-03-13 07:00:00.000");
  CHECK(local("25. Mai 2012 20:31") == "2012-05-25 20:31:00.000");
  CHECK(local("ven., 25 mai 2012 20:31") == "2012-05-25 20:31:00.000");
  CHECK(local("dim. 2 déc. 2012") == "2012-12-02 00:00:00.000");
  CHECK(local("sáb, 26 may 2012") == "2012-05-26 00:00:00.000");
  CHECK(local("Lør, 26 maj 2012") == "2012-05-26 00:00:00.000");
  CHECK(local("sön 2 dec 2012") == "2012-12-02 00:00:00.000");
  CHECK(local("zo 2 mrt 2012") == "2012-03-02 00:00:00.000");
  CHECK(local("Śro, 2 paź 2012") == "2012-10-02 00:00:00.000");
  CHECK(local("qui, 1 out 2026") == "2026-10-01 00:00:00.000");
  // `mar` is Tuesday in French and Spanish, and March in English.
  CHECK(local("Mar 1, 2026") == "2026-03-01 00:00:00.000");
  CHECK(local("mar, 1 mar 2026") == "2026-03-01 00:00:00.000");
  CHECK(local("01.03.2026 07:30") == "2026-03-01 07:30:00.000");
  CHECK(local("2019-02-01 15:21:47.25") == "2019-02-01 15:21:47.250");
  CHECK_FALSE(parse_written_time("03/01/2026"));
  CHECK_FALSE(parse_written_time("2026-02-30"));
  CHECK_FALSE(parse_written_time("yesterday"));
}

TEST_CASE("csv: generic layout with synonyms and units in the header", "[import][csv]") {
  const auto result = import::parse_csv(
      "Start Time,Activity Type,Distance (km),Moving Time,Elapsed Time,Avg HR,Max HR,Cadence,"
      "RPE,Surface,Gear,Title,Description,Elevation Gain\n"
      "2026-03-02 07:30,Running,10.5,0:52:30,3300,150,171,172,6,road:8000;trail:2500,Pegasus 40,"
      "Easy,\"felt good, legs ok\",120\n",
      context());
  REQUIRE(result.activities.size() == 1);
  CHECK(result.warnings.empty());
  const auto& a = result.activities[0];
  CHECK(utc_text(a.start_utc) == "2026-03-02T06:30:00Z");
  CHECK(a.utc_offset_s == 3600);
  CHECK_FALSE(a.offset_from_source);
  CHECK(day_text(a.local_date) == "2026-03-02");
  CHECK(a.sport == engine::Sport::run);
  CHECK(a.distance_m == 10500);
  CHECK(a.moving_s == 3150);
  CHECK(a.elapsed_s == 3300);
  CHECK(a.avg_hr_bpm == 150);
  CHECK(a.max_hr_bpm == 171);
  CHECK(a.avg_cadence_spm == 172);
  CHECK(a.rpe == 6);
  CHECK(a.surface_m == std::vector<engine::SurfaceShare>{{engine::Surface::road, 8000},
                                                         {engine::Surface::trail, 2500}});
  CHECK(a.shoe == "Pegasus 40");
  CHECK(a.name == "Easy");
  CHECK(a.notes == "felt good, legs ok");
  CHECK(a.elevation_gain_m == 120);
  CHECK(a.summary_only);
  CHECK(a.source.format == "csv");
  CHECK(a.source.index_in_file == 0);
}

TEST_CASE("csv: distance units from the header, the value or the context", "[import][csv]") {
  SECTION("header") {
    for (const auto& [header, metres] : std::vector<std::pair<std::string, double>>{
             {"distance_m", 5}, {"Distance (mi)", 8046.72}, {"distance [km]", 5000}}) {
      const auto r = import::parse_csv("date," + header + "\n2026-03-02,5\n", context());
      CHECK(r.activities.at(0).distance_m == Approx(metres));
    }
  }
  SECTION("value") {
    const auto r = import::parse_csv(
        "date,distance\n2026-03-02,10 km\n2026-03-03,\"1,762 Meters\"\n2026-03-04,3.1mi\n",
        context());
    REQUIRE(r.activities.size() == 3);
    CHECK(r.activities[0].distance_m == 10000);
    CHECK(r.activities[1].distance_m == 1762);
    CHECK(r.activities[2].distance_m == Approx(3.1 * 1609.344));
  }
  SECTION("bare numbers in the context's units") {
    const auto r = import::parse_csv("date,distance\n2026-03-02,5\n",
                                     context("Europe/Berlin", engine::Units::mi));
    CHECK(r.activities.at(0).distance_m == Approx(5 * 1609.344));
  }
}

TEST_CASE("csv: semicolons with decimal commas and thousands separators", "[import][csv]") {
  const auto r = import::parse_csv(
      "Date;Distance (m);Duration;Elevation gain\n"
      "2026-03-02 18:00;\"10.500,5\";3600;1.234\n"
      "2026-03-03 18:00;8.000;45:00,5;12,5\n",
      context());
  REQUIRE(r.activities.size() == 2);
  CHECK(r.activities[0].distance_m == 10500.5);
  CHECK(r.activities[0].elevation_gain_m == 1234);
  CHECK(r.activities[1].distance_m == 8000);
  CHECK(r.activities[1].moving_s == 2700.5);
  CHECK(r.activities[1].elevation_gain_m == 12.5);
}

TEST_CASE("csv: local times follow the profile's zone across a DST change; offsets win",
          "[import][csv]") {
  const auto r = import::parse_csv(
      "date,distance_km\n"
      "2026-03-28 07:30,5\n"           // CET, +01:00
      "2026-03-29 07:30,5\n"           // CEST, +02:00 (the change was at 02:00 that night)
      "2026-03-29 00:30,5\n"           // before the change: still +01:00
      "2026-03-29T07:30:00-05:00,5\n"  // written with an offset: that offset, not Berlin's
      "2026-03-29T23:30:00Z,5\n",      // UTC: the local day stays the written one
      context());
  REQUIRE(r.activities.size() == 5);
  const auto& a = r.activities;
  CHECK(utc_text(a[0].start_utc) == "2026-03-28T06:30:00Z");
  CHECK(a[0].utc_offset_s == 3600);
  CHECK(utc_text(a[1].start_utc) == "2026-03-29T05:30:00Z");
  CHECK(a[1].utc_offset_s == 7200);
  CHECK(utc_text(a[2].start_utc) == "2026-03-28T23:30:00Z");
  CHECK(day_text(a[2].local_date) == "2026-03-29");
  CHECK(utc_text(a[3].start_utc) == "2026-03-29T12:30:00Z");
  CHECK(a[3].utc_offset_s == -18000);
  CHECK(a[3].offset_from_source);
  CHECK(day_text(a[3].local_date) == "2026-03-29");
  CHECK(a[4].utc_offset_s == 0);
  CHECK(day_text(a[4].local_date) == "2026-03-29");

  // A local time that never happened, and one that happened twice.
  const auto edges =
      import::parse_csv("date,distance_km\n2026-03-29 02:30,5\n2026-10-25 02:30,5\n", context());
  REQUIRE(edges.activities.size() == 2);
  CHECK(utc_text(edges.activities[0].start_utc) == "2026-03-29T01:00:00Z");
  CHECK(utc_text(edges.activities[1].start_utc) == "2026-10-25T00:30:00Z");
  CHECK(edges.activities[1].utc_offset_s == 7200);
}

TEST_CASE("csv: bad rows are skipped with their line; the file fails only when none is left",
          "[import][csv]") {
  const std::string text =
      "date,distance_km,avg hr\n"
      "someday,5,140\n"
      "2026-03-02,-3,140\n"
      "2026-03-03,5,fast\n"
      "1901-12-13,5,\n";
  const auto r = import::parse_csv(text, context());
  REQUIRE(r.activities.size() == 1);
  CHECK(r.activities[0].source.index_in_file == 2);
  CHECK(std::isnan(r.activities[0].avg_hr_bpm));
  REQUIRE(r.warnings.size() == 4);
  auto text_of = [](const import::ImportWarning& w) {
    return import::format_location("input", w.where, w.message);
  };
  CHECK(text_of(r.warnings[0]) == "input:2:1: row skipped: date 'someday' not understood");
  CHECK(text_of(r.warnings[1]) == "input:3:12: row skipped: negative distance '-3'");
  CHECK(text_of(r.warnings[2]) == "input:4:14: average heart rate 'fast' is not a number: ignored");
  CHECK(text_of(r.warnings[3]) == "input:5:1: row skipped: date '1901-12-13' is before 1970");

  CHECK(error_of("date,distance_km\nsomeday,5\n2026-03-02,-1\n", context()) ==
        "input:2:1: no usable rows (2 skipped; first: row skipped: date 'someday' not understood)");
  CHECK(error_of("date,distance_km\n", context()) == "input:1: no activity rows");
  CHECK(error_of("", context()) == "input:1: empty file");
}

TEST_CASE("csv: a file without date and distance columns is not an activity list",
          "[import][csv]") {
  CHECK(error_of("time,hr,speed\n1,120,3.1\n2,121,3.2\n", context()) ==
        "input:1: no date and distance columns (not an activity list)");
  CHECK(error_of("date,name\n2026-03-01,x\n", context()) ==
        "input:1: no date and distance columns (not an activity list)");
  std::string stream = "date,distance_m,hr\n";
  for (int i = 0; i < 30; ++i) stream += fmt::format("2026-03-01T07:30:{:02}Z,{},120\n", i, i * 3);
  CHECK(error_of(stream, context()) ==
        "input:1: rows are seconds apart: a sensor stream, not an activity list");
}

TEST_CASE("csv: missing values, unknown types and clocks that were never set", "[import][csv]") {
  const auto r = import::parse_csv(
      "date,type,distance_km,duration,avg hr,shoe\n"
      "2026-03-02,Strength Training,--,45:00,--,--\n"
      "2026-03-03,Kitesurfing,,1:00:00,,\n"
      "2026-03-04,,5,,,\n"
      "1999-06-01,Treadmill Running,5,25:00,,\n",
      context());
  REQUIRE(r.activities.size() == 4);
  CHECK(r.activities[0].sport == engine::Sport::strength);
  CHECK(r.activities[0].distance_m == 0);
  CHECK(r.activities[0].moving_s == 2700);
  CHECK(r.activities[0].elapsed_s == 2700);
  CHECK(std::isnan(r.activities[0].avg_hr_bpm));
  CHECK(r.activities[0].shoe.empty());
  CHECK(r.activities[1].sport == engine::Sport::other);
  CHECK(r.activities[2].sport == engine::Sport::run);
  CHECK(r.activities[3].sport == engine::Sport::treadmill_run);
  CHECK(r.activities[3].surface_m ==
        std::vector<engine::SurfaceShare>{{engine::Surface::treadmill, 5000}});
  CHECK(r.activities[3].warnings ==
        std::vector<std::string>{
            "dated 1999-06-01, before 2000: the device clock was probably never set"});
  REQUIRE(r.warnings.size() == 1);
  CHECK(import::format_location("input", r.warnings[0].where, r.warnings[0].message) ==
        "input:3: activity type 'Kitesurfing' is not known: imported as other (1 row)");
}

TEST_CASE("csv: an unknown surface is a warning, the row stays", "[import][csv]") {
  const auto r = import::parse_csv(
      "date,distance_m,surface\n2026-03-02,5000,lava\n"
      "2026-03-03,5000,Trail\n",
      context());
  REQUIRE(r.activities.size() == 2);
  CHECK(r.activities[0].surface_m.empty());
  CHECK(r.activities[1].surface_m ==
        std::vector<engine::SurfaceShare>{{engine::Surface::trail, 5000}});
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].message ==
        "unknown surface 'lava' (road, track, treadmill, trail, grass, sand, snow, unknown; "
        "asphalt, concrete, pavement for road; dirt, gravel for trail): surface left unknown");
}

TEST_CASE("csv: an older Garmin Connect export in a European locale", "[import][csv]") {
  const auto r =
      import::parse_csv(read_file(test::test_data_dir() / "csv" / "garmin-old-eu.csv"), context());
  REQUIRE(r.activities.size() == 3);
  const auto& a = r.activities[0];
  CHECK(a.sport == engine::Sport::trail_run);
  CHECK(a.distance_m == Approx(12340));
  CHECK(a.moving_s == Approx(1690.5));
  CHECK(a.avg_hr_bpm == 151);
  CHECK(a.avg_cadence_spm == 168);  // already steps per minute
  CHECK(a.elevation_gain_m == 1234);
  CHECK(a.name == "Forest, hills");
  CHECK(utc_text(a.start_utc) == "2019-07-14T06:05:00Z");
  CHECK(r.activities[1].sport == engine::Sport::ride);
  CHECK(r.activities[2].sport == engine::Sport::swim);
  CHECK(r.activities[2].distance_m == Approx(1500));
}

TEST_CASE("csv: a 2012 Garmin Connect export in German", "[import][csv]") {
  // A title line above the header, spaces after each comma, decimal commas,
  // dates with German weekday and month names: the layout as issue 15
  // describes it (no real 2012 export was found), with today's German header
  // names and sport names from the sources in garmin_csv_languages.cpp.
  const auto r =
      import::parse_csv(read_file(test::test_data_dir() / "csv" / "garmin-2012-de.csv"), context());
  REQUIRE(r.activities.size() == 4);
  std::map<std::string, const engine::Activity*> by_start;
  for (const auto& a : r.activities) by_start[utc_text(a.start_utc)] = &a;
  REQUIRE(by_start.size() == 4);

  const auto& evening = *by_start.at("2012-05-25T18:31:00Z");  // 20:31 CEST
  CHECK(evening.sport == engine::Sport::run);
  CHECK(evening.distance_m == Approx(10520));
  CHECK(evening.moving_s == Approx(55 * 60 + 10));
  CHECK(evening.avg_hr_bpm == 152);
  CHECK(evening.max_hr_bpm == 171);
  CHECK(evening.name == "Abendlauf");
  CHECK(day_text(evening.local_date) == "2012-05-25");

  const auto& commute = *by_start.at("2012-05-23T16:05:00Z");
  CHECK(commute.sport == engine::Sport::ride);
  CHECK(commute.distance_m == Approx(21300));
  CHECK(commute.name == "Pendeln, Rückweg");

  const auto& pool = *by_start.at("2012-03-13T06:00:00Z");  // 07:00 CET, `Mrz`
  CHECK(pool.sport == engine::Sport::swim);
  CHECK(pool.distance_m == Approx(1500));  // Garmin's swims are in metres
  CHECK(std::isnan(pool.avg_hr_bpm));

  const auto& long_run = *by_start.at("2012-03-04T09:00:00Z");  // `Mär`
  CHECK(long_run.sport == engine::Sport::run);
  CHECK(long_run.distance_m == Approx(21100));
  CHECK(long_run.moving_s == Approx(3600 + 58 * 60 + 30));
  CHECK(r.warnings.empty());
}

TEST_CASE("csv: a title line is dropped only above a Garmin header", "[import][csv]") {
  // The same shape with a header that is no activity list still fails.
  CHECK(error_of("Export\nTid,Puls,Hastighed\n00:00:01,120,3.1\n", context()) ==
        "input:1: no date and distance columns (not an activity list)");
  CHECK(error_of("Aktivitäten\nDatum,Distanz\n2012-05-25,5\n", context()) ==
        "input:1: no date and distance columns (not an activity list)");
}

TEST_CASE("csv: gcexport raw milliseconds out of any calendar are ignored", "[import][csv]") {
  // Found by fuzz_csv: 1E300 became the minimum instant and the offset
  // computed from it overflowed.
  const auto r = import::parse_csv(
      "Activity Type,Begin Timestamp,Begin Timestamp (Raw Milliseconds),Distance (km)\n"
      "Running,2017-05-29 08:45:00,1E300,5\n"
      "Running,2017-05-30 08:45:00,-1E300,5\n",
      context());
  REQUIRE(r.activities.size() == 2);
  CHECK(utc_text(r.activities[0].start_utc) == "2017-05-29T06:45:00Z");  // CEST
  CHECK(utc_text(r.activities[1].start_utc) == "2017-05-30T06:45:00Z");
}

TEST_CASE("csv: inputs the fuzzer found parse or fail with a ParseError", "[import][csv]") {
  // Anything else escaping (or a sanitizer report in build-asan) fails the test.
  const auto dir = test::test_data_dir() / "fuzz" / "csv";
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    INFO(e.path().string());
    try {
      (void)import::parse_csv(read_file(e.path()), context());
    } catch (const import::ParseError&) {
    }
    ++files;
  }
  CHECK(files >= 1);
}

TEST_CASE("csv: Garmin distances in miles are told by steps and stride length", "[import][csv]") {
  // A miles account: 3.11 mi with 4100 steps of 1.22 m (5002 m), read with a km profile.
  const auto r = import::parse_csv(
      "Activity Type,Date,Favorite,Title,Distance,Time,Total Ascent,Steps,Avg Stride Length\n"
      "Running,2024-05-01 07:00:00,false,A,3.11,00:25:00,100,\"4,100\",1.22\n"
      "Running,2024-05-02 07:00:00,false,B,6.20,00:50:00,--,\"8,150\",1.23\n"
      "Running,2024-05-03 07:00:00,false,C,1.00,00:08:00,--,\"1,320\",1.22\n"
      "Pool Swim,2024-05-04 07:00:00,false,D,\"1,650\",00:40:00,--,--,--\n",
      context("Europe/Berlin", engine::Units::km));
  REQUIRE(r.activities.size() == 4);
  CHECK(r.activities[0].distance_m == Approx(3.11 * 1609.344));
  CHECK(r.activities[0].elevation_gain_m == Approx(30.48));    // feet in a miles account
  CHECK(r.activities[3].distance_m == Approx(1650 * 0.9144));  // swims in yards
}

TEST_CASE("csv: the generic CSV writer reads back to the same activities", "[import][csv]") {
  std::vector<engine::Activity> in(3);
  in[0].start_utc = engine::UtcTime{std::chrono::milliseconds(1772433000500)};
  in[0].utc_offset_s = 3600;
  in[0].sport = engine::Sport::trail_run;
  in[0].distance_m = 10523.7;
  in[0].moving_s = 3150.25;
  in[0].elapsed_s = 3300;
  in[0].elevation_gain_m = 321.5;
  in[0].avg_hr_bpm = 149.5;
  in[0].max_hr_bpm = 171;
  in[0].avg_cadence_spm = 172.25;
  in[0].rpe = 7;
  in[0].surface_m = {{engine::Surface::road, 8000}, {engine::Surface::trail, 2523.7}};
  in[0].shoe = "Speedgoat 5";
  in[0].name = "Hills, \"long\"";
  in[0].notes = "line one\nline two; with semicolon";
  in[1].start_utc = engine::UtcTime{std::chrono::milliseconds(1772519400000)};
  in[1].utc_offset_s = -25200;
  in[1].sport = engine::Sport::strength;
  in[1].moving_s = in[1].elapsed_s = 1800;
  in[2].start_utc = engine::UtcTime{std::chrono::milliseconds(1772605800000)};
  in[2].utc_offset_s = 19800;
  in[2].sport = engine::Sport::swim;
  in[2].distance_m = 1500;
  in[2].moving_s = 1700;
  in[2].elapsed_s = 1800;
  for (auto& a : in) a.local_date = engine::local_day(a.start_utc, a.utc_offset_s);

  const std::string text = import::write_generic_csv(in);
  const auto out = import::parse_csv(text, context("America/New_York")).activities;
  REQUIRE(out.size() == in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    INFO("activity " << i << "\n" << text);
    CHECK(out[i].start_utc == in[i].start_utc);
    CHECK(out[i].utc_offset_s == in[i].utc_offset_s);
    CHECK(out[i].local_date == in[i].local_date);
    CHECK(out[i].sport == in[i].sport);
    CHECK(out[i].distance_m == in[i].distance_m);
    CHECK(out[i].moving_s == in[i].moving_s);
    CHECK(out[i].elapsed_s == in[i].elapsed_s);
    CHECK((out[i].elevation_gain_m == in[i].elevation_gain_m ||
           (std::isnan(out[i].elevation_gain_m) && std::isnan(in[i].elevation_gain_m))));
    CHECK((out[i].avg_hr_bpm == in[i].avg_hr_bpm ||
           (std::isnan(out[i].avg_hr_bpm) && std::isnan(in[i].avg_hr_bpm))));
    CHECK((out[i].max_hr_bpm == in[i].max_hr_bpm ||
           (std::isnan(out[i].max_hr_bpm) && std::isnan(in[i].max_hr_bpm))));
    CHECK((out[i].avg_cadence_spm == in[i].avg_cadence_spm ||
           (std::isnan(out[i].avg_cadence_spm) && std::isnan(in[i].avg_cadence_spm))));
    CHECK(out[i].rpe == in[i].rpe);
    CHECK(out[i].surface_m == in[i].surface_m);
    CHECK(out[i].shoe == in[i].shoe);
    CHECK(out[i].name == in[i].name);
    CHECK(out[i].notes == in[i].notes);
  }
  CHECK(text.substr(0, text.find('\n')) ==
        "start,sport,distance_m,moving_s,elapsed_s,elevation_gain_m,avg_hr_bpm,max_hr_bpm,"
        "avg_cadence_spm,rpe,surface_m,shoe,name,notes");
}

namespace {

// How the exporters' type names land in our sports (PRODUCT.md sports).
engine::Sport expected_sport(const std::string& type) {
  static const std::map<std::string, engine::Sport> kTypes{
      {"Running", engine::Sport::run},
      {"Ultra Running", engine::Sport::run},
      {"Treadmill Running", engine::Sport::treadmill_run},
      {"Trail Running", engine::Sport::trail_run},
      {"Run", engine::Sport::run},
      {"Walk", engine::Sport::walk},
      {"Ride", engine::Sport::ride},
      {"Cycling", engine::Sport::ride},
      {"Hiking", engine::Sport::hike},
      {"Yoga", engine::Sport::other},
      {"Workout", engine::Sport::other},
      {"Uncategorized", engine::Sport::other},
  };
  const auto it = kTypes.find(type);
  REQUIRE(it != kTypes.end());
  return it->second;
}

// The start as the file wrote it: UTC for Strava, local time for the others,
// in each exporter's own spelling.
std::vector<std::string> written_starts(const engine::Activity& a, bool utc) {
  using namespace std::chrono;
  const auto t = date::floor<seconds>(utc ? a.start_utc : a.start_utc + seconds(a.utc_offset_s));
  const auto day = date::floor<date::days>(t);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss hms{t - day};
  const int h = static_cast<int>(hms.hours().count());
  const int m = static_cast<int>(hms.minutes().count());
  const int s = static_cast<int>(hms.seconds().count());
  const std::string mon = date::format("%b", ymd.month());
  const std::string wd = date::format("%a", date::weekday{day});
  const unsigned d = static_cast<unsigned>(ymd.day());
  const int y = static_cast<int>(ymd.year());
  return {
      date::format("%Y-%m-%d %H:%M:%S", t),
      fmt::format("{} {}, {}, {}:{:02}:{:02} {}", mon, d, y, h % 12 == 0 ? 12 : h % 12, m, s,
                  h < 12 ? "AM" : "PM"),
      fmt::format("{}, {} {} {} {}:{:02}", wd, d, mon, y, h, m),
  };
}

// `3,40`, `5.61`, `11.95 Kilometers` -> metres, with how far off rounding can leave it.
std::pair<double, double> written_distance_m(std::string text) {
  std::replace(text.begin(), text.end(), ',', '.');
  std::size_t used = 0;
  const double value = std::stod(text, &used);
  const std::size_t point = text.find('.');
  const std::size_t decimals = point == std::string::npos ? 0 : used - point - 1;
  return {value * 1000.0, 0.5 * std::pow(10.0, -static_cast<double>(decimals)) * 1000.0};
}

}  // namespace

TEST_CASE("csv: every real CSV imports with the manifest's figures or fails with its reason",
          "[import][csv][real]") {
  const auto manifest = nlohmann::json::parse(read_file(test::real_data_dir() / "MANIFEST.json"));
  int files = 0;
  for (const auto& entry : manifest) {
    const std::string file = entry.at("file");
    if (file.rfind("csv/", 0) != 0) continue;
    ++files;
    INFO(file);
    const auto& facts = entry.at("facts");
    import::ParseContext ctx = context("Europe/Paris");
    ctx.display_name = file;
    const std::string bytes = read_file(test::real_data_dir() / file);
    if (facts.at("date_col").is_null()) {
      CHECK(error_of(bytes, ctx) ==
            file + ":1: no date and distance columns (not an activity list)");
      continue;
    }
    const auto result = import::parse_csv(bytes, ctx);
    CHECK(result.warnings.empty());
    const auto& acts = result.activities;
    REQUIRE(acts.size() == facts.at("data_records").get<std::size_t>());

    const bool utc = file.rfind("csv/strava/", 0) == 0;
    const auto first_written = written_starts(acts.front(), utc);
    const auto last_written = written_starts(acts.back(), utc);
    CHECK_THAT(first_written,
               Catch::VectorContains(facts.at("date_col").at("first").get<std::string>()));
    CHECK_THAT(last_written,
               Catch::VectorContains(facts.at("date_col").at("last").get<std::string>()));

    const auto [first_m, tolerance_m] =
        written_distance_m(facts.at("distance_col").at("first").get<std::string>());
    CHECK(std::abs(acts.front().distance_m - first_m) <= tolerance_m);

    std::map<engine::Sport, int> expected, got;
    for (const auto& [type, count] : facts.at("type_counts").items())
      expected[expected_sport(type)] += count.get<int>();
    for (const auto& a : acts) ++got[a.sport];
    CHECK(got == expected);
    for (std::size_t i = 0; i < acts.size(); ++i) {
      CHECK(acts[i].summary_only);
      CHECK(acts[i].source.index_in_file == static_cast<int>(i));
      CHECK(acts[i].distance_m >= 0);
    }
  }
  CHECK(files == 4);
}

TEST_CASE("csv: the real Garmin export is told to be in km whatever the profile says",
          "[import][csv][real]") {
  const auto bytes = read_file(test::real_data_dir() / "csv" / "garmin" / "grunt__Activities.csv");
  const auto result = import::parse_csv(bytes, context("Europe/Paris", engine::Units::mi));
  REQUIRE_FALSE(result.activities.empty());
  CHECK(result.activities.front().distance_m == Approx(3400));
  CHECK(result.activities.front().moving_s == 1021);   // `Time` (timer), not `Moving Time`
  CHECK(result.activities.front().elapsed_s == 1021);  // `Elapsed Time`
  CHECK(result.activities.front().avg_cadence_spm == 172);
}
