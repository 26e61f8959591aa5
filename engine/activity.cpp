#include "engine/activity.hpp"

#include <array>
#include <cctype>
#include <string>
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

// The words runners use for the same surfaces (PRODUCT.md, Surfaces), each
// after the surfaces of its kind.
constexpr std::array<std::pair<Surface, std::string_view>, 5> kSurfaceAliases{{
    {Surface::road, "asphalt"},
    {Surface::road, "concrete"},
    {Surface::road, "pavement"},
    {Surface::trail, "dirt"},
    {Surface::trail, "gravel"},
}};

constexpr std::array<std::pair<PainSite, std::string_view>, 12> kPainSiteNames{{
    {PainSite::knee_front, "knee-front"},
    {PainSite::knee_below, "knee-below"},
    {PainSite::knee_outer, "knee-outer"},
    {PainSite::hip_outer, "hip-outer"},
    {PainSite::hip_front, "hip-front"},
    {PainSite::shin_inner, "shin-inner"},
    {PainSite::shin_outer, "shin-outer"},
    {PainSite::calf, "calf"},
    {PainSite::ankle, "ankle"},
    {PainSite::foot, "foot"},
    {PainSite::back, "back"},
    {PainSite::other, "other"},
}};

constexpr std::array<std::pair<MedicalFlag, std::string_view>, 8> kMedicalFlagNames{{
    {MedicalFlag::chest_pain, "chest-pain"},
    {MedicalFlag::fainting, "fainting"},
    {MedicalFlag::calf_swelling, "calf-swelling"},
    {MedicalFlag::locking, "locking"},
    {MedicalFlag::giving_way, "giving-way"},
    {MedicalFlag::fever, "fever"},
    {MedicalFlag::night_pain, "night-pain"},
    {MedicalFlag::rest_pain, "rest-pain"},
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
  std::string word(text);
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (auto s = find_name(kSurfaceNames, word)) return s;
  return find_name(kSurfaceAliases, word);
}

std::string surface_names(bool with_unknown) {
  std::string out;
  for (const auto& [surface, name] : kSurfaceNames) {
    if (surface == Surface::unknown && !with_unknown) continue;
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

std::string surface_alias_words() {
  std::string out;
  for (std::size_t i = 0; i < kSurfaceAliases.size(); ++i) {
    const Surface s = kSurfaceAliases[i].first;
    out += kSurfaceAliases[i].second;
    if (i + 1 == kSurfaceAliases.size() || kSurfaceAliases[i + 1].first != s) {
      out += " for ";
      out += to_string(s);
      if (i + 1 != kSurfaceAliases.size()) out += "; ";
    } else {
      out += ", ";
    }
  }
  return out;
}

std::string unknown_surface_message(std::string_view name, bool with_unknown) {
  std::string out = "unknown surface '";
  out += name;
  out += "' (";
  out += surface_names(with_unknown);
  out += "; ";
  out += surface_alias_words();
  out += ")";
  return out;
}

std::string_view to_string(PainSite site) { return name_of(kPainSiteNames, site); }
std::optional<PainSite> parse_pain_site(std::string_view text) {
  return find_name(kPainSiteNames, text);
}

std::string_view to_string(MedicalFlag flag) { return name_of(kMedicalFlagNames, flag); }
std::optional<MedicalFlag> parse_medical_flag(std::string_view text) {
  return find_name(kMedicalFlagNames, text);
}

const std::vector<MedicalFlag>& all_medical_flags() {
  static const std::vector<MedicalFlag> flags = [] {
    std::vector<MedicalFlag> out;
    for (const auto& [flag, name] : kMedicalFlagNames) out.push_back(flag);
    return out;
  }();
  return flags;
}

const std::vector<PainSite>& all_pain_sites() {
  static const std::vector<PainSite> sites = [] {
    std::vector<PainSite> out;
    for (const auto& [site, name] : kPainSiteNames) out.push_back(site);
    return out;
  }();
  return sites;
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
