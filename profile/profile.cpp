#include "profile/profile.hpp"

#include <fmt/format.h>

namespace stride::profile {

std::string Profile::default_shoe() const {
  for (const auto& s : shoes) {
    if (s.is_default) return s.name;
  }
  return {};
}

Profile default_profile(std::string_view time_zone) {
  Profile p;
  p.time_zone = std::string(time_zone);
  return p;
}

std::string default_profile_yaml(std::string_view time_zone) {
  // Every value below is the built-in default, written out so a runner can see
  // and change it. Sources: LOAD-SCIENCE.md; "product default" means no study
  // pins the exact number down.
  return fmt::format(R"(# stride profile: your settings and the thresholds of the load model.
# Every value here is the default; change what you need. Quantities are written
# like on the command line: 10 km, 6.2 mi, 800 m, 45 min, 1:30:00.

# Your calendar's time zone: fixes the training day of files without an offset.
time_zone: {}
# km or mi, for output and for CSV distances without a unit.
units: km
# beginner, intermediate or advanced. While your history is shorter than 28 days
# it lends a starting baseline: longest run 5 / 10 / 16 km, week 15 / 30 / 50 km.
experience: intermediate
# Surface of runs with no other information: road, track, treadmill, trail,
# grass, sand, snow, unknown.
default_surface: road
# Surfaces that count as hard (a treadmill never counts as surface exposure).
hard_surfaces: [road]

# Your shoes: retirement distance and which one a run gets by default.
#   shoes:
#     - {{name: Pegasus 40, retirement: 700 km, default: true}}
#     - {{name: Trail shoe, retirement: 600 km}}
shoes: []

# Surface zones: track points inside a zone get its surface.
#   zones:
#     - {{name: city park, surface: grass, circle: {{lat: 52.5145, lon: 13.3501, radius: 400 m}}}}
#     - {{name: stadium, surface: track, polygon: [[52.51, 13.35], [52.51, 13.36], [52.52, 13.36]]}}
zones: []

# Heart rate, each optional. Session load estimates an effort (RPE) from a
# session's average heart rate against max and rest; without max it takes the
# highest heart rate your files show (after a hard session) or, with a birth
# year, 208 - 0.7 x age (Tanaka 2001); without rest, 60. TRIMP needs all three.
#   heart_rate: {{max: 190, rest: 50, sex: male}}
#   birth_year: 1985

# What the planner builds weeks from.
schedule:
  run_days: []              # e.g. [tue, thu, sat, sun]; empty: the planner chooses
  long_run_day: null        # e.g. sun
  strength_per_week: 2      # Lauersen 2014: strength training cut sports injuries by two thirds
  cross_training: [cycling, swimming]
  full_rest_days: null      # days a week with no session at all; null: beginner 2, else 1 (product default)
  max_run_days_in_row: null # null: the consecutive-run-days limit
  max_weekly_distance: null # null: 80 km (beginner 40 km); a higher goal is capped, and the plan says so
  surfaces_available: []    # e.g. [road, trail]; empty: the surfaces you already run on
  strength_equipment: none  # none, dumbbells or gym
  strength_skip: []         # exercises that hurt, e.g. [lunge]
  weekly_increase: 0.10     # at most 0.30; a conservative preset, not a proven rule
  goal: {{}}                  # e.g. {{weekly: 40 km}} or {{race: 21.1 km, race_date: 2027-04-25}}

# Rule thresholds (ratios are "this run / the reference").
thresholds:
  single-run-spike: {{caution: 1.10, danger: 2.00, quiet_under: 500 m}}   # Frandsen 2025
  duration-spike: {{caution: 1.10, danger: 2.00, quiet_under: 5 min}}     # product default
  weekly-distance-spike: {{caution: 1.30, danger: 2.00, quiet_under: 3 km}}  # Nielsen 2014; danger: product default
  weekly-duration-spike: {{caution: 1.30, danger: 2.00, quiet_under: 20 min}}  # product default
  hard-surface: {{ratio: 1.5, share: 0.80}}       # product default: exposure, not risk
  consecutive-run-days: null                     # null: by experience (3 / 5 / 6); product default
  no-rest-day: {{caution: 7}}   # days; danger only with a same-day load alarm or open pain; product default
  hard_training_rpe: 7                           # strength/cross at this RPE is not a rest day
  monotony: 2.0                                  # Foster 1998; cut-off from practice
  # Pain episodes (product defaults): a note at red_flag or more, or at bone_red_flag or
  # more at a bone site, stops running until you log a 0; a latest note from moderate
  # up stops it until it settles; mild episodes close mild_close_days after their latest note.
  pain: {{red_flag: 6, bone_red_flag: 3, moderate: 4, mild_close_days: 14, persisting_days: 14}}
  # Comeback after break_days without running (product defaults): the first run at most
  # fraction x the longest run before the break; week 1 of the ramp is the pre-break week x
  # comeback_first_week (by the kind of break), each later week x comeback_growth.
  return-after-break:
    break_days: 7
    fraction: 0.60
    comeback_first_week: {{short_break: 0.75, long_break: 0.50, bone_red_flag: 0.30}}
    comeback_growth: 1.20
  strength-gap: 14                               # days; Lauersen 2014, 2018
  shoe-mileage: 700 km                           # product default
  low-cadence: 160                               # steps/min; Heiderscheit 2011

# Fitness (42 days), fatigue (7 days) and form: EWMA of daily session load.
# decay: 2/(n+1) (Williams 2017, Runalyze), 1-exp(-1/n) (GoldenCheetah) or 1/n.
load:
  ewma_decay: 2/(n+1)
  fitness_days: 42
  fatigue_days: 7
)",
                     time_zone);
}

}  // namespace stride::profile
