#pragma once
/// Training paces from the runner's own best recent effort (LOAD-SCIENCE.md
/// "Training paces"): Daniels' VDOT from one run, and the speed at which VO2 is
/// a share of it. The bands are a product default inside Daniels' own.

#include <optional>
#include <string>
#include <string_view>

#include "engine/activity.hpp"
#include "engine/quantity.hpp"
#include "engine/series.hpp"

namespace stride::engine {

/// Daniels' oxygen cost of running at `v_m_per_min`:
/// VO2 = -4.60 + 0.182258 v + 0.000104 v^2 (ml/kg/min).
double vo2_at_speed(double v_m_per_min);
/// The speed (m/min) whose oxygen cost is `vo2` (the inverse of vo2_at_speed).
double speed_at_vo2(double vo2);
/// The share of VO2max a runner holds for `minutes`:
/// 0.8 + 0.1894393 e^(-0.012778 t) + 0.2989558 e^(-0.1932605 t).
double vo2max_share(double minutes);
/// VDOT of a performance: VO2 at its speed / the share held for its time.
double vdot(double distance_m, double minutes);
/// Daniels' predicted time (minutes) for `distance_m` at `vdot_value`.
double predicted_minutes(double distance_m, double vdot_value);
/// The pace (s/km) at which VO2 is `share` of `vdot_value` (share 0.65 = 65 %).
double pace_at_share(double vdot_value, double share);

/// What a pace is for. Plans map their run kinds onto these.
enum class PaceKind { recovery, easy, long_run, marathon, tempo, intervals };
/// `recovery`, `easy`, `long`, `marathon`, `tempo`, `intervals`.
std::string_view to_string(PaceKind kind);
/// The pace kind of a run kind; nullopt for `race` (see TrainingPaces::race_pace).
std::optional<PaceKind> pace_kind(RunKind kind);

/// A band of VO2 shares (product default, inside Daniels' own bands).
struct PaceShares {
  double low = 0;   ///< slow end
  double high = 0;  ///< fast end
};
/// recovery 62-66 %, easy 65-74 %, long 62-70 %, marathon 80-84 %,
/// tempo 86-88 %, intervals 97-100 %.
PaceShares pace_shares(PaceKind kind);

/// A pace range in seconds per km, unrounded (rounding belongs to the units).
struct PaceBand {
  double fast_s_per_km = 0;
  double slow_s_per_km = 0;
};

/// The run the paces come from.
struct PaceSource {
  std::int64_t activity_id = 0;
  Day date{};
  double distance_m = 0;
  double moving_s = 0;
};

struct TrainingPaces {
  double vdot = 0;
  PaceSource source;

  /// The band for a kind of run.
  PaceBand band(PaceKind kind) const;
  /// The even pace (s/km) of Daniels' predicted time for a race distance.
  double race_pace_s_per_km(double distance_m) const;
  /// Daniels' predicted time for a race distance, in seconds.
  double race_time_s(double distance_m) const;
};

/// The runs that can set paces: 3-21.1 km, moving time at least 90 % of
/// elapsed (a steady effort, not a stop-start outing).
bool usable_for_paces(const Activity& activity);

/// Paces from the run of the 90 days ending with `day` (inclusive) with the
/// highest VDOT; nullopt without a usable run (then plans use by_feel()).
std::optional<TrainingPaces> training_paces(const History& history, Day day);

/// A pace in the runner's units, rounded to 5 s: `5:40 /km`, `9:05 /mi`.
std::string format_pace(double s_per_km, Units units);
/// A band in the runner's units, each end rounded to 5 s: `5:40-6:05 /km`
/// (one pace when both ends round the same).
std::string format_pace_band(const PaceBand& band, Units units);
/// The effort words used without paces: "by feel: conversational" (recovery,
/// easy, long), "comfortably hard" (marathon, tempo), "hard but even" (intervals).
std::string_view by_feel(PaceKind kind);

}  // namespace stride::engine
