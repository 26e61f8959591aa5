#include "plans/generate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>

#include "engine/alternatives.hpp"
#include "engine/quantity.hpp"
#include "plans/check.hpp"
#include "plans/plan_yaml.hpp"

namespace stride::plans {
namespace {

int day_number(Day d) { return static_cast<int>(d.time_since_epoch().count()); }
Day from_number(int n) { return Day{date::days{n}}; }

/// Rounds to whole 100 m the same way (sums of runs drift in the last bits).
double round_100m(double metres) { return std::round(metres / 100.0) / 10.0 * 1000.0; }

/// Floors to whole 100 m, computed the way reading "6.3 km" computes it, so a
/// plan written and read back holds the same numbers.
double floor_100m(double metres) {
  if (metres <= 0) return 0;
  return std::floor(metres / 100.0 + 1e-9) / 10.0 * 1000.0;
}

std::string km(double metres) { return engine::format_distance(metres, engine::Units::km); }

/// Running per day, history and planned runs together: the planner's own
/// arithmetic for its limits (the final word is the engine's, in check_plan).
class Book {
 public:
  struct Totals {
    double m = 0, s = 0, hard_m = 0, longest_m = 0, longest_s = 0;
  };

  void add_run(int day, double m, double s, double hard_m) {
    Totals& t = days_[day];
    t.m += m;
    t.s += s;
    t.hard_m += hard_m;
    t.longest_m = std::max(t.longest_m, m);
    t.longest_s = std::max(t.longest_s, s);
    if (!first_run_ || day < *first_run_) first_run_ = day;
  }

  template <typename F>
  double sum(int from, int to, F f) const {
    double total = 0;
    for (auto it = days_.lower_bound(from); it != days_.end() && it->first <= to; ++it)
      total += f(it->second);
    return total;
  }
  template <typename F>
  double max(int from, int to, F f) const {
    double best = 0;
    for (auto it = days_.lower_bound(from); it != days_.end() && it->first <= to; ++it)
      best = std::max(best, f(it->second));
    return best;
  }
  double m(int from, int to) const {
    return sum(from, to, [](const Totals& t) { return t.m; });
  }
  double s(int from, int to) const {
    return sum(from, to, [](const Totals& t) { return t.s; });
  }
  double hard(int from, int to) const {
    return sum(from, to, [](const Totals& t) { return t.hard_m; });
  }
  double longest_m(int from, int to) const {
    return max(from, to, [](const Totals& t) { return t.longest_m; });
  }
  double longest_s(int from, int to) const {
    return max(from, to, [](const Totals& t) { return t.longest_s; });
  }
  bool ran(int day) const {
    auto it = days_.find(day);
    return it != days_.end() && it->second.m > 0;
  }
  std::optional<int> last_run_before(int day) const {
    auto it = days_.lower_bound(day);
    while (it != days_.begin()) {
      --it;
      if (it->second.m > 0) return it->first;
    }
    return std::nullopt;
  }
  int streak_before(int day) const {
    int n = 0;
    while (ran(day - 1 - n)) ++n;
    return n;
  }
  std::optional<int> first_run() const { return first_run_; }

 private:
  std::map<int, Totals> days_;
  std::optional<int> first_run_;
};

/// One week's shape, indexed by days since the plan's start modulo 7.
struct Layout {
  std::array<bool, 7> run{};
  int long_day = 6;
  std::array<bool, 7> quality{};
  std::array<bool, 7> recovery_run{};
  std::array<bool, 7> strength{};
  std::array<int, 7> cross{};  ///< index into the cross activities, -1 none
};

int cyclic_distance(int a, int b) {
  const int d = std::abs(a - b) % 7;
  return std::min(d, 7 - d);
}

int max_streak(const std::array<bool, 7>& run) {
  int all = 0;
  for (bool r : run) all += r;
  if (all == 7) return 7;
  int best = 0;
  for (int startx = 0; startx < 7; ++startx) {
    int n = 0;
    while (n < 7 && run[(startx + n) % 7]) ++n;
    best = std::max(best, n);
  }
  return best;
}

int last_true(const std::array<bool, 7>& a) {
  for (int i = 6; i >= 0; --i)
    if (a[i]) return i;
  return -1;
}

int count(const std::array<bool, 7>& a) {
  return static_cast<int>(std::count(a.begin(), a.end(), true));
}

std::vector<date::weekday> default_run_days(engine::Experience e) {
  using namespace date;
  switch (e) {
    case engine::Experience::beginner:
      return {Tuesday, Thursday, Sunday};
    case engine::Experience::intermediate:
      return {Tuesday, Wednesday, Friday, Sunday};
    case engine::Experience::advanced:
      return {Monday, Tuesday, Thursday, Friday, Sunday};
  }
  return {Tuesday, Thursday, Sunday};
}

/// Chooses `n` days among `allowed`, pairwise at least two days apart (the
/// week repeats, so Sunday and Monday are neighbours), best `score` first.
std::vector<int> spread_days(const std::array<bool, 7>& allowed, int n,
                             const std::array<int, 7>& preference) {
  for (int want = n; want > 0; --want) {
    std::vector<int> best;
    int best_score = -1;
    for (int mask = 0; mask < 128; ++mask) {
      if (__builtin_popcount(static_cast<unsigned>(mask)) != want) continue;
      std::vector<int> days;
      bool ok = true;
      for (int i = 0; i < 7 && ok; ++i) {
        if (!(mask & (1 << i))) continue;
        if (!allowed[i]) ok = false;
        for (int j : days)
          if (cyclic_distance(i, j) < 2) ok = false;
        days.push_back(i);
      }
      if (!ok) continue;
      int score = 0;
      for (int i : days) score += preference[i] * 10;
      int spread = 7;
      for (std::size_t a = 0; a < days.size(); ++a)
        for (std::size_t b = a + 1; b < days.size(); ++b)
          spread = std::min(spread, cyclic_distance(days[a], days[b]));
      score += spread;
      if (score > best_score) {
        best_score = score;
        best = days;
      }
    }
    if (!best.empty()) return best;
  }
  return {};
}

struct ExerciseSpec {
  const char* name;
  bool per_side;
  std::vector<std::string> muscles;
};

// The article's list for glutes, hips, quads and hamstrings (LOAD-SCIENCE.md).
const std::vector<ExerciseSpec>& session_a() {
  static const std::vector<ExerciseSpec> v = {
      {"squat", false, {"quads", "glutes"}},
      {"reverse lunge", true, {"glutes", "quads"}},
      {"glute bridge", false, {"glutes", "hamstrings"}},
      {"calf raise", false, {"calves"}},
  };
  return v;
}
const std::vector<ExerciseSpec>& session_b() {
  static const std::vector<ExerciseSpec> v = {
      {"romanian deadlift", false, {"hamstrings", "glutes"}},
      {"hip abduction", true, {"hips"}},
      {"hamstring curl", false, {"hamstrings"}},
      {"leg extension", false, {"quads"}},
  };
  return v;
}
// Pain: hips and glutes, nothing that loads a sore knee or shin deeply.
const std::vector<ExerciseSpec>& pain_a() {
  static const std::vector<ExerciseSpec> v = {
      {"glute bridge", false, {"glutes", "hamstrings"}},
      {"hip abduction", true, {"hips"}},
      {"romanian deadlift", false, {"hamstrings", "glutes"}},
  };
  return v;
}
const std::vector<ExerciseSpec>& pain_b() {
  static const std::vector<ExerciseSpec> v = {
      {"single-leg glute bridge", true, {"glutes", "hamstrings"}},
      {"hip abduction", true, {"hips"}},
      {"hamstring curl", false, {"hamstrings"}},
  };
  return v;
}

Strength strength_session(int which, int level, bool pain) {
  const auto& specs =
      pain ? (which % 2 ? pain_b() : pain_a()) : (which % 2 ? session_b() : session_a());
  Strength s;
  if (pain) {
    s.focus = {"hips", "glutes"};
  } else {
    s.focus = which % 2 ? std::vector<std::string>{"hamstrings", "hips", "glutes", "quads"}
                        : std::vector<std::string>{"glutes", "quads", "calves"};
  }
  // Progression: reps 8 -> 12, then a third (and fourth) set.
  const int reps = std::min(8 + 2 * level, 12);
  const int sets = 2 + (level >= 3 ? 1 : 0) + (level >= 6 ? 1 : 0);
  for (const ExerciseSpec& e : specs)
    s.exercises.push_back(
        {e.name, sets, e.per_side ? std::max(reps - 2, 6) : reps, e.per_side, e.muscles});
  return s;
}

double long_share(int runs) {
  switch (runs) {
    case 1:
      return 1.0;
    case 2:
      return 0.55;
    case 3:
      return 0.40;
    case 4:
      return 0.33;
    case 5:
      return 0.30;
    default:
      return 0.27;
  }
}

struct Overrides {
  std::map<int, double> max_m;  ///< a day's run at most this (0: no run)
  std::set<int> soft;           ///< a day's run on a soft surface
};

class Generator {
 public:
  Generator(const engine::History& history, const GenerateOptions& o, Day start, int weeks,
            const Overrides& overrides)
      : o_(o),
        s_(o.settings),
        base_(engine::starting_baseline(o.settings.experience)),
        start_(start),
        weeks_(weeks),
        ov_(overrides) {
    for (const engine::Activity& a : history.activities) {
      if (a.local_date >= start) continue;
      sim_.activities.push_back(a);
      if (!engine::is_run(a.sport) || a.distance_m <= 0) continue;
      book_.add_run(day_number(a.local_date), a.distance_m, a.moving_s, hard_m(a));
    }
    sim_.pain_notes = history.pain_notes;
    // The engine's first day of history: any activity or pain note. The plan's
    // own first session can come no earlier than the start.
    first_day_ = day_number(start);
    for (const engine::Activity& a : sim_.activities)
      first_day_ = std::min(first_day_, day_number(a.local_date));
    for (const engine::PainNote& n : history.pain_notes)
      first_day_ = std::min(first_day_, day_number(n.date));
    pace_base_ = base_.pace_s_per_km > 0 ? base_.pace_s_per_km / 1000.0 : 0.36;
  }

  Plan run() {
    Plan plan;
    plan.start = start_;
    const int s0 = day_number(start_);
    min_run_ = min_run_m(s_.experience);
    inc_ = o_.weekly_increase;
    limit_ = std::max(1, std::min(o_.max_run_days_in_row, s_.consecutive_run_days_limit()));
    min_rest_ = std::clamp(o_.min_rest_days, 1, 6);
    layout_ = make_layout();

    // The measured state, over the days that are known: between today and
    // the start nothing has been run yet, and counting those days as rest
    // would start the plan below the runner's real load.
    const int k = o_.known_until ? std::min(day_number(*o_.known_until), s0 - 1) : s0 - 1;
    const double sum28 = book_.m(k - 27, k);
    const double longest30 = book_.longest_m(k - 29, k);
    const auto last_run = book_.last_run_before(k + 1);
    double ref_week = 0, ref_long = 0;
    if (!last_run) {
      ref_week = base_.week_m;
      ref_long = base_.longest_run_m;
      notes_.push_back(
          fmt::format("No runs in the history: the plan starts from the {} baseline ({} a week, "
                      "longest run {}).",
                      engine::to_string(s_.experience), km(ref_week), km(ref_long)));
    } else if (*last_run < k - 27) {
      const int r = *last_run;
      const double before = book_.m(r - 27, r) / 4;
      ref_week = std::min(base_.week_m, 0.5 * before);
      ref_long = 0.6 * book_.longest_m(r - 29, r);
      notes_.push_back(
          fmt::format("Your last run was {} days before the start: the plan restarts at {} a week.",
                      s0 - r, km(floor_100m(ref_week))));
    } else {
      const int first = *book_.first_run();
      const int weeks_covered = std::clamp((k + 1 - first + 6) / 7, 1, 4);
      ref_week = sum28 / weeks_covered;
      ref_long = longest30;
    }
    ref_week = floor_100m(ref_week);
    ref_long = floor_100m(ref_long);
    plan.built_from = {ref_week, ref_long};

    // Hard-surface share of the last 28 days decides the surfaces.
    const double hard28 = book_.hard(k - 27, k);
    soft_ = sum28 <= 0 || hard28 > 0.5 * sum28 || hard28 <= 0;
    if (sum28 > 0 && hard28 > s_.hard_share_info * sum28)
      notes_.push_back(fmt::format(
          "{:.0f} % of your last 28 days ran on hard surfaces: the plan moves running to trail, "
          "grass and track.",
          100 * hard28 / sum28));

    // Pain: the latest note of level >= 1 from the week before the start on.
    std::optional<int> first_pain, last_pain;
    for (const engine::PainNote& n : sim_.pain_notes) {
      if (n.level < 1 || day_number(n.date) < s0 - s_.pain_window_days) continue;
      const int d = day_number(n.date);
      if (!first_pain || d < *first_pain) first_pain = d;
      if (!last_pain || d > *last_pain) last_pain = d;
    }
    pain_ = first_pain.has_value();
    double pre_pain = 0;
    if (pain_) {
      pre_pain = book_.m(*first_pain - 7, *first_pain - 1);
      if (pre_pain <= 0) pre_pain = ref_week;
      notes_.push_back(fmt::format(
          "Pain logged on {}: week 1 swaps runs for cross-training and strength turns to hips and "
          "glutes; running resumes in week 2 at most {} a week, only if pain-free. Pain that "
          "persists, worsens or changes how you run means stop and get assessed.",
          format_day(from_number(*last_pain)), km(floor_100m(0.7 * pre_pain))));
    }
    pain_until_ = last_pain ? *last_pain + s_.pain_window_days : s0 - 1;

    // Goal and race.
    int weeks = weeks_;
    std::optional<int> race_day;
    double goal = o_.goal_weekly_m.value_or(0);
    if (o_.race_m && o_.race_date) {
      if (*o_.race_date < start_) {
        notes_.push_back("The race date is before the plan's start: the race is left out.");
      } else {
        race_day = day_number(*o_.race_date);
        if (!o_.goal_weekly_m) goal = std::clamp(2.0 * *o_.race_m + 10'000, 20'000.0, 80'000.0);
        const int race_week = (*race_day - s0) / 7 + 1;
        if (race_week <= weeks) weeks = race_week;
        notes_.push_back(fmt::format(
            "Race on {} ({}): {} tapers and the race itself is not a planned session.",
            format_day(*o_.race_date), km(*o_.race_m),
            race_week <= weeks_ ? fmt::format("week {}", race_week) : std::string("the plan")));
        if (race_week <= weeks_) race_week_ = race_week;
      }
    }
    const bool goal_given = goal > 0;
    if (!goal_given) {
      const double ceiling = s_.experience == engine::Experience::beginner       ? 30'000
                             : s_.experience == engine::Experience::intermediate ? 50'000
                                                                                 : 80'000;
      goal = std::max(ceiling, ref_week);
    }

    double last_nonrec = ref_week;
    double reached = 0;
    int level = 0;
    bool first_running_week = true;
    for (int w = 1; w <= weeks; ++w) {
      PlanWeek week;
      week.week = w;
      const bool pain_week = pain_ && w == 1;
      week.recovery = pain_week || w % 4 == 0 || (race_week_ && w == *race_week_);
      double target = 0;
      if (pain_week) {
        // Sized like a running week, for cross-training of similar time.
        target = std::min(goal, last_nonrec * (1 + inc_));
      } else if (week.recovery) {
        target = 0.76 * last_nonrec;
      } else {
        target = std::min(goal, last_nonrec * (1 + inc_));
      }
      if (pain_ && !pain_week && first_running_week) target = std::min(target, 0.7 * pre_pain);
      build_week(week, target, pain_week, level, race_day);
      const double actual = run_distance_m(week);
      if (!week.recovery) {
        last_nonrec = actual;
        reached = std::max(reached, actual);
        ++level;
      }
      if (!pain_week) first_running_week = false;
      plan.weeks.push_back(std::move(week));
    }

    if (goal_given && reached < goal - 500 && ref_week > 0) {
      double x = ref_week;
      int n = 0;
      while (x < goal - 1e-9 && n < 520) {
        ++n;
        if (n % 4 != 0) x = std::min(goal, x * (1 + inc_));
      }
      notes_.push_back(fmt::format("{}/week needs {} weeks from your {}; this plan reaches {}.",
                                   km(goal), n, km(ref_week), km(reached)));
    }
    for (const std::string& n : notes_) plan.notes += (plan.notes.empty() ? "" : " ") + n;
    return plan;
  }

 private:
  double hard_m(const engine::Activity& a) const {
    double m = 0;
    for (const engine::SurfaceShare& share : a.surface_m)
      if (s_.is_hard(share.surface)) m += share.distance_m;
    return m;
  }

  int index_of(date::weekday wd) const {
    for (int i = 0; i < 7; ++i)
      if (date::weekday{start_ + date::days{i}} == wd) return i;
    return 6;
  }

  Layout make_layout() {
    Layout l;
    const auto days = o_.run_days.empty() ? default_run_days(s_.experience) : o_.run_days;
    for (date::weekday wd : days) l.run[index_of(wd)] = true;
    l.long_day = index_of(o_.long_run_day.value_or(date::Sunday));
    l.run[l.long_day] = true;
    bool trimmed = false;
    while (7 - count(l.run) < min_rest_ || max_streak(l.run) > limit_) {
      int best = -1, best_streak = 99;
      for (int i = 0; i < 7; ++i) {
        if (!l.run[i] || i == l.long_day) continue;
        l.run[i] = false;
        const int streak = max_streak(l.run);
        l.run[i] = true;
        if (streak < best_streak) best = i, best_streak = streak;
      }
      if (best < 0) break;
      l.run[best] = false;
      trimmed = true;
    }
    if (trimmed) {
      std::string names;
      for (int i = 0; i < 7; ++i)
        if (l.run[i])
          names += (names.empty() ? "" : ", ") +
                   fmt::format("{}", date::weekday{start_ + date::days{i}}.c_encoding());
      notes_.push_back(fmt::format(
          "The schedule's run days left fewer than {} rest days or more than {} run days in a row: "
          "the plan runs on {} days a week.",
          min_rest_, limit_, count(l.run)));
    }
    // Quality runs: never beside the long run, and none for beginners.
    const int runs = count(l.run);
    const int quality_wanted = s_.experience == engine::Experience::beginner                ? 0
                               : s_.experience == engine::Experience::advanced && runs >= 5 ? 2
                               : runs >= 3                                                  ? 1
                                                                                            : 0;
    for (int q = 0; q < quality_wanted; ++q) {
      int best = -1, best_d = -1;
      for (int i = 0; i < 7; ++i) {
        if (!l.run[i] || i == l.long_day || l.quality[i] || cyclic_distance(i, l.long_day) < 2)
          continue;
        bool near_other = false;
        for (int j = 0; j < 7; ++j)
          near_other = near_other || (l.quality[j] && cyclic_distance(i, j) < 2);
        if (near_other) continue;
        const int d = cyclic_distance(i, l.long_day);
        if (d > best_d) best = i, best_d = d;
      }
      if (best >= 0) l.quality[best] = true;
    }
    const int after_long = (l.long_day + 1) % 7;
    if (l.run[after_long] && !l.quality[after_long]) l.recovery_run[after_long] = true;
    // Strength: not the day before the long run or a quality run, not on them.
    // Where a quality run leaves no room for the sessions, the quality run goes.
    const int strength_wanted = std::clamp(o_.strength_per_week, 0, 3);
    while (true) {
      std::array<bool, 7> allowed{};
      std::array<int, 7> pref{};
      for (int i = 0; i < 7; ++i) {
        const int next = (i + 1) % 7;
        allowed[i] = i != l.long_day && !l.quality[i] &&
                     !(l.run[next] && (next == l.long_day || l.quality[next]));
        pref[i] = l.run[i] ? 0 : 1;
      }
      const auto days = spread_days(allowed, strength_wanted, pref);
      const int q = last_true(l.quality);
      if (static_cast<int>(days.size()) < strength_wanted && q >= 0) {
        l.quality[q] = false;
        continue;
      }
      l.strength.fill(false);
      for (int i : days) l.strength[i] = true;
      break;
    }
    // Cross-training on days without a run, away from strength where possible.
    l.cross.fill(-1);
    std::array<bool, 7> cross_allowed{};
    std::array<int, 7> cross_pref{};
    for (int i = 0; i < 7; ++i) {
      cross_allowed[i] = !l.run[i];
      cross_pref[i] = (l.strength[i] ? 0 : 2) + ((i + 1) % 7 == l.long_day ? 0 : 1);
    }
    const int cross_n = std::clamp(o_.cross_days_per_week, 1, 2);
    auto cross_days = spread_days(cross_allowed, cross_n, cross_pref);
    if (static_cast<int>(cross_days.size()) < cross_n) {
      // Too few non-run days two apart: take neighbours rather than go without.
      for (int i = 0; i < 7 && static_cast<int>(cross_days.size()) < cross_n; ++i)
        if (cross_allowed[i] &&
            std::find(cross_days.begin(), cross_days.end(), i) == cross_days.end())
          cross_days.push_back(i);
    }
    const int acts = std::max<int>(1, static_cast<int>(o_.cross_activities.size()));
    int k = 0;
    std::sort(cross_days.begin(), cross_days.end());
    for (int i : cross_days) l.cross[i] = k++ % acts;
    return l;
  }

  CrossActivity cross_activity(int index) const {
    if (o_.cross_activities.empty()) return CrossActivity::cycling;
    return o_.cross_activities[static_cast<std::size_t>(index) % o_.cross_activities.size()];
  }

  double cross_minutes() const {
    switch (s_.experience) {
      case engine::Experience::beginner:
        return 30;
      case engine::Experience::intermediate:
        return 40;
      case engine::Experience::advanced:
        return 45;
    }
    return 30;
  }

  /// Seconds per metre the checker will use for a distance-only run on `day`.
  double pace_s_per_m(Day day) const {
    engine::PlannedRun p;
    p.distance_m = 1000;
    const engine::ResolvedRun r = engine::resolve(sim_, day, p, s_);
    return r.duration_s > 0 ? r.duration_s / 1000.0 : pace_base_;
  }

  /// The longest run `day` allows, by the planner's limits and the engine's
  /// thresholds (with a margin); 0 when no run fits.
  double cap_m(int d, double pace) const {
    double cap = 1e12;
    // No run longer than 1.10 x the longest of the 30 days before it.
    // While the history is short the engine lends the experience level's
    // baseline (LOAD-SCIENCE.md "No baseline, no spike"); so does the planner.
    double longest = book_.longest_m(d - 30, d - 1);
    double longest_s = book_.longest_s(d - 30, d - 1);
    double ref = std::max(book_.m(d - 13, d - 7), book_.m(d - 41, d - 14) / 4);
    double ref_s = std::max(book_.s(d - 13, d - 7), book_.s(d - 41, d - 14) / 4);
    if (d - first_day_ < 28) {
      longest = std::max(longest, base_.longest_run_m);
      longest_s = std::max(longest_s, base_.longest_run_m * pace_base_);
      ref = std::max(ref, base_.week_m);
      ref_s = std::max(ref_s, base_.week_m * pace_base_);
    }
    if (longest > 0) cap = std::min(cap, 1.10 * longest - 1);
    if (longest_s > 0)
      cap = std::min(cap, std::max(s_.duration_caution_ratio * longest_s,
                                   longest_s + s_.duration_quiet_under_s - 30) /
                              pace);
    // The rolling 7 days against the larger of the 7 before and the 28-day mean.
    if (ref > 0) {
      const double allowed = std::max(ref * (s_.weekly_distance_caution_ratio - 0.03),
                                      ref + s_.weekly_distance_quiet_under_m - 300);
      cap = std::min(cap, allowed - book_.m(d - 6, d - 1));
    }
    if (ref_s > 0) {
      const double allowed = std::max(ref_s * (s_.weekly_duration_caution_ratio - 0.03),
                                      ref_s + s_.weekly_duration_quiet_under_s - 120);
      cap = std::min(cap, (allowed - book_.s(d - 6, d - 1)) / pace);
    }
    // Return after a break: at most 60 % of the longest run before it.
    if (const auto r = book_.last_run_before(d); r && d - *r >= s_.break_days - 1)
      cap = std::min(cap, 0.97 * s_.return_fraction * book_.longest_m(*r - 29, *r));
    if (auto it = ov_.max_m.find(d); it != ov_.max_m.end()) cap = std::min(cap, it->second);
    return cap;
  }

  bool road_fits(int d, double x) const {
    if (soft_ || ov_.soft.count(d)) return false;
    const double h7 = book_.hard(d - 6, d - 1) + x;
    const double with = (book_.hard(d - 27, d - 1) + x) / 4;
    const double before = book_.hard(d - 34, d - 7) / 4;
    const double ratio = s_.hard_surface_caution_ratio - 0.1;
    return with > 0 && before > 0 && h7 <= ratio * with && h7 <= ratio * before;
  }

  std::string purpose(RunKind kind, engine::Surface surface) const {
    std::string p;
    switch (kind) {
      case RunKind::easy:
        p = "aerobic base at an easy, conversational pace";
        break;
      case RunKind::long_run:
        p = "endurance; no faster than easy pace";
        break;
      case RunKind::tempo:
        p = "tempo; after 10 min easy, 2 x 10 min comfortably hard with 3 min easy between";
        break;
      case RunKind::intervals:
        p = "intervals; after 10 min easy, 6 x 2 min hard with 2 min jog between";
        break;
      case RunKind::recovery:
        p = "recovery; very easy and short, the day after the long run";
        break;
    }
    if (surface != engine::Surface::road && kind != RunKind::intervals && kind != RunKind::tempo)
      p += " on a soft surface";
    if (pain_) p += "; only if pain-free";
    return p;
  }

  void add_planned_run(Day day, double m, double duration_s, engine::Surface surface) {
    const int d = day_number(day);
    book_.add_run(d, m, duration_s, surface == engine::Surface::road ? m : 0);
    engine::Activity a;
    a.local_date = day;
    a.start_utc = engine::UtcTime{day.time_since_epoch()};
    a.sport = engine::Sport::run;
    a.distance_m = m;
    a.moving_s = a.elapsed_s = duration_s;
    a.surface_m = {{surface, m}};
    sim_.activities.push_back(std::move(a));
  }

  void build_week(PlanWeek& week, double target, bool pain_week, int level,
                  std::optional<int> race_day) {
    const Day first = start_ + date::days{7 * (week.week - 1)};
    // The week's run days, thinned when the target is too small for them all.
    std::array<bool, 7> run = layout_.run;
    auto others = [&] {
      int n = 0;
      for (int i = 0; i < 7; ++i) n += run[i] && i != layout_.long_day;
      return n;
    };
    // The long run can grow at most 10 % on the longest of the last 30 days
    // (or the baseline a short history borrows): the rest spreads over the week.
    const int d0 = day_number(first);
    double recent_longest = book_.longest_m(d0 - 30, d0 - 1);
    if (d0 - first_day_ < 28) recent_longest = std::max(recent_longest, base_.longest_run_m);
    const double long_cap = recent_longest > 0 ? 1.10 * recent_longest : 1e12;
    // The long run continues from the longest run of the last 30 days
    // (history and plan) rather than dropping to its share of the week, while
    // it stays at most half the week; recovery and pain weeks take their share.
    const double long_floor =
        week.recovery || pain_ ? 0.0 : std::min(book_.longest_m(d0 - 30, d0 - 1), 0.5 * target);
    auto long_for = [&] {
      return std::min(std::max(target * long_share(count(run)), long_floor), long_cap);
    };
    double long_m = long_for();
    // Fewer, longer runs rather than many short ones, while the runs left can
    // still carry the week (none may outgrow the long run's limit).
    // A recovery week keeps more, shorter runs: its share matters more than their size.
    const double min_run = week.recovery ? std::min(min_run_, 1500.0) : min_run_;
    while (others() > 0 && (target - long_m) / others() < min_run &&
           (count(run) - 1) * long_cap >= target) {
      // Drop the recovery run first, then the latest easy day.
      int drop = -1;
      for (int i = 0; i < 7; ++i)
        if (run[i] && layout_.recovery_run[i]) drop = i;
      for (int i = 6; i >= 0 && drop < 0; --i)
        if (run[i] && i != layout_.long_day && !layout_.quality[i]) drop = i;
      for (int i = 6; i >= 0 && drop < 0; --i)
        if (run[i] && i != layout_.long_day) drop = i;
      run[drop] = false;
      long_m = long_for();
    }
    const int n_other = others();
    double weight_sum = 0;
    for (int i = 0; i < 7; ++i)
      if (run[i] && i != layout_.long_day) weight_sum += layout_.recovery_run[i] ? 0.6 : 1.0;
    const double other_total = std::max(0.0, target - long_m);

    // What a capped or dropped run could not take moves on to the week's later runs.
    double carry = 0;
    for (int i = 0; i < 7; ++i) {
      const Day day = first + date::days{i};
      const int d = day_number(day);
      PlanDay pd;
      pd.date = day;
      if (run[i] && target > 0) {
        RunKind kind = i == layout_.long_day     ? RunKind::long_run
                       : layout_.recovery_run[i] ? RunKind::recovery
                                                 : RunKind::easy;
        if (layout_.quality[i] && !week.recovery && !pain_)
          kind = (s_.experience == engine::Experience::intermediate && week.week % 2 == 0) ||
                         (s_.experience == engine::Experience::advanced && i != first_quality())
                     ? RunKind::intervals
                     : RunKind::tempo;
        double want =
            i == layout_.long_day
                ? long_m
                : (n_other > 0 ? other_total * (layout_.recovery_run[i] ? 0.6 : 1.0) / weight_sum
                               : 0);
        if (i != layout_.long_day) want = std::min(want, long_m);
        if (carry > 0) want = std::min(want + carry, std::max(want, long_cap));
        const double pace = pace_s_per_m(day);
        const bool blocked = pain_week || d <= pain_until_ || (race_day && d >= *race_day) ||
                             book_.streak_before(d) + 1 > limit_;
        const double x = blocked ? 0 : floor_100m(std::min(want, cap_m(d, pace)));
        const bool placed = x >= std::max(1000.0, std::min(min_run, 0.5 * want));
        if (!pain_week) carry = std::max(0.0, want - (placed ? x : 0));
        if (placed) {
          engine::Surface surface = engine::Surface::trail;
          if (kind == RunKind::intervals) surface = engine::Surface::track;
          if (kind == RunKind::recovery) surface = engine::Surface::grass;
          if ((kind == RunKind::easy || kind == RunKind::tempo) && road_fits(d, x))
            surface = engine::Surface::road;
          else if (kind == RunKind::tempo)
            surface = engine::Surface::track;
          pd.sessions.emplace_back(std::in_place_type<Run>, kind, x, std::nullopt, surface,
                                   purpose(kind, surface));
          add_planned_run(day, x, x * pace, surface);
        } else if (pain_week && want > 0) {
          // Cross-training of about the time the run would have taken.
          const double minutes = std::clamp(std::round(want * pace / 300.0) * 5, 20.0, 90.0);
          pd.sessions.emplace_back(std::in_place_type<Cross>, cross_activity(i), minutes * 60,
                                   Intensity::easy);
        }
      }
      if (layout_.strength[i] && !(race_day && d >= *race_day - 1))
        pd.sessions.emplace_back(
            std::in_place_type<Strength>,
            strength_session(i == first_strength() ? 0 : 1, week.recovery ? 0 : level, pain_));
      if (layout_.cross[i] >= 0 && !(pain_week && has_cross(pd)))
        pd.sessions.emplace_back(std::in_place_type<Cross>, cross_activity(layout_.cross[i]),
                                 cross_minutes() * 60, Intensity::easy);
      if (pd.sessions.empty()) pd.sessions.emplace_back(std::in_place_type<Rest>);
      week.days.push_back(std::move(pd));
    }
    week.targets.run_distance_m = round_100m(run_distance_m(week));
    for (const PlanDay& pd : week.days)
      for (const Run* r : runs_of(pd))
        week.targets.long_run_m = std::max(week.targets.long_run_m, r->distance_m.value_or(0));
  }

  static bool has_cross(const PlanDay& d) {
    for (const Session& s : d.sessions)
      if (std::holds_alternative<Cross>(s)) return true;
    return false;
  }
  int first_quality() const {
    for (int i = 0; i < 7; ++i)
      if (layout_.quality[i]) return i;
    return -1;
  }
  int first_strength() const {
    for (int i = 0; i < 7; ++i)
      if (layout_.strength[i]) return i;
    return -1;
  }

  const GenerateOptions& o_;
  const engine::Settings& s_;
  engine::StartingBaseline base_;
  Day start_;
  int weeks_;
  const Overrides& ov_;
  Book book_;
  engine::History sim_;
  double pace_base_ = 0.36;
  double min_run_ = 3000;
  double inc_ = 0.10;
  int limit_ = 3;
  int min_rest_ = 2;
  Layout layout_;
  bool soft_ = true;
  bool pain_ = false;
  int pain_until_ = 0;
  int first_day_ = 0;
  std::optional<int> race_week_;
  std::vector<std::string> notes_;
};

}  // namespace

double min_run_m(engine::Experience experience) {
  return experience == engine::Experience::beginner ? 2000 : 3000;
}

Plan generate_plan(const engine::History& history, const GenerateOptions& options, Day start,
                   int weeks) {
  if (weeks < 1) throw std::invalid_argument("a plan needs at least 1 week");
  if (!(options.weekly_increase >= 0 && options.weekly_increase <= 0.30 + 1e-12))
    throw std::invalid_argument(
        fmt::format("weekly increase {:.0f} % is outside 0-30 %", options.weekly_increase * 100));
  Overrides overrides;
  // The planner's own arithmetic keeps within the limits; the engine has the
  // final word. Where it still objects, that day's run shrinks to what passes
  // (or goes), and the plan is rebuilt so later weeks follow the change.
  for (int attempt = 0; attempt < 200; ++attempt) {
    Plan plan = Generator(history, options, start, weeks, overrides).run();
    const PlanCheck check = check_plan(plan, history, options.settings);
    const DayCheck* bad = nullptr;
    for (const DayCheck& d : check.days)
      if (auto w = engine::worst(d.warnings); w && *w != engine::Severity::info) {
        bad = &d;
        break;
      }
    if (!bad) return plan;
    const int d = day_number(bad->date);
    bool surface_only = true;
    for (const engine::Warning& w : bad->warnings)
      if (w.severity != engine::Severity::info && w.rule != engine::RuleId::hard_surface)
        surface_only = false;
    if (surface_only && !overrides.soft.count(d)) {
      overrides.soft.insert(d);
      continue;
    }
    double current = 0;
    for (const PlanWeek& w : plan.weeks)
      for (const PlanDay& pd : w.days)
        if (pd.date == bad->date)
          for (const Run* r : runs_of(pd)) current = std::max(current, r->distance_m.value_or(0));
    double next = floor_100m(current * 0.9);
    if (attempt < 100 && current > 0) {
      const engine::History h = history_with_plan(plan, history, options.settings, bad->date);
      engine::PlannedRun p;
      p.distance_m = current;
      p.surface = engine::Surface::trail;
      if (auto passing = engine::longest_passing_run(h, bad->date, options.settings, p))
        next = std::min(next, floor_100m(passing->distance_m));
    }
    if (attempt >= 100) next = 0;
    overrides.max_m[d] = next;
  }
  throw std::logic_error("plan generation did not settle on a plan that passes its check");
}

}  // namespace stride::plans
