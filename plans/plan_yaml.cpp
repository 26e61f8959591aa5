#include "plans/plan_yaml.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <utility>

#include "yaml/reader.hpp"

namespace stride::plans {

namespace {

// ---------------------------------------------------------------- reading

class Reader {
 public:
  Reader(const yaml::Reader& yaml, engine::Units bare_units)
      : yaml_(yaml), bare_units_(bare_units) {}

  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    yaml_.fail(node, message);
  }

  void expect_map(const YAML::Node& node, std::string_view what) const {
    if (!node.IsMap()) fail(node, fmt::format("{} must be a map of keys and values", what));
  }
  void expect_list(const YAML::Node& node, std::string_view what) const {
    if (!node.IsSequence()) fail(node, fmt::format("{} must be a list", what));
  }

  /// Every key of `node` must be one of `allowed`.
  void known_keys(const YAML::Node& node, std::initializer_list<std::string_view> allowed,
                  std::string_view where) const {
    for (const auto& entry : node) {
      // A copy: yaml-cpp's iterator hands out a temporary pair.
      const YAML::Node key = entry.first;
      const std::string text = key.IsScalar() ? key.Scalar() : std::string("?");
      bool ok = false;
      for (std::string_view a : allowed) ok = ok || a == text;
      if (!ok) {
        std::string list;
        for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        fail(key, fmt::format("unknown key '{}' in {} (expected one of: {})", text, where, list));
      }
    }
  }

  /// The value of `key`; fails naming `where` when it is missing.
  YAML::Node required(const YAML::Node& map, const char* key, std::string_view where) const {
    YAML::Node value = map[key];
    if (!value) fail(map, fmt::format("{} needs '{}'", where, key));
    return value;
  }

  std::string scalar(const YAML::Node& node, std::string_view key) const {
    if (!node.IsScalar()) fail(node, fmt::format("'{}' must be a single value", key));
    return node.Scalar();
  }

  Day day(const YAML::Node& node, std::string_view key) const {
    const std::string text = scalar(node, key);
    const auto day = engine::parse_day(text);
    if (!day) fail(node, fmt::format("bad date '{}' (expected YYYY-MM-DD)", text));
    return *day;
  }

  int whole_number(const YAML::Node& node, std::string_view key, int minimum) const {
    const std::string text = scalar(node, key);
    int value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || value < minimum)
      fail(node,
           fmt::format("'{}' must be a whole number of at least {}, not '{}'", key, minimum, text));
    return value;
  }

  bool boolean(const YAML::Node& node, std::string_view key) const {
    const std::string text = scalar(node, key);
    if (text == "true") return true;
    if (text == "false") return false;
    fail(node, fmt::format("'{}' must be true or false, not '{}'", key, text));
  }

  /// A distance >= 0 (> 0 when `positive`).
  double distance(const YAML::Node& node, std::string_view key, bool positive) const {
    const std::string text = scalar(node, key);
    if (!text.empty() && text.front() == '-')
      fail(node, fmt::format("'{}' must not be negative: '{}'", key, text));
    const auto metres = engine::parse_distance_m(text, bare_units_);
    if (!metres)
      fail(node, fmt::format("'{}' is not a distance: '{}' (write it like 6 km, 4 mi or 800 m)",
                             key, text));
    if (positive && *metres <= 0)
      fail(node, fmt::format("'{}' must be more than 0: '{}'", key, text));
    return *metres;
  }

  double duration(const YAML::Node& node, std::string_view key) const {
    const std::string text = scalar(node, key);
    if (!text.empty() && text.front() == '-')
      fail(node, fmt::format("'{}' must not be negative: '{}'", key, text));
    const auto seconds = engine::parse_duration_s(text);
    if (!seconds)
      fail(node,
           fmt::format("'{}' is not a duration: '{}' (write it like 40 min, 1h30m or 1:05:00)", key,
                       text));
    if (*seconds <= 0) fail(node, fmt::format("'{}' must be more than 0: '{}'", key, text));
    return *seconds;
  }

  std::vector<std::string> words(const YAML::Node& node, std::string_view key) const {
    if (!node.IsSequence()) fail(node, fmt::format("'{}' must be a list", key));
    std::vector<std::string> out;
    for (const YAML::Node& item : node) out.push_back(scalar(item, key));
    return out;
  }

  Session session(const YAML::Node& node) const {
    expect_map(node, "a session");
    const YAML::Node type_node = required(node, "type", "a session");
    const std::string type = scalar(type_node, "type");
    if (type == "run") return run(node);
    if (type == "strength") return strength(node);
    if (type == "cross") return cross(node);
    if (type == "rest") {
      known_keys(node, {"type"}, "a rest session");
      return Rest{};
    }
    fail(type_node,
         fmt::format("unknown session type '{}' (expected run, strength, cross or rest)", type));
  }

  Run run(const YAML::Node& node) const {
    known_keys(node,
               {"type", "kind", "distance", "duration", "surface", "purpose", "pace", "effort"},
               "a run session");
    Run r;
    const YAML::Node kind = required(node, "kind", "a run session");
    const auto parsed = parse_run_kind(scalar(kind, "kind"));
    if (!parsed)
      fail(kind, fmt::format("unknown run kind '{}' (expected easy, long, tempo, intervals, "
                             "recovery or race)",
                             kind.Scalar()));
    r.kind = *parsed;
    if (node["distance"]) r.distance_m = distance(node["distance"], "distance", true);
    if (node["duration"]) r.duration_s = duration(node["duration"], "duration");
    if (!r.distance_m && !r.duration_s) fail(node, "a run session needs a distance or a duration");
    if (const YAML::Node s = node["surface"]) {
      const auto surface = engine::parse_surface(scalar(s, "surface"));
      if (!surface) fail(s, engine::unknown_surface_message(s.Scalar()));
      r.surface = *surface;
    }
    if (const YAML::Node p = node["purpose"]) r.purpose = scalar(p, "purpose");
    if (const YAML::Node p = node["pace"]) r.pace = scalar(p, "pace");
    if (const YAML::Node e = node["effort"]) r.effort = scalar(e, "effort");
    return r;
  }

  Strength strength(const YAML::Node& node) const {
    known_keys(node, {"type", "focus", "exercises"}, "a strength session");
    Strength s;
    if (const YAML::Node f = node["focus"]) s.focus = words(f, "focus");
    const YAML::Node list = required(node, "exercises", "a strength session");
    expect_list(list, "'exercises'");
    for (const YAML::Node& e : list) {
      expect_map(e, "an exercise");
      known_keys(e, {"name", "sets", "reps", "per_side", "muscles", "effort", "load"},
                 "an exercise");
      PlanExercise x;
      x.name = scalar(required(e, "name", "an exercise"), "name");
      x.sets = whole_number(required(e, "sets", "an exercise"), "sets", 1);
      x.reps = whole_number(required(e, "reps", "an exercise"), "reps", 1);
      if (const YAML::Node p = e["per_side"]) x.per_side = boolean(p, "per_side");
      if (const YAML::Node m = e["muscles"]) x.muscles = words(m, "muscles");
      if (const YAML::Node f = e["effort"]) x.effort = scalar(f, "effort");
      if (const YAML::Node l = e["load"]) {
        x.load = scalar(l, "load");
        if (x.load != "bodyweight" && x.load != "light" && x.load != "moderate" &&
            x.load != "heavy")
          fail(l, fmt::format("unknown load '{}' (expected bodyweight, light, moderate or heavy)",
                              x.load));
      }
      s.exercises.push_back(std::move(x));
    }
    return s;
  }

  Cross cross(const YAML::Node& node) const {
    known_keys(node, {"type", "activity", "duration", "intensity"}, "a cross session");
    Cross c;
    const YAML::Node a = required(node, "activity", "a cross session");
    const auto activity = parse_cross_activity(scalar(a, "activity"));
    if (!activity)
      fail(a, fmt::format("unknown cross-training activity '{}' (expected cycling, swimming, "
                          "rowing or elliptical)",
                          a.Scalar()));
    c.activity = *activity;
    c.duration_s = duration(required(node, "duration", "a cross session"), "duration");
    if (const YAML::Node i = node["intensity"]) {
      const auto intensity = parse_intensity(scalar(i, "intensity"));
      if (!intensity)
        fail(i,
             fmt::format("unknown intensity '{}' (expected easy, moderate or hard)", i.Scalar()));
      c.intensity = *intensity;
    }
    return c;
  }

  PlanWeek week(const YAML::Node& node, const Plan& plan, int expected_number) const {
    expect_map(node, "a week");
    known_keys(node, {"week", "recovery", "taper", "comeback", "targets", "days"}, "a week");
    PlanWeek w;
    const YAML::Node number = required(node, "week", "a week");
    w.week = whole_number(number, "week", 1);
    if (w.week != expected_number)
      fail(number, fmt::format("week {} should be week {} (weeks are numbered 1, 2, 3... in order)",
                               w.week, expected_number));
    if (const YAML::Node r = node["recovery"]) w.recovery = boolean(r, "recovery");
    if (const YAML::Node t = node["taper"]) w.taper = boolean(t, "taper");
    if (const YAML::Node c = node["comeback"]) w.comeback = boolean(c, "comeback");
    if (const YAML::Node t = node["targets"]) {
      expect_map(t, "'targets'");
      known_keys(t, {"run_distance", "long_run"}, "'targets'");
      if (t["run_distance"])
        w.targets.run_distance_m = distance(t["run_distance"], "run_distance", false);
      if (t["long_run"]) w.targets.long_run_m = distance(t["long_run"], "long_run", false);
    }
    const Day first = week_first_day(plan, w.week);
    const Day last = week_last_day(plan, w.week);
    if (const YAML::Node days = node["days"]) {
      expect_list(days, "'days'");
      for (const YAML::Node& d : days) {
        expect_map(d, "a day");
        known_keys(d, {"date", "sessions"}, "a day");
        PlanDay pd;
        const YAML::Node date_node = required(d, "date", "a day");
        pd.date = day(date_node, "date");
        if (pd.date < first || pd.date > last)
          fail(date_node, fmt::format("day {} is outside week {} ({} to {})", format_day(pd.date),
                                      w.week, format_day(first), format_day(last)));
        if (!w.days.empty() && pd.date <= w.days.back().date)
          fail(date_node, fmt::format("day {} comes after {} (days go in date order, each once)",
                                      format_day(pd.date), format_day(w.days.back().date)));
        if (const YAML::Node sessions = d["sessions"]) {
          if (!sessions.IsNull()) {
            expect_list(sessions, "'sessions'");
            for (const YAML::Node& s : sessions) pd.sessions.push_back(session(s));
          }
        }
        w.days.push_back(std::move(pd));
      }
    }
    return w;
  }

  Plan plan(const YAML::Node& root) const {
    if (!root.IsMap())
      fail(root, "not a stride plan: expected a map starting with 'stride_plan: 1'");
    known_keys(root, {"stride_plan", "start", "built_from", "notes", "weeks"}, "the plan");
    const YAML::Node version = root["stride_plan"];
    if (!version) fail(root, "not a stride plan: 'stride_plan: 1' is missing");
    const std::string v = scalar(version, "stride_plan");
    if (v != std::to_string(kPlanVersion))
      fail(version, fmt::format("unsupported plan version '{}' (this stride reads stride_plan: {})",
                                v, kPlanVersion));
    Plan p;
    p.start = day(required(root, "start", "the plan"), "start");
    if (const YAML::Node b = root["built_from"]) {
      expect_map(b, "'built_from'");
      known_keys(b, {"chronic_week", "longest_30d"}, "'built_from'");
      if (b["chronic_week"])
        p.built_from.chronic_week_m = distance(b["chronic_week"], "chronic_week", false);
      if (b["longest_30d"])
        p.built_from.longest_30d_m = distance(b["longest_30d"], "longest_30d", false);
    }
    if (const YAML::Node n = root["notes"]) p.notes = scalar(n, "notes");
    if (const YAML::Node weeks = root["weeks"]) {
      expect_list(weeks, "'weeks'");
      int expected = 1;
      for (const YAML::Node& w : weeks) p.weeks.push_back(week(w, p, expected++));
    }
    return p;
  }

 private:
  const yaml::Reader& yaml_;
  engine::Units bare_units_;
};

// ---------------------------------------------------------------- writing

bool plain_safe(std::string_view s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
  const unsigned char first = static_cast<unsigned char>(s.front());
  if (!(std::isalpha(first) || first >= 0x80)) return false;
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    const bool ok = std::isalnum(c) || c >= 0x80 || c == ' ' || c == '-' || c == '_' || c == '.' ||
                    c == '/' || c == '(' || c == ')' || c == '\'' || c == '+' || c == '%' ||
                    c == ';';
    if (!ok) return false;
  }
  if (s.find("  ") != std::string_view::npos) return false;
  std::string lower;
  for (char ch : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (std::string_view word : {"true", "false", "yes", "no", "on", "off", "null", "y", "n"})
    if (lower == word) return false;
  return true;
}

/// A scalar safe inside a flow map: plain when it can be, else double-quoted.
std::string scalar_text(std::string_view s) {
  if (plain_safe(s)) return std::string(s);
  std::string out = "\"";
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += ch;
    }
  }
  out += '"';
  return out;
}

std::string shortest(double value) {
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, value);
  return ec == std::errc() ? std::string(buf, ptr) : fmt::format("{}", value);
}

/// In the plan's units, never metres (PRODUCT.md "Units": `5.2 km`, not
/// `5200 m`): as many decimals (up to 3) as the value needs to read back
/// exactly, else 3 (within 1.6 m).
std::string distance_text(double metres, engine::Units units) {
  std::string text = engine::format_distance(metres, units);
  const auto back = engine::parse_distance_m(text, units);
  if (back && std::fabs(*back - metres) < 1e-6) return text;
  const double unit_m = units == engine::Units::mi ? engine::kMetresPerMile : 1000.0;
  const char* name = units == engine::Units::mi ? "mi" : "km";
  for (int decimals = 2; decimals <= 3; ++decimals) {
    text = fmt::format("{:.{}f} {}", metres / unit_m, decimals, name);
    const auto exact = engine::parse_distance_m(text, units);
    if (exact && std::fabs(*exact - metres) < 1e-6) break;
  }
  return text;
}

std::string duration_text(double seconds) {
  std::string text = engine::format_duration(seconds);
  auto back = engine::parse_duration_s(text);
  if (back && std::fabs(*back - seconds) < 1e-6) return text;
  text = engine::format_hms(seconds);
  back = engine::parse_duration_s(text);
  if (back && std::fabs(*back - seconds) < 1e-6) return text;
  return shortest(seconds) + "s";
}

std::string word_list(const std::vector<std::string>& words) {
  std::string out = "[";
  for (std::size_t i = 0; i < words.size(); ++i) out += (i ? ", " : "") + scalar_text(words[i]);
  return out + "]";
}

std::string exercise_text(const PlanExercise& e) {
  std::string out =
      fmt::format("{{name: {}, sets: {}, reps: {}", scalar_text(e.name), e.sets, e.reps);
  if (e.per_side) out += ", per_side: true";
  if (!e.muscles.empty()) out += ", muscles: " + word_list(e.muscles);
  if (!e.effort.empty()) out += ", effort: " + scalar_text(e.effort);
  if (!e.load.empty()) out += ", load: " + scalar_text(e.load);
  return out + "}";
}

struct SessionWriter {
  engine::Units units;
  std::string& out;
  const std::string indent;  // where the "- " of the session goes

  void operator()(const Run& r) const {
    out += indent + "- {type: run, kind: " + std::string(to_string(r.kind));
    if (r.distance_m) out += ", distance: " + distance_text(*r.distance_m, units);
    if (r.duration_s) out += ", duration: " + duration_text(*r.duration_s);
    out += ", surface: " + std::string(engine::to_string(r.surface));
    if (!r.pace.empty()) out += ", pace: " + scalar_text(r.pace);
    if (!r.effort.empty()) out += ", effort: " + scalar_text(r.effort);
    if (!r.purpose.empty()) out += ", purpose: " + scalar_text(r.purpose);
    out += "}\n";
  }
  void operator()(const Strength& s) const {
    out += indent + "- {type: strength, focus: " + word_list(s.focus) + ",\n";
    const std::string inner = indent + "   exercises: [";
    out += inner;
    if (s.exercises.empty()) out += "]}\n";
    for (std::size_t i = 0; i < s.exercises.size(); ++i) {
      if (i) out += std::string(inner.size(), ' ');
      out += exercise_text(s.exercises[i]);
      out += i + 1 < s.exercises.size() ? ",\n" : "]}\n";
    }
  }
  void operator()(const Cross& c) const {
    out += indent + "- {type: cross, activity: " + std::string(to_string(c.activity)) +
           ", duration: " + duration_text(c.duration_s) +
           ", intensity: " + std::string(to_string(c.intensity)) + "}\n";
  }
  void operator()(const Rest&) const { out += indent + "- {type: rest}\n"; }
};

}  // namespace

Plan read_plan_yaml(std::string_view text, std::string_view display_name,
                    engine::Units bare_units) {
  const yaml::Reader yaml(display_name, text);
  const YAML::Node root = yaml.load();
  // Shapes the reader did not foresee still get a position.
  return yaml.guarded([&] { return Reader(yaml, bare_units).plan(root); });
}

std::string write_plan_yaml(const Plan& plan, engine::Units units) {
  std::string out;
  out += fmt::format("stride_plan: {}\n", kPlanVersion);
  out += "start: " + format_day(plan.start) + "\n";
  out += "built_from: {chronic_week: " + distance_text(plan.built_from.chronic_week_m, units) +
         ", longest_30d: " + distance_text(plan.built_from.longest_30d_m, units) + "}\n";
  if (!plan.notes.empty()) out += "notes: " + scalar_text(plan.notes) + "\n";
  out += plan.weeks.empty() ? "weeks: []\n" : "weeks:\n";
  for (const PlanWeek& w : plan.weeks) {
    out += fmt::format("  - week: {}\n", w.week);
    out += fmt::format("    recovery: {}\n", w.recovery ? "true" : "false");
    if (w.taper) out += "    taper: true\n";
    if (w.comeback) out += "    comeback: true\n";
    out += "    targets: {run_distance: " + distance_text(w.targets.run_distance_m, units) +
           ", long_run: " + distance_text(w.targets.long_run_m, units) + "}\n";
    out += w.days.empty() ? "    days: []\n" : "    days:\n";
    for (const PlanDay& d : w.days) {
      out += "      - date: " + format_day(d.date) + "\n";
      if (d.sessions.empty()) {
        out += "        sessions: []\n";
        continue;
      }
      out += "        sessions:\n";
      for (const Session& s : d.sessions) std::visit(SessionWriter{units, out, "          "}, s);
    }
  }
  return out;
}

}  // namespace stride::plans
