#include "ingest/overrides.hpp"

#include <algorithm>

#include "engine/quantity.hpp"

namespace stride::ingest {
namespace {

bool surface_known(const engine::Activity& a) {
  return std::any_of(a.surface_m.begin(), a.surface_m.end(), [](const engine::SurfaceShare& s) {
    return s.surface != engine::Surface::unknown && s.distance_m > 0;
  });
}

bool has_position(const std::vector<engine::TrackPoint>& points) {
  return std::any_of(points.begin(), points.end(),
                     [](const engine::TrackPoint& p) { return p.has_position(); });
}

std::vector<engine::SurfaceShare> given_surfaces(const SurfaceOverride& surface,
                                                 const engine::Activity& a,
                                                 const std::string& file) {
  std::vector<engine::SurfaceShare> shares = surface.shares;
  if (surface.whole_run) {
    for (auto& s : shares) s.distance_m = a.distance_m;
    return shares;
  }
  if (!engine::split_adds_up(shares, a.distance_m))
    throw SurfaceSplitMismatch(file, shares, a.distance_m);
  return shares;
}

}  // namespace

SurfaceSplitMismatch::SurfaceSplitMismatch(std::string file_,
                                           std::vector<engine::SurfaceShare> shares_,
                                           double activity_m_)
    : std::runtime_error("--surface: the parts do not add up to the distance of a run in " + file_),
      file(std::move(file_)),
      shares(std::move(shares_)),
      activity_m(activity_m_) {}

std::vector<engine::SurfaceShare> profile_surfaces(const engine::Activity& activity,
                                                   const ProfileDefaults& profile) {
  if (has_position(activity.points)) {
    auto shares = engine::split_by_zones(activity.points, profile.zones, profile.default_surface);
    if (!shares.empty()) return shares;
  }
  if (activity.distance_m <= 0) return {};
  return {{profile.default_surface, activity.distance_m}};
}

std::vector<bool> apply_overrides(std::vector<engine::Activity>& activities,
                                  const std::optional<SurfaceOverride>& surface,
                                  const std::string& shoe, const ProfileDefaults& profile,
                                  const std::string& file) {
  std::vector<bool> fixed(activities.size(), false);
  for (std::size_t i = 0; i < activities.size(); ++i) {
    auto& a = activities[i];
    if (!engine::is_run(a.sport)) continue;
    // A surface the file itself gave (a CSV column, a treadmill) is more
    // precise than one word for the whole batch.
    if (surface_known(a)) {
      fixed[i] = true;
    } else if (surface) {
      a.surface_m = given_surfaces(*surface, a, file);
      fixed[i] = true;
    } else {
      a.surface_m = profile_surfaces(a, profile);
    }
    if (a.shoe.empty()) a.shoe = !shoe.empty() ? shoe : profile.default_shoe;
  }
  return fixed;
}

}  // namespace stride::ingest
