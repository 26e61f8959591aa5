#include "cli/options.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <regex>
#include <string>

#include "cli/errors.hpp"
#include "engine/quantity.hpp"
#include "engine/text.hpp"
#include "profile/profile.hpp"
#include "store/store.hpp"

namespace stride::cli {
namespace {

using engine::trim;

}  // namespace

UsageError split_mismatch(const Env& env, std::string_view option,
                          const std::vector<engine::SurfaceShare>& shares, double total_m) {
  double sum_m = 0;
  for (const auto& share : shares) sum_m += share.distance_m;
  return UsageError(fmt::format("{}: the parts add up to {} but the activity is {}", option,
                                engine::format_distance(sum_m, env.units()),
                                engine::format_distance(total_m, env.units())));
}

std::vector<engine::SurfaceShare> parse_surface_spec(const Env& env, std::string_view option,
                                                     std::string_view text, double total_m) {
  std::string error;
  const auto split = engine::parse_surface_split(
      text, total_m,
      [&](std::string_view distance, std::string&) -> std::optional<double> {
        return env.parse_distance_m(option, distance);  // throws UsageError itself
      },
      error);
  if (!split) throw UsageError(fmt::format("{}: {}", option, error));
  std::vector<engine::SurfaceShare> shares = *split;
  if (text.find(':') == std::string_view::npos) return shares;  // one surface, all of it
  if (!engine::split_adds_up(shares, total_m)) throw split_mismatch(env, option, shares, total_m);
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
