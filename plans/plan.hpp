#pragma once
/// The training plan: weeks of days of sessions (run, strength, cross, rest),
/// as PRODUCT.md "Plans (YAML)" shapes it. Pure values; YAML lives in
/// plan_yaml.hpp, the calendar in ics.hpp.

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/activity.hpp"

namespace stride::plans {

using engine::Day;

/// The `stride_plan:` version this library reads and writes.
constexpr int kPlanVersion = 1;

enum class RunKind { easy, long_run, tempo, intervals, recovery, race };
/// `easy`, `long`, `tempo`, `intervals`, `recovery`, `race`.
std::string_view to_string(RunKind kind);
std::optional<RunKind> parse_run_kind(std::string_view text);
/// Tempo and intervals: the "quality" runs strength must not precede.
bool is_quality(RunKind kind);
/// The engine's kind of the same name (the spellings are shared).
std::optional<engine::RunKind> engine_run_kind(RunKind kind);

/// `walking` is the brisk walking that starts a comeback after a bone-site red
/// flag (LOAD-SCIENCE.md "Comeback"), never cross-training the planner picks.
enum class CrossActivity { cycling, swimming, rowing, elliptical, walking };
std::string_view to_string(CrossActivity activity);
std::optional<CrossActivity> parse_cross_activity(std::string_view text);

enum class Intensity { easy, moderate, hard };
std::string_view to_string(Intensity intensity);
std::optional<Intensity> parse_intensity(std::string_view text);

struct Run {
  RunKind kind = RunKind::easy;
  std::optional<double> distance_m;
  std::optional<double> duration_s;
  engine::Surface surface = engine::Surface::unknown;
  std::string purpose;
  /// A pace range in the plan's units (`5:40-6:05 /km`), from the runner's
  /// own best recent effort; empty without one.
  std::string pace;
  /// By-feel words where there is no pace (`by feel: conversational`).
  std::string effort;

  friend bool operator==(const Run&, const Run&) = default;
};

/// One exercise of a strength session: sets x reps at an effort and a load
/// (no weight in kilograms: the effort sets it).
struct PlanExercise {
  std::string name;
  int sets = 0;
  int reps = 0;
  bool per_side = false;
  std::vector<std::string> muscles;
  std::string effort;  ///< `2-3 reps in reserve`
  std::string load;    ///< `bodyweight`, `light`, `moderate`, `heavy`

  friend bool operator==(const PlanExercise&, const PlanExercise&) = default;
};

struct Strength {
  std::vector<std::string> focus;
  std::vector<PlanExercise> exercises;

  friend bool operator==(const Strength&, const Strength&) = default;
};

struct Cross {
  CrossActivity activity = CrossActivity::cycling;
  double duration_s = 0;
  Intensity intensity = Intensity::easy;

  friend bool operator==(const Cross&, const Cross&) = default;
};

struct Rest {
  friend bool operator==(const Rest&, const Rest&) = default;
};

using Session = std::variant<Run, Strength, Cross, Rest>;

struct PlanDay {
  Day date{};
  std::vector<Session> sessions;

  friend bool operator==(const PlanDay&, const PlanDay&) = default;
};

struct Targets {
  double run_distance_m = 0;
  double long_run_m = 0;

  friend bool operator==(const Targets&, const Targets&) = default;
};

struct PlanWeek {
  int week = 1;  ///< 1-based; covers start + 7 (week - 1) days, 7 days
  bool recovery = false;
  bool taper = false;  ///< a race plan's last weeks, volume cut (LOAD-SCIENCE.md Taper)
  /// A week of a comeback ramp (LOAD-SCIENCE.md "Comeback"): no recovery week
  /// inside it; no long or quality run in its first 2 weeks.
  bool comeback = false;
  Targets targets;
  std::vector<PlanDay> days;  ///< in date order; a missing day has nothing planned

  friend bool operator==(const PlanWeek&, const PlanWeek&) = default;
};

/// The athlete's state the plan was built from.
struct BuiltFrom {
  double chronic_week_m = 0;  ///< mean week of the 28 days before the start
  double longest_30d_m = 0;   ///< longest run of the 30 days before the start

  friend bool operator==(const BuiltFrom&, const BuiltFrom&) = default;
};

struct Plan {
  Day start{};
  BuiltFrom built_from;
  /// What the plan could not do, said plainly (an unreachable goal, a pain week).
  std::string notes;
  std::vector<PlanWeek> weeks;

  friend bool operator==(const Plan&, const Plan&) = default;
};

/// First and last day of a week of `plan` (1-based).
Day week_first_day(const Plan& plan, int week);
Day week_last_day(const Plan& plan, int week);

/// The runs of a day (a hand-edited plan may hold two).
std::vector<const Run*> runs_of(const PlanDay& day);
bool has_run(const PlanDay& day);
bool has_strength(const PlanDay& day);
/// Running distance of the days of a week that give one.
double run_distance_m(const PlanWeek& week);

}  // namespace stride::plans
