#pragma once
/// Shared pieces of text and JSON rendering: activities, numbers that may be
/// missing, UTC instants, simple aligned tables.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/activity.hpp"
#include "engine/load.hpp"
#include "engine/quantity.hpp"

namespace stride::cli {

/// A number, or null when it is NaN (a channel the file did not carry).
nlohmann::json number_or_null(double value);
/// `2026-11-26T07:30:00Z`.
std::string iso_utc(engine::UtcTime t);
/// The activity with PRODUCT.md's field names (`id`, `start_utc`, `distance_m`...);
/// with its session load, `load` (RPE x minutes), `load_rpe` and `load_source`.
nlohmann::json activity_json(const engine::Activity& a, const engine::SessionLoad* load = nullptr);
/// Where an RPE came from, in words: `logged`, `the run's kind`, `heart rate`,
/// `pace`, `the sport's default`.
std::string_view load_source_words(engine::LoadSource source);
/// `{"road": 8000, "trail": 2000}`.
nlohmann::json surface_json(const std::vector<engine::SurfaceShare>& shares);
/// `road 8.0 km, trail 2.0 km`, or `unknown`.
std::string surface_text(const std::vector<engine::SurfaceShare>& shares, engine::Units units);
/// `5:12 /km`; empty when distance or time is missing.
std::string pace_text(double distance_m, double seconds, engine::Units units);

/// Left-aligned columns separated by two spaces; `right` marks numeric columns.
class Table {
 public:
  explicit Table(std::vector<std::string> header, std::vector<bool> right = {});
  void add(std::vector<std::string> row);
  std::string str() const;
  bool empty() const { return rows_.empty(); }

 private:
  std::vector<std::string> header_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace stride::cli
