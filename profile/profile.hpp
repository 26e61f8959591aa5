#pragma once
/// The runner's profile (profile.yaml): the engine's settings plus what the
/// CLI and the planner need (time zone, units, shoes, zones, schedule).

#include <date/date.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "engine/quantity.hpp"
#include "engine/settings.hpp"
#include "engine/source_error.hpp"
#include "engine/zones.hpp"

namespace stride::profile {

struct Shoe {
  std::string name;
  double retirement_m = 700'000;
  bool is_default = false;

  friend bool operator==(const Shoe&, const Shoe&) = default;
};

/// What the planner works from.
struct Schedule {
  std::vector<date::weekday> run_days;  ///< empty: the planner chooses
  std::optional<date::weekday> long_run_day;
  int strength_per_week = 2;  ///< Lauersen
  std::vector<std::string> cross_training = {"cycling", "swimming"};
  /// Days a week with no session at all; unset: by experience (beginner 2,
  /// else 1). `min_rest_days`, its old spelling, is still read.
  std::optional<int> full_rest_days;
  /// A stricter limit than consecutive-run-days; unset: that rule's limit.
  std::optional<int> max_run_days_in_row;
  /// The weekly cap; unset: 80 km, beginner 40 km.
  std::optional<double> max_weekly_distance_m;
  /// Surfaces the runner can reach; empty: those of their own history.
  std::vector<engine::Surface> surfaces_available;
  std::string strength_equipment = "none";  ///< none, dumbbells, gym
  std::vector<std::string> strength_skip;   ///< exercises that hurt
  std::optional<double> goal_weekly_m;
  std::optional<double> race_m;
  std::optional<date::year_month_day> race_date;
  double weekly_increase = 0.10;  ///< at most 0.30

  friend bool operator==(const Schedule&, const Schedule&) = default;
};

struct Profile {
  engine::Settings settings;
  std::string time_zone;  ///< IANA name, e.g. `Europe/Berlin`
  engine::Units units = engine::Units::km;
  engine::Surface default_surface = engine::Surface::road;
  std::vector<Shoe> shoes;
  std::vector<engine::Zone> zones;
  Schedule schedule;
  /// Keys this version renamed or dropped, each naming its replacement: read
  /// (not an error), and said on stderr by the CLI.
  std::vector<std::string> warnings;

  /// The default shoe's name, empty without one.
  std::string default_shoe() const;

  friend bool operator==(const Profile&, const Profile&) = default;
};

/// A profile that cannot be used: `profile.yaml:12:3: unknown key 'treshold'`.
/// Profile errors are the one input-error type: file, line, column and the
/// offending line with a caret (full_text()).
using ProfileError = engine::SourceError;

/// Parses profile.yaml text. Missing keys take their defaults (time zone:
/// `default_time_zone`); unknown keys, wrong types and impossible values throw
/// ProfileError naming the key with line and column.
Profile load_profile(std::string_view yaml_text, std::string_view display_name,
                     std::string_view default_time_zone = "UTC");

/// The defaults, in `time_zone`.
Profile default_profile(std::string_view time_zone);

/// The commented profile `stride init` writes; loads back to default_profile.
std::string default_profile_yaml(std::string_view time_zone);

}  // namespace stride::profile
