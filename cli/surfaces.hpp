#pragma once
/// Surfaces from the profile re-applied to past activities when the zones
/// change (PRODUCT.md: changing zones re-derives past activities without
/// re-importing them). At import they are applied by ingest::apply_overrides.

#include <cstddef>
#include <string>
#include <vector>

#include "engine/activity.hpp"

namespace stride::store {
class Store;
}
namespace stride::profile {
struct Profile;
}

namespace stride::cli {

/// Text that changes whenever the zones or the default surface change.
std::string zones_fingerprint(const profile::Profile& profile);

/// When the stored fingerprint differs from the profile's, re-derives the
/// surface split of every run with stored points whose surface was not given
/// by hand or by its file, in one transaction, and stores the new
/// fingerprint. Returns how many activities were re-derived.
/// True when the profile's zones differ from those the stored surfaces were derived with.
bool zones_changed(const store::Store& store, const profile::Profile& profile);

std::size_t rederive_surfaces_if_zones_changed(store::Store& store,
                                               const profile::Profile& profile);

}  // namespace stride::cli
