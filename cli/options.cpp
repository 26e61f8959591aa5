#include "cli/options.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <regex>
#include <string>

#include "cli/errors.hpp"
#include "profile/profile.hpp"
#include "store/store.hpp"

namespace stride::cli {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

engine::Surface surface_or_throw(std::string_view option, std::string_view name) {
  if (auto s = engine::parse_surface(trim(name))) return *s;
  throw UsageError(fmt::format(
      "{}: unknown surface '{}' (road, track, treadmill, trail, grass, sand, snow, unknown; "
      "asphalt, concrete, pavement for road; dirt, gravel for trail)",
      option, trim(name)));
}

}  // namespace

std::vector<engine::SurfaceShare> parse_surface_spec(const Env& env, std::string_view option,
                                                     std::string_view text, double total_m) {
  if (text.find(':') == std::string_view::npos) return {{surface_or_throw(option, text), total_m}};
  std::vector<engine::SurfaceShare> shares;
  double sum_m = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::string_view part = text.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    const std::size_t colon = part.find(':');
    if (colon == std::string_view::npos)
      throw UsageError(
          fmt::format("{}: '{}' is not SURFACE:DISTANCE (e.g. road:8km,trail:2km)", option, part));
    const double m = env.parse_distance_m(option, trim(part.substr(colon + 1)));
    shares.push_back({surface_or_throw(option, part.substr(0, colon)), m});
    sum_m += m;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  // A split that does not add up is almost always a typo (8km for 0.8km).
  if (total_m > 0 && std::abs(sum_m - total_m) > 0.05 * total_m)
    throw UsageError(fmt::format("{}: the parts add up to {} but the activity is {}", option,
                                 engine::format_distance(sum_m, env.units()),
                                 engine::format_distance(total_m, env.units())));
  return shares;
}

std::string known_shoe(Env& env, std::string_view option, const std::string& name, bool is_new) {
  std::vector<std::string> known;
  for (const auto& s : env.profile().shoes) known.push_back(s.name);
  for (auto& s : env.store().shoe_names())
    if (std::find(known.begin(), known.end(), s) == known.end()) known.push_back(std::move(s));
  auto folded = [](std::string_view s) {
    std::string out;
    for (char c : trim(s)) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  for (const auto& k : known)
    if (folded(k) == folded(name)) return k;
  if (is_new) return std::string(trim(name));
  throw UsageError(fmt::format(
      "{}: no shoe '{}' yet (known: {}); give --new-shoe to start a new one", option, name,
      known.empty() ? std::string("none") : fmt::format("{}", fmt::join(known, ", "))));
}

int parse_rpe(std::string_view option, std::string_view text) {
  int value = -1;
  const auto t = trim(text);
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec != std::errc() || ptr != t.data() + t.size() || value < 0 || value > 10)
    throw UsageError(fmt::format("{}: '{}' is not a whole number from 0 to 10", option, text));
  return value;
}

engine::Exercise parse_exercise(std::string_view text) {
  static const std::regex kPattern(
      R"(^\s*(.*?)\s+(\d+)\s*[xX]\s*(\d+)(\s+per[ -]side)?(\s*@\s*([0-9.]+)\s*kg)?\s*$)");
  std::cmatch m;
  const std::string s(text);
  if (!std::regex_match(s.c_str(), m, kPattern) || m[1].length() == 0)
    throw UsageError(fmt::format(
        "--exercise: '{}' is not NAME SETSxREPS (e.g. \"squat 3x10\", \"lunge 3x8 per side\")",
        text));
  engine::Exercise e;
  e.name = m[1].str();
  e.sets = std::stoi(m[2].str());
  e.reps = std::stoi(m[3].str());
  e.per_side = m[4].matched;
  if (m[6].matched) e.weight_kg = std::stod(m[6].str());
  return e;
}

}  // namespace stride::cli
