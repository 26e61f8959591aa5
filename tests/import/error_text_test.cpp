// Golden error texts (PRODUCT.md "Errors show the line"): `file:line:col:
// message`, the offending line, a caret under the column; one error type for
// activity files, plans and the profile.
#include <fmt/format.h>

#include <string>

#include "engine/source_error.hpp"
#include "import/formats.hpp"
#include "plans/plan_yaml.hpp"
#include "profile/profile.hpp"
#include "tests/support/catch.hpp"

using namespace stride;

namespace {

std::string import_error(import::Format format, const std::string& bytes, const char* name) {
  import::ParseContext ctx;
  ctx.display_name = name;
  try {
    import::parse_bytes(format, bytes, ctx);
  } catch (const engine::SourceError& e) {
    return e.full_text();
  }
  return "no error";
}

}  // namespace

TEST_CASE("error text: a GPX error shows the line and a caret", "[import][errors]") {
  CHECK(import_error(import::Format::gpx, "<gpx>\n  <trk>\n    <name>x</nmae>\n  </trk>\n</gpx>\n",
                     "bad.gpx") ==
        "bad.gpx:3:14: Start-end tags mismatch\n"
        "    <name>x</nmae>\n"
        "             ^");
}

TEST_CASE("error text: a TCX error shows the line and a caret", "[import][errors]") {
  CHECK(import_error(import::Format::tcx,
                     "<TrainingCenterDatabase>\n  <Activities>\n"
                     "    <Activity Sport=\"Running\"></Activty>\n",
                     "bad.tcx") ==
        "bad.tcx:3:33: XML error: Start-end tags mismatch\n"
        "    <Activity Sport=\"Running\"></Activty>\n"
        "                                ^");
}

TEST_CASE("error text: a CSV error shows the line and a caret", "[import][errors]") {
  CHECK(import_error(import::Format::csv, "date,distance,name\n2026-03-02,5,\"unclosed\n",
                     "runs.csv") ==
        "runs.csv:2:14: quoted field is never closed\n"
        "2026-03-02,5,\"unclosed\n"
        "             ^");
  // A line without a column is shown without a caret.
  CHECK(import_error(import::Format::csv, "when,where\nmonday,park\n", "runs.csv") ==
        "runs.csv:1: no date and distance columns (not an activity list)\n"
        "when,where");
}

TEST_CASE("error text: a plan error shows the line and a caret", "[plans][errors]") {
  const std::string plan =
      "stride_plan: 1\nstart: 2026-11-30\nweeks:\n  - week: 1\n    days:\n"
      "      - date: 2026-12-01\n        sessions:\n"
      "          - {type: run, kind: easy, distance: 6 km, surface: lava}\n";
  std::string text = "no error";
  try {
    plans::read_plan_yaml(plan, "plan.yaml");
  } catch (const plans::PlanError& e) {
    text = e.full_text();
  }
  CHECK(text ==
        "plan.yaml:8:62: unknown surface 'lava' (road, track, treadmill, trail, grass, sand, "
        "snow, unknown; asphalt, concrete, pavement for road; dirt, gravel for trail)\n"
        "          - {type: run, kind: easy, distance: 6 km, surface: lava}\n"
        "                                                             ^");
}

TEST_CASE("error text: a profile error shows the line and a caret", "[profile][errors]") {
  std::string text = "no error";
  try {
    profile::load_profile("units: km\ndefault_surface: lava\n", "profile.yaml");
  } catch (const profile::ProfileError& e) {
    text = e.full_text();
  }
  CHECK(text ==
        "profile.yaml:2:18: 'default_surface' must be one of road, track, treadmill, trail, "
        "grass, sand, snow, unknown, not 'lava'\n"
        "default_surface: lava\n"
        "                 ^");
}

TEST_CASE("error text: a long line is cut to 120 characters around the column",
          "[import][errors]") {
  // Built with fmt: GCC 12 -O2 warns falsely on std::string(n, c) + "X" (PR 105329).
  const std::string line = fmt::format("{}X{}", std::string(150, 'a'), std::string(149, 'b'));
  const std::string excerpt = engine::source_excerpt("first\n" + line + "\n", {2, 151, -1});
  // 60 characters before the column, the column, 59 after; the caret under X.
  CHECK(excerpt == fmt::format("{}X{}\n{}^", std::string(60, 'a'), std::string(59, 'b'),
                               std::string(60, ' ')));
  // Near the start the window starts at the line's start.
  CHECK(engine::source_excerpt(line, {1, 3, -1}) == line.substr(0, 120) + "\n  ^");
  // Near the end it ends at the line's end.
  CHECK(engine::source_excerpt(line, {1, 300, -1}) ==
        line.substr(180) + "\n" + std::string(119, ' ') + "^");
  // Multi-byte characters count once; tabs become spaces.
  CHECK(engine::source_excerpt("\tÜber x", {1, 8, -1}) == " Über x\n      ^");
  CHECK(engine::source_excerpt("one\ntwo", {3, 1, -1}).empty());
  CHECK(engine::source_excerpt("one", {0, 0, 10}).empty());
}
