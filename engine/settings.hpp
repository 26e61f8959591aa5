#pragma once
/// Every threshold the load model uses, as one value passed to the engine.
/// Defaults and their evidence: docs LOAD-SCIENCE.md. "product default" marks a
/// value no study pins down.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/activity.hpp"
#include "engine/quantity.hpp"

namespace stride::engine {

/// Thresholds compare with this tolerance, so "exactly 1.10x" is quiet however
/// the arithmetic rounds.
constexpr double kTolerance = 1e-9;

enum class Experience { beginner, intermediate, advanced };
std::string_view to_string(Experience experience);
std::optional<Experience> parse_experience(std::string_view text);

/// What a history shorter than 28 days is compared with.
struct StartingBaseline {
  double longest_run_m = 0;
  double week_m = 0;
  double pace_s_per_km = 0;  ///< product default; turns the distances into durations
};
/// beginner 5 km / 15 km, intermediate 10 km / 30 km, advanced 16 km / 50 km.
StartingBaseline starting_baseline(Experience experience);

/// The EWMA smoothing factor for an N-day average.
enum class EwmaDecay {
  two_over_n_plus_1,  ///< 2/(N+1): Williams 2017, Runalyze (default)
  exponential,        ///< 1 - e^(-1/N): GoldenCheetah
  one_over_n,         ///< 1/N
};
std::string_view to_string(EwmaDecay decay);  ///< `2/(n+1)`, `1-exp(-1/n)`, `1/n`
std::optional<EwmaDecay> parse_ewma_decay(std::string_view text);
double ewma_lambda(EwmaDecay decay, int days);

enum class Sex { male, female };
std::string_view to_string(Sex sex);
std::optional<Sex> parse_sex(std::string_view text);

/// A shoe's own retirement distance (shoes not listed use the default).
struct ShoeRetirement {
  std::string name;
  double retirement_m = 0;

  friend bool operator==(const ShoeRetirement&, const ShoeRetirement&) = default;
};

struct Settings {
  Experience experience = Experience::intermediate;
  Units units = Units::km;  ///< how reasons and advice write distances

  // single-run-spike (Frandsen 2025)
  double single_run_caution_ratio = 1.10;
  double single_run_danger_ratio = 2.00;
  double single_run_quiet_under_m = 500;
  // duration-spike: product default, by analogy
  double duration_caution_ratio = 1.10;
  double duration_danger_ratio = 2.00;
  double duration_quiet_under_s = 300;
  // weekly-distance-spike (Nielsen 2014; danger band is a product default)
  double weekly_distance_caution_ratio = 1.30;
  double weekly_distance_danger_ratio = 2.00;
  double weekly_distance_quiet_under_m = 3000;
  // weekly-duration-spike: product default, by analogy
  double weekly_duration_caution_ratio = 1.30;
  double weekly_duration_danger_ratio = 2.00;
  double weekly_duration_quiet_under_s = 1200;
  // hard-surface: product default; exposure, never a risk number
  double hard_surface_caution_ratio = 1.5;
  double hard_share_info = 0.80;
  /// Surfaces that count as hard. Treadmill never counts as surface exposure.
  std::vector<Surface> hard_surfaces = {Surface::road};
  // consecutive-run-days: product default; unset = by experience (3 / 5 / 6)
  std::optional<int> max_consecutive_run_days;
  // no-rest-day: product default; danger only with a same-day load alarm or
  // open pain, not by days alone
  int no_rest_caution_days = 7;
  /// Strength and cross-training at this session RPE or above are not rest.
  int hard_training_rpe = 7;
  // monotony (Foster 1998; the cut-off comes from practice)
  double monotony_info = 2.0;
  // pain episodes (engine/pain.hpp); the bands are product defaults, the
  // pain-monitoring model is Silbernagel et al. 2007, bone sites Warden et al. 2021.
  int pain_red_flag_level = 6;       ///< any note at or above: red flag
  int pain_bone_red_flag_level = 3;  ///< a bone site's note at or above: red flag
  int pain_moderate_level = 4;       ///< latest at or above (below red): danger for a run
  int pain_mild_close_days = 14;  ///< a mild episode is closed from this day after its latest note
  int pain_persisting_days = 14;  ///< open longer than this with the latest >= 3: red flag
  /// Not read by the engine any more (the 7-day pain window is gone); kept
  /// until the planner moves to engine/pain.hpp. No profile key sets it.
  int pain_window_days = 7;
  // return-after-break and comeback windows (engine/comeback.hpp): product defaults
  int comeback_break_days = 7;        ///< days without running that open a window
  int comeback_long_break_days = 14;  ///< from here the first week is the long-break fraction
  double return_fraction = 0.60;      ///< first run against the longest of the 30 days before
  /// Window week 1 = the pre-break week x this, by the kind of break.
  struct ComebackFirstWeek {
    double short_break = 0.75;  ///< 7-13 days without running
    double long_break = 0.50;   ///< 14 days or more
    double bone_red_flag = 0.30;

    friend bool operator==(const ComebackFirstWeek&, const ComebackFirstWeek&) = default;
  } comeback_first_week;
  double comeback_growth = 1.20;        ///< each later window week
  double comeback_floor_m = 5'000;      ///< a 5 km week is always allowed
  int comeback_max_weeks = 8;           ///< the window closes after this at the latest
  int comeback_short_max_weeks = 2;     ///< ... after a 7-13-day break
  double comeback_danger_factor = 1.5;  ///< over allowance x this: danger
  int comeback_hard_days = 14;          ///< a hard run in the window's first days: caution
  /// Not read by the engine any more (comeback_break_days opens a window);
  /// kept until the planner moves to engine/comeback.hpp.
  int break_days = 14;
  // strength-gap (Lauersen 2014, 2018)
  int strength_gap_days = 14;
  // shoe-mileage: product default
  double shoe_retirement_m = 700'000;
  std::vector<ShoeRetirement> shoes;
  // low-cadence (Heiderscheit 2011): a coaching cue
  double low_cadence_spm = 160;
  // plan-structure: days a week with no session at all; unset = by experience
  // (beginner 2, else 1). A product default.
  std::optional<int> full_rest_days;
  // race-readiness: the race against the longest run of the 42 days before
  // it; by analogy with Frandsen 2025, the bands are product defaults.
  double race_readiness_caution_ratio = 1.5;
  double race_readiness_danger_ratio = 2.2;
  int race_readiness_days = 42;

  // fitness / fatigue / form (Banister)
  EwmaDecay ewma_decay = EwmaDecay::two_over_n_plus_1;
  int fitness_days = 42;
  int fatigue_days = 7;
  // Heart rate (profile `heart_rate: {max, rest, sex}`, `birth_year`). TRIMP
  // needs all three; the `hr` RPE source estimates a missing max and uses
  // kDefaultHrRestBpm for a missing rest (LOAD-SCIENCE.md "Load units").
  std::optional<double> hr_max_bpm;
  std::optional<double> hr_rest_bpm;
  std::optional<Sex> sex;
  std::optional<int> birth_year;

  /// The configured limit, or the experience level's (3 / 5 / 6).
  int consecutive_run_days_limit() const;
  /// The configured full rest days a week, or the experience level's (2 / 1 / 1).
  int full_rest_days_required() const;
  bool is_hard(Surface surface) const;
  double retirement_m_for(std::string_view shoe) const;
  StartingBaseline baseline() const { return starting_baseline(experience); }

  friend bool operator==(const Settings&, const Settings&) = default;
};

}  // namespace stride::engine
