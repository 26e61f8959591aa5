// End-to-end tests of `stride import` on whole-account exports (Garmin
// Connect, Apple Health; tests/data/exports, written by make_exports.py):
// twice is once, --dry-run writes nothing, a damaged nested zip fails alone.
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/catch.hpp"
#include "tests/support/sandbox.hpp"

namespace {

namespace fs = std::filesystem;
using stride::test::dump;
using stride::test::env_or;
using stride::test::Sandbox;

fs::path exports() { return fs::path(env_or("STRIDE_TEST_DATA", STRIDE_E2E_DATA)) / "exports"; }

nlohmann::json summary_of(const std::string& out) {
  return nlohmann::json::parse(out).at("summary");
}

}  // namespace

TEST_CASE("cli: an account export imports once, however often and in whichever form",
          "[e2e][exports]") {
  const auto [first, second, activities] =
      GENERATE(std::make_tuple("garmin-export", "garmin-export.zip", 5),
               std::make_tuple("apple_health_export", "export.zip", 5),
               std::make_tuple("apple_health_export/export.xml", "apple_health_export", 5));
  INFO(first << " then " << second);
  Sandbox box;
  const auto r = box.run({"--json", "import", (exports() / first).string()});
  INFO(r.err);
  REQUIRE(r.exit == 0);
  CHECK(summary_of(r.out).at("activities_added") == activities);
  const auto once = dump(box.db());
  for (const char* again : {first, second}) {
    const auto r2 = box.run({"--json", "import", (exports() / again).string()});
    INFO(again << ": " << r2.out << r2.err);
    CHECK(r2.exit == 0);
    CHECK(summary_of(r2.out).at("activities_added") == 0);
    CHECK(dump(box.db()) == once);
  }
}

TEST_CASE("cli: --dry-run lists what an export would import and writes nothing", "[e2e][exports]") {
  Sandbox box;
  const auto r = box.run({"import", "--dry-run", (exports() / "garmin-export.zip").string()});
  INFO(r.err);
  CHECK(r.exit == 0);
  CHECK_THAT(r.out, Catch::Contains("UploadedFiles_0-_Part1.zip!runner@example.com_2001.fit"));
  CHECK_THAT(r.out, Catch::Contains("summarizedActivities.json#1002"));
  CHECK_THAT(r.out, Catch::Contains("dry run: 4 imported, 0 merged, 0 duplicate, 0 failed"));
  const auto list = box.run({"--json", "list"});
  CHECK((list.exit != 0 || nlohmann::json::parse(list.out).empty()));
}

TEST_CASE("cli: a damaged nested zip fails with its path and the export goes on",
          "[e2e][exports]") {
  Sandbox box;
  const auto r = box.run({"--json", "import", (exports() / "garmin-damaged.zip").string()});
  CHECK(r.exit == 1);
  CHECK_THAT(r.err, Catch::Contains("garmin-damaged.zip!DI_CONNECT/DI-Connect-Uploaded-Files/"
                                    "UploadedFiles_0-_Part1.zip: not a readable zip archive"));
  const auto s = summary_of(r.out);
  CHECK(s.at("failed") == 1);
  CHECK(s.at("activities_added") == 4);  // every summary but the multisport parent
}

TEST_CASE("cli: the Garmin export's FIT and a Strava export's GPX of one run are one activity",
          "[e2e][exports]") {
  Sandbox box;
  const auto garmin = box.run({"--json", "import", (exports() / "garmin-export").string()});
  REQUIRE(garmin.exit == 0);
  const auto strava = box.run({"--json", "import", (exports() / "strava-export").string()});
  INFO(strava.out << strava.err);
  REQUIRE(strava.exit == 0);
  const auto s = summary_of(strava.out);
  CHECK(s.at("activities_added") == 0);
  CHECK(s.at("imported") == 0);
  const auto list = nlohmann::json::parse(box.ok({"--json", "list"}).out);
  CHECK(list.size() == 5);
  // The run keeps the Garmin summary's name; the phone's recording adds nothing new.
  std::size_t trail_runs = 0;
  for (const auto& a : list)
    if (a.at("name") == "Üetliberg trail") ++trail_runs;
  CHECK(trail_runs == 1);
}
