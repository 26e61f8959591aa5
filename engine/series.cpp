#include "engine/series.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace stride::engine {
namespace {

double activity_seconds(const Activity& a) { return a.moving_s > 0 ? a.moving_s : a.elapsed_s; }

const DayTotals kEmptyDay{};

}  // namespace

std::optional<Day> History::first_day() const {
  std::optional<Day> first;
  for (const auto& a : activities) {
    if (!first || a.local_date < *first) first = a.local_date;
  }
  for (const auto& p : pain_notes) {
    if (!first || p.date < *first) first = p.date;
  }
  return first;
}

std::optional<double> recent_pace_s_per_km(const History& history, Day day) {
  // The 28 days before the day; after a longer break, the 28 days ending with
  // the last run before it (the runner's own pace, not the level's baseline).
  std::optional<Day> last;
  for (const auto& a : history.activities)
    if (is_run(a.sport) && a.local_date < day && a.distance_m > 0 &&
        (!last || a.local_date > *last))
      last = a.local_date;
  if (!last) return std::nullopt;
  const Day to = std::min(day - date::days{1}, *last);
  double metres = 0;
  double seconds = 0;
  for (const auto& a : history.activities) {
    if (!is_run(a.sport) || a.local_date > to || a.local_date <= to - date::days{28}) continue;
    const double s = activity_seconds(a);
    if (a.distance_m <= 0 || s <= 0) continue;
    metres += a.distance_m;
    seconds += s;
  }
  if (metres <= 0) return std::nullopt;
  return seconds / metres * 1000.0;
}

ResolvedRun resolve(const History& history, Day day, const PlannedRun& run,
                    const Settings& settings) {
  ResolvedRun out;
  out.surface = run.surface;
  out.rpe = run.rpe;
  out.kind = run.kind;
  out.shoe = run.shoe;
  const auto recent = recent_pace_s_per_km(history, day);
  out.pace_from_history = recent.has_value();
  out.pace_s_per_km = recent ? *recent : settings.baseline().pace_s_per_km;
  if (run.distance_m && run.duration_s) {
    out.distance_m = *run.distance_m;
    out.duration_s = *run.duration_s;
    if (*run.distance_m > 0) out.pace_s_per_km = *run.duration_s / *run.distance_m * 1000.0;
    out.pace_from_history = false;
  } else if (run.distance_m) {
    out.distance_m = *run.distance_m;
    out.duration_s = *run.distance_m / 1000.0 * out.pace_s_per_km;
    out.duration_estimated = true;
  } else if (run.duration_s) {
    out.duration_s = *run.duration_s;
    out.distance_m = *run.duration_s / out.pace_s_per_km * 1000.0;
    out.distance_estimated = true;
  }
  std::optional<double> speed;
  if (run.distance_m && run.duration_s && *run.duration_s > 0) {
    speed = *run.distance_m / *run.duration_s;
  }
  std::optional<double> median;
  if (speed) median = load_context(history.activities, day).median_run_speed_mps;
  const auto intensity = planned_intensity(run.rpe, run.kind, speed, median);
  out.intensity_rpe = intensity.rpe;
  out.intensity_source = intensity.source;
  return out;
}

DailySeries::DailySeries(Day first, Day last) : first_(first), last_(last) {
  if (last >= first) days_.resize(static_cast<std::size_t>((last - first).count() + 1));
}

const DayTotals& DailySeries::at(Day day) const {
  if (days_.empty() || day < first_ || day > last_) return kEmptyDay;
  return days_[static_cast<std::size_t>((day - first_).count())];
}

DayTotals& DailySeries::mutable_at(Day day) {
  assert(!days_.empty() && day >= first_ && day <= last_);
  return days_[static_cast<std::size_t>((day - first_).count())];
}

std::optional<double> trimp(double minutes, double avg_hr_bpm, const Settings& settings) {
  if (!settings.hr_max_bpm || !settings.hr_rest_bpm || !settings.sex) return std::nullopt;
  if (!(avg_hr_bpm == avg_hr_bpm) || *settings.hr_max_bpm <= *settings.hr_rest_bpm) {
    return std::nullopt;
  }
  const double hrr = std::clamp(
      (avg_hr_bpm - *settings.hr_rest_bpm) / (*settings.hr_max_bpm - *settings.hr_rest_bpm), 0.0,
      1.0);
  const double k = *settings.sex == Sex::male ? 1.92 : 1.67;
  return minutes * hrr * 0.64 * std::exp(k * hrr);
}

namespace {

void add_run(DayTotals& t, double metres, double seconds, const std::vector<SurfaceShare>& surfaces,
             bool treadmill, const Settings& settings) {
  t.run_m += metres;
  t.run_s += seconds;
  t.longest_run_m = std::max(t.longest_run_m, metres);
  t.longest_run_s = std::max(t.longest_run_s, seconds);
  ++t.runs;
  if (treadmill) return;  // distance counts, surface exposure does not
  double listed = 0;
  for (const auto& s : surfaces) {
    if (s.surface == Surface::treadmill) continue;
    listed += s.distance_m;
    if (settings.is_hard(s.surface)) t.hard_m += s.distance_m;
  }
  // Without a split the whole run is on `unknown`; it still is outdoor running.
  t.surfaced_m += surfaces.empty() ? metres : listed;
  if (surfaces.empty() && settings.is_hard(Surface::unknown)) t.hard_m += metres;
}

}  // namespace

DailySeries build_series(const History& history, Day first, Day last, const Settings& settings) {
  DailySeries series(first, last);
  if (series.empty()) return series;
  const auto loads = session_loads(history.activities, settings);
  for (std::size_t i = 0; i < history.activities.size(); ++i) {
    const Activity& a = history.activities[i];
    if (a.local_date < first || a.local_date > last) continue;
    DayTotals& t = series.mutable_at(a.local_date);
    const double seconds = activity_seconds(a);
    const double minutes = seconds / 60.0;
    t.session_load += loads[i].load();
    if (is_run(a.sport)) {
      add_run(t, a.distance_m, seconds, a.surface_m, a.sport == Sport::treadmill_run, settings);
      (loads[i].rpe <= kEasyRpeMax ? t.run_easy_s : t.run_hard_s) += seconds;
      if (a.avg_cadence_spm == a.avg_cadence_spm && a.avg_cadence_spm > 0 && seconds > 0) {
        t.cadence_weighted += a.avg_cadence_spm * seconds;
        t.cadence_s += seconds;
      }
    } else {
      // Only a logged RPE makes a day of strength or cross-training hard.
      if (a.rpe && *a.rpe >= settings.hard_training_rpe) t.hard_training = true;
      if (a.sport == Sport::strength) t.strength = true;
    }
    if (auto tr = trimp(minutes, a.avg_hr_bpm, settings)) t.trimp += *tr;
  }
  return series;
}

void add_planned_run(DailySeries& series, Day day, const ResolvedRun& run,
                     const Settings& settings) {
  DayTotals& t = series.mutable_at(day);
  std::vector<SurfaceShare> surfaces{{run.surface, run.distance_m}};
  add_run(t, run.distance_m, run.duration_s, surfaces, run.surface == Surface::treadmill, settings);
  t.session_load += run.intensity_rpe * run.duration_s / 60.0;
  (run.intensity_rpe <= kEasyRpeMax ? t.run_easy_s : t.run_hard_s) += run.duration_s;
}

}  // namespace stride::engine
