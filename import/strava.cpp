#include "import/strava.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <system_error>

#include "import/formats.hpp"

namespace stride::import {

bool is_strava_export_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir / "activities.csv", ec) &&
         std::filesystem::is_directory(dir / "activities", ec);
}

std::optional<std::string> strava_export_prefix(const ZipReader& zip) {
  // Strava puts activities.csv at the top; people who unpack and re-zip the
  // export add one folder level. Take the shallowest one that has activities/.
  std::optional<std::string> best;
  for (const auto& m : zip.members()) {
    constexpr std::string_view kCsv = "activities.csv";
    const std::string_view name = m.name;
    if (name.size() < kCsv.size() || name.substr(name.size() - kCsv.size()) != kCsv) continue;
    const std::string_view prefix = name.substr(0, name.size() - kCsv.size());
    if (!prefix.empty() && prefix.back() != '/') continue;
    if (prefix.find("__MACOSX") != std::string_view::npos) continue;
    const std::string activities = std::string(prefix) + "activities/";
    bool has_folder = false;
    for (const auto& other : zip.members())
      if (other.name.compare(0, activities.size(), activities) == 0) {
        has_folder = true;
        break;
      }
    if (has_folder && (!best || prefix.size() < best->size())) best = std::string(prefix);
  }
  return best;
}

namespace {

/// Of several activities in one file (a multisport FIT), the one the row means.
std::size_t closest_to(const std::vector<engine::Activity>& activities, engine::UtcTime start) {
  std::size_t best = 0;
  auto best_gap = std::chrono::milliseconds::max();
  for (std::size_t i = 0; i < activities.size(); ++i) {
    auto gap = activities[i].start_utc - start;
    if (gap < gap.zero()) gap = -gap;
    if (gap < best_gap) {
      best_gap = gap;
      best = i;
    }
  }
  return best;
}

ParseResult read_strava_row(const StravaRowInput& input, const ParseContext& ctx,
                            std::string* file_bytes) {
  const StravaRow& row = input.row;
  const Location row_where{row.line, 0, -1};
  if (!row.error.empty()) throw ParseError(input.csv_display_name, row_where, row.error);

  ParseResult out;
  engine::Activity alone = row.activity;
  alone.summary_only = true;
  alone.points.clear();
  if (alone.source.format.empty()) alone.source.format = "strava";
  alone.source.file_name = input.csv_display_name;

  auto from_row_alone = [&](std::string why) {
    out.warnings.push_back({row_where, std::move(why)});
    out.activities.push_back(alone);
    return out;
  };

  if (row.filename.empty()) {
    out.activities.push_back(alone);
    return out;
  }
  if (!input.load_file)
    return from_row_alone(fmt::format(
        "{} is listed in activities.csv but missing from the export; imported from the row alone",
        row.filename));
  const std::optional<Format> format = detect_format(row.filename);
  if (!format)
    return from_row_alone(
        fmt::format("{} is not a GPX, TCX or FIT file; imported from the row alone", row.filename));

  ParseResult file;
  try {
    std::string bytes = input.load_file();
    ParseContext file_ctx = ctx;
    file_ctx.display_name = input.file_display_name;
    file = parse_bytes(*format, bytes, file_ctx);
    if (file_bytes != nullptr) *file_bytes = std::move(bytes);
  } catch (const ParseError& e) {
    return from_row_alone(fmt::format("{} (imported from the row alone)", e.what()));
  }
  if (file.activities.empty())
    return from_row_alone(
        fmt::format("{} holds no activity; imported from the row alone", input.file_display_name));

  out.warnings = std::move(file.warnings);
  if (file.activities.size() > 1)
    out.warnings.push_back(
        {row_where, fmt::format("{} holds {} activities; kept the one that starts nearest the row",
                                input.file_display_name, file.activities.size())});
  engine::Activity a = std::move(file.activities[closest_to(file.activities, alone.start_utc)]);

  // The file has the samples; the row has what the athlete typed on Strava.
  a.sport = alone.sport;
  if (!alone.name.empty()) a.name = alone.name;
  if (!alone.shoe.empty()) a.shoe = alone.shoe;
  if (alone.rpe) a.rpe = alone.rpe;
  if (!alone.notes.empty() && a.notes.empty()) a.notes = alone.notes;
  if (!alone.surface_m.empty()) a.surface_m = alone.surface_m;
  if (!(a.distance_m > 0) && alone.distance_m > 0) a.distance_m = alone.distance_m;
  if (!(a.moving_s > 0) && alone.moving_s > 0) a.moving_s = alone.moving_s;
  if (!(a.elapsed_s > 0) && alone.elapsed_s > 0) a.elapsed_s = alone.elapsed_s;
  if (std::isnan(a.avg_hr_bpm)) a.avg_hr_bpm = alone.avg_hr_bpm;
  if (std::isnan(a.max_hr_bpm)) a.max_hr_bpm = alone.max_hr_bpm;
  if (std::isnan(a.avg_cadence_spm)) a.avg_cadence_spm = alone.avg_cadence_spm;
  if (std::isnan(a.elevation_gain_m)) a.elevation_gain_m = alone.elevation_gain_m;
  a.summary_only = false;
  a.source.file_name = input.file_display_name;
  a.source.index_in_file = 0;
  out.activities.push_back(std::move(a));
  return out;
}

}  // namespace

ParseResult import_strava_row(const StravaRowInput& input, const ParseContext& ctx,
                              std::string* file_bytes) {
  ParseResult result = read_strava_row(input, ctx, file_bytes);
  finish_activities(result, ctx);
  return result;
}

}  // namespace stride::import
