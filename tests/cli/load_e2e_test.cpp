// End-to-end tests of session load (LOAD-SCIENCE.md "Load units"): histories
// generated at test time as generic CSV, imported through the built `stride`
// (env STRIDE_BIN), and read back through `list`, `status`, `warnings` and
// `check` as a runner would.
#include <date/date.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/support/catch.hpp"
#include "tests/support/sandbox.hpp"

namespace {

namespace fs = std::filesystem;
using stride::test::Sandbox;

struct Row {
  date::sys_days day;
  std::string sport;
  double km = 0;
  double minutes = 0;
  int rpe = -1;  ///< -1: none logged
};

date::sys_days ymd(int y, unsigned m, unsigned d) {
  return date::sys_days{date::year{y} / date::month{m} / date::day{d}};
}

/// Writes the rows as a generic CSV and imports it.
void import_rows(const Sandbox& box, const std::vector<Row>& rows) {
  const fs::path csv = box.dir() / "history.csv";
  std::ofstream out(csv);
  out << "start,sport,distance_m,moving_s,elapsed_s,rpe\n";
  int hour = 6;
  for (const auto& r : rows) {
    hour = hour == 6 ? 17 : 6;  // two sessions of a day start at different times
    out << date::format("%F", r.day) << "T" << (hour < 10 ? "0" : "") << hour << ":00:00+00:00,"
        << r.sport << "," << r.km * 1000 << "," << r.minutes * 60 << "," << r.minutes * 60 << ","
        << (r.rpe >= 0 ? std::to_string(r.rpe) : "") << "\n";
  }
  out.close();
  box.ok({"import", csv.string()});
}

nlohmann::json json_of(const Sandbox& box, const std::vector<std::string>& args) {
  std::vector<std::string> all{"--json"};
  all.insert(all.end(), args.begin(), args.end());
  return nlohmann::json::parse(box.ok(all).out);
}

/// Eight weeks of four 10 km runs at 6:00 /km ending before `end`.
std::vector<Row> base_weeks(date::sys_days end, int weeks = 8) {
  std::vector<Row> rows;
  for (date::sys_days d = end - date::days{7 * weeks}; d < end; d += date::days{1}) {
    const unsigned wd = date::weekday{d}.c_encoding();
    if (wd == 2 || wd == 4 || wd == 6 || wd == 0) rows.push_back({d, "run", 10, 60});
  }
  return rows;
}

}  // namespace

TEST_CASE("load: list --json gives load and load_source for every activity", "[e2e]") {
  Sandbox box;
  box.ok({"init"});
  auto rows = base_weeks(ymd(2026, 11, 16));
  rows.push_back({ymd(2026, 11, 17), "ride", 0, 60});
  rows.push_back({ymd(2026, 11, 18), "strength", 0, 40, 6});
  rows.push_back({ymd(2026, 11, 19), "swim", 1.5, 45});
  rows.push_back({ymd(2026, 11, 20), "run", 10, 50});  // 5:00 /km: faster than 6:00 / 0.92
  import_rows(box, rows);
  const auto list = json_of(box, {"list"});
  REQUIRE(list.size() == rows.size());
  const std::set<std::string> sources{"rpe", "kind", "hr", "pace", "default"};
  for (const auto& a : list) {
    INFO(a.dump());
    REQUIRE(a.contains("load"));
    REQUIRE(a.contains("load_source"));
    CHECK(sources.count(a["load_source"].get<std::string>()) == 1);
    // load = RPE x moving minutes
    CHECK(a["load"].get<double>() ==
          Approx(a["load_rpe"].get<int>() * a["moving_s"].get<double>() / 60));
  }
  auto find = [&](const char* date) {
    for (const auto& a : list)
      if (a["local_date"] == date) return a;
    FAIL("no activity on " << date);
    return nlohmann::json{};
  };
  CHECK(find("2026-11-17")["load_source"] == "default");  // ride: 3 x 60
  CHECK(find("2026-11-17")["load"] == 180);
  CHECK(find("2026-11-18")["load_source"] == "rpe");  // logged 6 x 40
  CHECK(find("2026-11-18")["load"] == 240);
  CHECK(find("2026-11-19")["load"] == 180);  // swim: 4 x 45
  CHECK(find("2026-11-20")["load_source"] == "pace");
  CHECK(find("2026-11-20")["load"] == 300);  // 6 x 50
  SECTION("an edited RPE re-derives the load without re-import") {
    const auto id = std::to_string(find("2026-11-20")["id"].get<long>());
    box.ok({"edit", id, "--rpe", "4"});
    const auto again = json_of(box, {"show", id});
    CHECK(again["load_source"] == "rpe");
    CHECK(again["load"] == 200);
  }
}

TEST_CASE("load: a 60-minute easy ride and a 60-minute easy run weigh alike", "[e2e]") {
  Sandbox box;
  box.ok({"init"});
  auto rows = base_weeks(ymd(2026, 11, 16));
  rows.push_back({ymd(2026, 11, 17), "run", 10, 60});  // the runner's usual pace
  rows.push_back({ymd(2026, 11, 18), "ride", 25, 60});
  import_rows(box, rows);
  double run_load = 0, ride_load = 0;
  for (const auto& a : json_of(box, {"list", "--since", "2026-11-17"})) {
    if (a["sport"] == "run") run_load = a["load"].get<double>();
    if (a["sport"] == "ride") ride_load = a["load"].get<double>();
  }
  REQUIRE(run_load > 0);
  REQUIRE(ride_load > 0);
  CHECK(std::max(run_load, ride_load) / std::min(run_load, ride_load) <= 1.5);
}

TEST_CASE("load: a returner's restart week with rides is not fresh", "[e2e]") {
  // Eight weeks of running, 45 days off, then five 7.5 km days and six easy
  // rides in one week (the runner: form looked +27 before).
  Sandbox box;
  box.ok({"init"});
  const auto restart = ymd(2026, 11, 18);
  auto rows = base_weeks(restart - date::days{45});
  for (int i = 0; i < 7; ++i) {
    const auto d = restart + date::days{i};
    if (i != 2 && i != 5) rows.push_back({d, "run", 7.5, 45});
    if (i != 3) rows.push_back({d, "ride", 20, 60});
  }
  import_rows(box, rows);
  const auto status = json_of(box, {"status", "--date", "2026-11-24"});
  const auto& f = status["figures"];
  INFO(f.dump());
  CHECK(f["form"].get<double>() < 0);
  CHECK(f["fatigue"].get<double>() > f["fitness"].get<double>());
  // Rides counted: 6 x 60 min at 3 plus five runs of 45 min.
  CHECK(f["load_7d"].get<double>() > 6 * 180);
  CHECK(status["load_sources_28d"]["sessions"] == 11);
  CHECK(status["load_sources_28d"]["estimated"] == 11);
}

TEST_CASE("load: a textbook week of 5 runs and 2 strength sessions draws no monotony note",
          "[e2e]") {
  Sandbox box;
  box.ok({"init"});
  std::vector<Row> rows;
  const auto first = ymd(2026, 8, 3);  // a Monday; 16 weeks to 2026-11-22
  for (int w = 0; w < 16; ++w) {
    const auto mon = first + date::days{7 * w};
    rows.push_back({mon, "run", 6, 36});
    rows.push_back({mon, "strength", 0, 30});
    rows.push_back({mon + date::days{1}, "run", 10, 60});
    rows.push_back({mon + date::days{3}, "run", 8, 48});
    rows.push_back({mon + date::days{3}, "strength", 0, 30});
    rows.push_back({mon + date::days{5}, "run", 6, 36});
    rows.push_back({mon + date::days{6}, "run", 16, 96});
  }
  import_rows(box, rows);
  const auto warnings = json_of(box, {"warnings", "--since", "2026-08-03"});
  int monotony = 0;
  for (const auto& day : warnings["days"]) {
    for (const auto& w : day["warnings"]) monotony += w["rule"] == "monotony" ? 1 : 0;
    if (day.contains("context"))
      for (const auto& w : day["context"])
        monotony += w.dump().find("monotony") != std::string::npos;
  }
  CHECK(monotony == 0);
  const auto status = json_of(box, {"status", "--date", "2026-11-22"});
  CHECK(status["figures"]["monotony"].get<double>() < 2.0);
  // Every run at the runner's own pace is easy by pace: 100 % easy.
  CHECK(status["figures"]["easy_share_7d"].get<double>() == Approx(1.0));
}

TEST_CASE("load: check takes the planned intensity into the day's load", "[e2e]") {
  Sandbox box;
  box.ok({"init"});
  import_rows(box, base_weeks(ymd(2026, 11, 24)));
  auto at = [&](std::vector<std::string> extra) {
    std::vector<std::string> args{"check", "--distance", "10km", "--date", "2026-11-25"};
    args.insert(args.end(), extra.begin(), extra.end());
    return json_of(box, args);
  };
  const auto hard = at({"--rpe", "9"});
  const auto easy = at({"--rpe", "3"});
  CHECK(hard["planned"]["rpe"] == 9);
  CHECK(easy["planned"]["rpe"] == 3);
  CHECK(hard["context"]["load_7d"].get<double>() - easy["context"]["load_7d"].get<double>() ==
        Approx(6 * 60));  // 10 km at 6:00 /km: 60 min x (9 - 3)
  CHECK(hard["context"]["fatigue"].get<double>() > easy["context"]["fatigue"].get<double>());
  const auto tempo = at({"--kind", "tempo"});
  CHECK(tempo["planned"]["rpe"] == 6);
  CHECK(tempo["planned"]["load_source"] == "kind");
  CHECK(at({})["planned"]["rpe"] == 3);           // easy unless told
  const auto fast = at({"--duration", "45min"});  // 4:30 /km against 6:00
  CHECK(fast["planned"]["rpe"] == 6);
  CHECK(fast["planned"]["load_source"] == "pace");
  auto usage = box.run({"check", "--distance", "10km", "--kind", "jog"});
  CHECK(usage.exit == 2);
}

TEST_CASE("load: status shows VDOT and paces from the best recent run", "[e2e]") {
  Sandbox box;
  box.ok({"init"});
  auto rows = base_weeks(ymd(2026, 11, 16));
  rows.push_back({ymd(2026, 11, 20), "run", 5, 20});  // VDOT 49.8
  import_rows(box, rows);
  const auto status = json_of(box, {"status"});
  REQUIRE(status["paces"].is_object());
  CHECK(status["paces"]["vdot"].get<double>() == Approx(49.8).margin(0.05));
  CHECK(status["paces"]["source"]["date"] == "2026-11-20");
  CHECK(status["paces"]["bands"]["easy"]["text"] == "4:55-5:25 /km");
  CHECK(status["paces"]["bands"]["tempo"]["text"] == "4:15-4:20 /km");
  const auto text = box.ok({"status"}).out;
  CHECK(text.find("VDOT 49.8, from 5 km in 0:20:00 on 2026-11-20") != std::string::npos);
  CHECK(text.find("4:55-5:25 /km") != std::string::npos);
  const auto miles = box.ok({"--units", "mi", "status"}).out;
  CHECK(miles.find("7:55-8:45 /mi") != std::string::npos);
}
