#include "plans/generate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <stdexcept>

#include "engine/alternatives.hpp"
#include "engine/evaluate.hpp"
#include "engine/paces.hpp"
#include "engine/quantity.hpp"
#include "plans/check.hpp"
#include "plans/plan_yaml.hpp"

namespace stride::plans {
namespace {

using engine::Surface;
constexpr date::days kDay{1};

// ---- named margins and product defaults --------------------------------------
// Recovery weeks run at 70-80 % of the last non-recovery week (LOAD-SCIENCE.md
// "Load"); 78 % because the week after it may rise at most 1.30x on it
// (weekly-distance-spike), and 1.30 x 0.78 > 1 lets that week return to the
// last normal week's distance.
constexpr double kRecoveryFraction = 0.78;
/// Under this share of the current load, a first week the days before the
/// plan held down is labelled a lighter week (see build()).
constexpr double kHeldFirstWeek = 0.85;
/// A quality run's session, which its purpose spells out and its length
/// must hold: a warm-up, the hard parts and the recoveries between them.
constexpr int kWarmUpMinutes = 10;
struct QualitySession {
  int reps;
  int rep_minutes;
  std::string_view effort;
  int between_minutes;
  std::string_view between;
  int minutes() const { return kWarmUpMinutes + reps * rep_minutes + (reps - 1) * between_minutes; }
};
QualitySession quality_session(RunKind kind, bool taper) {
  if (kind == RunKind::tempo) return {2, taper ? 5 : 10, "comfortably hard", 3, "easy"};
  return {taper ? 4 : 6, taper ? 1 : 2, "hard", 2, "jog"};
}
// Every 4th week is a recovery week (LOAD-SCIENCE.md "Load").
constexpr int kRecoveryEvery = 4;
// Rounding each run down to 100 m may leave a week this many 100 m short.
constexpr int kMaxRunsPerWeek = 7;
// A goal below the current load eases down at most 10 % a week (LOAD-SCIENCE.md "Goals").
constexpr double kEaseDown = 0.10;
// A long run aims a few points above the 1.2x floor of its share
// (1.2 / (n + 0.2)), so rounding to 100 m never takes it under 1.2x the
// other runs, and at about a third of the week where the limit allows: a
// product default.
constexpr double kLongShareAboveFloor = 0.03;
constexpr double kLongShareAim = 0.33;
// A week aimed at a weekly spike's limit stays this far under it: the engine
// judges the 7 days ending with each run, and runs are floored to 100 m.
constexpr double kSpikeMargin = 0.99;
// On 2 run days the long run moves in 600 m steps: it is 1.2 x the other run
// (kLongRunOverOthers) and both are sized to 100 m, so the other moves by 500 m.
constexpr double kTwoDayLongStepM = 600;
// The long run builds towards race / 1.5, so the race stays under the
// race-readiness caution (LOAD-SCIENCE.md "Races").
// Cross-training replaces a run by about its time, within these bounds (minutes).
constexpr double kCrossMinMinutes = 20, kCrossMaxMinutes = 90;
// The history window for habits (run days, long-run day, cross sport) and
// for surfaces (LOAD-SCIENCE.md "Habits").
constexpr int kHabitDays = 84;
constexpr int kSurfaceDays = 90;
// Runners with fewer than 12 weeks of history get strides, not quality runs.
constexpr int kQualityHistoryDays = 84;
// Race plans: the race surface takes the long run and at least half the runs
// of the last 6 weeks.
constexpr int kRaceSurfaceDays = 42;
// A bone comeback's walk-runs: 1-3 km of 1 min running, 1 min walking.
constexpr double kWalkRunMaxM = 3000;
constexpr double kWalkRunMinM = 1000;
// No strength in the 5 days before the race.
constexpr int kNoStrengthBeforeRaceDays = 5;
// Race limits (LOAD-SCIENCE.md "Races").
constexpr int kRaceMinDays = 21;
constexpr int kRaceMaxDays = 30 * 7;
constexpr double kRaceMinM = 1000, kRaceMaxM = 250'000;
// Heavy strength work for runners with 12 weeks of logged strength sessions (Blagrove 2018).
constexpr int kHeavyStrengthWeeks = 12;

int day_number(Day d) { return static_cast<int>(d.time_since_epoch().count()); }

/// Floors to whole 100 m, computed the way reading "6.3 km" computes it, so a
/// plan written and read back holds the same numbers.
double floor_100m(double metres) {
  if (metres <= 0) return 0;
  return std::floor(metres / 100.0 + 1e-9) / 10.0 * 1000.0;
}
double round_100m(double metres) { return std::round(metres / 100.0) / 10.0 * 1000.0; }

int cyclic_distance(int a, int b) {
  const int d = std::abs(a - b) % 7;
  return std::min(d, 7 - d);
}

int max_streak(const std::array<bool, 7>& run) {
  int all = 0;
  for (bool r : run) all += r;
  if (all == 7) return 7;
  int best = 0;
  for (int first = 0; first < 7; ++first) {
    int n = 0;
    while (n < 7 && run[(first + n) % 7]) ++n;
    best = std::max(best, n);
  }
  return best;
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

bool soft(Surface s) { return s != Surface::road; }

// ---- strength ------------------------------------------------------------------

struct Variant {
  const char* family;  ///< the article's exercise this is a form of
  const char* none;
  const char* dumbbells;
  const char* gym;
  bool per_side_none, per_side_dumbbells, per_side_gym;
  std::vector<std::string> muscles;
};

// The article's list for the glutes, hips, quads and hamstrings, with calf
// raises (LOAD-SCIENCE.md "Strength"), in a bodyweight, a dumbbell and a gym form.
const std::vector<Variant>& variants() {
  static const std::vector<Variant> v = {
      {"squat",
       "split squat",
       "goblet squat",
       "back squat",
       true,
       false,
       false,
       {"quads", "glutes"}},
      {"lunge",
       "reverse lunge",
       "dumbbell reverse lunge",
       "walking lunge",
       true,
       true,
       true,
       {"glutes", "quads"}},
      {"deadlift",
       "single-leg romanian deadlift",
       "dumbbell romanian deadlift",
       "romanian deadlift",
       true,
       false,
       false,
       {"hamstrings", "glutes"}},
      {"glute bridge",
       "single-leg glute bridge",
       "dumbbell glute bridge",
       "hip thrust",
       true,
       false,
       false,
       {"glutes", "hamstrings"}},
      {"hip abduction",
       "side-lying hip abduction",
       "banded side-lying hip abduction",
       "cable hip abduction",
       true,
       true,
       true,
       {"hips"}},
      {"hamstring curl",
       "sliding hamstring curl",
       "sliding hamstring curl",
       "hamstring curl",
       false,
       false,
       false,
       {"hamstrings"}},
      {"calf raise",
       "single-leg calf raise",
       "single-leg calf raise",
       "calf raise",
       true,
       true,
       false,
       {"calves"}},
      {"leg extension",
       "step-up",
       "dumbbell step-up",
       "leg extension",
       true,
       true,
       false,
       {"quads"}},
  };
  return v;
}

const Variant& variant(std::string_view family) {
  for (const Variant& v : variants())
    if (family == v.family) return v;
  return variants().front();
}

/// Session A works squats, lunges, calves and the lateral hip; session B
/// deadlifts, bridges, hamstrings, quads and the lateral hip again (hip
/// abduction twice a week: LOAD-SCIENCE.md's floor).
const std::vector<const char*>& session_families(int which) {
  static const std::vector<const char*> a = {"squat", "lunge", "calf raise", "hip abduction"};
  static const std::vector<const char*> b = {"deadlift", "glute bridge", "hamstring curl",
                                             "leg extension", "hip abduction"};
  return which % 2 ? b : a;
}

/// A week's targets from its runs, the race left out: the training distance
/// (to 100 m) and the longest run.
void retarget(PlanWeek& w) {
  double total = 0, longest = 0;
  for (const PlanDay& d : w.days)
    for (const Run* r : runs_of(d))
      if (r->kind != RunKind::race) {
        total += r->distance_m.value_or(0);
        longest = std::max(longest, r->distance_m.value_or(0));
      }
  w.targets.run_distance_m = round_100m(total);
  w.targets.long_run_m = longest;
}

// ---- the generator -------------------------------------------------------------

/// One week's shape, indexed by days since the plan's start modulo 7.
struct Layout {
  std::array<bool, 7> run{};
  int long_day = 6;
  std::array<bool, 7> quality{};
  std::array<bool, 7> recovery_run{};
  std::array<bool, 7> strength{};
  std::array<bool, 7> free{};
  std::array<int, 7> cross{};  ///< index into the cross activities, -1 none
};

/// The state the runner starts from, measured on the known days.
struct Measured {
  double chronic_week_m = 0;  ///< mean week of the 28 days ending with the last known day
  double longest_30d_m = 0;
  std::optional<Day> last_run;
  std::optional<Day> first_day;  ///< of the engine's history (activity or pain note)
  int history_days = 0;          ///< from the first run to the last known day
  int strength_weeks = 0;        ///< 7-day blocks with a logged strength session
};

/// What kind of week the loop is building (LOAD-SCIENCE.md's precedence:
/// pain > comeback > experience > taper > progression > dose floors).
enum class WeekKind { build, recovery, taper, comeback };

class Generator {
 public:
  Generator(const engine::History& history, const GenerateOptions& o, Day start, int weeks)
      : o_(o),
        s_(o.settings),
        start_(start),
        weeks_(weeks),
        base_(engine::starting_baseline(o.settings.experience)) {
    for (const engine::Activity& a : history.activities)
      if (a.local_date < start) sim_.activities.push_back(a);
    sim_.pain_notes = history.pain_notes;
    known_ = start - kDay;
    if (o.known_until) known_ = std::min(*o.known_until, known_);
    if (o.race_date) race_day_ = *o.race_date;
    // The week a mild pain episode allows, measured as plan check measures it.
    for (const engine::Activity& a : sim_.activities)
      if (engine::is_run(a.sport) && a.local_date >= start - date::days{28})
        start_week_m_ += a.distance_m / 4.0;
  }

  /// After the plan's runs were shortened to what the engine passes, a
  /// quality run too short for its session becomes an easy run.
  void easy_if_short(Plan& plan) const {
    for (PlanWeek& w : plan.weeks)
      for (PlanDay& pd : w.days)
        for (Session& x : pd.sessions)
          if (auto* r = std::get_if<Run>(&x); r && is_quality(r->kind) && r->distance_m &&
                                              *r->distance_m < quality_min_m(r->kind, w.taper)) {
            r->kind = RunKind::easy;
            set_intensity(*r);
            r->purpose = purpose(RunKind::easy, false, false);
          }
  }

  Plan run() {
    Plan plan;
    plan.start = start_;
    measure();
    plan.built_from = {floor_100m(m_.chronic_week_m), floor_100m(m_.longest_30d_m)};
    paces_ = engine::training_paces(sim_, known_);
    assess_pain();
    habits();
    layout_ = make_layout();
    assess_comeback();
    mild_pain_notes();
    goal();

    double last_nonrec = plan.built_from.chronic_week_m;
    // The last non-recovery, non-taper week's long run; the runner's recent
    // longest stands in before the plan's first week.
    double last_long = plan.built_from.longest_30d_m;
    double prev_build_long = 0;  // the plan's own last normal week's long run
    if (race_day_) fractions_ = taper_fractions(*o_.race_m);
    bool taper_started = false;
    bool after_recovery = false;
    for (int w = 1; w <= weeks_; ++w) {
      PlanWeek week;
      week.week = w;
      WeekKind kind = WeekKind::build;
      const Day first = start_ + date::days{7 * (w - 1)};
      // A plan week is a taper week when any of its days lies in the taper's
      // 7-day blocks, which end on race day whatever weekday it is.
      bool taper_week = false;
      for (Day d = first; d < first + date::days{7} && (!race_day_ || d <= *race_day_); d += kDay)
        taper_week = taper_week || taper_block(d).has_value();
      // A comeback's ramp allows the 7 days ending with each run; the week's
      // first run day is its lowest allowance (precedence: comeback before
      // taper and progression, and no recovery week inside the ramp).
      std::optional<double> ramp;
      if (cb_ && !stop_runs_) {
        if (walking_week(w) || walk_run_week(w)) {
          ramp = cb_->week_allowance_m(1);
        } else if (!ramp_done_) {
          // The engine's window as the plan has laid it so far (a run moved
          // or dropped moves the window with it).
          const Day d = first_run_day(first);
          if (auto win = engine::comeback_window_on(sim_, d, s_, 1000.0)) {
            cb_ = *win;
            ramp = win->allowance_m(d);
            // A window under way for a week or more: the ramp is a ceiling,
            // and the weeks grow from what the runner does now, at the ramp's
            // rate. (Inside its first 7 days there is no week to grow from
            // yet: the plan follows the ramp, as after a break today.)
            if (win->start + date::days{7} <= start_)
              ramp = std::min(*ramp, std::max(under_way_week_m_, last_nonrec) * s_.comeback_growth);
          } else {
            ramp_done_ = true;
          }
        }
      }
      if (taper_week)
        kind = WeekKind::taper;
      else if (ramp)
        kind = WeekKind::comeback;
      else if (w % kRecoveryEvery == 0)
        kind = WeekKind::recovery;
      week.recovery = kind == WeekKind::recovery;
      week.taper = kind == WeekKind::taper;
      week.comeback = ramp.has_value();
      if (kind == WeekKind::taper && !taper_started) {
        taper_started = true;
        pre_taper_ = last_nonrec;
      }
      double target = 0;
      switch (kind) {
        case WeekKind::taper:
          for (Day d = first; d < first + date::days{7} && d <= *race_day_; d += kDay)
            target += taper_run_m(d);
          break;
        case WeekKind::recovery:
          target = kRecoveryFraction * last_nonrec;
          break;
        case WeekKind::build:
          target = next_target(last_nonrec);
          // After a recovery week the weekly spike's reference is the larger
          // of that week and the mean week of the 28 days before it. Where
          // that mean is low too (a comeback or a short history in it), the
          // next step would be held by the engine mid-week, its long run
          // shortened and the week left a second lighter one: the week aims
          // within the spike's limit instead.
          if (after_recovery) {
            const double ref = engine::weekly_distance_reference(sim_, first + date::days{6}, s_);
            if (ref > 0)
              target = std::min(target, kSpikeMargin * s_.weekly_distance_caution_ratio * ref);
          }
          break;
        case WeekKind::comeback:
          target = std::min(*ramp, goal_);
          break;
      }
      // Mild pain: easy runs at the week the plan starts from.
      // (In a comeback the engine allows the ramp's week: so does the plan.)
      if (mild_pain_on(first)) target = std::min(target, std::max(start_week_m_, ramp.value_or(0)));
      pain_in_week_ = false;
      {
        const Laid before = laid();
        build_week(week, target, kind, last_long, false);
        // A ramp week whose long run would make it shrink (its others held
        // under long / 1.2), or fall below the last long run, runs even instead.
        if (kind == WeekKind::comeback && week.targets.long_run_m > 0 &&
            (week.targets.run_distance_m < last_nonrec - 100.0 * kMaxRunsPerWeek ||
             week.targets.long_run_m < last_long - 1e-6)) {
          unlay(before);
          week.days.clear();
          week.targets = {};
          build_week(week, target, kind, last_long, true);
        }
      }
      // A week whose runs pain turned into cross-training is no step of the
      // progression: it is marked a recovery week and the next builds on the
      // last normal one.
      if (pain_in_week_ && kind == WeekKind::build && !stop_runs_) {
        week.recovery = true;
        kind = WeekKind::recovery;
      }
      // Where the engine held a week below the last normal one (its long run
      // or its distance), the week is a lighter one and says so.
      if (kind == WeekKind::build && w > 1 &&
          (week.targets.long_run_m < prev_build_long - 1e-6 ||
           week.targets.run_distance_m < last_nonrec - 100.0 * kMaxRunsPerWeek) &&
          !(goal_ < last_nonrec - 1e-9)) {
        week.recovery = true;
        kind = WeekKind::recovery;
      }
      // Week 1 held well under the current load by the days just before the
      // plan (a big weekend leaves little room in the first 7 days) is a
      // lighter week too: the progression goes on from the current load, not
      // from that week, which would keep the whole plan near half of it.
      if (kind == WeekKind::build && w == 1 &&
          week.targets.run_distance_m < kHeldFirstWeek * last_nonrec &&
          !(goal_ < kHeldFirstWeek * last_nonrec)) {
        week.recovery = true;
        kind = WeekKind::recovery;
        notes_.push_back(fmt::format(
            "Week 1 is a lighter week: your running of the days just before it counts in its "
            "first 7 days. From week 2 the plan goes on from your current {} a week.",
            dist(last_nonrec)));
      }
      // A ramp week allowed the whole pre-break week (or the goal) ends the
      // ramp: the runs, floored to 100 m, may leave the 7 days a few hundred
      // metres short of closing the engine's window, which would otherwise
      // keep every later week a ramp week with no recovery week until its
      // 8th week.
      if (kind == WeekKind::comeback && !walking_week(w) && !walk_run_week(w) && ramp &&
          *ramp >= std::min(goal_, cb_->pre_break_week_m) - 1e-6)
        ramp_done_ = true;
      const double actual = week.targets.run_distance_m;
      if ((kind == WeekKind::build || kind == WeekKind::comeback) && actual > 0) {
        last_nonrec = actual;
        last_long = std::max(last_long, week.targets.long_run_m);
        prev_build_long = week.targets.long_run_m;
      }
      reached_ =
          std::max(reached_, kind == WeekKind::build || kind == WeekKind::comeback ? actual : 0.0);
      // (A scheduled recovery week: one the engine held lighter is no step down.)
      after_recovery = kind == WeekKind::recovery && w % kRecoveryEvery == 0;
      plan.weeks.push_back(std::move(week));
    }
    label_lighter_weeks(plan);
    closing_notes();
    for (const std::string& n : notes_) plan.notes += (plan.notes.empty() ? "" : " ") + n;
    return plan;
  }

 private:
  /// A normal week the engine held below the last one (its distance, or its
  /// long run by plan-structure's own measure) is a lighter week: it is
  /// labelled a recovery week, so the plan says what it holds.
  void label_lighter_weeks(Plan& plan) const {
    for (int round = 0; round < 40; ++round) {
      bool changed = false;
      double prev_total = -1;
      for (PlanWeek& w : plan.weeks) {
        if (w.recovery || w.taper || w.comeback) continue;
        if (prev_total >= 0 && !(goal_ < prev_total - 1e-9) &&
            w.targets.run_distance_m < prev_total - 100.0 * kMaxRunsPerWeek) {
          w.recovery = changed = true;
          break;
        }
        prev_total = w.targets.run_distance_m;
      }
      if (!changed)
        for (const DayCheck& d : structure_check(plan, s_))
          for (const engine::Warning& x : d.warnings)
            if (x.figure("previous_long_run_m"))
              for (PlanWeek& w : plan.weeks)
                if (!w.comeback && d.date >= week_first_day(plan, w.week) &&
                    d.date <= week_last_day(plan, w.week))
                  w.recovery = changed = true;
      if (!changed) break;
    }
    // At most one quality run in a recovery week: the later ones run easy.
    for (PlanWeek& w : plan.weeks) {
      if (!w.recovery) continue;
      int quality = 0;
      for (PlanDay& pd : w.days)
        for (Session& x : pd.sessions)
          if (auto* r = std::get_if<Run>(&x); r && is_quality(r->kind) && ++quality > 1) {
            r->kind = RunKind::easy;
            set_intensity(*r);
            r->purpose = purpose(RunKind::easy, false, false);
          }
    }
  }

  // ---- measuring ----

  engine::DailySeries series(Day from, Day to) const {
    return engine::build_series(sim_, from, to, s_);
  }

  void measure() {
    m_.first_day = sim_.first_day();
    const engine::DailySeries h = series(known_ - date::days{27}, known_);
    const double sum28 =
        h.sum(known_ - date::days{27}, known_, [](const engine::DayTotals& t) { return t.run_m; });
    m_.longest_30d_m = series(known_ - date::days{29}, known_)
                           .max(known_ - date::days{29}, known_,
                                [](const engine::DayTotals& t) { return t.longest_run_m; });
    std::optional<Day> first_run;
    int strength_blocks = 0;
    std::map<int, bool> blocks;
    for (const engine::Activity& a : sim_.activities) {
      if (a.local_date > known_) continue;
      if (engine::is_run(a.sport) && a.distance_m > 0) {
        if (!m_.last_run || a.local_date > *m_.last_run) m_.last_run = a.local_date;
        if (!first_run || a.local_date < *first_run) first_run = a.local_date;
      }
      if (a.sport == engine::Sport::strength)
        blocks[(day_number(known_) - day_number(a.local_date)) / 7] = true;
    }
    strength_blocks = static_cast<int>(blocks.size());
    m_.strength_weeks = strength_blocks;
    if (!m_.last_run) {
      m_.chronic_week_m = base_.week_m;
      m_.longest_30d_m = base_.longest_run_m;
      notes_.push_back(fmt::format(
          "No runs in the history: the plan starts from the {} baseline ({} a week, longest run "
          "{}).",
          engine::to_string(s_.experience), dist(base_.week_m), dist(base_.longest_run_m)));
      return;
    }
    m_.history_days = day_number(known_) - day_number(*first_run) + 1;
    const int weeks_covered = std::clamp((m_.history_days + 6) / 7, 1, 4);
    m_.chronic_week_m = sum28 / weeks_covered;
  }

  // ---- pain and comeback (LOAD-SCIENCE.md "Pain and comeback") ----

  /// The episodes open on the first day: plan days assume no new notes, so a
  /// red flag or a latest 4-5 holds through the plan and a mild episode
  /// closes on its 14th day.
  void assess_pain() {
    pain_open_ = engine::open_pain_episodes(sim_.pain_notes, start_, s_);
    for (const engine::PainEpisode& e : pain_open_) {
      const engine::PainBand band = e.band(s_);
      const std::string site(engine::to_string(e.site));
      const std::string level = fmt::format("{}/10 on {}", e.cause.level, format_day(e.cause.date));
      if (band == engine::PainBand::mild) continue;  // see mild_pain_notes()
      stop_runs_ = true;
      if (e.red_flag && e.bone()) bone_red_ = true;
      std::string reasons;
      for (const std::string& r : e.reasons) reasons += (reasons.empty() ? "" : ", ") + r;
      if (e.medical)
        notes_.push_back(
            fmt::format("{} pain ({}) came with {}: see a doctor before any training, this plan's "
                        "cross-training and strength work included. The plan holds no runs.",
                        site, level, reasons));
      else if (band == engine::PainBand::red_flag)
        notes_.push_back(fmt::format(
            "{} pain ({}) is a red flag ({}): stop running and get it assessed. The plan holds no "
            "runs: cross-training without impact of about the runs' time, and strength work that "
            "stays at {}/10 pain or less.",
            site, level, reasons, mild_max()));
      else
        notes_.push_back(fmt::format(
            "{} pain is at {}: no runs until it is {} or less. The plan holds cross-training "
            "without impact of about the runs' time, and strength work that stays at {}/10 pain "
            "or less; get it assessed if it has not settled within a week.",
            site, level, mild_max(), mild_max()));
      if (band == engine::PainBand::red_flag)
        notes_.push_back(fmt::format(
            "Log the {} again every few days (stride log pain --site {} --level N); once it is "
            "resolved (stride pain resolve {}), generate a new plan: it starts the comeback ramp.",
            site, site, site));
      else
        notes_.push_back(fmt::format(
            "Log the {} again every few days (stride log pain --site {} --level N); once it is {} "
            "or less, generate a new plan (after 7 days or more without running it starts the "
            "comeback ramp).",
            site, site, mild_max()));
    }
    if (stop_runs_ && race_day_)
      throw std::invalid_argument(fmt::format(
          "open {} pain stops running, so no race can be planned now: `plan generate` without "
          "--race gives cross-training weeks; once it is resolved, plan the race",
          engine::to_string(pain_open_.front().site)));
  }

  /// What a mild episode open on the first day leaves of the plan's runs: easy,
  /// at the week the plan starts from or, in a comeback, within its ramp.
  void mild_pain_notes() {
    for (const engine::PainEpisode& e : pain_open_) {
      if (e.band(s_) != engine::PainBand::mild) continue;
      const auto closes = e.closes_on(s_);
      notes_.push_back(fmt::format(
          "{} pain ({}/10 on {}) is open: runs stay easy {}, each only if {}; log it after each "
          "run{}.",
          engine::to_string(e.site), e.cause.level, format_day(e.cause.date),
          cb_ ? std::string("within the comeback ramp")
              : fmt::format("at your current {} a week", dist(floor_100m(start_week_m_))),
          e.bone() ? "it is pain-free during the run and the next day"
                   : fmt::format("the pain stays at {} or less and is gone the next morning",
                                 mild_max()),
          closes ? fmt::format(" (with no new note it closes on {})", format_day(*closes))
                 : ", and log a 0 when it has gone"));
    }
  }

  /// The highest level a mild episode allows (the profile's moderate band - 1).
  int mild_max() const { return s_.pain_moderate_level - 1; }
  /// Strength work while an episode is open: at a pain-free dose.
  std::string pain_effort() const {
    return fmt::format("2-3 reps in reserve, pain {}/10 or less", mild_max());
  }

  /// An episode open on the first day is still open on `day` (plan days
  /// assume no new notes: only a mild one closes, on its 14th day).
  bool still_open(const engine::PainEpisode& e, Day day) const {
    const auto closes = e.closes_on(s_);
    return !closes || day < *closes;
  }
  bool mild_pain_on(Day day) const {
    for (const engine::PainEpisode& e : pain_open_)
      if (e.band(s_) == engine::PainBand::mild && still_open(e, day)) return true;
    return false;
  }
  bool bone_pain_on(Day day) const {
    for (const engine::PainEpisode& e : pain_open_)
      if (e.bone() && still_open(e, day)) return true;
    return false;
  }

  /// The first day of the week starting `first` that the layout runs on.
  Day first_run_day(Day first) const {
    for (int i = 0; i < 7; ++i)
      if (layout_.run[i]) return first + date::days{i};
    return first;
  }

  /// A plan whose first run comes 7 days or more after the last one, or after
  /// a resolved red flag, is a comeback plan: the engine's window decides its
  /// ramp (LOAD-SCIENCE.md "Breaks before the start").
  void assess_comeback() {
    if (stop_runs_) return;
    Day d = first_run_day(start_);
    cb_ = engine::comeback_window_on(sim_, d, s_, 1000.0);
    if (!cb_) return;
    // A window under way: the best 7 days the runner has done in it so far.
    for (Day d = cb_->start; d < start_; d += kDay)
      under_way_week_m_ = std::max(under_way_week_m_, engine::window_week_m(*cb_, sim_, d));
    if (cb_->walking_phase() && cb_->start >= start_) {
      // Week 1 walks; the window opens with week 2's first walk-run.
      walking_ = true;
      d = start_ + date::days{7 + 1};
      cb_ = engine::comeback_window_on(sim_, d, s_, 1000.0);
      if (!cb_) return;
    }
    const std::string why =
        cb_->after_red_flag
            ? fmt::format("after the {} red flag", engine::to_string(*cb_->red_flag_site))
            : fmt::format("after {} days without running", cb_->break_days);
    notes_.push_back(fmt::format(
        "Comeback {}: the weeks rebuild from {} (week 1 of the ramp) by 20 % a week towards your "
        "pre-break week of {}, with no long or quality run in the first 2 weeks.",
        why, dist(floor_100m(cb_->week_allowance_m(1))), dist(floor_100m(cb_->pre_break_week_m))));
    // A break made partly of the days between today and the plan's start has
    // not happened yet: say so, and how to plan from the current load instead.
    if (!cb_->after_red_flag && cb_->last_run_before && known_ < start_ &&
        day_number(known_) - day_number(*cb_->last_run_before) < s_.comeback_break_days)
      notes_.push_back(fmt::format(
          "Your last logged run is on {}; the days until the plan's first run ({}) count as days "
          "without running. If you run before then, log those runs and generate the plan again: "
          "it then goes on from your current load.",
          date::format("%a %F", *cb_->last_run_before), date::format("%a %F", cb_->start)));
    if (walking_)
      notes_.push_back(
          "Bone stress needs pain-free loading: week 1 is 30 min of brisk walking on 3 days, "
          "week 2 walk-run on alternate days (1 min running, 1 min walking), each only if it "
          "stays pain-free during and the next day; then the running ramp.");
  }
  bool walking_week(int w) const { return walking_ && w == 1; }
  bool walk_run_week(int w) const { return walking_ && w == 2; }
  /// The comeback's first 2 weeks: no long run, no quality, no strides.
  bool early_comeback(Day day) const {
    if (!cb_ || stop_runs_) return false;
    if (walking_ && day < cb_->start) return true;
    return day <= cb_->end && cb_->week_of(day) <= 2;
  }

  /// Run days, long-run day, cross sport and surfaces from the last 12 weeks
  /// (90 days for surfaces) where the profile does not fix them.
  void habits() {
    std::array<int, 7> run_count{}, long_count{};
    std::map<engine::Sport, int> cross_count;
    std::map<Surface, double> surface_m;
    std::map<int, std::pair<double, int>> longest_of_week;  // block -> (m, weekday index)
    std::map<int, std::array<bool, 7>> days_of_week;
    for (const engine::Activity& a : sim_.activities) {
      const int ago = day_number(known_) - day_number(a.local_date);
      if (ago < 0) continue;
      const unsigned wd = date::weekday{a.local_date}.c_encoding();
      if (engine::is_run(a.sport) && a.distance_m > 0) {
        if (ago < kSurfaceDays) {
          double shared = 0;
          for (const engine::SurfaceShare& s : a.surface_m) {
            if (s.surface == Surface::unknown) continue;
            surface_m[s.surface] += s.distance_m;
            shared += s.distance_m;
          }
          if (a.distance_m > shared)
            surface_m[a.sport == engine::Sport::trail_run       ? Surface::trail
                      : a.sport == engine::Sport::treadmill_run ? Surface::treadmill
                                                                : o_.default_surface] +=
                a.distance_m - shared;
        }
        if (ago >= kHabitDays) continue;
        auto& week_days = days_of_week[ago / 7];
        if (!week_days[wd]) ++run_count[wd];
        week_days[wd] = true;
        auto& lw = longest_of_week[ago / 7];
        if (a.distance_m > lw.first) lw = {a.distance_m, static_cast<int>(wd)};
      } else if (ago < kHabitDays) {
        ++cross_count[a.sport];
      }
    }
    for (const auto& [block, lw] : longest_of_week)
      ++long_count[static_cast<std::size_t>(lw.second)];
    // Run days: as many as the runner runs in a typical week (the rest rule trims them later).
    if (o_.run_days.empty() && !days_of_week.empty()) {
      int total = 0;
      for (const auto& [b, d] : days_of_week) total += count(d);
      const int n =
          std::clamp(static_cast<int>(std::lround(static_cast<double>(total) /
                                                  static_cast<double>(days_of_week.size()))),
                     1, 7);
      std::array<int, 7> order{0, 1, 2, 3, 4, 5, 6};
      std::stable_sort(order.begin(), order.end(),
                       [&](int a, int b) { return run_count[a] > run_count[b]; });
      for (int i = 0; i < n; ++i)
        run_days_.push_back(date::weekday{static_cast<unsigned>(order[i])});
      habit_days_ = true;
    } else {
      run_days_ = o_.run_days.empty() ? default_run_days(s_.experience) : o_.run_days;
    }
    if (o_.long_run_day) {
      long_day_ = *o_.long_run_day;
    } else if (!longest_of_week.empty()) {
      const auto best = std::max_element(long_count.begin(), long_count.end()) - long_count.begin();
      long_day_ = date::weekday{static_cast<unsigned>(best)};
    } else {
      long_day_ = date::Sunday;
    }
    // Cross-training: the runner's own sport first, where it is one the profile lists.
    cross_ = o_.cross_activities.empty() ? std::vector<CrossActivity>{CrossActivity::cycling}
                                         : o_.cross_activities;
    int best_n = 0;
    std::optional<CrossActivity> own;
    for (const auto& [sport, n] : cross_count) {
      std::optional<CrossActivity> c;
      if (sport == engine::Sport::ride) c = CrossActivity::cycling;
      if (sport == engine::Sport::swim) c = CrossActivity::swimming;
      if (sport == engine::Sport::row) c = CrossActivity::rowing;
      if (sport == engine::Sport::elliptical) c = CrossActivity::elliptical;
      if (c && n > best_n && std::find(cross_.begin(), cross_.end(), *c) != cross_.end())
        own = c, best_n = n;
    }
    if (own) {
      std::erase(cross_, *own);
      cross_.insert(cross_.begin(), *own);
    }
    // Surfaces: the runner's own mix, within what is available.
    auto available = [&](Surface s) {
      return o_.surfaces_available.empty() ||
             std::find(o_.surfaces_available.begin(), o_.surfaces_available.end(), s) !=
                 o_.surfaces_available.end();
    };
    double total = 0;
    for (const auto& [s, m] : surface_m)
      if (available(s)) total += m;
    for (const auto& [s, m] : surface_m)
      if (available(s) && m > 0) mix_.push_back({s, m / total});
    if (mix_.empty()) {
      Surface s = o_.default_surface;
      if (!available(s) || s == Surface::unknown)
        s = o_.surfaces_available.empty() ? Surface::road : o_.surfaces_available.front();
      mix_.push_back({s, 1.0});
    }
    std::sort(mix_.begin(), mix_.end(),
              [](const auto& a, const auto& b) { return a.second > b.second; });
    if (race_day_ && !available(o_.race_surface))
      notes_.push_back(fmt::format(
          "The race is on {}, which your surfaces_available does not list: the plan keeps your "
          "surfaces; run some of the last weeks on {} if you can.",
          engine::to_string(o_.race_surface), engine::to_string(o_.race_surface)));
    race_surface_ok_ = race_day_ && available(o_.race_surface);
  }

  int index_of(date::weekday wd) const {
    for (int i = 0; i < 7; ++i)
      if (date::weekday{start_ + date::days{i}} == wd) return i;
    return 6;
  }

  bool beginner_like() const {
    return s_.experience == engine::Experience::beginner || m_.history_days < kQualityHistoryDays;
  }

  int run_limit() const {
    int limit = s_.consecutive_run_days_limit();
    if (o_.max_run_days_in_row) limit = std::min(limit, *o_.max_run_days_in_row);
    return std::max(1, limit);
  }

  Layout make_layout() {
    Layout l;
    for (date::weekday wd : run_days_) l.run[index_of(wd)] = true;
    l.long_day = index_of(long_day_);
    l.run[l.long_day] = true;
    const int rest = std::clamp(s_.full_rest_days_required(), 1, 6);
    const int limit = run_limit();
    const int before = count(l.run);
    while (7 - count(l.run) < rest || max_streak(l.run) > limit) {
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
    }
    if (count(l.run) < before)
      notes_.push_back(fmt::format(
          "{} run days a week leave fewer than {} full rest day{} or more than {} run days in a "
          "row: the plan runs on {} days.",
          before, rest, rest == 1 ? "" : "s", limit, count(l.run)));
    // Two run days cannot build: the long run must be 1.2 x the other run and
    // at most 1.2 / 2.2 of the week, which holds it to 600 m steps. Where one
    // step is more than a run may grow (the single-run spike's ratio, 1.10:
    // below 6 km, and more than its quiet band), a 4.8 km long run stays
    // 4.8 km for good. A plan that is to build adds a third day, the one
    // furthest from the other two, where the rest rule allows it.
    const double stuck_below = kTwoDayLongStepM / (s_.single_run_caution_ratio - 1);
    const bool stuck =
        kTwoDayLongStepM >= s_.single_run_quiet_under_m && m_.longest_30d_m < stuck_below;
    const bool builds =
        (o_.race_m || (o_.goal_weekly_m && *o_.goal_weekly_m > m_.chronic_week_m + 1000)) && stuck;
    const std::string why_stuck = fmt::format(
        "the long run can only grow in steps of {} (it must be 1.2 x the other run), more than a "
        "run may grow below {}",
        dist(kTwoDayLongStepM), dist(stuck_below));
    if (!habit_days_ && builds && count(l.run) == 2)
      notes_.push_back(fmt::format(
          "On the 2 run days of your profile {}: add a run day (run_days) for the plan to build.",
          why_stuck));
    if (habit_days_ && builds && count(l.run) == 2 && 7 - 3 >= rest) {
      int best = -1, best_gap = 0;
      for (int i = 0; i < 7; ++i) {
        if (l.run[i]) continue;
        int gap = 7;
        for (int j = 0; j < 7; ++j)
          if (l.run[j]) gap = std::min(gap, cyclic_distance(i, j));
        l.run[i] = true;
        const bool ok = max_streak(l.run) <= limit;
        l.run[i] = false;
        if (ok && gap > best_gap) best = i, best_gap = gap;
      }
      if (best >= 0) {
        l.run[best] = true;
        notes_.push_back(fmt::format(
            "You run on 2 days a week; on 2 days {}. The plan adds a third run day, {} (run_days "
            "in the profile chooses them).",
            why_stuck, date::format("%A", date::weekday{start_ + date::days{best}})));
      }
    }
    // Quality runs: never beside the long run or each other; strides instead
    // for beginners and short histories.
    const int runs = count(l.run);
    const int quality_wanted = beginner_like()                                              ? 0
                               : s_.experience == engine::Experience::advanced && runs >= 5 ? 2
                               : runs >= 3                                                  ? 1
                                                                                            : 0;
    for (int q = 0; q < quality_wanted; ++q) {
      int best = -1, best_d = -1;
      for (int i = 0; i < 7; ++i) {
        if (!l.run[i] || i == l.long_day || l.quality[i] || cyclic_distance(i, l.long_day) < 2)
          continue;
        bool near = false;
        for (int j = 0; j < 7; ++j) near = near || (l.quality[j] && cyclic_distance(i, j) < 2);
        if (near) continue;
        const int d = cyclic_distance(i, l.long_day);
        if (d > best_d) best = i, best_d = d;
      }
      if (best >= 0) l.quality[best] = true;
    }
    const int after_long = (l.long_day + 1) % 7;
    if (l.run[after_long] && !l.quality[after_long] && runs >= 5) l.recovery_run[after_long] = true;

    // Strength, free days and cross-training together: strength never on
    // consecutive days (the week repeats), not the day before the long run or
    // a quality run, not on them; at least `rest` days with nothing at all.
    const int wanted = std::clamp(o_.strength_per_week, 0, 3);
    const int cross_wanted = std::clamp(o_.cross_days_per_week, 1, 2);
    for (int k = wanted; k >= 0; --k) {
      int best_mask = -1, best_score = -1;
      for (int mask = 0; mask < 128; ++mask) {
        if (__builtin_popcount(static_cast<unsigned>(mask)) != k) continue;
        bool ok = true;
        int on_rest_days = 0;
        for (int i = 0; i < 7 && ok; ++i) {
          if (!(mask & (1 << i))) continue;
          const int next = (i + 1) % 7;
          if (i == l.long_day || l.quality[i] || next == l.long_day || l.quality[next]) ok = false;
          for (int j = 0; j < 7; ++j)
            if (j != i && (mask & (1 << j)) && cyclic_distance(i, j) < 2) ok = false;
          if (!l.run[i]) ++on_rest_days;
        }
        if (!ok) continue;
        const int empty = 7 - runs - on_rest_days;  // non-run days left for rest and cross
        if (empty < rest) continue;
        const int cross_room = std::min(empty - rest, cross_wanted);
        const int score = cross_room * 100 + on_rest_days * 10;
        if (score > best_score) best_score = score, best_mask = mask;
      }
      if (best_mask >= 0) {
        for (int i = 0; i < 7; ++i) l.strength[i] = best_mask & (1 << i);
        if (k < wanted)
          notes_.push_back(fmt::format(
              "{} strength session{} a week fit around the long and quality runs and the rest "
              "days, not {}.",
              k, k == 1 ? "" : "s", wanted));
        break;
      }
    }
    // Free days: the non-run days without strength, the day after the long
    // run first; cross-training on the others.
    std::vector<int> empty;
    for (int i = 0; i < 7; ++i)
      if (!l.run[i] && !l.strength[i]) empty.push_back(i);
    std::stable_sort(empty.begin(), empty.end(), [&](int a, int b) {
      auto pref = [&](int i) { return i == after_long ? 0 : (i + 1) % 7 == l.long_day ? 1 : 2; };
      return pref(a) < pref(b);
    });
    for (std::size_t j = 0; j < empty.size() && static_cast<int>(j) < rest; ++j)
      l.free[empty[j]] = true;
    l.cross.fill(-1);
    int c = 0;
    for (int i = 0; i < 7 && c < cross_wanted; ++i)
      if (!l.run[i] && !l.strength[i] && !l.free[i]) l.cross[i] = c++;
    // Where no empty day is left, cross-training shares a strength day.
    for (int i = 0; i < 7 && c < cross_wanted; ++i)
      if (!l.run[i] && l.strength[i]) l.cross[i] = c++;
    return l;
  }

  // ---- goals ----

  void goal() {
    cap_ = weekly_cap_m(o_);
    inc_ = o_.weekly_increase;
    const double now = floor_100m(m_.chronic_week_m);
    if (race_day_) {
      goal_ = cap_;  // what the progression reaches by the taper
      return;
    }
    if (o_.goal_weekly_m) {
      goal_ = *o_.goal_weekly_m;
      if (goal_ > cap_ + 1e-9) {
        notes_.push_back(fmt::format(
            "Your goal of {} a week is above the cap of {} (max_weekly_distance): the plan builds "
            "to {}.",
            dist(goal_), dist(cap_), dist(cap_)));
        goal_ = cap_;
      }
      if (goal_ < now - 1e-9)
        notes_.push_back(fmt::format(
            "Your goal of {} a week is below your current {}: the plan eases down, at most 10 % a "
            "week.",
            dist(goal_), dist(now)));
      return;
    }
    maintain_ = true;
    goal_ = now;
    // After a comeback: the pre-break week.
    if (cb_) goal_ = std::max(goal_, floor_100m(cb_->pre_break_week_m));
    if (goal_ > cap_ + 1e-9) {
      notes_.push_back(fmt::format(
          "Your current {} a week is above the cap of {} (max_weekly_distance): the plan eases "
          "down to it, at most 10 % a week.",
          dist(goal_), dist(cap_)));
      goal_ = cap_;
    }
    if (!stop_runs_)
      notes_.push_back(fmt::format("Goal: {} about {} a week, with a recovery week every 4th{}.",
                                   cb_ ? "return to" : "maintain", dist(goal_),
                                   cb_ ? " after the comeback" : ""));
  }

  double next_target(double last_nonrec) const {
    if (goal_ < last_nonrec - 1e-9) return std::max(goal_, (1 - kEaseDown) * last_nonrec);
    return std::min(goal_, last_nonrec * (1 + inc_));
  }

  void closing_notes() {
    if (o_.goal_weekly_m && !maintain_ && reached_ < goal_ - 500 && goal_ >= m_.chronic_week_m) {
      double x = std::max(floor_100m(m_.chronic_week_m), 1000.0);
      int n = 0;
      while (x < goal_ - 1e-9 && n < 520) {
        ++n;
        if (n % kRecoveryEvery != 0) x = std::min(goal_, x * (1 + inc_));
      }
      notes_.push_back(fmt::format("{}/week needs {} weeks from your {}; this plan reaches {}.",
                                   dist(goal_), n, dist(floor_100m(m_.chronic_week_m)),
                                   dist(reached_)));
    }
    if (race_day_) {
      // (With no normal week, every week held lighter, there is no peak to name.)
      notes_.push_back(fmt::format(
          "Race on {} ({}): the plan {}tapers over the last {} weeks and ends with the race.",
          format_day(*race_day_), dist(*o_.race_m),
          reached_ > 0 ? fmt::format("builds to {} a week, ", dist(reached_)) : std::string(),
          taper_fractions(*o_.race_m).size()));
      const double want = *o_.race_m / s_.race_readiness_caution_ratio;
      if (longest_before_race_ + 1 < want)
        notes_.push_back(fmt::format(
            "The longest run before the race is {}, short of the {} (race / 1.5) that prepares it "
            "fully: plan check gives race-readiness a caution. A later race date leaves time to "
            "build it.",
            dist(longest_before_race_), dist(want)));
    }
  }

  // ---- one week ----

  std::string dist(double m) const { return engine::format_distance(m, s_.units); }

  double longest_before(Day d, int days) const {
    const engine::DailySeries h = series(d - date::days{days}, d - kDay);
    double longest = h.max(d - date::days{days}, d - kDay,
                           [](const engine::DayTotals& t) { return t.longest_run_m; });
    // While the history is short the engine lends the experience level's
    // baseline (LOAD-SCIENCE.md "No baseline, no spike"); so does the planner.
    if (!m_.first_day || day_number(d) - day_number(*m_.first_day) < 28)
      longest = std::max(longest, base_.longest_run_m);
    return longest;
  }

  Surface pick_surface(std::map<Surface, double>& used, double m, bool race_block,
                       bool want_race_surface) const {
    if (race_block && want_race_surface && race_surface_ok_) return o_.race_surface;
    double total = m;
    for (const auto& [s, x] : used) total += x;
    Surface best = mix_.front().first;
    double best_gap = -1e18;
    for (const auto& [s, share] : mix_) {
      const double gap = share * total - used[s];
      if (gap > best_gap + 1e-9) best_gap = gap, best = s;
    }
    return best;
  }

  Surface softest() const {
    for (const auto& [s, share] : mix_)
      if (soft(s)) return s;
    if (o_.surfaces_available.empty()) return Surface::trail;
    for (Surface s : o_.surfaces_available)
      if (soft(s)) return s;
    return mix_.front().first;
  }

  /// Asks the engine about a run of `want` metres on `day`: the distance
  /// that passes (0: none), the surface it passes on; `pain` when an open
  /// pain episode stops the run.
  struct Placed {
    double m = 0;
    Surface surface = Surface::road;
    bool pain = false;
    /// A weekly rule (distance, duration, monotony) shortened it: the runs
    /// around it in the week bear on that; on a single-run spike they do not.
    bool weekly = false;
  };
  Placed place(Day day, double want, Surface surface, RunKind kind = RunKind::easy) const {
    engine::PlannedRun p;
    p.distance_m = want;
    p.surface = surface;
    p.kind = engine_run_kind(kind);
    // Judged as plan check judges a plan's day.
    engine::EvaluateOptions options;
    options.plan_day = true;
    options.planned_hard = is_quality(kind) || kind == RunKind::race;
    options.pain_week_limit_m = start_week_m_;
    const engine::Evaluation e = engine::evaluate(sim_, day, s_, p, options);
    if (clear(e.warnings)) return {want, surface, false};
    for (const engine::Warning& w : e.warnings)
      if (w.rule == engine::RuleId::pain && w.severity != engine::Severity::info)
        return {0, surface, true};
    bool only_surface = true;
    for (const engine::Warning& w : e.warnings)
      if (w.severity != engine::Severity::info && w.rule != engine::RuleId::hard_surface)
        only_surface = false;
    if (only_surface && !soft(surface)) return place(day, want, softest(), kind);
    bool weekly = false;
    for (const engine::Warning& w : e.warnings)
      weekly |=
          w.severity != engine::Severity::info &&
          (w.rule == engine::RuleId::weekly_distance_spike ||
           w.rule == engine::RuleId::weekly_duration_spike || w.rule == engine::RuleId::monotony);
    const auto passing = engine::longest_passing_run(sim_, day, s_, p, options);
    return {passing ? floor_100m(passing->distance_m) : 0, surface, false, weekly};
  }

  static bool clear(const std::vector<engine::Warning>& ws) {
    for (const engine::Warning& w : ws)
      if (w.severity != engine::Severity::info) return false;
    return true;
  }

  void add_activity(Day day, double m, Surface surface, RunKind kind = RunKind::easy) {
    engine::PlannedRun p;
    p.distance_m = m;
    p.surface = surface;
    p.kind = engine_run_kind(kind);
    const engine::ResolvedRun r = engine::resolve(sim_, day, p, s_);
    sim_.activities.push_back(run_activity(day, r));
  }

  void add_other(Day day, const Session& session) {
    if (auto a = other_activity(day, session)) sim_.activities.push_back(std::move(*a));
  }

  std::string purpose(RunKind kind, bool strides, bool taper) const {
    switch (kind) {
      case RunKind::easy:
        return strides ? "easy, then 4-6 x 20 s strides: relaxed-fast, walk back between"
                       : "aerobic base at an easy, conversational pace";
      case RunKind::long_run:
        return "endurance; no faster than easy pace";
      case RunKind::tempo:
      case RunKind::intervals: {
        const QualitySession q = quality_session(kind, taper);
        return fmt::format("{}{}; after {} min easy, {} x {} min {} with {} min {} between{}",
                           taper ? "short " : "", to_string(kind), kWarmUpMinutes, q.reps,
                           q.rep_minutes, q.effort, q.between_minutes, q.between, easy_parts());
      }
      case RunKind::recovery:
        return "recovery; very easy and short, the day after the long run";
      case RunKind::race:
        return "the race: start a little slower than you feel, then run even";
    }
    return {};
  }

  /// The shortest a quality run can be and still hold its session (its
  /// purpose's warm-up, hard parts and recoveries) at the fast ends of the
  /// runner's bands: the warm-up and recoveries at easy pace, the hard parts
  /// at their own, which cover more ground. A shorter one is an easy run, not
  /// a 4 km "tempo" that cannot be done, nor one that ends inside its last
  /// rep. Without paces (by feel) every minute counts at the easy pace.
  double quality_min_m(RunKind kind, bool taper) const {
    const QualitySession q = quality_session(kind, taper);
    const double hard_min = q.reps * q.rep_minutes;
    const double easy_min = q.minutes() - hard_min;
    const double easy_s =
        paces_ ? paces_->band(engine::PaceKind::easy).fast_s_per_km : base_.pace_s_per_km;
    const double hard_s = paces_ ? paces_
                                       ->band(kind == RunKind::tempo ? engine::PaceKind::tempo
                                                                     : engine::PaceKind::intervals)
                                       .fast_s_per_km
                                 : easy_s;
    return std::ceil((easy_min * 60 / easy_s + hard_min * 60 / hard_s) * 10) * 100;
  }

  /// A quality run's `pace` is the band of its hard parts; most of its
  /// distance is the warm-up, the jogs and the way home, which a runner who
  /// read the one band would run far too fast.
  std::string easy_parts() const {
    if (!paces_) return {};
    return "; the pace is for the hard parts, the rest easy (" +
           engine::format_pace_band(paces_->band(engine::PaceKind::easy), s_.units) + ")";
  }

  /// A run's pace range from the runner's training paces (LOAD-SCIENCE.md
  /// "Training paces"), in the plan's units; without a usable run the by-feel
  /// words instead.
  void set_intensity(Run& r) const {
    r.pace.clear();
    r.effort.clear();
    if (paces_) {
      if (r.kind == RunKind::race && r.distance_m) {
        r.pace = engine::format_pace(paces_->race_pace_s_per_km(*r.distance_m), s_.units);
        return;
      }
      if (auto k = engine::pace_kind(*engine_run_kind(r.kind))) {
        r.pace = engine::format_pace_band(paces_->band(*k), s_.units);
        return;
      }
    }
    r.effort = effort(r.kind);
  }

  static std::string effort(RunKind kind) {
    switch (kind) {
      case RunKind::tempo:
        return "by feel: comfortably hard";
      case RunKind::intervals:
      case RunKind::race:
        return "by feel: hard but even";
      default:
        return "by feel: conversational";
    }
  }

  Strength strength(int which, int week, WeekKind kind, Day day) const {
    Strength s;
    s.focus = which % 2 ? std::vector<std::string>{"hamstrings", "glutes", "hips", "quads"}
                        : std::vector<std::string>{"quads", "glutes", "hips", "calves"};
    // An open pain episode keeps the area's exercises at a pain-free dose
    // (LOAD-SCIENCE.md "Pain episodes", "Strength"): calf work for the shin
    // and calf, balance for the ankle and foot, no loaded deadlifts for the
    // back, and under a bone red flag only non-impact work.
    std::vector<engine::PainSite> sites;
    for (const engine::PainEpisode& e : pain_open_)
      if (still_open(e, day)) sites.push_back(e.site);
    auto has_site = [&](std::initializer_list<engine::PainSite> any) {
      for (engine::PainSite x : sites)
        if (std::find(any.begin(), any.end(), x) != any.end()) return true;
      return false;
    };
    using PS = engine::PainSite;
    std::vector<const char*> families = session_families(which);
    if (has_site({PS::shin_inner, PS::shin_outer, PS::calf}) &&
        std::find(families.begin(), families.end(), std::string_view("calf raise")) ==
            families.end())
      families.insert(families.end() - 1, "calf raise");
    if (has_site({PS::back}) && o_.strength_equipment != Equipment::none)
      std::erase_if(families, [](const char* f) { return std::string_view(f) == "deadlift"; });
    // 4-week blocks following the plan's weeks: weeks 1-2 learn the movement,
    // week 3 adds a set, the 4th (recovery) goes back to 2 sets; the next
    // blocks add load with fewer reps (Blagrove 2018 for heavy work).
    const int block = (week - 1) / kRecoveryEvery;
    const int in_block = (week - 1) % kRecoveryEvery;
    const bool heavy_ok =
        m_.strength_weeks >= kHeavyStrengthWeeks && o_.strength_equipment != Equipment::none;
    for (const char* family : families) {
      const Variant& v = variant(family);
      bool skip = false;
      for (const std::string& x : o_.strength_skip) skip = skip || x == family;
      const char* name = o_.strength_equipment == Equipment::gym         ? v.gym
                         : o_.strength_equipment == Equipment::dumbbells ? v.dumbbells
                                                                         : v.none;
      for (const std::string& x : o_.strength_skip) skip = skip || x == name;
      if (skip) continue;
      const bool per_side = o_.strength_equipment == Equipment::gym         ? v.per_side_gym
                            : o_.strength_equipment == Equipment::dumbbells ? v.per_side_dumbbells
                                                                            : v.per_side_none;
      PlanExercise e;
      e.name = name;
      e.per_side = per_side;
      e.muscles = v.muscles;
      e.effort = "2-3 reps in reserve";
      e.sets = in_block == 2 ? 3 : 2;
      e.reps = 12;
      e.load = o_.strength_equipment == Equipment::none ? "bodyweight" : "light";
      const bool big =
          std::string_view(family) == "squat" || std::string_view(family) == "deadlift";
      if (block >= 1 && o_.strength_equipment != Equipment::none) {
        e.reps = 10;
        e.load = "moderate";
        if (big && heavy_ok) {
          e.reps = 6;
          e.load = "heavy";
          e.sets = in_block == 3 ? 2 : 3;
        }
      }
      if (kind == WeekKind::taper) e.sets = 1;
      // The lateral hip never below 2 x 12 per side outside the taper.
      if (std::string_view(family) == "hip abduction" && kind != WeekKind::taper) {
        e.sets = std::max(e.sets, 2);
        e.reps = std::max(e.reps, 12);
        e.load = o_.strength_equipment == Equipment::none ? "bodyweight" : "light";
      }
      if (!sites.empty()) e.effort = pain_effort();
      if (bone_red_ && std::string_view(family) == "calf raise") {
        // Non-impact under a bone red flag: both legs, not one.
        e.name = "calf raise, both legs";
        e.per_side = false;
      }
      s.exercises.push_back(std::move(e));
    }
    if (has_site({PS::ankle, PS::foot}) && !bone_red_) {
      PlanExercise b;
      b.name = "single-leg balance, 30 s hold";
      b.per_side = true;
      b.muscles = {"ankles", "feet"};
      b.effort = pain_effort();
      b.sets = 3;
      b.reps = 1;
      b.load = "bodyweight";
      s.exercises.push_back(std::move(b));
    }
    return s;
  }

  /// The layout's strength session of day index `i`, laid on the simulation too.
  void add_strength(PlanDay& pd, int i, int week, WeekKind kind) {
    Strength st = strength(i == first_strength() ? 0 : 1, week, kind, pd.date);
    add_other(pd.date, st);
    pd.sessions.emplace_back(std::move(st));
  }
  /// The layout's cross-training of day index `i`, laid on the simulation too.
  void add_layout_cross(PlanDay& pd, int i) {
    Cross c{cross_[static_cast<std::size_t>(layout_.cross[i]) % cross_.size()],
            cross_minutes() * 60, Intensity::easy};
    add_other(pd.date, c);
    pd.sessions.emplace_back(c);
  }

  /// A bone comeback's first weeks (LOAD-SCIENCE.md "Comeback"): brisk
  /// walking on 3 days, then walk-run on alternate days, within the ramp.
  void build_walk_week(PlanWeek& week, bool walk_run, double allowance) {
    const Day first = start_ + date::days{7 * (week.week - 1)};
    std::array<bool, 7> pick{};
    int n = 0;
    for (int pass = 0; pass < 2 && n < 3; ++pass)
      for (int i = 0; i < 7 && n < 3; ++i) {
        if (layout_.free[i] || pick[i] || (pass == 0 && !layout_.run[i])) continue;
        bool near = false;
        for (int j = 0; j < 7; ++j) near = near || (pick[j] && cyclic_distance(i, j) < 2);
        if (near) continue;
        pick[i] = true;
        ++n;
      }
    const double want = std::min(floor_100m(allowance / 3), kWalkRunMaxM);
    for (int i = 0; i < 7; ++i) {
      const Day day = first + date::days{i};
      PlanDay pd;
      pd.date = day;
      if (pick[i] && walk_run) {
        const Placed p = place(day, want, softest_available(), RunKind::recovery);
        if (p.m >= kWalkRunMinM) {
          Run r;
          r.kind = RunKind::recovery;
          r.distance_m = p.m;
          r.surface = p.surface;
          r.effort = effort(RunKind::recovery);
          r.purpose =
              "walk-run: 1 min running, 1 min walking, repeated; longer running spells once that "
              "is pain-free; stop at any pain, and only if the last one left no pain the next day";
          add_activity(day, p.m, p.surface, RunKind::recovery);
          pd.sessions.emplace_back(std::move(r));
        }
      } else if (pick[i]) {
        Cross c{CrossActivity::walking, 30 * 60.0, Intensity::moderate};
        add_other(day, c);
        pd.sessions.emplace_back(c);
      }
      if (layout_.strength[i]) add_strength(pd, i, week.week, WeekKind::comeback);
      if (layout_.cross[i] >= 0 && !pick[i]) add_layout_cross(pd, i);
      if (pd.sessions.empty()) pd.sessions.emplace_back(std::in_place_type<Rest>);
      week.days.push_back(std::move(pd));
    }
    retarget(week);
  }

  /// The runner's softest usual surface: a comeback's first runs go there.
  Surface softest_available() const {
    for (const auto& [s, share] : mix_)
      if (soft(s) && s != Surface::treadmill) return s;
    return mix_.front().first;
  }

  /// What a run on a pain-limited day says it needs.
  std::string pain_condition(Day day) const {
    if (bone_pain_on(day))
      return "; only if pain-free, and stop at any pain during it or the next day";
    if (mild_pain_on(day))
      return fmt::format("; only if the pain stays at {} or less and is gone next morning",
                         mild_max());
    return {};
  }

  /// What laying a week changes besides the week itself, to lay it again.
  struct Laid {
    std::size_t sim_size = 0;
    int race_runs = 0, used_race = 0;
    bool pain_seen = false;
    double longest_before_race = 0;
  };
  Laid laid() const {
    return {sim_.activities.size(), race_runs_, used_race_count_, pain_seen_, longest_before_race_};
  }
  void unlay(const Laid& l) {
    sim_.activities.resize(l.sim_size);
    race_runs_ = l.race_runs;
    used_race_count_ = l.used_race;
    pain_seen_ = l.pain_seen;
    longest_before_race_ = l.longest_before_race;
  }

  /// `even`: no long run (a comeback week whose long run would shrink it).
  void build_week(PlanWeek& week, double target, WeekKind kind, double last_long, bool even) {
    if (walking_week(week.week) || walk_run_week(week.week)) {
      build_walk_week(week, walk_run_week(week.week), target);
      return;
    }
    const Day first = start_ + date::days{7 * (week.week - 1)};
    const bool taper = kind == WeekKind::taper;
    const int min_run = static_cast<int>(min_run_m(s_.experience));
    // The days of this week that exist: a race plan ends on race day.
    int days_in_week = 7;
    if (race_day_) days_in_week = std::min(7, day_number(*race_day_) - day_number(first) + 1);

    std::array<bool, 7> run = layout_.run;
    for (int i = days_in_week; i < 7; ++i) run[i] = false;
    std::optional<int> race_index;
    if (race_day_ && days_in_week <= 7 && first + date::days{days_in_week - 1} == *race_day_) {
      race_index = days_in_week - 1;
      run[*race_index] = false;
      // The day before the race is a rest day: fresh legs, and no streak runs into race day.
      if (*race_index > 0) run[*race_index - 1] = false;
    }
    // The last long run is at least 21 days before a marathon, 14 before shorter races.
    const bool long_too_close = race_day_ && *race_day_ - (first + date::days{layout_.long_day}) <
                                                 date::days{*o_.race_m >= kMarathonM ? 21 : 14};
    // A taper week's long-run day before the taper (the race is not on the
    // plan week's last day) still holds the long run, if it is not too close.
    const Day long_date = first + date::days{layout_.long_day};
    const bool has_long = !(taper && taper_block(long_date)) && run[layout_.long_day] &&
                          !long_too_close && !even && !early_comeback(long_date);
    const int n_runs = count(run);
    // The long run: the week's share within the limit, growing towards
    // race / 1.5 in a race build, never shorter than the last normal week's.
    const bool marathon = race_day_ && *o_.race_m >= kMarathonM;
    auto long_for = [&](int n) {
      const double limit = long_run_share_limit(target, n, marathon);
      const double floor_share = kLongRunOverOthers / (n + 0.2) + kLongShareAboveFloor;
      double share = std::min(limit, std::max(floor_share, kLongShareAim));
      double m = share * target;
      if (race_day_)
        // Up to the next 100 m: the race must stay under 1.5x the long run.
        m = std::max(
            m, std::min(limit * target,
                        std::ceil(*o_.race_m / s_.race_readiness_caution_ratio / 100.0) * 100.0));
      if (kind == WeekKind::build || kind == WeekKind::comeback)
        m = std::max(m, std::min(last_long, limit * target));
      const Day d = first + date::days{layout_.long_day};
      double ref = longest_before(d, 30);
      // Inside a comeback the single-run spike also counts the 30 days before
      // the break (LOAD-SCIENCE.md "Comeback"): the long run may build on them.
      if (cb_ && cb_->covers(d)) ref = std::max(ref, cb_->longest_before_m);
      // After a break the first long run starts from the return fraction of the old longest.
      m = std::min(m, ref > 0 ? floor_100m(s_.single_run_caution_ratio * ref) : m_.longest_30d_m);
      return floor_100m(m);
    };
    // Fewer, longer runs rather than many short ones.
    int n = n_runs;
    double long_m = has_long ? long_for(n) : 0;
    auto others_each = [&](int k) {
      const int others = k - (has_long ? 1 : 0);
      return others > 0 ? (target - long_m) / others : 0.0;
    };
    while (n > 1 && others_each(n) < min_run) {
      int drop = -1;
      for (int i = 0; i < 7; ++i)
        if (run[i] && layout_.recovery_run[i]) drop = i;
      for (int i = 6; i >= 0 && drop < 0; --i)
        if (run[i] && i != layout_.long_day && !layout_.quality[i]) drop = i;
      for (int i = 6; i >= 0 && drop < 0; --i)
        if (run[i] && i != layout_.long_day) drop = i;
      if (drop < 0) break;
      run[drop] = false;
      --n;
      if (has_long) long_m = long_for(n);
    }
    double weight_sum = 0;
    for (int i = 0; i < 7; ++i)
      if (run[i] && !(has_long && i == layout_.long_day)) weight_sum += share_weight(i);
    const double other_total = std::max(0.0, target - long_m);
    if (has_long && weight_sum > 0) {
      // The long run's share of what the week will really hold (runs floored to 100 m).
      double planned = long_m;
      for (int i = 0; i < 7; ++i)
        if (run[i] && i != layout_.long_day)
          planned += floor_100m(other_total * share_weight(i) / weight_sum);
      long_m = share_capped(long_m, planned - long_m, n, marathon);
    }
    // Other runs stay under the long run / 1.2 so it is clearly the longest.
    const double other_cap = has_long ? floor_100m(long_m / kLongRunOverOthers) : 1e12;

    const Day race_block_from = race_day_ ? *race_day_ - date::days{kRaceSurfaceDays} : Day{};
    // Where the engine would shorten the long run (a weekly spike on its day),
    // the week's other runs come down instead and the week is laid again: the
    // long run keeps its length. Only a weekly rule can be eased that way, and
    // only by runs before it in the week (they are in its 7 days): with none
    // (a Monday long run after a weekend of runs), or where the long run's own
    // length or time is the spike, lowering the others would only empty the
    // week, and the engine's shorter long run stands.
    // Each other run's share of the week: even (a recovery run 0.6), except
    // that a quality day gets the distance its session needs, taken from the
    // week's easy runs while each of those keeps the minimum run. Without
    // it a 28 km week of 5.6 km runs has no run that can hold a tempo.
    std::array<double, 7> share{};
    {
      std::array<double, 7> need{};
      std::array<bool, 7> easy{};
      double easy_total = 0, deficit = 0;
      int easy_runs = 0;
      const auto runs_here = [&](int i) { return run[i] && !(has_long && i == layout_.long_day); };
      for (int i = 0; i < days_in_week; ++i)
        if (runs_here(i))
          share[static_cast<std::size_t>(i)] =
              taper ? taper_run_m(first + date::days{i})
                    : other_total * share_weight(i) / std::max(weight_sum, 1.0);
      // A taper week's shares come by day from its blocks; they still stay
      // within the week's target where pain lowered it or a long run took
      // more than its day's share.
      if (taper) {
        double sum = 0;
        for (const double x : share) sum += x;
        if (sum > other_total && sum > 0)
          for (double& x : share) x *= other_total / sum;
      }
      int left = kind == WeekKind::recovery || taper ? 1 : 2;
      for (int i = 0; i < days_in_week; ++i) {
        if (!runs_here(i)) continue;
        const auto at = static_cast<std::size_t>(i);
        if (quality_day(i, first + date::days{i}, !beginner_like() && !pain_seen_, left)) {
          --left;
          need[at] = quality_min_m(quality_kind(i, week.week), taper);
          // Over the cap under the long run it stays an easy run.
          if (need[at] > other_cap) need[at] = 0;
          deficit += std::max(0.0, need[at] - share[at]);
        }
        if (need[at] == 0 && !layout_.recovery_run[i]) {
          easy[at] = true;
          easy_total += share[at];
          ++easy_runs;
        }
      }
      const double easy_after = easy_total - deficit;
      if (deficit > 0 && easy_runs > 0 && easy_after >= easy_runs * (min_run + 100.0))
        for (std::size_t at = 0; at < 7; ++at) {
          if (need[at] > 0) share[at] = std::max(share[at], need[at]);
          if (easy[at]) share[at] *= easy_after / easy_total;
        }
    }
    bool runs_before_long = false;
    for (int i = 0; has_long && i < layout_.long_day; ++i) runs_before_long |= run[i];
    const Laid before = laid();
    double other_scale = 1.0;
    for (int attempt = 0;; ++attempt) {
      bool long_short = false;
      const bool quality_allowed = !beginner_like() && !pain_seen_;
      int quality_left = kind == WeekKind::recovery || taper ? 1 : 2;
      std::map<Surface, double> used;
      bool strides_done = false;
      for (int i = 0; i < days_in_week; ++i) {
        const Day day = first + date::days{i};
        PlanDay pd;
        pd.date = day;
        if (race_index && i == *race_index) {
          Run r;
          r.kind = RunKind::race;
          r.distance_m = *o_.race_m;
          r.surface = o_.race_surface;
          set_intensity(r);
          r.purpose = purpose(RunKind::race, false, true);
          add_activity(day, *o_.race_m, o_.race_surface, RunKind::race);
          pd.sessions.emplace_back(std::move(r));
          week.days.push_back(std::move(pd));
          continue;
        }
        if (run[i] && target > 0) {
          const bool is_long = has_long && i == layout_.long_day;
          RunKind k = is_long                   ? RunKind::long_run
                      : layout_.recovery_run[i] ? RunKind::recovery
                                                : RunKind::easy;
          bool strides = false;
          const bool limited = early_comeback(day) || mild_pain_on(day) || stop_runs_;
          if (quality_day(i, day, quality_allowed, quality_left)) {
            k = quality_kind(i, week.week);
            --quality_left;
          } else if (k == RunKind::easy && !strides_done && beginner_like() && !pain_seen_ &&
                     !limited && kind != WeekKind::recovery && n >= 2) {
            strides = true;
            strides_done = true;
          }
          double want = is_long ? long_m : share[static_cast<std::size_t>(i)];
          if (!is_long) want = std::min(want * other_scale, other_cap);
          want = floor_100m(want);
          if (is_quality(k) && want < quality_min_m(k, taper)) k = RunKind::easy;
          const bool race_block = race_day_ && day > race_block_from;
          // In the race block the long run and every other run go on the race surface.
          const bool want_race = is_long || (used_race_count_ * 2 <= race_runs_);
          Surface surface = pick_surface(used, want, race_block, want_race);
          Placed p = stop_runs_                                 ? Placed{0, surface, true}
                     : want >= min_run || (is_long && want > 0) ? place(day, want, surface, k)
                                                                : Placed{0, surface, false};
          if (p.pain) pain_seen_ = true;
          if (is_long && !p.pain && p.weekly && p.m < want - 1e-6) long_short = true;
          if (is_quality(k) && p.m < quality_min_m(k, taper)) k = RunKind::easy;
          if (p.m >= std::min<double>(min_run, want) && p.m > 0) {
            Run r;
            r.kind = k;
            r.distance_m = p.m;
            r.surface = p.surface;
            set_intensity(r);
            r.purpose = purpose(k, strides, taper) + pain_condition(day);
            used[p.surface] += p.m;
            if (race_block) {
              ++race_runs_;
              if (p.surface == o_.race_surface) ++used_race_count_;
            }
            add_activity(day, p.m, p.surface, k);
            pd.sessions.emplace_back(std::move(r));
          } else if (p.pain) {
            // Non-impact cross-training of about the run's time.
            const double minutes =
                std::clamp(std::round(want * base_.pace_s_per_km / 1000.0 / 60.0 / 5.0) * 5,
                           kCrossMinMinutes, kCrossMaxMinutes);
            Cross c{cross_.front(), minutes * 60, Intensity::easy};
            add_other(day, c);
            pd.sessions.emplace_back(c);
          }
        }
        const bool strength_blocked =
            race_day_ && *race_day_ - day <= date::days{kNoStrengthBeforeRaceDays};
        if (layout_.strength[i] && !strength_blocked) add_strength(pd, i, week.week, kind);
        // The last days before a race stay free: they also make up for the
        // race taking a day the week had kept free.
        const bool race_close = race_day_ && *race_day_ - day <= date::days{3};
        if (layout_.cross[i] >= 0 && !race_close) add_layout_cross(pd, i);
        if (pd.sessions.empty()) pd.sessions.emplace_back(std::in_place_type<Rest>);
        week.days.push_back(std::move(pd));
      }
      if (!long_short || attempt >= 4 || !runs_before_long) break;
      unlay(before);
      week.days.clear();
      other_scale *= 0.85;
    }
    fix_shape(week);
    retarget(week);
    if (race_day_)
      for (const PlanDay& pd : week.days)
        for (const Run* r : runs_of(pd))
          if (r->kind != RunKind::race &&
              pd.date >= *race_day_ - date::days{s_.race_readiness_days})
            longest_before_race_ = std::max(longest_before_race_, r->distance_m.value_or(0));
  }

  /// The long run within its share of the week it makes with `others_m`
  /// (shortening it shortens the week, and so the limit: a few rounds settle it).
  static double share_capped(double long_m, double others_m, int n, bool marathon) {
    for (int i = 0; i < 8; ++i) {
      const double total = long_m + others_m;
      const double cap = floor_100m(long_run_share_limit(total, n, marathon) * total);
      if (long_m <= cap) break;
      long_m = cap;
    }
    return long_m;
  }

  /// Where the engine shortened a run, the week's other runs come down so the
  /// long run stays 1.2x the longest of them (shorter runs never raise an alarm).
  void fix_shape(PlanWeek& week) {
    // Each step only shortens runs, and the week settles in a few rounds.
    for (int round = 0; round < 6 && fix_shape_once(week); ++round) {
    }
  }
  bool fix_shape_once(PlanWeek& week) {
    Run* long_run = nullptr;
    for (PlanDay& pd : week.days)
      for (Session& s : pd.sessions)
        if (auto* r = std::get_if<Run>(&s); r && r->kind == RunKind::long_run) long_run = r;
    if (!long_run) return false;
    int n = 0;
    for (const PlanDay& pd : week.days)
      for (const Run* r : runs_of(pd))
        if (r->kind != RunKind::race) {
          ++n;
          break;
        }
    double total = 0;
    for (const PlanDay& pd : week.days)
      for (const Run* r : runs_of(pd))
        if (r->kind != RunKind::race) total += r->distance_m.value_or(0);
    const bool marathon = race_day_ && *o_.race_m >= kMarathonM;
    const double share_cap =
        share_capped(*long_run->distance_m, total - *long_run->distance_m, n, marathon);
    if (*long_run->distance_m > share_cap) {
      for (engine::Activity& a : sim_.activities)
        if (a.source.format == "plan" && engine::is_run(a.sport) &&
            a.distance_m == *long_run->distance_m && a.local_date >= week.days.front().date &&
            a.local_date <= week.days.back().date) {
          a.moving_s = a.elapsed_s = a.moving_s * share_cap / a.distance_m;
          a.distance_m = share_cap;
          a.surface_m = {{long_run->surface, share_cap}};
          break;
        }
      long_run->distance_m = share_cap;
    }
    const double cap = floor_100m(*long_run->distance_m / kLongRunOverOthers);
    bool changed = false;
    for (PlanDay& pd : week.days)
      for (Session& s : pd.sessions)
        if (auto* r = std::get_if<Run>(&s);
            r && r != long_run && r->kind != RunKind::race && *r->distance_m > cap) {
          r->distance_m = cap;
          changed = true;
        }
    if (!changed) return false;
    // The simulated history follows the plan.
    for (engine::Activity& a : sim_.activities) {
      if (a.source.format != "plan" || !engine::is_run(a.sport)) continue;
      for (const PlanDay& pd : week.days)
        if (pd.date == a.local_date)
          for (const Run* r : runs_of(pd))
            if (r != long_run && r->kind != RunKind::race && a.distance_m > cap + 1e-6) {
              a.moving_s = a.elapsed_s = a.moving_s * cap / a.distance_m;
              a.distance_m = cap;
              a.surface_m = {{r->surface, cap}};
            }
    }
    return true;
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
  /// A run day's weight in sharing the week's other runs: a recovery run
  /// (the day after the long run) takes 0.6 of an easy run's share.
  double share_weight(std::size_t i) const { return layout_.recovery_run[i] ? 0.6 : 1.0; }
  /// The taper block `day` lies in (0: the 7 days ending on race day, 1: the
  /// 7 before them, ...), or nullopt outside the taper (LOAD-SCIENCE.md
  /// "Taper": the race week is the 7 days ending on race day).
  std::optional<std::size_t> taper_block(Day day) const {
    if (!race_day_ || day > *race_day_) return std::nullopt;
    const auto k = static_cast<std::size_t>((day_number(*race_day_) - day_number(day)) / 7);
    if (k >= fractions_.size()) return std::nullopt;
    return k;
  }
  /// The layout's weight for a run on `day`: 1, a recovery run 0.6, no run 0
  /// (the race and the day before it have none).
  double run_weight(Day day) const {
    if (day < start_ || (race_day_ && day >= *race_day_ - kDay)) return 0;
    const auto i = static_cast<std::size_t>((day_number(day) - day_number(start_)) % 7);
    return layout_.run[i] ? share_weight(i) : 0;
  }
  /// What a run on `day` of a taper week holds: its block's fraction of the
  /// pre-taper week, shared by the block's run days by weight, so each 7 days
  /// ending on race day (or 7, 14 days before it) hold their fraction even
  /// when they straddle two plan weeks. A block with fewer run days (the race
  /// and the day before it have none) does not make its runs longer than the
  /// block before it: runs only shrink through a taper. A day of a taper week
  /// before the taper runs at the pre-taper week's rate.
  double taper_run_m(Day day) const {
    const double w = run_weight(day);
    if (w == 0) return 0;
    double full = 0;
    for (std::size_t i = 0; i < 7; ++i) full += layout_.run[i] ? share_weight(i) : 0.0;
    if (full == 0) return 0;
    double rate = pre_taper_ / full;  // per unit of weight
    const auto block = taper_block(day);
    for (std::size_t k = fractions_.size(); block && k-- > *block;) {
      const Day last = *race_day_ - date::days{7 * static_cast<int>(k)};
      double weights = 0;
      for (Day d = last - date::days{6}; d <= last; d += kDay) weights += run_weight(d);
      if (weights > 0) rate = std::min(rate, fractions_[k] * pre_taper_ / weights);
    }
    return rate * w;
  }
  /// Whether day `i` of the layout (date `day`) is a quality run this week,
  /// with `left` quality runs still allowed.
  bool quality_day(int i, Day day, bool allowed, int left) const {
    const bool limited = early_comeback(day) || mild_pain_on(day) || stop_runs_;
    return layout_.quality[i] && allowed && !limited && left > 0 &&
           !(race_day_ && *race_day_ - day < date::days{3});
  }
  RunKind quality_kind(int i, int week) const {
    return (s_.experience == engine::Experience::advanced && i != first_quality()) ||
                   (s_.experience == engine::Experience::intermediate && week % 2 == 0)
               ? RunKind::intervals
               : RunKind::tempo;
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
  Day start_;
  int weeks_;
  engine::StartingBaseline base_;
  engine::History sim_;  ///< the history, then each planned session as it is placed
  Day known_{};
  std::optional<Day> race_day_;
  Measured m_;
  std::vector<date::weekday> run_days_;
  bool habit_days_ = false;
  date::weekday long_day_ = date::Sunday;
  std::vector<CrossActivity> cross_;
  std::vector<std::pair<Surface, double>> mix_;  ///< surface -> share of distance
  bool race_surface_ok_ = false;
  int race_runs_ = 0, used_race_count_ = 0;
  Layout layout_;
  double cap_ = 0, goal_ = 0, inc_ = 0.10, reached_ = 0;
  bool maintain_ = false;
  bool pain_seen_ = false;
  bool pain_in_week_ = false;
  double start_week_m_ = 0;  ///< mean week of the 28 days before the start (plan check's)
  std::vector<engine::PainEpisode> pain_open_;  ///< open on the first day
  bool stop_runs_ = false;                      ///< a red flag or a latest 4-5: no runs
  bool bone_red_ = false;                       ///< a bone-site red flag: non-impact work only
  std::optional<engine::ComebackWindow> cb_;
  /// The engine's window no longer covers the plan's weeks.
  bool ramp_done_ = false;
  std::vector<double> fractions_;  ///< taper_fractions(): race week first (none: no race)
  double pre_taper_ = 0;           ///< the last non-recovery week before the taper
  /// From the 90 days to the last known day.
  std::optional<engine::TrainingPaces> paces_;
  /// In a window already under way: the best 7 days the runner did in it.
  double under_way_week_m_ = 0;
  bool walking_ = false;  ///< a bone comeback: a walking week, then walk-run
  double longest_before_race_ = 0;
  std::vector<std::string> notes_;
};

/// The week's long run within its share and 1.2x every other run, by
/// shortening (never lengthening) runs.
void shape_week(PlanWeek& w, bool marathon) {
  for (int round = 0; round < 8; ++round) {
    Run* long_run = nullptr;
    double total = 0;
    int n = 0;
    for (PlanDay& pd : w.days) {
      bool ran = false;
      for (Session& x : pd.sessions)
        if (auto* r = std::get_if<Run>(&x); r && r->kind != RunKind::race) {
          total += r->distance_m.value_or(0);
          ran = true;
          if (r->kind == RunKind::long_run) long_run = r;
        }
      n += ran;
    }
    if (!long_run) return;
    bool changed = false;
    const double share = floor_100m(long_run_share_limit(total, n, marathon) * total);
    if (*long_run->distance_m > share) long_run->distance_m = share, changed = true;
    const double cap = floor_100m(*long_run->distance_m / kLongRunOverOthers);
    for (PlanDay& pd : w.days)
      for (Session& x : pd.sessions)
        if (auto* r = std::get_if<Run>(&x);
            r && r != long_run && r->kind != RunKind::race && r->distance_m.value_or(0) > cap)
          r->distance_m = cap, changed = true;
    if (!changed) return;
  }
}

/// The engine has the final word on the whole plan: where `plan check` still
/// finds a caution or danger on a run day (a run the day-by-day building
/// could not foresee, such as one measured against runs placed after a
/// break), that run becomes the longest that passes on the plan before it,
/// or goes. Shortening a run can make a later one a spike against it, so a
/// few passes settle the plan.
void settle_with_engine(Plan& plan, const engine::History& history,
                        const engine::Settings& settings) {
  for (int pass = 0; pass < 60; ++pass) {
    const PlanCheck check = check_plan(plan, history, settings);
    const DayCheck* bad = nullptr;
    for (const DayCheck& d : check.days) {
      for (const engine::Warning& w : d.warnings)
        if (w.severity != engine::Severity::info && w.rule != engine::RuleId::race_readiness &&
            w.rule != engine::RuleId::plan_structure)
          bad = &d;
      if (bad) break;
    }
    if (!bad) return;
    for (PlanWeek& w : plan.weeks)
      for (PlanDay& pd : w.days) {
        if (pd.date != bad->date) continue;
        for (auto it = pd.sessions.begin(); it != pd.sessions.end(); ++it) {
          auto* r = std::get_if<Run>(&*it);
          if (!r || r->kind == RunKind::race) continue;
          const engine::History h = history_with_plan(plan, history, settings, pd.date);
          engine::PlannedRun p;
          p.distance_m = r->distance_m;
          p.surface = r->surface;
          const auto passing = engine::longest_passing_run(h, pd.date, settings, p);
          const double m = passing ? floor_100m(passing->distance_m) : 0;
          if (m >= min_run_m(settings.experience)) {
            r->distance_m = m;
          } else {
            pd.sessions.erase(it);
            if (pd.sessions.empty()) pd.sessions.emplace_back(std::in_place_type<Rest>);
          }
          break;
        }
        bool marathon = false;
        for (const PlanWeek& pw : plan.weeks)
          for (const PlanDay& x : pw.days)
            for (const Run* r : runs_of(x))
              marathon =
                  marathon || (r->kind == RunKind::race && r->distance_m.value_or(0) >= kMarathonM);
        shape_week(w, marathon);
        retarget(w);
      }
  }
}

}  // namespace

std::string_view to_string(Equipment equipment) {
  switch (equipment) {
    case Equipment::none:
      return "none";
    case Equipment::dumbbells:
      return "dumbbells";
    case Equipment::gym:
      return "gym";
  }
  return "none";
}

std::optional<Equipment> parse_equipment(std::string_view text) {
  for (Equipment e : {Equipment::none, Equipment::dumbbells, Equipment::gym})
    if (to_string(e) == text) return e;
  return std::nullopt;
}

double min_run_m(engine::Experience experience) {
  return experience == engine::Experience::beginner ? 2000 : 3000;
}

double weekly_cap_m(const GenerateOptions& options) {
  if (options.max_weekly_m) return *options.max_weekly_m;
  return options.settings.experience == engine::Experience::beginner ? 40'000 : 80'000;
}

std::vector<double> taper_fractions(double race_m) {
  if (race_m >= kMarathonM) return {0.45, 0.60, 0.80};
  return {0.50, 0.70};
}

Plan generate_plan(const engine::History& history, const GenerateOptions& options, Day start,
                   std::optional<int> weeks) {
  if (!(options.weekly_increase >= 0 && options.weekly_increase <= 0.30 + 1e-12))
    throw std::invalid_argument(
        fmt::format("weekly increase {:.0f} % is outside 0-30 %", options.weekly_increase * 100));
  if (options.race_m.has_value() != options.race_date.has_value())
    throw std::invalid_argument("a race needs both a distance and a date");
  int n = weeks.value_or(0);
  if (options.race_m) {
    const double m = *options.race_m;
    const Day race = *options.race_date;
    const std::string u = engine::format_distance(m, options.settings.units);
    if (m < kRaceMinM || m > kRaceMaxM)
      throw std::invalid_argument(
          fmt::format("a race of {} cannot be planned: give 1 km to 250 km", u));
    const int days = day_number(race) - day_number(start);
    if (days < 0)
      throw std::invalid_argument(fmt::format("the race date {} is before the plan starts ({})",
                                              format_day(race), format_day(start)));
    if (days < kRaceMinDays)
      throw std::invalid_argument(fmt::format(
          "the race on {} is {} days after the start: a plan needs at least 21 days to prepare "
          "and taper; run it on what you have, or pick a later race",
          format_day(race), days));
    if (days > kRaceMaxDays)
      throw std::invalid_argument(fmt::format(
          "the race on {} is more than 30 weeks after the start: plan the weeks before it with "
          "--goal-weekly, then a race plan from 30 weeks out",
          format_day(race)));
    const int race_week = days / 7 + 1;
    if (weeks && *weeks != race_week)
      throw std::invalid_argument(
          fmt::format("--weeks {} {} the race on {}, in week {}: leave --weeks out, or give {}",
                      *weeks, *weeks < race_week ? "ends before" : "runs past", format_day(race),
                      race_week, race_week));
    n = race_week;
  }
  if (n < 1) throw std::invalid_argument("a plan needs at least 1 week");
  Generator generator(history, options, start, n);
  Plan plan = generator.run();
  // Shape and engine together: each only shortens runs, so they settle.
  for (int round = 0; round < 3; ++round) {
    const bool marathon = options.race_m && *options.race_m >= kMarathonM;
    for (PlanWeek& w : plan.weeks) {
      shape_week(w, marathon);
      retarget(w);
    }
    settle_with_engine(plan, history, options.settings);
  }
  // Shortened build weeks lower the taper's base: each 7-day block of the
  // taper, ending on race day, follows it (shortening only, so the engine's
  // verdict stands).
  if (options.race_m) {
    const auto f = taper_fractions(*options.race_m);
    double base = 0;
    for (const PlanWeek& w : plan.weeks) {
      if (w.taper) break;
      if (!w.recovery) base = w.targets.run_distance_m;
    }
    const auto block_runs = [&](std::size_t k) {
      const Day last = *options.race_date - date::days{7 * static_cast<int>(k)};
      std::vector<Run*> runs;
      for (PlanWeek& w : plan.weeks)
        for (PlanDay& d : w.days)
          if (d.date > last - date::days{7} && d.date <= last)
            for (Session& x : d.sessions)
              if (auto* r = std::get_if<Run>(&x); r && r->kind != RunKind::race) runs.push_back(r);
      return runs;
    };
    for (std::size_t k = 0; k < f.size(); ++k) {
      const std::vector<Run*> runs = block_runs(k);
      double total = 0;
      for (const Run* r : runs) total += r->distance_m.value_or(0);
      const double allowed = f[k] * base;
      if (total <= allowed + 1e-6 || total <= 0) continue;
      // Runs stay (a taper keeps the frequency, Bosquet 2007), at least 1 km.
      for (Run* r : runs)
        r->distance_m = std::max(floor_100m(*r->distance_m * allowed / total), 1000.0);
    }
    for (PlanWeek& w : plan.weeks)
      if (w.taper) retarget(w);
  }
  generator.easy_if_short(plan);
  if (options.race_m) {
    // A race the plan cannot bring under 2.2x its longest run is refused.
    double longest = 0;
    for (const PlanWeek& w : plan.weeks)
      for (const PlanDay& d : w.days)
        if (d.date >= *options.race_date - date::days{options.settings.race_readiness_days})
          for (const Run* r : runs_of(d))
            if (r->kind != RunKind::race) longest = std::max(longest, r->distance_m.value_or(0));
    if (*options.race_m > options.settings.race_readiness_danger_ratio * longest + 1e-6)
      throw std::invalid_argument(fmt::format(
          "the plan's longest run before the race would be {}: a {} race is more than 2.2x "
          "that. Pick a later date or a shorter race",
          engine::format_distance(longest, options.settings.units),
          engine::format_distance(*options.race_m, options.settings.units)));
  }
  return plan;
}

}  // namespace stride::plans
