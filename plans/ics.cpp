#include "plans/ics.hpp"

#include <fmt/format.h>

#include <variant>

namespace stride::plans {
namespace {

std::string compact_day(Day day) {
  const date::year_month_day ymd{day};
  return fmt::format("{:04}{:02}{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::string stamp_text(engine::UtcTime t) {
  const auto day = date::floor<date::days>(t);
  const date::hh_mm_ss<std::chrono::seconds> tod{
      std::chrono::duration_cast<std::chrono::seconds>(t - day)};
  return fmt::format("{}T{:02}{:02}{:02}Z", compact_day(date::local_days{day.time_since_epoch()}),
                     tod.hours().count(), tod.minutes().count(), tod.seconds().count());
}

std::string capitalised(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

struct Texts {
  std::string summary;
  std::string description;
};

struct Describe {
  engine::Units units;

  Texts operator()(const Run& r) const {
    std::string size;
    if (r.distance_m) size = engine::format_distance(*r.distance_m, units);
    if (r.duration_s) size += (size.empty() ? "" : ", ") + engine::format_duration(*r.duration_s);
    std::string kind = r.kind == RunKind::long_run ? "Long" : capitalised(to_string(r.kind));
    Texts t;
    t.summary = fmt::format("{} run {}", kind, size);
    t.description = fmt::format("{} run: {}", kind, size);
    if (r.surface != engine::Surface::unknown)
      t.description += fmt::format(" on {}", engine::to_string(r.surface));
    t.description += ".";
    // The pace (or the by-feel words without one) is what the runner reads on the day.
    if (!r.pace.empty()) {
      // A quality run's band is its hard parts' (the purpose says so).
      const bool hard_parts = is_quality(r.kind);
      t.summary += (hard_parts ? ", hard parts at " : " at ") + r.pace;
      t.description += (hard_parts ? "\nPace of the hard parts: " : "\nPace: ") + r.pace + ".";
    } else if (!r.effort.empty()) {
      t.description += '\n';
      t.description += capitalised(r.effort);
      t.description += '.';
    }
    if (!r.purpose.empty()) {
      // Appended piece by piece: GCC 12 -O3 warns falsely on "\n" + string (PR 105329).
      t.description += '\n';
      t.description += capitalised(r.purpose);
      t.description += '.';
    }
    return t;
  }
  Texts operator()(const Strength& s) const {
    Texts t;
    std::string focus;
    for (const auto& f : s.focus) focus += (focus.empty() ? "" : ", ") + f;
    t.summary = focus.empty() ? "Strength" : "Strength: " + focus;
    t.description = "Strength session";
    if (!focus.empty()) t.description += " for " + focus;
    t.description += ".";
    for (const PlanExercise& e : s.exercises) {
      t.description +=
          fmt::format("\n{}: {} x {}{}", e.name, e.sets, e.reps, e.per_side ? " per side" : "");
      if (!e.load.empty()) t.description += ", " + e.load;
      if (!e.effort.empty()) t.description += ", " + e.effort;
      if (!e.muscles.empty()) {
        std::string m;
        for (const auto& x : e.muscles) m += (m.empty() ? "" : ", ") + x;
        t.description += " (" + m + ")";
      }
    }
    return t;
  }
  Texts operator()(const Cross& c) const {
    Texts t;
    const std::string what = capitalised(to_string(c.activity));
    t.summary = fmt::format("{} {}", what, engine::format_duration(c.duration_s));
    t.description = fmt::format("{} for {}, {} intensity. Does not count as running load.", what,
                                engine::format_duration(c.duration_s), to_string(c.intensity));
    return t;
  }
  Texts operator()(const Rest&) const { return {"Rest day", "Rest day: no running."}; }
};

}  // namespace

std::string escape_ics_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string fold_ics_line(std::string_view line) {
  std::string out;
  std::size_t limit = 75;  // the first line; continuations carry a leading space
  std::size_t used = 0;
  std::size_t i = 0;
  while (i < line.size()) {
    // Keep a UTF-8 sequence whole: its lead byte says how long it is.
    const unsigned char c = static_cast<unsigned char>(line[i]);
    std::size_t len = c < 0x80           ? 1
                      : (c >> 5) == 0x6  ? 2
                      : (c >> 4) == 0xe  ? 3
                      : (c >> 3) == 0x1e ? 4
                                         : 1;
    len = std::min(len, line.size() - i);
    if (used + len > limit) {
      out += "\r\n ";
      used = 1;
      limit = 75;
    }
    out.append(line.substr(i, len));
    used += len;
    i += len;
  }
  return out;
}

std::string write_ics(const Plan& plan, engine::UtcTime dtstamp, engine::Units units) {
  std::string out;
  auto line = [&out](std::string_view text) { out += fold_ics_line(text) + "\r\n"; };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//stride//training plan//EN");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  const std::string stamp = stamp_text(dtstamp);
  for (const PlanWeek& w : plan.weeks) {
    for (const PlanDay& d : w.days) {
      for (std::size_t i = 0; i < d.sessions.size(); ++i) {
        const Texts t = std::visit(Describe{units}, d.sessions[i]);
        line("BEGIN:VEVENT");
        // Stable across exports of the same plan, so re-importing updates events.
        line(fmt::format("UID:stride-{}-{}-{}@stride.local", compact_day(plan.start),
                         compact_day(d.date), i + 1));
        line("DTSTAMP:" + stamp);
        line("DTSTART;VALUE=DATE:" + compact_day(d.date));
        line("DTEND;VALUE=DATE:" + compact_day(d.date + date::days{1}));
        line("SUMMARY:" + escape_ics_text(t.summary));
        line("DESCRIPTION:" + escape_ics_text(t.description));
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
      }
    }
  }
  line("END:VCALENDAR");
  return out;
}

}  // namespace stride::plans
