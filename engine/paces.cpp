#include "engine/paces.hpp"

#include <fmt/format.h>

#include <cmath>

namespace stride::engine {
namespace {

constexpr double kA = -4.60;
constexpr double kB = 0.182258;
constexpr double kC = 0.000104;

/// The pace-setting window and distance range (LOAD-SCIENCE.md "Training paces").
constexpr int kPaceWindowDays = 90;
constexpr double kMinPaceRunM = 3'000;
constexpr double kMaxPaceRunM = 21'100;
constexpr double kMinMovingShare = 0.90;

double seconds_of(const Activity& a) { return a.moving_s > 0 ? a.moving_s : a.elapsed_s; }

std::string mm_ss(double seconds) {
  const long total = std::lround(seconds);
  return fmt::format("{}:{:02}", total / 60, total % 60);
}

/// Seconds per unit rounded to the nearest 5 s.
double rounded_per_unit(double s_per_km, Units units) {
  const double per_unit = units == Units::mi ? s_per_km * kMetresPerMile / 1000.0 : s_per_km;
  return std::round(per_unit / 5.0) * 5.0;
}

std::string_view unit_suffix(Units units) { return units == Units::mi ? "/mi" : "/km"; }

}  // namespace

double vo2_at_speed(double v) { return kA + kB * v + kC * v * v; }

double speed_at_vo2(double vo2) {
  return (-kB + std::sqrt(kB * kB + 4.0 * kC * (vo2 - kA))) / (2.0 * kC);
}

double vo2max_share(double t) {
  return 0.8 + 0.1894393 * std::exp(-0.012778 * t) + 0.2989558 * std::exp(-0.1932605 * t);
}

double vdot(double distance_m, double minutes) {
  if (distance_m <= 0 || minutes <= 0) return 0;
  return vo2_at_speed(distance_m / minutes) / vo2max_share(minutes);
}

double predicted_minutes(double distance_m, double vdot_value) {
  if (distance_m <= 0 || vdot_value <= 0) return 0;
  // vdot() falls as the time grows, so bisect between a sprint and a day.
  double lo = 1e-3;
  double hi = 24 * 60.0;
  for (int i = 0; i < 200 && hi - lo > 1e-9; ++i) {
    const double mid = (lo + hi) / 2;
    if (vdot(distance_m, mid) > vdot_value) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return (lo + hi) / 2;
}

double pace_at_share(double vdot_value, double share) {
  const double v = speed_at_vo2(vdot_value * share);
  return v > 0 ? 60'000.0 / v : 0;
}

std::string_view to_string(PaceKind kind) {
  switch (kind) {
    case PaceKind::recovery:
      return "recovery";
    case PaceKind::easy:
      return "easy";
    case PaceKind::long_run:
      return "long";
    case PaceKind::marathon:
      return "marathon";
    case PaceKind::tempo:
      return "tempo";
    case PaceKind::intervals:
      return "intervals";
  }
  return "?";
}

std::optional<PaceKind> pace_kind(RunKind kind) {
  switch (kind) {
    case RunKind::recovery:
      return PaceKind::recovery;
    case RunKind::easy:
      return PaceKind::easy;
    case RunKind::long_run:
      return PaceKind::long_run;
    case RunKind::tempo:
      return PaceKind::tempo;
    case RunKind::intervals:
      return PaceKind::intervals;
    case RunKind::race:
      return std::nullopt;
  }
  return std::nullopt;
}

PaceShares pace_shares(PaceKind kind) {
  switch (kind) {
    case PaceKind::recovery:
      return {0.62, 0.66};
    case PaceKind::easy:
      return {0.65, 0.74};
    case PaceKind::long_run:
      return {0.62, 0.70};
    case PaceKind::marathon:
      return {0.80, 0.84};
    case PaceKind::tempo:
      return {0.86, 0.88};
    case PaceKind::intervals:
      return {0.97, 1.00};
  }
  return {0.65, 0.74};
}

PaceBand TrainingPaces::band(PaceKind kind) const {
  const auto shares = pace_shares(kind);
  return {pace_at_share(vdot, shares.high), pace_at_share(vdot, shares.low)};
}

double TrainingPaces::race_time_s(double distance_m) const {
  return predicted_minutes(distance_m, vdot) * 60.0;
}

double TrainingPaces::race_pace_s_per_km(double distance_m) const {
  return distance_m > 0 ? race_time_s(distance_m) / distance_m * 1000.0 : 0;
}

bool usable_for_paces(const Activity& a) {
  if (!is_run(a.sport) || a.distance_m < kMinPaceRunM || a.distance_m > kMaxPaceRunM) return false;
  if (seconds_of(a) <= 0) return false;
  // A manual entry gives one time; a recording with long stops is no even effort.
  return a.elapsed_s <= 0 || a.moving_s <= 0 || a.moving_s >= kMinMovingShare * a.elapsed_s;
}

std::optional<TrainingPaces> training_paces(const History& history, Day day) {
  std::optional<TrainingPaces> best;
  const Day from = day - date::days{kPaceWindowDays - 1};
  for (const auto& a : history.activities) {
    if (a.local_date < from || a.local_date > day || !usable_for_paces(a)) continue;
    const double seconds = seconds_of(a);
    const double v = vdot(a.distance_m, seconds / 60.0);
    if (!best || v > best->vdot) {
      best = TrainingPaces{v, {a.id, a.local_date, a.distance_m, seconds}};
    }
  }
  return best;
}

std::string format_pace(double s_per_km, Units units) {
  return fmt::format("{} {}", mm_ss(rounded_per_unit(s_per_km, units)), unit_suffix(units));
}

std::string format_pace_band(const PaceBand& band, Units units) {
  const double fast = rounded_per_unit(band.fast_s_per_km, units);
  const double slow = rounded_per_unit(band.slow_s_per_km, units);
  if (fast == slow) return fmt::format("{} {}", mm_ss(fast), unit_suffix(units));
  return fmt::format("{}-{} {}", mm_ss(fast), mm_ss(slow), unit_suffix(units));
}

std::string_view by_feel(PaceKind kind) {
  switch (kind) {
    case PaceKind::recovery:
    case PaceKind::easy:
    case PaceKind::long_run:
      return "by feel: conversational";
    case PaceKind::marathon:
    case PaceKind::tempo:
      return "by feel: comfortably hard";
    case PaceKind::intervals:
      return "by feel: hard but even";
  }
  return "by feel: conversational";
}

}  // namespace stride::engine
