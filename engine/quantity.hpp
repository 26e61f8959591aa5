#pragma once
/// Quantities typed the way people say them: `10km`, `6.2mi`, `800m`, `45min`,
/// `1h30m`, `1:30:00`. Used by the CLI and by plan files alike.

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/activity.hpp"

namespace stride::engine {

enum class Units { km, mi };

constexpr double kMetresPerMile = 1609.344;

std::string_view to_string(Units units);
std::optional<Units> parse_units(std::string_view text);

/// A distance in metres. `m` means metres; a bare number is in `bare_units`.
/// nullopt when the text is not a distance.
std::optional<double> parse_distance_m(std::string_view text, Units bare_units = Units::km);

/// A duration in seconds: `45m`, `45min`, `1h30m`, `1:30:00`, `30:00` (mm:ss),
/// `90s`, `1h`. A bare number is minutes. nullopt when not a duration.
std::optional<double> parse_duration_s(std::string_view text);

/// `12.3 km` / `7.6 mi`, one decimal (none for whole values).
std::string format_distance(double metres, Units units);
/// `45 min`, `1:05:00` for an hour or more.
std::string format_duration(double seconds);
/// `h:mm:ss` always.
std::string format_hms(double seconds);
// Paces: engine/paces.hpp format_pace (rounded to 5 s, LOAD-SCIENCE.md).

/// `value` with `decimals` decimals, or more (up to 4) until the printed number
/// is on the same side of every threshold as the value itself, so a figure
/// at a boundary does not read as the boundary ("1.52" beside 1.5, "80.4"
/// beside 80, never "1.5" or "80").
std::string format_beside(double value, std::initializer_list<double> thresholds, int decimals);
/// A ratio such as `1.52×` (two decimals at least), beside its thresholds.
std::string format_ratio(double ratio, std::initializer_list<double> thresholds);
/// A share 0..1 as `80.4 %` (whole percent at least), beside its thresholds.
std::string format_share(double share, std::initializer_list<double> thresholds);
/// A change against a reference ratio as `+60 %` (whole percent at least),
/// beside the ratio thresholds.
std::string format_change(double ratio, std::initializer_list<double> thresholds);

/// Reads a distance text (`8km`, `8000`) into metres; nullopt with `error`
/// set when it cannot. The caller decides units and number style.
using DistanceReader = std::function<std::optional<double>(std::string_view, std::string&)>;

/// The one surface-split syntax: `road:8km,trail:2km` (the CLI's, and CSV
/// fields'), also the old CSV `road:8000;trail:2000` (`;` or `|` between
/// parts). A comma separates parts only before a name, so `road:8,5km`
/// (a decimal comma) stays one part. A bare name alone is the whole `total_m`.
/// Names are matched ignoring case and surrounding spaces. nullopt with
/// `error` set on an unknown name, a part without its distance or a
/// negative share.
std::optional<std::vector<SurfaceShare>> parse_surface_split(std::string_view text, double total_m,
                                                             const DistanceReader& distance_m,
                                                             std::string& error);

/// False when the parts of a split (`road:8km,trail:2km`) are more than 5 %
/// off `total_m`: almost always a typo (8km for 0.8km). True while the total
/// is unknown (0).
bool split_adds_up(const std::vector<SurfaceShare>& shares, double total_m);

}  // namespace stride::engine
