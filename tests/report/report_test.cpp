#include "report/report.hpp"

#include <cstdlib>
#include <fstream>
#include <pugixml.hpp>
#include <regex>
#include <sstream>

#include "tests/report/example_history.hpp"
#include "tests/support/catch.hpp"

namespace {

using stride::engine::RuleId;
using stride::report::build_report;
using stride::report::render_html;
using stride::report::render_terminal;
using stride::test::report_day;

stride::report::ReportData example() {
  return build_report(stride::test::report_history(), stride::test::report_last(), 12, {},
                      stride::test::report_plan());
}

std::string strip_ansi(const std::string& text) {
  return std::regex_replace(text, std::regex("\x1b\\[[0-9;]*m"), "");
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Compares with tests/report/golden/<name>; STRIDE_UPDATE_GOLDEN=1 rewrites it.
void check_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(STRIDE_REPORT_GOLDEN_DIR) + "/" + name;
  if (std::getenv("STRIDE_UPDATE_GOLDEN")) std::ofstream(path, std::ios::binary) << actual;
  const std::string expected = read_file(path);
  INFO("golden file " << path);
  CHECK(actual == expected);
}

std::size_t count_class(const pugi::xml_document& doc, const std::string& cls) {
  const std::string query =
      "//*[contains(concat(' ', normalize-space(@class), ' '), ' " + cls + " ')]";
  return doc.select_nodes(query.c_str()).size();
}

}  // namespace

TEST_CASE("report: weeks sum the running of each calendar week", "[report]") {
  const auto data = example();
  REQUIRE(data.weeks.size() == 12);
  CHECK(data.first == report_day(0));
  CHECK(data.weeks.front().start == report_day(0));
  CHECK(data.weeks.back().start == report_day(77));

  // Week 0: 7 km road, 6 km trail, 12.5 km road long run; strength is not running.
  const auto& w0 = data.weeks[0];
  CHECK(w0.run_m == Approx(25500));
  CHECK(w0.hard_m == Approx(19500));
  CHECK(w0.other_m() == Approx(6000));
  CHECK(w0.run_count == 3);
  CHECK(w0.rest_days == 4);
  CHECK(w0.longest_m == Approx(12500));
  CHECK(w0.longest_date == report_day(5));
  // 1.10 x the 12 km long run of the Saturday before.
  REQUIRE(w0.longest_limit_m);
  CHECK(*w0.longest_limit_m == Approx(13200));

  // Week 2 has a treadmill run: running, but no surface exposure.
  CHECK(data.weeks[2].run_m == Approx(7000 + 6000 + 13500 + 8000));
  CHECK(data.weeks[2].hard_m == Approx(7000 + 13500));

  // The week off: seven rest days, no longest run, no line.
  const auto& off = data.weeks[6];
  CHECK(off.run_m == 0);
  CHECK(off.rest_days == 7);
  CHECK_FALSE(off.longest_date);
  CHECK_FALSE(off.longest_limit_m);

  // The last week stops on Wednesday: Tuesday's run only.
  const auto& last = data.weeks[11];
  CHECK(last.days == 3);
  CHECK(last.run_m == Approx(7000));
  CHECK(last.rest_days == 2);
}

TEST_CASE("report: the rules that fired are listed with their week", "[report]") {
  const auto data = example();
  const auto has = [](const stride::report::WeekSummary& w, RuleId id) {
    return std::find(w.rules.begin(), w.rules.end(), id) != w.rules.end();
  };
  // Week 4's 19 km after week 3's 14 km: 1.36x.
  CHECK(has(data.weeks[4], RuleId::single_run_spike));
  CHECK(data.weeks[4].longest_m > *data.weeks[4].longest_limit_m);
  CHECK_FALSE(has(data.weeks[3], RuleId::single_run_spike));
  // Week 9 runs every day after the week-8 26 km run.
  CHECK(data.weeks[9].rest_days == 0);
  CHECK(has(data.weeks[8], RuleId::single_run_spike));
  // A week's rules come out in rule-table order, each once.
  for (const auto& w : data.weeks) {
    CHECK(std::is_sorted(w.rules.begin(), w.rules.end()));
    CHECK(std::adjacent_find(w.rules.begin(), w.rules.end()) == w.rules.end());
  }
}

TEST_CASE("report: each run gets its ratio to the longest of the 30 days before", "[report]") {
  const auto data = example();
  const auto it = std::find_if(data.spikes.begin(), data.spikes.end(),
                               [](const auto& s) { return s.date == report_day(7 * 8 + 5); });
  REQUIRE(it != data.spikes.end());
  CHECK(it->distance_m == Approx(26000));
  // Week 4's 19 km was 28 days before: inside the 30, though a week off lies between.
  CHECK(it->previous_longest_m == Approx(19000));
  REQUIRE(it->ratio);
  CHECK(*it->ratio == Approx(26.0 / 19.0));
  // The first run after the week off still has the weeks before it.
  CHECK(std::is_sorted(data.spikes.begin(), data.spikes.end(),
                       [](const auto& a, const auto& b) { return a.date < b.date; }));
}

TEST_CASE("report: planned days after the report's week are grouped by week", "[report]") {
  const auto data = example();
  REQUIRE(data.planned.size() == 3);
  CHECK(data.planned[0].start == report_day(84));
  CHECK(data.planned[0].run_m == Approx(18000));
  CHECK(data.planned[0].run_days == 2);
  CHECK(data.planned[2].run_m == Approx(20000));
  // A planned day in the report's own week is history's, not the plan's.
  auto plan = stride::test::report_plan();
  plan.push_back({report_day(80), 5000});
  const auto with_today =
      build_report(stride::test::report_history(), stride::test::report_last(), 12, {}, plan);
  CHECK(with_today.planned.size() == 3);
}

TEST_CASE("report: the terminal chart matches the golden file", "[report]") {
  const auto data = example();
  check_golden("example.txt", render_terminal(data));
  check_golden("example-color.txt", render_terminal(data, {true, 80}));
  stride::engine::Settings miles;
  miles.units = stride::engine::Units::mi;
  const auto short_data =
      build_report(stride::test::report_history(), stride::test::report_last(), 4, miles);
  check_golden("example-4-weeks-mi.txt", render_terminal(short_data));
}

TEST_CASE("report: the terminal chart fits its width; colour only adds escapes", "[report]") {
  const auto data = example();
  const std::string plain = render_terminal(data);
  const std::string color = render_terminal(data, {true, 80});
  CHECK(plain.find('\x1b') == std::string::npos);
  CHECK(color.find("\x1b[31m") != std::string::npos);
  CHECK(strip_ansi(color) == plain);
  for (int width : {60, 80, 100}) {
    std::istringstream lines(render_terminal(data, {false, width}));
    for (std::string line; std::getline(lines, line);) {
      INFO(line);
      CHECK(line.size() <= static_cast<std::size_t>(width));
    }
  }
}

TEST_CASE("report: an empty history gives empty weeks", "[report]") {
  const auto data = build_report({}, stride::test::report_last(), 3, {});
  REQUIRE(data.weeks.size() == 3);
  CHECK(data.spikes.empty());
  CHECK(data.warnings.empty());
  const std::string text = render_terminal(data);
  CHECK_FALSE(std::regex_search(text, std::regex("\\d{4}-\\d\\d-\\d\\d  [#=]")));
  CHECK(std::regex_search(text, std::regex("2026-03-23 +0\\.0 +- +- +3/3\\n")));
  pugi::xml_document doc;
  CHECK(doc.load_string(render_html(data).c_str()));
  CHECK(count_class(doc, "bar-other") == 0);
}

TEST_CASE("report: the HTML page is well-formed and draws one mark per datum", "[report]") {
  const auto data = example();
  const std::string html = render_html(data);
  pugi::xml_document doc;
  const auto parsed = doc.load_string(html.c_str());
  INFO(parsed.description() << " at " << parsed.offset);
  REQUIRE(parsed);

  const auto [hard, other, time, load, spikes, acwr, warnings] =
      stride::test::expected_chart_counts(data);
  CHECK(hard == 11);  // every week but the week off
  CHECK(count_class(doc, "bar-hard") == hard);
  CHECK(count_class(doc, "bar-other") == other);
  CHECK(count_class(doc, "bar-planned") == 3);
  CHECK(count_class(doc, "bar-time") == time);
  CHECK(count_class(doc, "bar-load") == load);
  CHECK(count_class(doc, "point-spike") == spikes);
  CHECK(count_class(doc, "point-acwr") == acwr);
  CHECK(count_class(doc, "mark-warning") == warnings);
  CHECK(warnings > 0);
  CHECK(count_class(doc, "bar-shoe") == 2);
  CHECK(count_class(doc, "line-fitness") == 1);
  CHECK(count_class(doc, "line-fatigue") == 1);
  CHECK(count_class(doc, "line-form") == 1);
  // Every spike above 1.10 carries its ratio as text, not just a colour.
  std::size_t over = 0;
  for (const auto& s : data.spikes) over += s.ratio && *s.ratio > 1.10 + 1e-9;
  CHECK(over > 0);
  CHECK(count_class(doc, "spike-label") == over);
  // The intensity split: one easy bar per week with easy running, one hard
  // bar per week with running at RPE 5 or more.
  std::size_t easy = 0, intense = 0;
  for (const auto& w : data.weeks) {
    easy += w.run_easy_s > 0;
    intense += w.run_hard_s > 0;
  }
  CHECK(easy > 0);
  CHECK(count_class(doc, "bar-easy") == easy);
  CHECK(count_class(doc, "bar-intense") == intense);
  // One data table per chart.
  CHECK(doc.select_nodes("//figure").size() == 8);
  CHECK(doc.select_nodes("//figure/details/div/table").size() == 8);
}

TEST_CASE("report: every chart names itself for screen readers", "[report]") {
  pugi::xml_document doc;
  REQUIRE(doc.load_string(render_html(example()).c_str()));
  const auto charts = doc.select_nodes("//svg[@role='img']");
  CHECK(charts.size() == 8);
  for (const auto& node : charts) {
    const auto svg = node.node();
    const std::string id = svg.attribute("id").value();
    INFO(id);
    CHECK(std::string(svg.first_child().name()) == "title");
    CHECK(std::string(svg.first_child().next_sibling().name()) == "desc");
    CHECK(std::string(svg.attribute("aria-labelledby").value()) == id + "-title " + id + "-desc");
    CHECK(std::string(svg.attribute("viewBox").value()).rfind("0 0 800 ", 0) == 0);
    CHECK_FALSE(std::string(svg.child("title").text().get()).empty());
  }
}

TEST_CASE("report: the HTML page fetches nothing", "[report]") {
  const std::string html = render_html(example());
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("@media print") != std::string::npos);
  CHECK(html.find("not a risk percentage") != std::string::npos);
}

TEST_CASE("report: names in the page are escaped", "[report]") {
  auto history = stride::test::report_history();
  history.activities.push_back(
      stride::test::report_run(10, 5, 30, stride::engine::Surface::road, "<Fast & \"Light\">"));
  const auto data = build_report(history, stride::test::report_last(), 12, {});
  const std::string html = render_html(data);
  CHECK(html.find("&lt;Fast &amp; &quot;Light&quot;&gt;") != std::string::npos);
  pugi::xml_document doc;
  REQUIRE(doc.load_string(html.c_str()));
  CHECK(count_class(doc, "bar-shoe") == 3);
}
