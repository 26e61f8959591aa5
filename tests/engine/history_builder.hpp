#pragma once
// Small builders for hand-made histories in engine tests.

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "engine/evaluate.hpp"

namespace stride::test {

using engine::Activity;
using engine::Day;
using engine::Sport;
using engine::Surface;

/// 2026-01-05, a Monday: "D" in the tests.
inline Day d0() { return date::local_days{date::year{2026} / 1 / 5}; }
inline Day at(int offset) { return d0() + date::days{offset}; }

inline Activity run(int day, double km, double minutes, Surface surface = Surface::road,
                    Sport sport = Sport::run) {
  Activity a;
  a.sport = sport;
  a.local_date = at(day);
  a.distance_m = km * 1000.0;
  a.moving_s = minutes * 60.0;
  a.elapsed_s = a.moving_s;
  if (surface != Surface::unknown) a.surface_m = {{surface, a.distance_m}};
  return a;
}

/// The activity with a logged RPE (its session load is then RPE x minutes).
inline Activity rated(Activity a, int rpe) {
  a.rpe = rpe;
  return a;
}

inline Activity session(int day, Sport sport, double minutes, std::optional<int> rpe = {}) {
  Activity a;
  a.sport = sport;
  a.local_date = at(day);
  a.moving_s = minutes * 60.0;
  a.elapsed_s = a.moving_s;
  a.rpe = rpe;
  return a;
}

inline engine::PainNote pain(int day, engine::PainSite site, int level, bool gait = false,
                             std::int64_t id = 0) {
  engine::PainNote p;
  p.id = id;
  p.date = at(day);
  p.site = site;
  p.level = level;
  p.changes_gait = gait;
  return p;
}

inline engine::PlannedRun planned(double km, std::optional<double> minutes = {},
                                  Surface surface = Surface::road) {
  engine::PlannedRun p;
  p.distance_m = km * 1000.0;
  if (minutes) p.duration_s = *minutes * 60.0;
  p.surface = surface;
  return p;
}

/// The warning of one rule, or nullopt.
inline std::optional<engine::Warning> find(const std::vector<engine::Warning>& warnings,
                                           engine::RuleId id) {
  auto it = std::find_if(warnings.begin(), warnings.end(),
                         [id](const engine::Warning& w) { return w.rule == id; });
  if (it == warnings.end()) return std::nullopt;
  return *it;
}

inline std::optional<engine::Severity> severity_of(const std::vector<engine::Warning>& warnings,
                                                   engine::RuleId id) {
  auto w = find(warnings, id);
  if (!w) return std::nullopt;
  return w->severity;
}

/// A history long enough (first activity 60 days back) that no starting
/// baseline is lent: a strength session adds no running.
inline engine::History long_history() {
  engine::History h;
  h.activities.push_back(session(-60, Sport::strength, 30));
  return h;
}

}  // namespace stride::test
