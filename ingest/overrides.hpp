#pragma once
/// What `stride import` sets on a run beyond what its file says: the surface
/// (--surface, else the profile's zones and default surface) and the shoe
/// (--shoe, else the profile's default shoe).

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/activity.hpp"
#include "engine/zones.hpp"

namespace stride::ingest {

/// --surface, read once before any file: one surface for each run's whole
/// distance (`trail`), or a split in metres (`road:8km,trail:2km`) that must
/// add up to each run's distance. Which one cannot wait until a run's
/// distance is known, or a typo would only show on the first run.
struct SurfaceOverride {
  std::vector<engine::SurfaceShare> shares;
  /// A bare name: `shares` holds that surface, laid on the whole run.
  bool whole_run = false;
};

/// The profile's part in an import.
struct ProfileDefaults {
  engine::Surface default_surface = engine::Surface::road;
  std::vector<engine::Zone> zones;
  std::string default_shoe;  ///< empty: none
};

/// A --surface split more than 5 % off a run's distance (engine::split_adds_up).
/// Thrown, not reported per file: the option is wrong, not the file, so the
/// CLI reports it as a usage error. Files before it stay imported.
class SurfaceSplitMismatch : public std::runtime_error {
 public:
  SurfaceSplitMismatch(std::string file, std::vector<engine::SurfaceShare> shares,
                       double activity_m);
  std::string file;  ///< display name of the file whose run did not fit
  std::vector<engine::SurfaceShare> shares;
  double activity_m = 0;
};

/// The surface split the profile gives a run: its track split by the zones,
/// or the default surface for the whole distance when it has no positions.
std::vector<engine::SurfaceShare> profile_surfaces(const engine::Activity& activity,
                                                   const ProfileDefaults& profile);

/// Sets surface and shoe on the runs of one file. Returns, per activity,
/// whether its surface was given (by the file or by --surface) rather than
/// derived, so a later change of zones leaves it alone (Store::import_file
/// stores that in the file's transaction). Throws SurfaceSplitMismatch.
std::vector<bool> apply_overrides(std::vector<engine::Activity>& activities,
                                  const std::optional<SurfaceOverride>& surface,
                                  const std::string& shoe, const ProfileDefaults& profile,
                                  const std::string& file);

}  // namespace stride::ingest
