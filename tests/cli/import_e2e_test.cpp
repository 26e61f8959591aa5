// End-to-end tests of `stride import` through the built binary (env
// STRIDE_BIN) that the case files cannot express: whole-database comparisons,
// inputs built at test time (a .gz, a zip of the Strava export), figures read
// from ../shared/data/real/MANIFEST.json, and a profile changed between runs.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "tests/import/archive_fixtures.hpp"
#include "tests/support/catch.hpp"
#include "tests/support/files.hpp"
#include "tests/support/real_data.hpp"
#include "tests/support/sandbox.hpp"

namespace {

namespace fs = std::filesystem;

using stride::test::dump;
using stride::test::env_or;
using stride::test::examples;
using stride::test::read_file;
using stride::test::Sandbox;

fs::path data_dir() { return env_or("STRIDE_TEST_DATA", STRIDE_E2E_DATA); }

nlohmann::json list_json(const Sandbox& box) {
  return nlohmann::json::parse(box.ok({"--json", "list"}).out);
}

/// The activities of a listing keyed by their source file's name (the last
/// part of the display name, after any `!` of an archive member).
std::map<std::string, nlohmann::json> by_file(const nlohmann::json& list) {
  std::map<std::string, nlohmann::json> out;
  for (const auto& a : list) {
    std::string name = a.at("source").at("file_name").get<std::string>();
    const auto cut = name.find_last_of("/!");
    if (cut != std::string::npos) name = name.substr(cut + 1);
    out[name] = a;
  }
  return out;
}

/// The leading number of a MANIFEST figure ("4689.24 (lap sum); last ...").
double figure(const nlohmann::json& reference, const char* key) {
  return std::stod(reference.at(key).get<std::string>());
}

}  // namespace

TEST_CASE("cli: importing the real data twice leaves the database as importing it once",
          "[e2e][real]") {
  Sandbox box;
  const std::string real = stride::test::real_data_dir().string();
  const auto first = box.run({"--json", "import", real});
  INFO(first.err);
  CHECK(first.exit == 1);  // the manifest's broken files fail, the rest imports
  const auto summary = nlohmann::json::parse(first.out).at("summary");
  CHECK(summary.at("activities_added").get<int>() > 30);
  const auto once = dump(box.db());
  const auto batches_once = box.ok({"--json", "undo-import", "--list"}).out;

  SECTION("from the same paths") {
    const auto again = box.run({"--json", "import", real});
    CHECK(again.exit == 1);
    const auto s = nlohmann::json::parse(again.out).at("summary");
    CHECK(s.at("activities_added") == 0);
    CHECK(s.at("imported") == 0);
    CHECK(s.at("merged") == 0);
    CHECK(s.at("failed") == summary.at("failed"));
  }
  SECTION("from a copy elsewhere (every file read and hashed again)") {
    fs::copy(real, box.dir() / "copy", fs::copy_options::recursive);
    const auto again = box.run({"--json", "import", (box.dir() / "copy").string()});
    CHECK(again.exit == 1);
    const auto s = nlohmann::json::parse(again.out).at("summary");
    CHECK(s.at("activities_added") == 0);
    CHECK(s.at("imported") == 0);
    CHECK(s.at("merged") == 0);
  }
  CHECK(dump(box.db()) == once);
  CHECK(box.ok({"--json", "undo-import", "--list"}).out == batches_once);
}

TEST_CASE("cli: an import that only repeats stored activities leaves no batch", "[e2e][real]") {
  // The same 10 km race as FIT and as TCX: the TCX has nothing to add.
  const fs::path real = stride::test::real_data_dir();
  const std::string fit = (real / "fit" / "goldencheetah__10kUNLP2014-Garmin15.fit").string();
  const std::string tcx = (real / "tcx" / "goldencheetah__10kUNLP2014-Garmin15.tcx").string();
  Sandbox box;
  box.ok({"import", fit});
  const auto once = dump(box.db());
  const auto r = box.ok({"--json", "import", tcx});
  const auto out = nlohmann::json::parse(r.out);
  CHECK(out.at("summary").at("duplicate") == 1);
  CHECK(out.at("files").at(0).at("detail") == "duplicate of #1 (" + tcx + " has nothing to add)");
  CHECK(dump(box.db()) == once);
  const auto batches = nlohmann::json::parse(box.ok({"--json", "undo-import", "--list"}).out);
  REQUIRE(batches.size() == 1);
  CHECK(batches[0].at("description") == "import " + fit);

  // Not remembered as seen: once the FIT is undone, the TCX imports.
  box.ok({"undo-import"});
  const auto alone = nlohmann::json::parse(box.ok({"--json", "import", tcx}).out);
  CHECK(alone.at("summary").at("imported") == 1);
  CHECK(alone.at("summary").at("activities_added") == 1);
}

TEST_CASE("cli: a Strava export imports one activity per row, as a folder and as a zip", "[e2e]") {
  Sandbox box;
  // The synthetic export plus a row Strava marked #error#.
  const fs::path src = data_dir() / "strava" / "export";
  const fs::path folder = box.dir() / "export_12345";
  fs::copy(src, folder, fs::copy_options::recursive);
  {
    std::ofstream csv(folder / "activities.csv", std::ios::app | std::ios::binary);
    csv << "1006,#error#,Broken,Run,,600,2.00,,,false,,,activities/1006.gpx,,,600.0,600.0,2000.0"
        << std::string(60, ',') << "\n";
  }
  std::vector<std::pair<std::string, std::string>> members;
  for (const auto& e : fs::recursive_directory_iterator(folder))
    if (e.is_regular_file())
      members.emplace_back(e.path().lexically_relative(folder).generic_string(),
                           read_file(e.path()));
  const fs::path zip = box.dir() / "export_12345.zip";
  stride::test::write_zip(zip, members);

  const bool as_zip = GENERATE(false, true);
  const std::string input = (as_zip ? zip : folder).string();
  INFO("importing " << input);
  const auto r = box.run({"--json", "import", input});
  INFO(r.err);
  CHECK(r.exit == 1);  // the #error# row fails; the rest imports
  const auto summary = nlohmann::json::parse(r.out).at("summary");
  CHECK(summary.at("activities_added") == 5);
  CHECK(summary.at("failed") == 1);
  CHECK_THAT(r.err, Catch::Contains("activities.csv:7: Strava wrote #error# in column 2"));
  CHECK_THAT(r.err, Catch::Contains("1005.fit.gz"));

  const auto list = list_json(box);
  REQUIRE(list.size() == 5);  // one per usable row: no file counted twice, 9999.gpx not at all
  std::map<std::string, nlohmann::json> by_name;
  for (const auto& a : list) by_name[a.at("name").get<std::string>()] = a;
  REQUIRE(by_name.size() == 5);
  const auto& morning = by_name.at("Morning Run");  // 1001.gpx.gz with its row
  CHECK(morning.at("summary_only") == false);
  CHECK(morning.at("shoe") == "Pegasus 39");
  CHECK(morning.at("rpe") == 6);
  CHECK(morning.at("sport") == "run");
  const auto& evening = by_name.at("Evening Run");  // 1002.tcx: the file's laps, not the row's 2010
  CHECK(evening.at("distance_m") == 2000);
  CHECK(evening.at("shoe") == "Trail Shoe");
  CHECK(evening.at("rpe") == 4);
  CHECK(evening.at("summary_only") == false);
  CHECK(by_name.at("Lunch Ride").at("sport") == "ride");
  const auto& treadmill = by_name.at("Treadmill");  // a manual entry: the row alone
  CHECK(treadmill.at("summary_only") == true);
  CHECK(treadmill.at("distance_m") == 5000);
  CHECK(treadmill.at("moving_s") == 1500);
  const auto& long_run = by_name.at("Long Run");  // its file is missing: the row alone
  CHECK(long_run.at("summary_only") == true);
  CHECK(long_run.at("distance_m") == 8000);
  CHECK(long_run.at("rpe") == 7);

  // Again, and in the other form: nothing new, nothing counted twice.
  const auto once = dump(box.db());
  for (const fs::path& next : {fs::path(input), as_zip ? folder : zip}) {
    INFO("then importing " << next);
    const auto again = box.run({"--json", "import", next.string()});
    CHECK(again.exit == 1);
    const auto s = nlohmann::json::parse(again.out).at("summary");
    CHECK(s.at("activities_added") == 0);
    CHECK(s.at("duplicate") == 5);
    CHECK(dump(box.db()) == once);
  }
}

TEST_CASE("cli: a gzipped GPX imports as the plain file does", "[e2e]") {
  Sandbox box;
  const fs::path gpx_dir = fs::path(examples()) / "history" / "gpx";
  fs::path plain;
  for (const auto& e : fs::directory_iterator(gpx_dir))
    if (e.path().extension() == ".gpx" && (plain.empty() || e.path() < plain)) plain = e.path();
  REQUIRE_FALSE(plain.empty());
  const fs::path gz = box.dir() / (plain.filename().string() + ".gz");
  stride::test::write_file(gz, stride::test::gzip(read_file(plain)));

  const fs::path plain_db = box.dir() / "plain.db";
  box.ok({"init"}, plain_db);  // every command but init needs a database
  box.ok({"import", plain.string()}, plain_db);
  box.ok({"import", gz.string()});
  auto from_plain = nlohmann::json::parse(box.ok({"--json", "list"}, plain_db).out);
  auto from_gz = list_json(box);
  REQUIRE(from_gz.size() == 1);
  CHECK(from_gz[0].at("summary_only") == false);
  CHECK(from_gz[0].at("source").at("format") == "gpx");
  CHECK(from_gz[0].at("source").at("file_name") == gz.string());
  for (auto* list : {&from_plain, &from_gz}) (*list)[0].erase("source");
  CHECK(from_gz == from_plain);

  // The same run, plain, into the database that has it from the .gz: a duplicate.
  const auto again = box.ok({"--json", "import", plain.string()});
  const auto s = nlohmann::json::parse(again.out).at("summary");
  CHECK(s.at("duplicate") == 1);
  CHECK(s.at("activities_added") == 0);
  CHECK(list_json(box).size() == 1);
}

TEST_CASE("cli: real TCX and FIT files import with their MANIFEST figures", "[e2e][real]") {
  const fs::path real = stride::test::real_data_dir();
  const auto manifest = nlohmann::json::parse(read_file(real / "MANIFEST.json"));
  const std::vector<std::string> files{
      "fit/fitparse__activity-small-fenix2-run.fit",
      "fit/gpsbabel__garmin-forerunner-10.fit",  // pauses: timer < elapsed
      "fit/goldencheetah__Fr955v19.28andStryd.fit",
      "tcx/firefly-tcx__running_activity_1.tcx",
      "tcx/tcxparser__test.tcx",  // lap sum differs from the last trackpoint
  };
  Sandbox box;
  std::vector<std::string> args{"--json", "import"};
  for (const auto& f : files) args.push_back((real / f).string());
  const auto r = box.ok(args);
  CHECK(nlohmann::json::parse(r.out).at("summary").at("imported") == files.size());
  const auto listed = by_file(list_json(box));
  for (const auto& f : files) {
    INFO(f);
    const auto entry = std::find_if(manifest.begin(), manifest.end(),
                                    [&](const nlohmann::json& m) { return m.at("file") == f; });
    REQUIRE(entry != manifest.end());
    const auto& ref = entry->at("reference");
    const auto name = fs::path(f).filename().string();
    REQUIRE(listed.count(name) == 1);
    const auto& a = listed.at(name);
    CHECK(a.at("start_utc") == ref.at("start"));
    CHECK(a.at("sport") == "run");
    CHECK(a.at("distance_m").get<double>() == Approx(figure(ref, "dist")).margin(0.01));
    CHECK(a.at("moving_s").get<double>() == Approx(figure(ref, "timer")).margin(0.01));
    CHECK(a.at("elapsed_s").get<double>() == Approx(figure(ref, "elapsed")).margin(1));
  }
}

TEST_CASE("cli: a CSV row and a GPX of the same run merge into one activity with the track",
          "[e2e]") {
  Sandbox box;
  const fs::path gpx_dir = fs::path(examples()) / "history" / "gpx";
  fs::path gpx;
  for (const auto& e : fs::directory_iterator(gpx_dir))
    if (e.path().extension() == ".gpx" && (gpx.empty() || e.path() < gpx)) gpx = e.path();
  box.ok({"import", gpx.string()});
  const auto before = list_json(box);
  REQUIRE(before.size() == 1);
  const auto& run = before[0];
  REQUIRE(run.at("avg_hr_bpm").is_number());

  // The watch's CSV row of that run: rounded figures, a name and a shoe.
  std::ofstream(box.dir() / "watch.csv")
      << "start,sport,distance_m,moving_s,shoe,name\n"
      << run.at("start_utc").get<std::string>() << ",run,"
      << std::lround(run.at("distance_m").get<double>()) << ","
      << std::lround(run.at("moving_s").get<double>()) << ",Pegasus 40,Sunday long\n";
  const auto merged = box.ok({"import", "watch.csv"});
  CHECK_THAT(merged.out,
             Catch::StartsWith("STATUS") &&
                 Catch::Contains("\nmerged  watch.csv  #1          merged into #1: kept the track "
                                 "from " +
                                 gpx.string() + ", took shoe from watch.csv row 1\n") &&
                 Catch::EndsWith("0 imported, 1 merged, 0 duplicate, 0 failed (1 file)\n"));

  const auto after = list_json(box);
  REQUIRE(after.size() == 1);
  const auto& a = after[0];
  CHECK(a.at("shoe") == "Pegasus 40");
  CHECK(a.at("name") == run.at("name"));  // the GPX had one: the row's does not replace it
  // The GPX detail stays: track, heart rate, its own distance and times.
  CHECK(a.at("summary_only") == false);
  CHECK(a.at("avg_hr_bpm") == run.at("avg_hr_bpm"));
  CHECK(a.at("distance_m") == run.at("distance_m"));
  CHECK(a.at("moving_s") == run.at("moving_s"));
  CHECK(a.at("start_utc") == run.at("start_utc"));
  CHECK(a.at("source").at("format") == "gpx");
}

TEST_CASE("cli: changing the profile's zones re-derives stored surfaces without re-import",
          "[e2e]") {
  Sandbox box;
  const fs::path profile = box.dir() / "profile.yaml";
  const auto write_profile = [&](const std::string& zone_surface) {
    std::ofstream(profile) << "time_zone: Europe/Berlin\ndefault_surface: road\n"
                           << "zones:\n  - {name: tiergarten, surface: " << zone_surface
                           << ", circle: {lat: 52.5145, lon: 13.3501, radius: 900 m}}\n";
  };
  write_profile("trail");
  box.ok({"--profile", profile.string(), "import", examples() + "/history/gpx"});
  const auto runs = [&] {
    return nlohmann::json::parse(
        box.ok({"--profile", profile.string(), "--json", "list", "--sport", "run"}).out);
  };
  const auto with_trail = runs();
  const auto surfaces = [](const nlohmann::json& list) {
    std::vector<nlohmann::json> out;
    for (const auto& a : list)
      if (!a.at("summary_only").get<bool>()) out.push_back(a.at("surface_m"));
    return out;
  };
  const auto trail = surfaces(with_trail);
  REQUIRE_FALSE(trail.empty());
  bool any_trail = false;
  for (const auto& s : trail) any_trail |= s.contains("trail");
  REQUIRE(any_trail);

  write_profile("grass");
  const auto r = box.ok({"--profile", profile.string(), "--json", "list", "--sport", "run"});
  CHECK_THAT(r.err, Catch::Contains("surfaces re-derived for " + std::to_string(trail.size()) +
                                    " activities (zones changed)"));
  const auto grass = surfaces(nlohmann::json::parse(r.out));
  REQUIRE(grass.size() == trail.size());
  for (std::size_t i = 0; i < trail.size(); ++i) {
    INFO("activity " << i << ": " << trail[i] << " then " << grass[i]);
    CHECK_FALSE(grass[i].contains("trail"));
    CHECK(grass[i].value("grass", 0.0) == Approx(trail[i].value("trail", 0.0)));
    CHECK(grass[i].value("road", 0.0) == Approx(trail[i].value("road", 0.0)));
  }
  // Unchanged zones: nothing re-derived, nothing said.
  const auto quiet = box.ok({"--profile", profile.string(), "list"});
  CHECK_THAT(quiet.err, !Catch::Contains("re-derived"));

  // No zones: all on the default surface.
  std::ofstream(profile) << "time_zone: Europe/Berlin\ndefault_surface: road\n";
  const auto plain = surfaces(runs());
  REQUIRE(plain.size() == trail.size());
  for (std::size_t i = 0; i < trail.size(); ++i) {
    INFO("activity " << i << ": " << plain[i]);
    CHECK(plain[i].size() == 1);
    CHECK(plain[i].value("road", 0.0) ==
          Approx(trail[i].value("trail", 0.0) + trail[i].value("road", 0.0)));
  }
}
