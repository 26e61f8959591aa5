#include "profile/time_zone.hpp"

#include <date/tz.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace stride::profile {
namespace {

// Where date's OS database reads zones on Linux (date/tz.cpp discover_tz_dir).
constexpr const char* kZoneDir = "/usr/share/zoneinfo";

bool plausible_name(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.find("..") != std::string_view::npos)
    return false;
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '/' || c == '_' || c == '-' || c == '+';
    if (!ok) return false;
  }
  return true;
}

// A compiled zone file starts with "TZif" (RFC 8536); zone.tab and friends do not.
bool zone_file_exists(std::string_view name) {
  if (!plausible_name(name)) return false;
  std::ifstream in(std::string(kZoneDir) + "/" + std::string(name), std::ios::binary);
  char magic[4] = {};
  return in.read(magic, 4) && std::string_view(magic, 4) == "TZif";
}

std::string known_or_empty(std::string name) {
  if (!name.empty() && name.front() == ':') name.erase(0, 1);
  return zone_file_exists(name) ? name : std::string();
}

}  // namespace

bool is_time_zone(std::string_view name) {
  if (zone_file_exists(name)) return true;
  try {
    (void)date::locate_zone(name);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

std::string system_time_zone() {
  if (const char* tz = std::getenv("TZ"); tz != nullptr && *tz != '\0') {
    if (auto name = known_or_empty(tz); !name.empty()) return name;
  } else {
    std::error_code ec;
    const auto target = std::filesystem::read_symlink("/etc/localtime", ec).string();
    if (const auto at = target.find("zoneinfo/"); !ec && at != std::string::npos) {
      if (auto name = known_or_empty(target.substr(at + 9)); !name.empty()) return name;
    }
    std::ifstream etc("/etc/timezone");
    std::string line;
    if (std::getline(etc, line)) {
      if (auto name = known_or_empty(line); !name.empty()) return name;
    }
  }
  try {
    if (const date::time_zone* zone = date::current_zone()) return std::string(zone->name());
  } catch (const std::exception&) {
    // No /etc/localtime (a bare container): UTC, as documented.
  }
  return "UTC";
}

}  // namespace stride::profile
