#include "plans/ics.hpp"

#include <fmt/format.h>

#include <set>
#include <string>
#include <vector>

#include "plans/plan_yaml.hpp"
#include "tests/plans/plan_test_support.hpp"
#include "tests/support/catch.hpp"

using namespace stride;
using namespace stride::plans;

namespace {

Plan two_day_plan() {
  Plan p;
  p.start = test::day(2026, 11, 30);
  PlanWeek w;
  PlanDay d1;
  d1.date = p.start;
  d1.sessions.emplace_back(std::in_place_type<Run>,
                           Run{RunKind::long_run, 14000, std::nullopt, engine::Surface::trail,
                               "endurance, easy; stay relaxed on the climbs and keep the effort "
                               "conversational all the way, even on the last kilometres",
                               "6:05-6:40 /km", ""});
  d1.sessions.emplace_back(
      std::in_place_type<Strength>,
      Strength{{"glutes", "hips"},
               {{"squat", 3, 10, false, {"quads", "glutes"}, "2-3 reps in reserve", "moderate"},
                {"hip abduction", 3, 12, true, {"hips"}, "", ""}}});
  PlanDay d2;
  d2.date = p.start + date::days{1};
  d2.sessions.emplace_back(std::in_place_type<Cross>,
                           Cross{CrossActivity::swimming, 2700, Intensity::easy});
  d2.sessions.emplace_back(std::in_place_type<Rest>);
  w.days = {d1, d2};
  p.weeks.push_back(w);
  return p;
}

std::vector<std::string> physical_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t from = 0;
  while (from < text.size()) {
    const std::size_t end = text.find("\r\n", from);
    REQUIRE(end != std::string::npos);  // every line ends with CRLF
    lines.push_back(text.substr(from, end - from));
    from = end + 2;
  }
  return lines;
}

/// RFC 5545 3.1: a CRLF followed by one space continues the previous line.
std::vector<std::string> unfolded(const std::string& text) {
  std::vector<std::string> out;
  for (const std::string& l : physical_lines(text)) {
    if (!l.empty() && l[0] == ' ') {
      REQUIRE_FALSE(out.empty());
      out.back() += l.substr(1);
    } else {
      out.push_back(l);
    }
  }
  return out;
}

const engine::UtcTime kStamp =
    engine::UtcTime{date::sys_days{date::year{2026} / 11 / 26}.time_since_epoch() +
                    std::chrono::hours{8} + std::chrono::minutes{5} + std::chrono::seconds{9}};

}  // namespace

TEST_CASE("ics: CRLF lines folded at 75 octets, balanced blocks, unique UIDs", "[plans]") {
  const std::string text = write_ics(two_day_plan(), kStamp);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') REQUIRE((i > 0 && text[i - 1] == '\r'));
    if (text[i] == '\r') REQUIRE((i + 1 < text.size() && text[i + 1] == '\n'));
  }
  for (const std::string& l : physical_lines(text)) CHECK(l.size() <= 75);

  const auto lines = unfolded(text);
  CHECK(lines.front() == "BEGIN:VCALENDAR");
  CHECK(lines.back() == "END:VCALENDAR");
  int depth = 0, events = 0;
  std::set<std::string> uids;
  for (const std::string& l : lines) {
    if (l.rfind("BEGIN:", 0) == 0) ++depth;
    if (l.rfind("END:", 0) == 0) --depth;
    REQUIRE(depth >= 0);
    if (l == "BEGIN:VEVENT") ++events;
    if (l.rfind("UID:", 0) == 0) uids.insert(l);
    if (l.rfind("DTSTAMP:", 0) == 0) CHECK(l == "DTSTAMP:20261126T080509Z");
  }
  CHECK(depth == 0);
  CHECK(events == 4);  // one per session, the rest day included
  CHECK(uids.size() == 4);
  CHECK(std::count(lines.begin(), lines.end(), "DTSTART;VALUE=DATE:20261130") == 2);
  CHECK(std::count(lines.begin(), lines.end(), "DTEND;VALUE=DATE:20261202") == 2);
}

TEST_CASE("ics: descriptions carry the session's detail, escaped", "[plans]") {
  const auto lines = unfolded(write_ics(two_day_plan(), kStamp));
  std::vector<std::string> descriptions, summaries;
  for (const std::string& l : lines) {
    if (l.rfind("DESCRIPTION:", 0) == 0) descriptions.push_back(l.substr(12));
    if (l.rfind("SUMMARY:", 0) == 0) summaries.push_back(l.substr(8));
  }
  REQUIRE(descriptions.size() == 4);
  // The pace is in the title, where a calendar shows it.
  CHECK(summaries[0] == "Long run 14 km at 6:05-6:40 /km");
  CHECK(descriptions[0] ==
        "Long run: 14 km on trail.\\nPace: 6:05-6:40 /km.\\nEndurance\\, easy\\; stay relaxed on "
        "the climbs and keep the "
        "effort conversational all the way\\, even on the last kilometres.");
  CHECK(summaries[1] == "Strength: glutes\\, hips");
  CHECK(descriptions[1] ==
        "Strength session for glutes\\, hips.\\nsquat: 3 x 10\\, moderate\\, 2-3 reps in reserve "
        "(quads\\, glutes)\\nhip "
        "abduction: 3 x 12 per side (hips)");
  CHECK(summaries[2] == "Swimming 45 min");
  CHECK(summaries[3] == "Rest day");
}

TEST_CASE("ics: the same plan gives the same calendar", "[plans]") {
  CHECK(write_ics(two_day_plan(), kStamp) == write_ics(two_day_plan(), kStamp));
}

TEST_CASE("ics: text escaping and folding", "[plans]") {
  CHECK(escape_ics_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne");
  const std::string long_line = "DESCRIPTION:" + std::string(100, 'x');
  const std::string folded = fold_ics_line(long_line);
  CHECK(folded == long_line.substr(0, 75) + "\r\n " + long_line.substr(75));
  // A UTF-8 sequence (here "é", 2 octets) is never split across lines.
  // Built with fmt: GCC 12 -O2 warns falsely on std::string(n, c) + "..." (PR 105329).
  const std::string accented = fmt::format(
      "{}\xc3\xa9"
      "b",
      std::string(74, 'a'));
  CHECK(fold_ics_line(accented) == fmt::format("{}\r\n \xc3\xa9"
                                               "b",
                                               std::string(74, 'a')));
}
