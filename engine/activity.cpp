#include "engine/activity.hpp"

#include <array>
#include <utility>

namespace stride::engine {
namespace {

template <typename E, std::size_t N>
std::optional<E> find_name(const std::array<std::pair<E, std::string_view>, N>& table,
                           std::string_view text) {
  for (const auto& [value, name] : table) {
    if (name == text) return value;
  }
  return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "?";
}

constexpr std::array<std::pair<Sport, std::string_view>, 11> kSportNames{{
    {Sport::run, "run"},
    {Sport::trail_run, "trail_run"},
    {Sport::treadmill_run, "treadmill_run"},
    {Sport::walk, "walk"},
    {Sport::hike, "hike"},
    {Sport::ride, "ride"},
    {Sport::swim, "swim"},
    {Sport::row, "row"},
    {Sport::elliptical, "elliptical"},
    {Sport::strength, "strength"},
    {Sport::other, "other"},
}};

constexpr std::array<std::pair<RunKind, std::string_view>, 6> kRunKindNames{{
    {RunKind::recovery, "recovery"},
    {RunKind::easy, "easy"},
    {RunKind::long_run, "long"},
    {RunKind::tempo, "tempo"},
    {RunKind::intervals, "intervals"},
    {RunKind::race, "race"},
}};

constexpr std::array<std::pair<Surface, std::string_view>, 8> kSurfaceNames{{
    {Surface::road, "road"},
    {Surface::track, "track"},
    {Surface::treadmill, "treadmill"},
    {Surface::trail, "trail"},
    {Surface::grass, "grass"},
    {Surface::sand, "sand"},
    {Surface::snow, "snow"},
    {Surface::unknown, "unknown"},
}};

constexpr std::array<std::pair<PainSite, std::string_view>, 11> kPainSiteNames{{
    {PainSite::knee_front, "knee-front"},
    {PainSite::knee_below, "knee-below"},
    {PainSite::knee_outer, "knee-outer"},
    {PainSite::hip_outer, "hip-outer"},
    {PainSite::shin_inner, "shin-inner"},
    {PainSite::shin_outer, "shin-outer"},
    {PainSite::calf, "calf"},
    {PainSite::ankle, "ankle"},
    {PainSite::foot, "foot"},
    {PainSite::back, "back"},
    {PainSite::other, "other"},
}};

}  // namespace

std::string_view to_string(Sport sport) { return name_of(kSportNames, sport); }
std::optional<Sport> parse_sport(std::string_view text) { return find_name(kSportNames, text); }
bool is_run(Sport sport) {
  return sport == Sport::run || sport == Sport::trail_run || sport == Sport::treadmill_run;
}

std::string_view to_string(RunKind kind) { return name_of(kRunKindNames, kind); }
std::optional<RunKind> parse_run_kind(std::string_view text) {
  return find_name(kRunKindNames, text);
}
bool is_hard(RunKind kind) {
  return kind == RunKind::tempo || kind == RunKind::intervals || kind == RunKind::race;
}

std::string_view to_string(Surface surface) { return name_of(kSurfaceNames, surface); }
std::optional<Surface> parse_surface(std::string_view text) {
  return find_name(kSurfaceNames, text);
}

std::string_view to_string(PainSite site) { return name_of(kPainSiteNames, site); }
std::optional<PainSite> parse_pain_site(std::string_view text) {
  return find_name(kPainSiteNames, text);
}

double Activity::distance_on(Surface surface) const {
  double total = 0;
  for (const auto& share : surface_m) {
    if (share.surface == surface) total += share.distance_m;
  }
  return total;
}

Day local_day(UtcTime t, std::int32_t utc_offset_s) {
  const auto local = t + std::chrono::seconds(utc_offset_s);
  return Day{date::floor<date::days>(local).time_since_epoch()};
}

}  // namespace stride::engine
