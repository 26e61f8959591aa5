#include "engine/load.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

namespace stride::engine {
namespace {

bool known(double v) { return v == v && v > 0; }

/// A logged RPE this high or a hard kind vouches for the observed maximum.
constexpr int kHardRpe = 7;

bool hard_session(const Activity& a) {
  return (a.kind && is_hard(*a.kind)) || (a.rpe && *a.rpe >= kHardRpe);
}

/// The median of an ascending vector.
std::optional<double> median_of(const std::vector<double>& sorted) {
  if (sorted.empty()) return std::nullopt;
  const std::size_t mid = (sorted.size() - 1) / 2;
  if (sorted.size() % 2 == 1) return sorted[mid];
  return (sorted[mid] + sorted[mid + 1]) / 2.0;
}

// A 90-day window holds a few dozen runs: a sorted vector beats a tree here,
// and the pre-run check derives every session's load several times.
void insert_sorted(std::vector<double>& sorted, double v) {
  sorted.insert(std::upper_bound(sorted.begin(), sorted.end(), v), v);
}
void erase_sorted(std::vector<double>& sorted, double v) {
  const auto it = std::lower_bound(sorted.begin(), sorted.end(), v);
  if (it != sorted.end() && *it == v) sorted.erase(it);
}

int year_of(Day day) { return static_cast<int>(date::year_month_day{day}.year()); }

}  // namespace

std::string_view to_string(LoadSource source) {
  switch (source) {
    case LoadSource::rpe:
      return "rpe";
    case LoadSource::kind:
      return "kind";
    case LoadSource::hr:
      return "hr";
    case LoadSource::pace:
      return "pace";
    case LoadSource::sport_default:
      return "default";
  }
  return "?";
}

std::optional<LoadSource> parse_load_source(std::string_view text) {
  for (auto s : {LoadSource::rpe, LoadSource::kind, LoadSource::hr, LoadSource::pace,
                 LoadSource::sport_default}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

int kind_rpe(RunKind kind) {
  switch (kind) {
    case RunKind::recovery:
      return 2;
    case RunKind::easy:
      return 3;
    case RunKind::long_run:
      return 4;
    case RunKind::tempo:
      return 6;
    case RunKind::intervals:
      return 7;
    case RunKind::race:
      return 8;
  }
  return 3;
}

int hr_reserve_rpe(double f) {
  if (f < 0.60) return 3;
  if (f < 0.70) return 4;
  if (f < 0.80) return 5;
  if (f < 0.85) return 6;
  if (f < 0.90) return 7;
  return 8;
}

int sport_default_rpe(Sport sport) {
  switch (sport) {
    case Sport::run:
    case Sport::trail_run:
    case Sport::treadmill_run:
      return 4;
    case Sport::walk:
    case Sport::hike:
      return 2;
    case Sport::ride:
      return 3;
    case Sport::swim:
    case Sport::row:
      return 4;
    case Sport::elliptical:
      return 3;
    case Sport::strength:
      return 5;
    case Sport::other:
      return 3;
  }
  return 3;
}

double tanaka_hr_max(double age_years) { return 208.0 - 0.7 * age_years; }

std::optional<double> hr_percentile_99(const std::vector<TrackPoint>& points) {
  std::vector<double> hr;
  hr.reserve(points.size());
  for (const auto& p : points)
    if (known(p.hr_bpm)) hr.push_back(p.hr_bpm);
  if (hr.empty()) return std::nullopt;
  // Nearest rank: the smallest value with at least 99 % of the samples at or below it.
  const auto rank = static_cast<std::size_t>(std::ceil(0.99 * static_cast<double>(hr.size())));
  const auto k = std::max<std::size_t>(rank, 1) - 1;
  std::nth_element(hr.begin(), hr.begin() + static_cast<std::ptrdiff_t>(k), hr.end());
  return hr[k];
}

std::optional<double> mean_hr(const std::vector<TrackPoint>& points) {
  double sum = 0;
  std::size_t n = 0;
  for (const auto& p : points) {
    if (!known(p.hr_bpm)) continue;
    sum += p.hr_bpm;
    ++n;
  }
  if (n == 0) return std::nullopt;
  return sum / static_cast<double>(n);
}

double session_minutes(const Activity& a) {
  return (a.moving_s > 0 ? a.moving_s : std::max(a.elapsed_s, 0.0)) / 60.0;
}

std::optional<double> run_speed_mps(const Activity& a) {
  if (!is_run(a.sport) || a.distance_m <= 0) return std::nullopt;
  const double s = session_minutes(a) * 60.0;
  if (s <= 0) return std::nullopt;
  return a.distance_m / s;
}

std::optional<double> hr_max_for(const Settings& settings, const LoadContext& context, Day day) {
  if (settings.hr_max_bpm) return *settings.hr_max_bpm;
  std::optional<double> best;
  if (context.observed_hr_max_bpm && (settings.birth_year || context.hard_session_365d)) {
    best = *context.observed_hr_max_bpm;
  }
  if (settings.birth_year) {
    const double tanaka = tanaka_hr_max(year_of(day) - *settings.birth_year);
    best = best ? std::max(*best, tanaka) : tanaka;
  }
  return best;
}

SessionLoad session_load(const Activity& a, const Settings& settings, const LoadContext& context) {
  SessionLoad out;
  out.minutes = session_minutes(a);
  if (a.rpe) {
    out.rpe = *a.rpe;
    out.source = LoadSource::rpe;
    return out;
  }
  if (a.kind && is_run(a.sport)) {
    out.rpe = kind_rpe(*a.kind);
    out.source = LoadSource::kind;
    return out;
  }
  if (known(a.avg_hr_bpm)) {
    const double rest = settings.hr_rest_bpm.value_or(kDefaultHrRestBpm);
    if (const auto max = hr_max_for(settings, context, a.local_date); max && *max > rest) {
      const double f = (a.avg_hr_bpm - rest) / (*max - rest);
      out.rpe = hr_reserve_rpe(f);
      out.source = LoadSource::hr;
      out.hr_reserve = f;
      out.hr_max_bpm = *max;
      return out;
    }
  }
  if (const auto speed = run_speed_mps(a); speed && context.median_run_speed_mps) {
    out.rpe = *speed > *context.median_run_speed_mps / kPaceHardShare + kTolerance ? 6 : 3;
    out.source = LoadSource::pace;
    return out;
  }
  out.rpe = sport_default_rpe(a.sport);
  out.source = LoadSource::sport_default;
  return out;
}

std::vector<SessionLoad> session_loads(const std::vector<Activity>& activities,
                                       const Settings& settings) {
  std::vector<SessionLoad> out(activities.size());
  std::vector<std::size_t> order(activities.size());
  std::iota(order.begin(), order.end(), 0);
  const auto by_date = [&](std::size_t x, std::size_t y) {
    return activities[x].local_date < activities[y].local_date;
  };
  // The store lists by start time, so the history is usually in date order already.
  if (!std::is_sorted(order.begin(), order.end(), by_date)) {
    std::stable_sort(order.begin(), order.end(), by_date);
  }

  // Sliding windows over the date-sorted activities: heart rate over the 365
  // days ending with the day, run speeds over the 90 days before it.
  std::multiset<double> p99s;
  std::vector<double> speeds;
  int hard = 0;
  std::size_t hr_in = 0, hr_out = 0, pace_in = 0, pace_out = 0;
  const auto& act = [&](std::size_t i) -> const Activity& { return activities[order[i]]; };
  const std::size_t n = order.size();
  for (std::size_t i = 0; i < n;) {
    const Day day = act(i).local_date;
    for (; hr_in < n && act(hr_in).local_date <= day; ++hr_in) {
      if (known(act(hr_in).hr_p99_bpm)) p99s.insert(act(hr_in).hr_p99_bpm);
      if (hard_session(act(hr_in))) ++hard;
    }
    const Day hr_from = day - date::days{kHrMaxWindowDays - 1};
    for (; hr_out < hr_in && act(hr_out).local_date < hr_from; ++hr_out) {
      if (known(act(hr_out).hr_p99_bpm)) p99s.erase(p99s.find(act(hr_out).hr_p99_bpm));
      if (hard_session(act(hr_out))) --hard;
    }
    for (; pace_in < n && act(pace_in).local_date < day; ++pace_in) {
      if (const auto v = run_speed_mps(act(pace_in))) insert_sorted(speeds, *v);
    }
    const Day pace_from = day - date::days{kPaceMedianDays};
    for (; pace_out < pace_in && act(pace_out).local_date < pace_from; ++pace_out) {
      if (const auto v = run_speed_mps(act(pace_out))) erase_sorted(speeds, *v);
    }
    LoadContext context;
    if (!p99s.empty()) context.observed_hr_max_bpm = *p99s.rbegin();
    context.hard_session_365d = hard > 0;
    context.median_run_speed_mps = median_of(speeds);
    for (; i < n && act(i).local_date == day; ++i) {
      out[order[i]] = session_load(act(i), settings, context);
    }
  }
  return out;
}

LoadContext load_context(const std::vector<Activity>& activities, Day day) {
  LoadContext context;
  std::vector<double> speeds;
  const Day hr_from = day - date::days{kHrMaxWindowDays - 1};
  const Day pace_from = day - date::days{kPaceMedianDays};
  for (const auto& a : activities) {
    if (a.local_date > day) continue;
    if (a.local_date >= hr_from) {
      if (known(a.hr_p99_bpm)) {
        context.observed_hr_max_bpm =
            std::max(context.observed_hr_max_bpm.value_or(a.hr_p99_bpm), a.hr_p99_bpm);
      }
      if (hard_session(a)) context.hard_session_365d = true;
    }
    if (a.local_date >= pace_from && a.local_date < day) {
      if (const auto v = run_speed_mps(a)) speeds.push_back(*v);
    }
  }
  std::sort(speeds.begin(), speeds.end());
  context.median_run_speed_mps = median_of(speeds);
  return context;
}

PlannedIntensity planned_intensity(std::optional<int> rpe, std::optional<RunKind> kind,
                                   std::optional<double> speed_mps,
                                   std::optional<double> median_run_speed_mps) {
  if (rpe) return {*rpe, LoadSource::rpe};
  if (kind) return {kind_rpe(*kind), LoadSource::kind};
  if (speed_mps && median_run_speed_mps) {
    return {*speed_mps > *median_run_speed_mps / kPaceHardShare + kTolerance ? 6 : 3,
            LoadSource::pace};
  }
  return {kind_rpe(RunKind::easy), LoadSource::sport_default};
}

}  // namespace stride::engine
