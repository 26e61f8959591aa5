#pragma once
/// The few profile settings the CLI itself needs (display units, time zone),
/// read through profile/ once it is there.

#include <filesystem>
#include <optional>
#include <string>

#include "engine/quantity.hpp"

namespace date {
class time_zone;
}

namespace stride::cli {

/// The profile's display units; nullopt when the profile is absent or says none.
std::optional<engine::Units> profile_units(const std::filesystem::path& profile_path);
/// The profile's time zone; null when absent.
const date::time_zone* profile_time_zone(const std::filesystem::path& profile_path);

}  // namespace stride::cli

namespace stride::cli {
/// The commented default profile `stride init` writes.
std::string default_profile_text();
}  // namespace stride::cli
