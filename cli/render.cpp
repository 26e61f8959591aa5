#include "cli/render.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <cmath>

namespace stride::cli {

nlohmann::json number_or_null(double value) {
  if (std::isnan(value)) return nullptr;
  return value;
}

std::string iso_utc(engine::UtcTime t) {
  return date::format("%FT%TZ", date::floor<std::chrono::seconds>(t));
}

nlohmann::json surface_json(const std::vector<engine::SurfaceShare>& shares) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& s : shares) {
    const std::string key(engine::to_string(s.surface));
    out[key] = out.contains(key) ? out[key].get<double>() + s.distance_m : s.distance_m;
  }
  return out;
}

std::string_view load_source_words(engine::LoadSource source) {
  switch (source) {
    case engine::LoadSource::rpe:
      return "logged";
    case engine::LoadSource::kind:
      return "the run's kind";
    case engine::LoadSource::hr:
      return "heart rate";
    case engine::LoadSource::pace:
      return "pace";
    case engine::LoadSource::sport_default:
      return "the sport's default";
  }
  return "?";
}

nlohmann::json activity_json(const engine::Activity& a, const engine::SessionLoad* load) {
  nlohmann::json j;
  j["id"] = a.id;
  j["start_utc"] = iso_utc(a.start_utc);
  j["utc_offset_s"] = a.utc_offset_s;
  j["local_date"] = date::format("%F", a.local_date);
  j["sport"] = std::string(engine::to_string(a.sport));
  j["distance_m"] = a.distance_m;
  j["moving_s"] = a.moving_s;
  j["elapsed_s"] = a.elapsed_s;
  j["elevation_gain_m"] = number_or_null(a.elevation_gain_m);
  j["avg_hr_bpm"] = number_or_null(a.avg_hr_bpm);
  j["max_hr_bpm"] = number_or_null(a.max_hr_bpm);
  j["avg_cadence_spm"] = number_or_null(a.avg_cadence_spm);
  j["surface_m"] = surface_json(a.surface_m);
  j["rpe"] = a.rpe ? nlohmann::json(*a.rpe) : nlohmann::json(nullptr);
  j["kind"] =
      a.kind ? nlohmann::json(std::string(engine::to_string(*a.kind))) : nlohmann::json(nullptr);
  if (load) {
    j["load"] = load->load();
    j["load_rpe"] = load->rpe;
    j["load_source"] = std::string(engine::to_string(load->source));
  }
  j["shoe"] = a.shoe;
  j["name"] = a.name;
  j["notes"] = a.notes;
  j["summary_only"] = a.summary_only;
  j["source"] = {{"format", a.source.format}, {"file_name", a.source.file_name}};
  if (!a.exercises.empty()) {
    nlohmann::json ex = nlohmann::json::array();
    for (const auto& e : a.exercises)
      ex.push_back({{"name", e.name},
                    {"sets", e.sets},
                    {"reps", e.reps},
                    {"per_side", e.per_side},
                    {"weight_kg", number_or_null(e.weight_kg)}});
    j["exercises"] = ex;
  }
  j["warnings"] = a.warnings;
  return j;
}

std::string surface_text(const std::vector<engine::SurfaceShare>& shares, engine::Units units) {
  if (shares.empty()) return "unknown";
  if (shares.size() == 1) return std::string(engine::to_string(shares.front().surface));
  std::string out;
  for (const auto& s : shares) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{} {}", engine::to_string(s.surface),
                       engine::format_distance(s.distance_m, units));
  }
  return out;
}

std::string pace_text(double distance_m, double seconds, engine::Units units) {
  if (!(distance_m > 0) || !(seconds > 0)) return "";
  const double unit_m = units == engine::Units::mi ? engine::kMetresPerMile : 1000.0;
  const long per_unit = std::lround(seconds / (distance_m / unit_m));
  return fmt::format("{}:{:02} /{}", per_unit / 60, per_unit % 60, engine::to_string(units));
}

Table::Table(std::vector<std::string> header, std::vector<bool> right)
    : header_(std::move(header)), right_(std::move(right)) {
  right_.resize(header_.size(), false);
}

void Table::add(std::vector<std::string> row) {
  row.resize(header_.size());
  rows_.push_back(std::move(row));
}

namespace {

// Display width in code points, so `–` or `é` in a name does not shift columns.
std::size_t width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

std::string Table::str() const {
  std::vector<std::size_t> widths(header_.size(), 0);
  for (std::size_t i = 0; i < header_.size(); ++i) widths[i] = width(header_[i]);
  for (const auto& row : rows_)
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], width(row[i]));
  auto line = [&](const std::vector<std::string>& row) {
    std::string out;
    for (std::size_t i = 0; i < row.size(); ++i) {
      const std::string pad(widths[i] - width(row[i]), ' ');
      const bool last = i + 1 == row.size();
      if (right_[i]) {
        out += pad + row[i];
      } else {
        out += row[i];
        if (!last) out += pad;
      }
      if (!last) out += "  ";
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + '\n';
  };
  std::string out = line(header_);
  for (const auto& row : rows_) out += line(row);
  return out;
}

}  // namespace stride::cli
