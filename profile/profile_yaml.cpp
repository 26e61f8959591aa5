// profile.yaml -> Profile. Every error names the key and where it is, because a
// profile is hand-edited and a silent default would hide a typo in a threshold.
#include <date/date.h>
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <initializer_list>

#include "engine/datetime.hpp"
#include "profile/profile.hpp"
#include "profile/time_zone.hpp"
#include "yaml/reader.hpp"

namespace stride::profile {
namespace {

using engine::Surface;

std::string join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

class Reader {
 public:
  explicit Reader(const yaml::Reader& yaml) : yaml_(yaml) {}

  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    yaml_.fail(node, message);
  }

  /// Checks that `node` is a mapping with only `allowed` keys.
  void mapping(const YAML::Node& node, const std::string& path,
               std::initializer_list<std::string_view> allowed) const {
    if (!node.IsMap()) fail(node, fmt::format("'{}' must be a mapping", path));
    for (const auto& kv : node) {
      const auto key = kv.first.as<std::string>();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        fail(kv.first, fmt::format("unknown key '{}'", key));
      }
    }
  }

  std::string scalar(const YAML::Node& node, const std::string& path, std::string_view what) const {
    if (!node.IsScalar()) fail(node, fmt::format("'{}' must be {}", path, what));
    return node.Scalar();
  }

  double number(const YAML::Node& node, const std::string& path) const {
    const auto text = scalar(node, path, "a number");
    try {
      std::size_t used = 0;
      const double v = std::stod(text, &used);
      if (used == text.size() && std::isfinite(v)) return v;
    } catch (const std::exception&) {
    }
    fail(node, fmt::format("'{}' must be a number, not '{}'", path, text));
  }

  double number_in(const YAML::Node& node, const std::string& path, double lo, double hi) const {
    const double v = number(node, path);
    if (v < lo || v > hi) fail(node, fmt::format("'{}' must be between {} and {}", path, lo, hi));
    return v;
  }

  int integer(const YAML::Node& node, const std::string& path, int lo, int hi) const {
    const double v = number(node, path);
    if (v != std::floor(v)) fail(node, fmt::format("'{}' must be a whole number", path));
    if (v < lo || v > hi) fail(node, fmt::format("'{}' must be between {} and {}", path, lo, hi));
    return static_cast<int>(v);
  }

  bool boolean(const YAML::Node& node, const std::string& path) const {
    const auto text = scalar(node, path, "true or false");
    if (text == "true") return true;
    if (text == "false") return false;
    fail(node, fmt::format("'{}' must be true or false, not '{}'", path, text));
  }

  double distance_m(const YAML::Node& node, const std::string& path) const {
    const auto text = scalar(node, path, "a distance like 10 km");
    const auto v = engine::parse_distance_m(text);
    if (!v) fail(node, fmt::format("'{}' must be a distance like 10 km, not '{}'", path, text));
    if (*v < 0) fail(node, fmt::format("'{}' cannot be negative", path));
    return *v;
  }

  double duration_s(const YAML::Node& node, const std::string& path) const {
    const auto text = scalar(node, path, "a duration like 45 min");
    const auto v = engine::parse_duration_s(text);
    if (!v) fail(node, fmt::format("'{}' must be a duration like 45 min, not '{}'", path, text));
    if (*v < 0) fail(node, fmt::format("'{}' cannot be negative", path));
    return *v;
  }

  Surface surface(const YAML::Node& node, const std::string& path) const {
    const auto text = scalar(node, path, "a surface");
    const auto s = engine::parse_surface(text);
    if (!s) {
      fail(node,
           fmt::format("'{}' must be one of {}, not '{}'", path, engine::surface_names(), text));
    }
    return *s;
  }

  date::weekday weekday(const YAML::Node& node, const std::string& path) const {
    static constexpr std::string_view kNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    const auto text = scalar(node, path, "a weekday");
    for (unsigned i = 0; i < 7; ++i) {
      if (kNames[i] == text) return date::weekday{i};
    }
    fail(node, fmt::format("'{}' must be a weekday (mon ... sun), not '{}'", path, text));
  }

  void sequence(const YAML::Node& node, const std::string& path) const {
    if (!node.IsSequence()) fail(node, fmt::format("'{}' must be a list", path));
  }

 private:
  const yaml::Reader& yaml_;
};

/// {caution, danger, quiet_under} of a spike rule.
template <typename Quantity>
void spike(const Reader& r, const YAML::Node& node, const std::string& path, double& caution,
           double& danger, double& quiet_under, Quantity quantity) {
  r.mapping(node, path, {"caution", "danger", "quiet_under"});
  if (node["caution"]) caution = r.number_in(node["caution"], join(path, "caution"), 1.0, 100.0);
  if (node["danger"]) danger = r.number_in(node["danger"], join(path, "danger"), 1.0, 100.0);
  if (node["quiet_under"]) quiet_under = quantity(node["quiet_under"], join(path, "quiet_under"));
  if (danger < caution) {
    r.fail(node,
           fmt::format("'{}': danger ({}) must not be below caution ({})", path, danger, caution));
  }
}

void read_thresholds(const Reader& r, const YAML::Node& t, engine::Settings& s,
                     std::vector<std::string>& warnings) {
  const std::string p = "thresholds";
  r.mapping(t, p,
            {"single-run-spike", "duration-spike", "weekly-distance-spike", "weekly-duration-spike",
             "hard-surface", "consecutive-run-days", "no-rest-day", "hard_training_rpe", "monotony",
             "pain", "return-after-break", "strength-gap", "shoe-mileage", "low-cadence"});
  auto dist = [&](const YAML::Node& n, const std::string& path) { return r.distance_m(n, path); };
  auto dur = [&](const YAML::Node& n, const std::string& path) { return r.duration_s(n, path); };
  if (auto n = t["single-run-spike"]) {
    spike(r, n, join(p, "single-run-spike"), s.single_run_caution_ratio, s.single_run_danger_ratio,
          s.single_run_quiet_under_m, dist);
  }
  if (auto n = t["duration-spike"]) {
    spike(r, n, join(p, "duration-spike"), s.duration_caution_ratio, s.duration_danger_ratio,
          s.duration_quiet_under_s, dur);
  }
  if (auto n = t["weekly-distance-spike"]) {
    spike(r, n, join(p, "weekly-distance-spike"), s.weekly_distance_caution_ratio,
          s.weekly_distance_danger_ratio, s.weekly_distance_quiet_under_m, dist);
  }
  if (auto n = t["weekly-duration-spike"]) {
    spike(r, n, join(p, "weekly-duration-spike"), s.weekly_duration_caution_ratio,
          s.weekly_duration_danger_ratio, s.weekly_duration_quiet_under_s, dur);
  }
  if (auto n = t["hard-surface"]) {
    const auto path = join(p, "hard-surface");
    r.mapping(n, path, {"ratio", "share"});
    if (n["ratio"])
      s.hard_surface_caution_ratio = r.number_in(n["ratio"], join(path, "ratio"), 1, 100);
    if (n["share"]) s.hard_share_info = r.number_in(n["share"], join(path, "share"), 0, 1);
  }
  if (auto n = t["consecutive-run-days"]; n && !n.IsNull()) {
    s.max_consecutive_run_days = r.integer(n, join(p, "consecutive-run-days"), 1, 60);
  }
  if (auto n = t["no-rest-day"]) {
    const auto path = join(p, "no-rest-day");
    r.mapping(n, path, {"caution", "danger"});
    if (n["caution"])
      s.no_rest_caution_days = r.integer(n["caution"], join(path, "caution"), 2, 365);
    // The days-only danger band is gone (LOAD-SCIENCE.md `no-rest-day`): the
    // key is still read, with a word on what replaced it.
    if (n["danger"]) {
      r.integer(n["danger"], join(path, "danger"), 2, 365);
      warnings.push_back(fmt::format(
          "'{}' is no longer used: no-rest-day is a danger only on a day that also has a load "
          "alarm (a spike or return-after-break) or an open pain episode",
          join(path, "danger")));
    }
  }
  if (auto n = t["hard_training_rpe"]) {
    s.hard_training_rpe = r.integer(n, join(p, "hard_training_rpe"), 0, 10);
  }
  if (auto n = t["monotony"]) s.monotony_info = r.number_in(n, join(p, "monotony"), 0, 100);
  if (auto n = t["pain"]) {
    const auto path = join(p, "pain");
    r.mapping(n, path,
              {"red_flag", "bone_red_flag", "moderate", "mild_close_days", "persisting_days",
               "danger_level", "recent_days", "window_days"});
    if (n["red_flag"])
      s.pain_red_flag_level = r.integer(n["red_flag"], join(path, "red_flag"), 1, 10);
    if (n["bone_red_flag"])
      s.pain_bone_red_flag_level =
          r.integer(n["bone_red_flag"], join(path, "bone_red_flag"), 1, 10);
    if (n["moderate"])
      s.pain_moderate_level = r.integer(n["moderate"], join(path, "moderate"), 1, 10);
    // The 7-day pain window is gone (pain episodes replace it): the old keys
    // are still read, with a word on what replaced them.
    if (n["danger_level"] && !n["moderate"]) {
      s.pain_moderate_level = r.integer(n["danger_level"], join(path, "danger_level"), 1, 10);
      warnings.push_back(fmt::format("'{}' is renamed: use '{}'", join(path, "danger_level"),
                                     join(path, "moderate")));
    }
    if (n["recent_days"] || n["window_days"])
      warnings.push_back(fmt::format(
          "'{}' and '{}' are no longer used: pain episodes stay open until a 0 for the site "
          "(mild ones close after '{}')",
          join(path, "recent_days"), join(path, "window_days"), join(path, "mild_close_days")));
    if (n["mild_close_days"])
      s.pain_mild_close_days =
          r.integer(n["mild_close_days"], join(path, "mild_close_days"), 1, 365);
    if (n["persisting_days"])
      s.pain_persisting_days =
          r.integer(n["persisting_days"], join(path, "persisting_days"), 1, 365);
    if (s.pain_moderate_level > s.pain_red_flag_level)
      r.fail(n, fmt::format("'{}': moderate ({}) must not be above red_flag ({})", path,
                            s.pain_moderate_level, s.pain_red_flag_level));
  }
  if (auto n = t["return-after-break"]) {
    const auto path = join(p, "return-after-break");
    r.mapping(n, path, {"break_days", "fraction", "comeback_first_week", "comeback_growth"});
    if (n["break_days"]) {
      const int days = r.integer(n["break_days"], join(path, "break_days"), 1, 365);
      // The old rule's 14 (the old default written by init) meant something
      // else: a comeback window now opens after 7 days.
      if (n["comeback_first_week"] || n["comeback_growth"] || days != 14) {
        s.comeback_break_days = days;
      } else {
        warnings.push_back(fmt::format(
            "'{}: 14' is the old return-after-break rule's gap, no longer used: a comeback "
            "window opens after 7 days without running; set '{}' and '{}' to tune the ramp",
            join(path, "break_days"), join(path, "comeback_first_week"),
            join(path, "comeback_growth")));
      }
    }
    if (n["fraction"]) s.return_fraction = r.number_in(n["fraction"], join(path, "fraction"), 0, 1);
    if (auto f = n["comeback_first_week"]) {
      const auto fpath = join(path, "comeback_first_week");
      r.mapping(f, fpath, {"short_break", "long_break", "bone_red_flag"});
      auto& w = s.comeback_first_week;
      if (f["short_break"])
        w.short_break = r.number_in(f["short_break"], join(fpath, "short_break"), 0.05, 1);
      if (f["long_break"])
        w.long_break = r.number_in(f["long_break"], join(fpath, "long_break"), 0.05, 1);
      if (f["bone_red_flag"])
        w.bone_red_flag = r.number_in(f["bone_red_flag"], join(fpath, "bone_red_flag"), 0.05, 1);
    }
    if (n["comeback_growth"])
      s.comeback_growth = r.number_in(n["comeback_growth"], join(path, "comeback_growth"), 1, 2);
  }
  if (auto n = t["strength-gap"])
    s.strength_gap_days = r.integer(n, join(p, "strength-gap"), 1, 365);
  if (auto n = t["shoe-mileage"]) s.shoe_retirement_m = r.distance_m(n, join(p, "shoe-mileage"));
  if (auto n = t["low-cadence"]) s.low_cadence_spm = r.number_in(n, join(p, "low-cadence"), 0, 300);
}

void read_schedule(const Reader& r, const YAML::Node& n, Schedule& s) {
  const std::string p = "schedule";
  r.mapping(n, p,
            {"run_days", "long_run_day", "strength_per_week", "cross_training", "min_rest_days",
             "full_rest_days", "max_run_days_in_row", "max_weekly_distance", "surfaces_available",
             "strength_equipment", "strength_skip", "weekly_increase", "goal"});
  if (auto days = n["run_days"]) {
    r.sequence(days, join(p, "run_days"));
    for (const auto& d : days) {
      const auto day = r.weekday(d, join(p, "run_days"));
      if (std::find(s.run_days.begin(), s.run_days.end(), day) != s.run_days.end()) {
        r.fail(d, fmt::format("'{}' lists '{}' twice", join(p, "run_days"), d.Scalar()));
      }
      s.run_days.push_back(day);
    }
  }
  if (auto d = n["long_run_day"]; d && !d.IsNull()) {
    s.long_run_day = r.weekday(d, join(p, "long_run_day"));
  }
  if (auto v = n["strength_per_week"]) {
    s.strength_per_week = r.integer(v, join(p, "strength_per_week"), 0, 4);
  }
  if (auto v = n["cross_training"]) {
    r.sequence(v, join(p, "cross_training"));
    s.cross_training.clear();
    for (const auto& a : v) {
      const auto name = r.scalar(a, join(p, "cross_training"), "an activity name");
      if (name != "cycling" && name != "swimming" && name != "rowing" && name != "elliptical") {
        r.fail(a, fmt::format("'{}' must list cycling, swimming, rowing or elliptical, not '{}'",
                              join(p, "cross_training"), name));
      }
      s.cross_training.push_back(name);
    }
  }
  // `min_rest_days` is the old spelling of full_rest_days.
  if (auto v = n["min_rest_days"]; v && !v.IsNull())
    s.full_rest_days = r.integer(v, join(p, "min_rest_days"), 1, 6);
  if (auto v = n["full_rest_days"]; v && !v.IsNull())
    s.full_rest_days = r.integer(v, join(p, "full_rest_days"), 1, 6);
  if (auto v = n["max_run_days_in_row"]; v && !v.IsNull()) {
    s.max_run_days_in_row = r.integer(v, join(p, "max_run_days_in_row"), 1, 7);
  }
  if (auto v = n["max_weekly_distance"]; v && !v.IsNull()) {
    s.max_weekly_distance_m = r.distance_m(v, join(p, "max_weekly_distance"));
    if (*s.max_weekly_distance_m < 1000)
      r.fail(v, fmt::format("'{}' must be at least 1 km", join(p, "max_weekly_distance")));
  }
  if (auto v = n["surfaces_available"]; v && !v.IsNull()) {
    r.sequence(v, join(p, "surfaces_available"));
    for (const auto& x : v)
      s.surfaces_available.push_back(r.surface(x, join(p, "surfaces_available")));
  }
  if (auto v = n["strength_equipment"]; v && !v.IsNull()) {
    const auto text = r.scalar(v, join(p, "strength_equipment"), "none, dumbbells or gym");
    if (text != "none" && text != "dumbbells" && text != "gym")
      r.fail(v, fmt::format("'{}' must be none, dumbbells or gym, not '{}'",
                            join(p, "strength_equipment"), text));
    s.strength_equipment = text;
  }
  if (auto v = n["strength_skip"]; v && !v.IsNull()) {
    r.sequence(v, join(p, "strength_skip"));
    for (const auto& x : v)
      s.strength_skip.push_back(r.scalar(x, join(p, "strength_skip"), "an exercise name"));
  }
  if (auto v = n["weekly_increase"]) {
    s.weekly_increase = r.number_in(v, join(p, "weekly_increase"), 0, 0.30);
  }
  if (auto g = n["goal"]; g && !g.IsNull()) {
    const auto path = join(p, "goal");
    r.mapping(g, path, {"weekly", "race", "race_date"});
    if (g["weekly"]) s.goal_weekly_m = r.distance_m(g["weekly"], join(path, "weekly"));
    if (g["race"]) s.race_m = r.distance_m(g["race"], join(path, "race"));
    if (auto d = g["race_date"]) {
      const auto text = r.scalar(d, join(path, "race_date"), "a date like 2027-04-25");
      const auto parsed = engine::parse_day(text);
      if (!parsed) {
        r.fail(d, fmt::format("'{}' must be a date like 2027-04-25, not '{}'",
                              join(path, "race_date"), text));
      }
      s.race_date = date::year_month_day{*parsed};
    }
    if (s.race_m.has_value() != s.race_date.has_value()) {
      r.fail(g, fmt::format("'{}' needs both race and race_date", path));
    }
  }
  if (s.long_run_day && !s.run_days.empty() &&
      std::find(s.run_days.begin(), s.run_days.end(), *s.long_run_day) == s.run_days.end()) {
    r.fail(n["long_run_day"],
           fmt::format("'{}' must be one of the run_days", join(p, "long_run_day")));
  }
  if (!s.run_days.empty() && s.full_rest_days &&
      7 - static_cast<int>(s.run_days.size()) < *s.full_rest_days) {
    r.fail(n["run_days"], fmt::format("'{}' leaves fewer than full_rest_days ({}) rest days",
                                      join(p, "run_days"), *s.full_rest_days));
  }
}

engine::LatLon lat_lon(const Reader& r, const YAML::Node& lat, const YAML::Node& lon,
                       const std::string& path) {
  return {r.number_in(lat, join(path, "lat"), -90, 90),
          r.number_in(lon, join(path, "lon"), -180, 180)};
}

void read_zones(const Reader& r, const YAML::Node& n, std::vector<engine::Zone>& zones) {
  r.sequence(n, "zones");
  for (const auto& z : n) {
    r.mapping(z, "zones[]", {"name", "surface", "circle", "polygon"});
    engine::Zone zone;
    if (!z["name"]) r.fail(z, "a zone needs a 'name'");
    zone.name = r.scalar(z["name"], "zones[].name", "a name");
    const std::string path = "zones." + zone.name;
    if (!z["surface"]) r.fail(z, fmt::format("'{}' needs a 'surface'", path));
    zone.surface = r.surface(z["surface"], join(path, "surface"));
    if (z["circle"].IsDefined() == z["polygon"].IsDefined()) {
      r.fail(z, fmt::format("'{}' needs either 'circle' or 'polygon'", path));
    }
    if (auto c = z["circle"]) {
      const auto cpath = join(path, "circle");
      r.mapping(c, cpath, {"lat", "lon", "radius"});
      if (!c["lat"] || !c["lon"] || !c["radius"]) {
        r.fail(c, fmt::format("'{}' needs lat, lon and radius", cpath));
      }
      zone.shape = engine::Zone::Shape::circle;
      zone.centre = lat_lon(r, c["lat"], c["lon"], cpath);
      zone.radius_m = r.distance_m(c["radius"], join(cpath, "radius"));
      if (zone.radius_m <= 0)
        r.fail(c["radius"], fmt::format("'{}' must be above 0", join(cpath, "radius")));
    } else {
      const auto ppath = join(path, "polygon");
      const auto poly = z["polygon"];
      r.sequence(poly, ppath);
      zone.shape = engine::Zone::Shape::polygon;
      for (const auto& v : poly) {
        if (!v.IsSequence() || v.size() != 2)
          r.fail(v, fmt::format("'{}' points are [lat, lon]", ppath));
        zone.polygon.push_back(lat_lon(r, v[0], v[1], ppath));
      }
      if (zone.polygon.size() < 3) r.fail(poly, fmt::format("'{}' needs at least 3 points", ppath));
    }
    zones.push_back(std::move(zone));
  }
}

void read_shoes(const Reader& r, const YAML::Node& n, Profile& profile) {
  r.sequence(n, "shoes");
  for (const auto& s : n) {
    r.mapping(s, "shoes[]", {"name", "retirement", "default"});
    Shoe shoe;
    if (!s["name"]) r.fail(s, "a shoe needs a 'name'");
    shoe.name = r.scalar(s["name"], "shoes[].name", "a name");
    const std::string path = "shoes." + shoe.name;
    shoe.retirement_m = profile.settings.shoe_retirement_m;
    if (s["retirement"])
      shoe.retirement_m = r.distance_m(s["retirement"], join(path, "retirement"));
    if (s["default"]) shoe.is_default = r.boolean(s["default"], join(path, "default"));
    for (const auto& other : profile.shoes) {
      if (other.name == shoe.name)
        r.fail(s["name"], fmt::format("shoe '{}' is listed twice", shoe.name));
      if (other.is_default && shoe.is_default) {
        r.fail(s["default"],
               fmt::format("only one shoe can be the default ('{}' already is)", other.name));
      }
    }
    profile.shoes.push_back(std::move(shoe));
  }
}

}  // namespace

Profile load_profile(std::string_view yaml_text, std::string_view display_name,
                     std::string_view default_time_zone) {
  const yaml::Reader yaml(display_name, yaml_text);
  const Reader r(yaml);
  Profile profile = default_profile(default_time_zone);
  const YAML::Node root = yaml.load();
  if (root.IsNull()) return profile;  // an empty file: all defaults
  r.mapping(root, "profile",
            {"time_zone", "units", "experience", "default_surface", "hard_surfaces", "shoes",
             "zones", "heart_rate", "birth_year", "schedule", "thresholds", "load"});
  engine::Settings& s = profile.settings;

  if (auto n = root["time_zone"]; n && !n.IsNull()) {
    profile.time_zone = r.scalar(n, "time_zone", "a time zone name like Europe/Berlin");
    if (!is_time_zone(profile.time_zone))
      r.fail(n, fmt::format("'time_zone': unknown time zone '{}'", profile.time_zone));
  }
  if (auto n = root["units"]; n && !n.IsNull()) {
    const auto text = r.scalar(n, "units", "km or mi");
    const auto u = engine::parse_units(text);
    if (!u) r.fail(n, fmt::format("'units' must be km or mi, not '{}'", text));
    profile.units = *u;
  }
  if (auto n = root["experience"]; n && !n.IsNull()) {
    const auto text = r.scalar(n, "experience", "beginner, intermediate or advanced");
    const auto e = engine::parse_experience(text);
    if (!e) {
      r.fail(n, fmt::format("'experience' must be beginner, intermediate or advanced, not '{}'",
                            text));
    }
    s.experience = *e;
  }
  if (auto n = root["default_surface"]; n && !n.IsNull())
    profile.default_surface = r.surface(n, "default_surface");
  if (auto n = root["hard_surfaces"]; n && !n.IsNull()) {
    r.sequence(n, "hard_surfaces");
    s.hard_surfaces.clear();
    for (const auto& v : n) {
      const Surface surface = r.surface(v, "hard_surfaces");
      if (surface == Surface::treadmill) {
        r.fail(v, "'hard_surfaces' cannot list treadmill: it is never surface exposure");
      }
      s.hard_surfaces.push_back(surface);
    }
  }
  // Thresholds first: a shoe without its own retirement takes shoe-mileage.
  if (auto n = root["thresholds"]; n && !n.IsNull()) read_thresholds(r, n, s, profile.warnings);
  if (auto n = root["shoes"]; n && !n.IsNull()) read_shoes(r, n, profile);
  if (auto n = root["zones"]; n && !n.IsNull()) read_zones(r, n, profile.zones);
  if (auto n = root["heart_rate"]; n && !n.IsNull()) {
    // Each optional on its own (LOAD-SCIENCE.md "Load units"): session load
    // estimates a missing max and assumes a rest of 60; TRIMP needs all three.
    r.mapping(n, "heart_rate", {"max", "rest", "sex"});
    if (n["max"] && !n["max"].IsNull())
      s.hr_max_bpm = r.number_in(n["max"], "heart_rate.max", 100, 250);
    if (n["rest"] && !n["rest"].IsNull())
      s.hr_rest_bpm = r.number_in(n["rest"], "heart_rate.rest", 20, 120);
    if (s.hr_max_bpm && s.hr_rest_bpm && *s.hr_rest_bpm >= *s.hr_max_bpm)
      r.fail(n["rest"], "'heart_rate.rest' must be below max");
    if (n["sex"] && !n["sex"].IsNull()) {
      const auto text = r.scalar(n["sex"], "heart_rate.sex", "male or female");
      const auto sex = engine::parse_sex(text);
      if (!sex)
        r.fail(n["sex"], fmt::format("'heart_rate.sex' must be male or female, not '{}'", text));
      s.sex = *sex;
    }
  }
  if (auto n = root["birth_year"]; n && !n.IsNull())
    s.birth_year = r.integer(n, "birth_year", 1900, 2100);
  if (auto n = root["schedule"]; n && !n.IsNull()) read_schedule(r, n, profile.schedule);
  if (auto n = root["load"]; n && !n.IsNull()) {
    r.mapping(n, "load", {"ewma_decay", "fitness_days", "fatigue_days"});
    if (auto d = n["ewma_decay"]) {
      const auto text = r.scalar(d, "load.ewma_decay", "2/(n+1), 1-exp(-1/n) or 1/n");
      const auto decay = engine::parse_ewma_decay(text);
      if (!decay) {
        r.fail(d, fmt::format("'load.ewma_decay' must be 2/(n+1), 1-exp(-1/n) or 1/n, not '{}'",
                              text));
      }
      s.ewma_decay = *decay;
    }
    if (n["fitness_days"])
      s.fitness_days = r.integer(n["fitness_days"], "load.fitness_days", 1, 365);
    if (n["fatigue_days"])
      s.fatigue_days = r.integer(n["fatigue_days"], "load.fatigue_days", 1, 365);
  }

  s.units = profile.units;
  s.full_rest_days = profile.schedule.full_rest_days;
  s.shoes.clear();
  for (const auto& shoe : profile.shoes) s.shoes.push_back({shoe.name, shoe.retirement_m});
  return profile;
}

}  // namespace stride::profile
