#include "profile/profile.hpp"

#include "tests/support/catch.hpp"

using namespace stride;
using profile::load_profile;
using profile::ProfileError;

namespace {

std::string error_of(std::string_view yaml) {
  try {
    load_profile(yaml, "profile.yaml");
  } catch (const ProfileError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("profile: the default profile text loads back to the defaults", "[profile]") {
  const auto text = profile::default_profile_yaml("Europe/Berlin");
  const auto loaded = load_profile(text, "profile.yaml");
  const auto defaults = profile::default_profile("Europe/Berlin");
  CHECK(loaded.time_zone == "Europe/Berlin");
  CHECK(loaded.settings == defaults.settings);
  CHECK(loaded.schedule == defaults.schedule);
  CHECK(loaded == defaults);
  CHECK(text.find("# ") == 0);  // commented for people
}

TEST_CASE("profile: an empty file is all defaults in the given time zone", "[profile]") {
  const auto p = load_profile("", "profile.yaml", "America/New_York");
  CHECK(p == profile::default_profile("America/New_York"));
  CHECK(p.settings.single_run_caution_ratio == 1.10);
  CHECK(p.settings.consecutive_run_days_limit() == 5);
  // A section left empty is a section of defaults.
  CHECK(load_profile("shoes:\nthresholds:\nschedule:\n", "profile.yaml", "UTC") ==
        profile::default_profile("UTC"));
}

TEST_CASE("profile: values are read into the settings", "[profile]") {
  const auto p = load_profile(R"(time_zone: Europe/London
units: mi
experience: beginner
default_surface: trail
hard_surfaces: [road, track]
shoes:
  - {name: Pegasus, retirement: 500 km, default: true}
  - {name: Speed, retirement: 300 mi}
zones:
  - {name: park, surface: grass, circle: {lat: 51.5, lon: -0.1, radius: 400 m}}
  - {name: stadium, surface: track, polygon: [[51.5, -0.1], [51.5, -0.09], [51.51, -0.09]]}
heart_rate: {max: 190, rest: 50, sex: female}
schedule:
  run_days: [tue, thu, sun]
  long_run_day: sun
  goal: {race: 21.1 km, race_date: 2027-04-25}
thresholds:
  single-run-spike: {caution: 1.2, quiet_under: 1 km}
  duration-spike: {quiet_under: 10 min}
  consecutive-run-days: 4
  shoe-mileage: 800 km
load: {ewma_decay: 1/n, fitness_days: 28}
)",
                              "profile.yaml");
  CHECK(p.units == engine::Units::mi);
  CHECK(p.settings.units == engine::Units::mi);
  CHECK(p.settings.experience == engine::Experience::beginner);
  CHECK(p.default_surface == engine::Surface::trail);
  CHECK(p.settings.is_hard(engine::Surface::track));
  CHECK(p.default_shoe() == "Pegasus");
  REQUIRE(p.shoes.size() == 2);
  CHECK(p.shoes[1].retirement_m == Approx(300 * engine::kMetresPerMile));
  CHECK(p.settings.retirement_m_for("Pegasus") == 500000);
  CHECK(p.settings.retirement_m_for("other") == 800000);
  REQUIRE(p.zones.size() == 2);
  CHECK(p.zones[0].radius_m == 400);
  CHECK(p.zones[1].polygon.size() == 3);
  CHECK(p.settings.sex == engine::Sex::female);
  CHECK(p.schedule.run_days.size() == 3);
  CHECK(p.schedule.long_run_day == date::Sunday);
  CHECK(p.schedule.race_m == Approx(21100));
  CHECK(p.settings.single_run_caution_ratio == 1.2);
  CHECK(p.settings.single_run_danger_ratio == 2.0);
  CHECK(p.settings.single_run_quiet_under_m == 1000);
  CHECK(p.settings.duration_quiet_under_s == 600);
  CHECK(p.settings.consecutive_run_days_limit() == 4);
  CHECK(p.settings.ewma_decay == engine::EwmaDecay::one_over_n);
  CHECK(p.settings.fitness_days == 28);
}

TEST_CASE("profile: errors name the key with line and column", "[profile]") {
  CHECK(error_of("units: km\nthresholds:\n  treshold: 3\n") ==
        "profile.yaml:3:3: unknown key 'treshold'");
  CHECK(error_of("experiense: beginner\n") == "profile.yaml:1:1: unknown key 'experiense'");
  CHECK(error_of("thresholds:\n  monotony: high\n") ==
        "profile.yaml:2:13: 'thresholds.monotony' must be a number, not 'high'");
  CHECK(error_of("thresholds:\n  single-run-spike: {caution: 1.5, danger: 1.2}\n") ==
        "profile.yaml:2:21: 'thresholds.single-run-spike': danger (1.2) must not be below "
        "caution (1.5)");
  CHECK(error_of("thresholds:\n  single-run-spike: {caution: 0.9}\n") ==
        "profile.yaml:2:31: 'thresholds.single-run-spike.caution' must be between 1 and 100");
  CHECK(error_of("time_zone: Mars/Olympus\n") ==
        "profile.yaml:1:12: 'time_zone': unknown time zone 'Mars/Olympus'");
  CHECK(error_of("experience: expert\n") ==
        "profile.yaml:1:13: 'experience' must be beginner, intermediate or advanced, not "
        "'expert'");
  CHECK(error_of("shoes: {name: x}\n") == "profile.yaml:1:8: 'shoes' must be a list");
  CHECK(error_of("schedule:\n  weekly_increase: 0.5\n") ==
        "profile.yaml:2:20: 'schedule.weekly_increase' must be between 0 and 0.3");
  CHECK(error_of("thresholds:\n  shoe-mileage: far\n") ==
        "profile.yaml:2:17: 'thresholds.shoe-mileage' must be a distance like 10 km, not 'far'");
  CHECK(error_of("hard_surfaces: [road, treadmill]\n") ==
        "profile.yaml:1:23: 'hard_surfaces' cannot list treadmill: it is never surface exposure");
  CHECK(error_of("heart_rate: {max: 110, rest: 115}\n") ==
        "profile.yaml:1:30: 'heart_rate.rest' must be below max");
  CHECK(error_of("birth_year: 1850\n") ==
        "profile.yaml:1:13: 'birth_year' must be between 1900 and 2100");
  // YAML syntax, in words at the place to fix: the unclosed bracket, the tab.
  CHECK(error_of("units: [km\n") ==
        "profile.yaml:1:8: this '[' is never closed: add the ']' after its last entry");
  CHECK(error_of("time_zone: UTC\nshoes:\n  - name: Ghost 15\n \t- name: Pegasus\n") ==
        "profile.yaml:4:2: a tab in the indentation: YAML indents with spaces only (replace the "
        "tab with spaces)");
  CHECK(error_of("- a\n- b\n") == "profile.yaml:1:1: 'profile' must be a mapping");
}

TEST_CASE("profile: heart-rate settings each on their own, and a birth year", "[profile]") {
  auto p = load_profile("heart_rate: {max: 190}\nbirth_year: 1980\n", "profile.yaml");
  CHECK(p.settings.hr_max_bpm == 190);
  CHECK_FALSE(p.settings.hr_rest_bpm);
  CHECK_FALSE(p.settings.sex);
  CHECK(p.settings.birth_year == 1980);
  p = load_profile("heart_rate: {rest: 48, sex: female}\n", "profile.yaml");
  CHECK_FALSE(p.settings.hr_max_bpm);
  CHECK(p.settings.hr_rest_bpm == 48);
  CHECK(p.settings.sex == stride::engine::Sex::female);
}

TEST_CASE("profile: a ProfileError keeps its parts", "[profile]") {
  try {
    load_profile("units: furlongs\n", "my.yaml");
    FAIL("no error");
  } catch (const ProfileError& e) {
    CHECK(e.display_name() == "my.yaml");
    CHECK(e.line() == 1);
    CHECK(e.column() == 8);
    CHECK(e.message() == "'units' must be km or mi, not 'furlongs'");
  }
}

TEST_CASE("profile: pain and comeback settings; the old pain keys are read with a warning",
          "[profile]") {
  const auto p = load_profile(
      "thresholds:\n"
      "  pain: {red_flag: 7, bone_red_flag: 2, moderate: 5, mild_close_days: 10}\n"
      "  return-after-break:\n"
      "    fraction: 0.5\n"
      "    comeback_first_week: {short_break: 0.8, long_break: 0.6, bone_red_flag: 0.25}\n"
      "    comeback_growth: 1.1\n",
      "profile.yaml");
  CHECK(p.warnings.empty());
  CHECK(p.settings.pain_red_flag_level == 7);
  CHECK(p.settings.pain_bone_red_flag_level == 2);
  CHECK(p.settings.pain_moderate_level == 5);
  CHECK(p.settings.pain_mild_close_days == 10);
  CHECK(p.settings.return_fraction == 0.5);
  CHECK(p.settings.comeback_first_week.short_break == 0.8);
  CHECK(p.settings.comeback_first_week.long_break == 0.6);
  CHECK(p.settings.comeback_first_week.bone_red_flag == 0.25);
  CHECK(p.settings.comeback_growth == 1.1);

  // The profile `stride init` wrote before pain episodes: still read.
  const auto old = load_profile(
      "thresholds:\n"
      "  pain: {danger_level: 5, recent_days: 3, window_days: 7}\n"
      "  return-after-break: {break_days: 14, fraction: 0.60}\n",
      "profile.yaml");
  CHECK(old.settings.pain_moderate_level == 5);
  CHECK(old.settings.comeback_break_days == 7);  // the old 14 meant the old rule's gap
  REQUIRE(old.warnings.size() == 3);
  CHECK(old.warnings[0] ==
        "'thresholds.pain.danger_level' is renamed: use 'thresholds.pain.moderate'");
  CHECK(old.warnings[1].find("'thresholds.pain.mild_close_days'") != std::string::npos);
  CHECK(old.warnings[2].find("'thresholds.return-after-break.comeback_first_week'") !=
        std::string::npos);
  CHECK(error_of("thresholds:\n  pain: {moderate: 7}\n").find("must not be above red_flag") !=
        std::string::npos);

  // no-rest-day's days-only danger band is gone: the old key is read, with a word.
  const auto rest =
      load_profile("thresholds:\n  no-rest-day: {caution: 8, danger: 14}\n", "profile.yaml");
  CHECK(rest.settings.no_rest_caution_days == 8);
  REQUIRE(rest.warnings.size() == 1);
  CHECK(rest.warnings[0].find("'thresholds.no-rest-day.danger' is no longer used") !=
        std::string::npos);
}
