#pragma once
/// Session load for every activity: RPE (0-10) x moving minutes (Foster et al.
/// 2001), with the RPE taken, in this order, from what the runner logged, the
/// run's kind, the average heart rate against the heart-rate reserve, the pace
/// against the runner's own recent runs, or the sport's default.
/// LOAD-SCIENCE.md "Load units"; the mapping is a product default.

#include <optional>
#include <string_view>
#include <vector>

#include "engine/activity.hpp"
#include "engine/settings.hpp"

namespace stride::engine {

/// Where a session's RPE came from (`load_source` in JSON).
enum class LoadSource { rpe, kind, hr, pace, sport_default };
/// `rpe`, `kind`, `hr`, `pace`, `default`.
std::string_view to_string(LoadSource source);
std::optional<LoadSource> parse_load_source(std::string_view text);
/// True for every source but `rpe`: the runner did not give it.
inline bool is_estimated(LoadSource source) { return source != LoadSource::rpe; }

/// Resting heart rate assumed where the profile gives none.
constexpr double kDefaultHrRestBpm = 60;
/// Days of history the runner's observed maximum heart rate is taken from.
constexpr int kHrMaxWindowDays = 365;
/// Days of runs whose median speed the `pace` source compares with.
constexpr int kPaceMedianDays = 90;
/// A run faster than median / 0.92 counts as hard by pace.
constexpr double kPaceHardShare = 0.92;

/// recovery 2, easy 3, long 4, tempo 6, intervals 7, race 8.
int kind_rpe(RunKind kind);
/// Heart-rate reserve fraction (avg - rest) / (max - rest): < 0.60 -> 3,
/// < 0.70 -> 4, < 0.80 -> 5, < 0.85 -> 6, < 0.90 -> 7, else 8.
int hr_reserve_rpe(double reserve_fraction);
/// run 4, walk/hike 2, ride 3, swim 4, row 4, elliptical 3, strength 5, other 3
/// (runs of every kind count as run).
int sport_default_rpe(Sport sport);
/// Tanaka et al. 2001: 208 - 0.7 x age.
double tanaka_hr_max(double age_years);

/// 99th percentile (nearest rank) of the recorded heart rates; nullopt without any.
std::optional<double> hr_percentile_99(const std::vector<TrackPoint>& points);
/// Plain mean of the recorded heart rates (the records' average when a file's
/// summary lacks one); nullopt without any.
std::optional<double> mean_hr(const std::vector<TrackPoint>& points);

/// Moving minutes, elapsed minutes where moving time is missing.
double session_minutes(const Activity& activity);
/// Average speed (m/s) of a run with a distance and a time; nullopt otherwise.
std::optional<double> run_speed_mps(const Activity& activity);

/// What the history around an activity lends its estimate.
struct LoadContext {
  /// Highest per-activity 99th-percentile heart rate over the 365 days ending
  /// with the activity's day (that day included).
  std::optional<double> observed_hr_max_bpm;
  /// A hard session in those days: kind tempo/intervals/race or a logged RPE >= 7.
  bool hard_session_365d = false;
  /// Median speed of the runs of the 90 days before the activity's day.
  std::optional<double> median_run_speed_mps;
};

/// The maximum heart rate the `hr` source uses on `day`: the profile's; else
/// the larger of the observed maximum and Tanaka (with a birth year); nullopt
/// when neither a birth year nor a hard session vouches for the observed one
/// (a runner who never runs hard would make every easy run look hard).
std::optional<double> hr_max_for(const Settings& settings, const LoadContext& context, Day day);

/// One activity's session RPE and load.
struct SessionLoad {
  int rpe = 0;
  LoadSource source = LoadSource::sport_default;
  double minutes = 0;
  std::optional<double> hr_reserve;  ///< the fraction behind an `hr` estimate
  std::optional<double> hr_max_bpm;  ///< the maximum it was measured against

  double load() const { return rpe * minutes; }
};

/// The estimate for one activity in its context.
SessionLoad session_load(const Activity& activity, const Settings& settings,
                         const LoadContext& context);

/// Every activity's session load, in the order given (dates need not be sorted).
/// Each estimate reads only the activities up to and including its own day.
std::vector<SessionLoad> session_loads(const std::vector<Activity>& activities,
                                       const Settings& settings);

/// The context of a day from a history (for a planned run, or one activity).
LoadContext load_context(const std::vector<Activity>& activities, Day day);

/// A planned run's RPE (`check`, plans): the given RPE, else its kind, else its
/// pace when both distance and duration are given, else easy (3).
struct PlannedIntensity {
  int rpe = 3;
  LoadSource source = LoadSource::sport_default;
};
PlannedIntensity planned_intensity(std::optional<int> rpe, std::optional<RunKind> kind,
                                   std::optional<double> speed_mps,
                                   std::optional<double> median_run_speed_mps);

}  // namespace stride::engine
