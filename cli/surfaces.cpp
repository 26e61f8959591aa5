#include "cli/surfaces.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "engine/zones.hpp"
#include "profile/profile.hpp"
#include "store/store.hpp"

namespace stride::cli {
namespace {

constexpr const char* kFingerprintKey = "zones_fingerprint";

bool has_position(const std::vector<engine::TrackPoint>& points) {
  return std::any_of(points.begin(), points.end(),
                     [](const engine::TrackPoint& p) { return p.has_position(); });
}

}  // namespace

std::string zones_fingerprint(const profile::Profile& profile) {
  // %.9g keeps every digit a profile can hold in a sane way and prints the
  // same text for the same value on every run.
  std::string out = fmt::format("default={};", engine::to_string(profile.default_surface));
  for (const auto& z : profile.zones) {
    out += fmt::format("{}|{}|", z.name, engine::to_string(z.surface));
    if (z.shape == engine::Zone::Shape::circle)
      out += fmt::format("circle {:.9g} {:.9g} {:.9g}", z.centre.lat_deg, z.centre.lon_deg,
                         z.radius_m);
    else
      for (const auto& v : z.polygon)
        out += fmt::format("polygon {:.9g} {:.9g} ", v.lat_deg, v.lon_deg);
    out += ';';
  }
  return out;
}

bool zones_changed(const store::Store& store, const profile::Profile& profile) {
  return store.setting(kFingerprintKey) != zones_fingerprint(profile);
}

std::size_t rederive_surfaces_if_zones_changed(store::Store& store,
                                               const profile::Profile& profile) {
  const std::string fingerprint = zones_fingerprint(profile);
  if (store.setting(kFingerprintKey) == fingerprint) return 0;

  const auto fixed_ids = store.surface_fixed_ids();
  const std::unordered_set<std::int64_t> fixed(fixed_ids.begin(), fixed_ids.end());
  std::unordered_set<std::int64_t> runs;
  store::Filter all;
  all.load_fields_only = true;
  for (const auto& a : store.list(all))
    if (engine::is_run(a.sport) && fixed.count(a.id) == 0) runs.insert(a.id);

  std::vector<std::pair<std::int64_t, std::vector<engine::SurfaceShare>>> splits;
  store.for_each_points({}, [&](std::int64_t id, const std::vector<engine::TrackPoint>& points) {
    if (runs.count(id) == 0 || !has_position(points)) return;
    auto shares = engine::split_by_zones(points, profile.zones, profile.default_surface);
    if (!shares.empty()) splits.emplace_back(id, std::move(shares));
  });
  store.set_surfaces(splits);
  store.set_setting(kFingerprintKey, fingerprint);
  return splits.size();
}

}  // namespace stride::cli
