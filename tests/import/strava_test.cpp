#include "import/strava.hpp"

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "engine/geo.hpp"
#include "import/pipeline.hpp"
#include "import/walk.hpp"
#include "tests/import/archive_fixtures.hpp"
#include "tests/support/catch.hpp"
#include "tests/support/real_data.hpp"

using namespace stride;
namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Imported {
  std::vector<engine::Activity> activities;
  std::vector<std::string> names;     // display name per activity
  std::vector<std::string> skipped;   // display names
  std::vector<std::string> warnings;  // messages
  std::vector<std::string> failures;
};

Imported import_all(const fs::path& path) {
  const std::vector<fs::path> paths{path};
  const auto inputs = import::walk_inputs(paths);
  Imported out;
  import::run_pipeline(inputs, {}, nullptr, [&](import::ParsedFile&& f) {
    switch (f.status) {
      case import::ParseStatus::parsed:
        for (auto& a : f.result->activities) {
          out.activities.push_back(std::move(a));
  out.names.push_back(f.input->display_name);
}
for (const auto& w : f.result->warnings) out.warnings.push_back(w.message);
break;
case import::ParseStatus::unsupported:
  out.skipped.push_back(f.input->display_name);
  break;
default:
  out.failures.push_back(f.message);
}  // namespace
});
return out;
}

/// The synthetic export (tests/data/strava/export): five rows, three with
/// their file, one manual entry, one whose file is missing; one file that no
/// row lists.
void check_export(const Imported& got, const std::string& root, const std::string& sep) {
  INFO("export at " << root);
  CHECK(got.failures.empty());
  REQUIRE(got.activities.size() == 5);  // one per row: nothing counted twice
  CHECK(got.skipped == std::vector<std::string>{root + sep + "activities/9999.gpx"});
  std::map<std::string, const engine::Activity*> by_name;
  for (const auto& a : got.activities) by_name[a.name] = &a;
  REQUIRE(by_name.size() == 5);

  const auto& gpx = *by_name.at("Morning Run");  // activities/1001.gpx.gz
  CHECK_FALSE(gpx.summary_only);
  CHECK(gpx.points.size() == 21);
  CHECK(gpx.distance_m == Approx(engine::haversine_m(46.0, 7.0, 46.01, 7.0)).epsilon(0.01));
  CHECK(gpx.shoe == "Pegasus 39");
  CHECK(gpx.rpe == 6);
  CHECK(gpx.sport == engine::Sport::run);
  CHECK(gpx.source.file_name == root + sep + "activities/1001.gpx.gz");

  const auto& tcx = *by_name.at("Evening Run");  // activities/1002.tcx
  CHECK(tcx.distance_m == 2000);                 // the file's laps, not the row's 2010
  CHECK(tcx.moving_s == 720);
  CHECK(tcx.shoe == "Trail Shoe");
  CHECK(tcx.rpe == 4);
  CHECK(tcx.points.size() == 3);

  const auto& ride = *by_name.at("Lunch Ride");  // activities/1003.tcx.gz
  CHECK(ride.sport == engine::Sport::ride);
  CHECK(ride.distance_m == 10000);
  CHECK(ride.shoe.empty());

  const auto& manual = *by_name.at("Treadmill");  // no file
  CHECK(manual.summary_only);
  CHECK(manual.distance_m == 5000);
  CHECK(manual.shoe == "Pegasus 39");

  const auto& missing = *by_name.at("Long Run");  // activities/1005.fit.gz is not there
  CHECK(missing.summary_only);
  CHECK(missing.distance_m == 8000);
  CHECK(missing.rpe == 7);
  CHECK(std::count(got.warnings.begin(), got.warnings.end(),
                   "activities/1005.fit.gz is listed in activities.csv but missing from the "
                   "export; imported from the row alone") == 1);

  double run_m = 0;
  for (const auto& a : got.activities)
    if (engine::is_run(a.sport)) run_m += a.distance_m;
  CHECK(run_m == Approx(gpx.distance_m + 2000 + 5000 + 8000));
}

}  // namespace

TEST_CASE("strava: an export folder is one activity per row", "[import][strava]") {
  const fs::path root = test::test_data_dir() / "strava" / "export";
  REQUIRE(import::is_strava_export_dir(root));
  check_export(import_all(root), root.string(), "/");
}

TEST_CASE("strava: an export zip is one activity per row", "[import][strava]") {
  const fs::path root = test::test_data_dir() / "strava" / "export";
  test::TempDir tmp;
  std::vector<std::pair<std::string, std::string>> members;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file())
      members.emplace_back(e.path().lexically_relative(root).generic_string(), read_all(e.path()));
  SECTION("as Strava writes it") {
    const fs::path zip = tmp.path() / "export_12345.zip";
    test::write_zip(zip, members);
    check_export(import_all(zip), zip.string(), "!");
  }
  SECTION("unpacked and zipped again, one folder down") {
    for (auto& m : members) m.first = "export_12345/" + m.first;
    const fs::path zip = tmp.path() / "again.zip";
    test::write_zip(zip, members);
    check_export(import_all(zip), zip.string(), "!export_12345/");
  }
}

TEST_CASE("strava: a folder holding an export walks it as one unit", "[import][strava]") {
  // The export's own activities/ must not be imported again as loose files.
  const fs::path data = test::test_data_dir() / "strava";
  const auto got = import_all(data);
  check_export(got, (data / "export").string(), "/");
}

TEST_CASE("strava: rows Strava marked as errors fail alone", "[import][strava]") {
  import::StravaRowInput in;
  in.csv_display_name = "export/activities.csv";
  in.row.line = 7;
  in.row.error = "activity date is #error#";
  CHECK_THROWS_WITH(import::import_strava_row(in, {}),
                    "export/activities.csv:7: activity date is #error#");
}

TEST_CASE("strava: a file that fails to parse leaves the row alone, with the reason",
          "[import][strava]") {
  import::StravaRowInput in;
  in.csv_display_name = "export/activities.csv";
  in.row.line = 3;
  in.row.filename = "activities/1.tcx";
  in.row.activity.name = "Broken";
  in.row.activity.distance_m = 4200;
  in.file_display_name = "export/activities/1.tcx";
  in.load_file = [] { return std::string("<TrainingCenterDatabase>"); };
  const auto result = import::import_strava_row(in, {});
  REQUIRE(result.activities.size() == 1);
  CHECK(result.activities[0].summary_only);
  CHECK(result.activities[0].distance_m == 4200);
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].where.line == 3);
  CHECK(result.warnings[0].message ==
        "export/activities/1.tcx:1:24: XML error: Start-end tags mismatch (imported from the row "
        "alone)");
}

TEST_CASE("strava: the real export's activities.csv walks into one input per row",
          "[import][strava][real]") {
  // A real activities.csv without its files: every row imports from the row alone.
  test::TempDir tmp;
  const fs::path root = tmp.path() / "export";
  test::write_file(root / "activities.csv",
                   read_all(test::real_data_dir() / "csv/strava/strava-insights__activities.csv"));
  fs::create_directories(root / "activities");
  const auto manifest = nlohmann::json::parse(read_all(test::real_data_dir() / "MANIFEST.json"));
  std::size_t records = 0;
  for (const auto& entry : manifest)
    if (entry.at("file") == "csv/strava/strava-insights__activities.csv")
      records = entry.at("facts").at("data_records");
  REQUIRE(records > 0);
  const auto got = import_all(root);
  CHECK(got.failures.empty());
  CHECK(got.activities.size() == records);
  for (const auto& a : got.activities) CHECK(a.summary_only);
}
