#include "engine/quantity.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "engine/text.hpp"

namespace stride::engine {
namespace {

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (!std::isspace(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

/// Reads a non-negative decimal number (`.` or `,` as the decimal mark) from
/// the front of `s`, advancing it.
std::optional<double> take_number(std::string_view& s) {
  std::size_t i = 0;
  std::string digits;
  bool seen_mark = false;
  while (i < s.size()) {
    char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if ((c == '.' || c == ',') && !seen_mark) {
      seen_mark = true;
      digits += '.';
    } else {
      break;
    }
    ++i;
  }
  if (digits.empty() || digits == ".") return std::nullopt;
  double value = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || ptr != digits.data() + digits.size()) return std::nullopt;
  s.remove_prefix(i);
  return value;
}

}  // namespace

std::string_view to_string(Units units) { return units == Units::mi ? "mi" : "km"; }

std::optional<Units> parse_units(std::string_view text) {
  const std::string t = lower(text);
  if (t == "km") return Units::km;
  if (t == "mi") return Units::mi;
  return std::nullopt;
}

std::optional<double> parse_distance_m(std::string_view text, Units bare_units) {
  std::string t = lower(trim(text));
  std::string_view s = t;
  auto number = take_number(s);
  if (!number) return std::nullopt;
  double factor = 0;
  if (s.empty()) {
    factor = bare_units == Units::mi ? kMetresPerMile : 1000.0;
  } else if (s == "km" || s == "k") {
    factor = 1000.0;
  } else if (s == "m" || s == "metres" || s == "meters") {
    factor = 1.0;
  } else if (s == "mi" || s == "mile" || s == "miles") {
    factor = kMetresPerMile;
  } else {
    return std::nullopt;
  }
  return *number * factor;
}

std::optional<double> parse_duration_s(std::string_view text) {
  std::string t = lower(trim(text));
  if (t.empty()) return std::nullopt;
  if (t.find(':') != std::string::npos) {
    // h:mm:ss or mm:ss
    double parts[3] = {0, 0, 0};
    int count = 0;
    std::string_view s = t;
    while (true) {
      if (count == 3) return std::nullopt;
      auto n = take_number(s);
      if (!n) return std::nullopt;
      parts[count++] = *n;
      if (s.empty()) break;
      if (s.front() != ':') return std::nullopt;
      s.remove_prefix(1);
    }
    if (count == 2) return parts[0] * 60 + parts[1];
    if (count == 3) return parts[0] * 3600 + parts[1] * 60 + parts[2];
    return std::nullopt;
  }
  std::string_view s = t;
  double total = 0;
  bool any = false;
  while (!s.empty()) {
    auto n = take_number(s);
    if (!n) return std::nullopt;
    std::size_t i = 0;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    std::string_view unit = s.substr(0, i);
    s.remove_prefix(i);
    double factor = 0;
    if (unit.empty()) {
      if (!s.empty() || any) return std::nullopt;
      factor = 60;  // a bare number is minutes
    } else if (unit == "h" || unit == "hr" || unit == "hrs" || unit == "hour" || unit == "hours") {
      factor = 3600;
    } else if (unit == "m" || unit == "min" || unit == "mins" || unit == "minute" ||
               unit == "minutes") {
      factor = 60;
    } else if (unit == "s" || unit == "sec" || unit == "secs" || unit == "second" ||
               unit == "seconds") {
      factor = 1;
    } else {
      return std::nullopt;
    }
    total += *n * factor;
    any = true;
  }
  if (!any) return std::nullopt;
  return total;
}

std::string format_distance(double metres, Units units) {
  const double value = units == Units::mi ? metres / kMetresPerMile : metres / 1000.0;
  const double rounded = std::round(value * 10) / 10;
  char buf[64];
  if (std::fabs(rounded - std::round(rounded)) < 1e-9) {
    std::snprintf(buf, sizeof buf, "%.0f %s", rounded, units == Units::mi ? "mi" : "km");
  } else {
    std::snprintf(buf, sizeof buf, "%.1f %s", rounded, units == Units::mi ? "mi" : "km");
  }
  return buf;
}

std::string format_hms(double seconds) {
  long total = std::lround(seconds < 0 ? 0 : seconds);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", total / 3600, (total / 60) % 60, total % 60);
  return buf;
}

std::string format_duration(double seconds) {
  if (seconds >= 3600) return format_hms(seconds);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%ld min", std::lround(seconds / 60));
  return buf;
}

namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// The end of the part starting at `start`: the next `;` or `|`, or a `,`
/// followed (after spaces) by a letter, which starts the next surface name.
std::size_t part_end(std::string_view text, std::size_t start) {
  for (std::size_t i = start; i < text.size(); ++i) {
    if (text[i] == ';' || text[i] == '|') return i;
    if (text[i] == ',') {
      std::size_t j = i + 1;
      while (j < text.size() && text[j] == ' ') ++j;
      if (j == text.size() || is_letter(text[j])) return i;
    }
  }
  return text.size();
}

int side(double value, double threshold) {
  constexpr double kTol = 1e-9;
  return value > threshold + kTol ? 1 : value < threshold - kTol ? -1 : 0;
}

}  // namespace

std::optional<std::vector<SurfaceShare>> parse_surface_split(std::string_view text, double total_m,
                                                             const DistanceReader& distance_m,
                                                             std::string& error) {
  std::vector<SurfaceShare> shares;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = part_end(text, start);
    const std::string_view part = trim(text.substr(start, end - start));
    start = end + 1;
    if (part.empty()) continue;
    const std::size_t colon = part.find(':');
    const std::string_view name = trim(part.substr(0, colon));
    const auto surface = parse_surface(to_lower(name));
    if (!surface) {
      error = unknown_surface_message(name);
      return std::nullopt;
    }
    double metres = total_m;
    if (colon == std::string_view::npos && (!shares.empty() || start < text.size())) {
      error = "'" + std::string(part) + "' is not SURFACE:DISTANCE (e.g. road:8km,trail:2km)";
      return std::nullopt;
    }
    if (colon != std::string_view::npos) {
      const auto m = distance_m(trim(part.substr(colon + 1)), error);
      if (!m) return std::nullopt;
      if (*m < 0) {
        error = "surface share '" + std::string(part) + "' is negative";
        return std::nullopt;
      }
      metres = *m;
    }
    shares.push_back({*surface, metres});
  }
  return shares;
}

bool split_adds_up(const std::vector<SurfaceShare>& shares, double total_m) {
  double sum_m = 0;
  for (const auto& share : shares) sum_m += share.distance_m;
  return !(total_m > 0 && std::abs(sum_m - total_m) > 0.05 * total_m);
}

std::string format_beside(double value, std::initializer_list<double> thresholds, int decimals) {
  char buf[64];
  for (int d = decimals;; ++d) {
    std::snprintf(buf, sizeof buf, "%.*f", d, value);
    const double shown = std::strtod(buf, nullptr);
    bool same = true;
    for (double t : thresholds) same = same && side(shown, t) == side(value, t);
    if (same || d >= 4) return buf;
  }
}

std::string format_ratio(double ratio, std::initializer_list<double> thresholds) {
  return format_beside(ratio, thresholds, 2) + "\u00d7";
}

std::string format_share(double share, std::initializer_list<double> thresholds) {
  std::vector<double> pct;
  for (double t : thresholds) pct.push_back(t * 100.0);
  char buf[64];
  for (int d = 0;; ++d) {
    std::snprintf(buf, sizeof buf, "%.*f", d, share * 100.0);
    const double shown = std::strtod(buf, nullptr);
    bool same = true;
    for (double t : pct) same = same && side(shown, t) == side(share * 100.0, t);
    if (same || d >= 3) return std::string(buf) + " %";
  }
}

std::string format_change(double ratio, std::initializer_list<double> thresholds) {
  const double change = (ratio - 1.0) * 100.0;
  char buf[64];
  for (int d = 0;; ++d) {
    std::snprintf(buf, sizeof buf, "%+.*f", d, change);
    const double shown = std::strtod(buf, nullptr);
    bool same = true;
    for (double t : thresholds)
      same = same && side(shown, (t - 1.0) * 100.0) == side(change, (t - 1.0) * 100.0);
    if (same || d >= 3) return std::string(buf) + " %";
  }
}

}  // namespace stride::engine
