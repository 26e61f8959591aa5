#include "cli/profile_access.hpp"

namespace stride::cli {

// Until profile/ lands, no setting comes from the profile file.
std::optional<engine::Units> profile_units(const std::filesystem::path&) { return std::nullopt; }

const date::time_zone* profile_time_zone(const std::filesystem::path&) { return nullptr; }

}  // namespace stride::cli

namespace stride::cli {
std::string default_profile_text() {
  return "# stride profile: your settings (see the README, \"Profile\").\n"
         "units: km\n";
}
}  // namespace stride::cli
