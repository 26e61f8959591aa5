#include "import/strava_csv.hpp"

#include <fmt/format.h>

#include <cmath>
#include <optional>

#include "import/detail/csv_reader.hpp"
#include "import/detail/csv_values.hpp"

namespace stride::import {
namespace {

using detail::CsvRecord;
using detail::NumberStyle;

// Strava repeats column names (`Elapsed Time`, `Distance`, `Max Heart Rate`,
// `Relative Effort`, `Commute`): the first of each pair is the display value
// (distance in km or mi, whole seconds), the second the raw one (metres,
// fractional seconds). Columns are therefore found by name *and* position.
struct StravaColumns {
  std::vector<int> date, name, type, description, private_note, elapsed, distance, max_hr, gear,
      filename, moving, elevation_gain, avg_cadence, avg_hr, rpe;
};

int nth(const std::vector<int>& positions, std::size_t n) {
  return n < positions.size() ? positions[n] : -1;
}
// The raw column when Strava wrote both, else the only one.
int raw_of(const std::vector<int>& positions) {
  return positions.size() >= 2 ? positions[1] : nth(positions, 0);
}

std::string_view at(const CsvRecord& rec, int column) {
  return column < 0 ? std::string_view() : rec.at(static_cast<std::size_t>(column));
}

std::optional<double> number_at(const CsvRecord& rec, int column, NumberStyle style) {
  const std::string_view t = at(rec, column);
  if (detail::is_missing(t)) return std::nullopt;
  return detail::parse_number(t, style);
}

// Display distances are in the athlete's units: rows that carry both columns
// say which (metres / display is about 1000 or 1609).
engine::Units display_units(const std::vector<CsvRecord>& records, const StravaColumns& c,
                            NumberStyle style, engine::Units fallback) {
  if (c.distance.size() < 2) return fallback;
  int km = 0, mi = 0;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto display = number_at(records[r], c.distance[0], style);
    const auto metres = number_at(records[r], c.distance[1], style);
    if (!display || !metres || *display < 0.5) continue;
    const double ratio = *metres / *display;
    if (std::abs(ratio - 1000.0) < 30.0) ++km;
    if (std::abs(ratio - engine::kMetresPerMile) < 45.0) ++mi;
  }
  if (km == mi) return fallback;
  return km > mi ? engine::Units::km : engine::Units::mi;
}

std::string text_at(const CsvRecord& rec, int column) {
  return std::string(detail::trim(at(rec, column)));
}

}  // namespace

std::vector<StravaRow> parse_strava_activities_csv(std::string_view bytes,
                                                   const ParseContext& ctx) {
  const detail::CsvTable table = detail::read_csv(bytes, ctx.display_name);
  if (table.records.empty()) throw ParseError(ctx.display_name, Location{1, 0, -1}, "empty file");

  StravaColumns c;
  const auto& header = table.records[0].fields;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string h = detail::normalise_header(header[i].text);
    const int col = static_cast<int>(i);
    if (h == "activity date") c.date.push_back(col);
    if (h == "activity name") c.name.push_back(col);
    if (h == "activity type") c.type.push_back(col);
    if (h == "activity description") c.description.push_back(col);
    if (h == "activity private note") c.private_note.push_back(col);
    if (h == "elapsed time") c.elapsed.push_back(col);
    if (h == "distance") c.distance.push_back(col);
    if (h == "max heart rate") c.max_hr.push_back(col);
    if (h == "activity gear") c.gear.push_back(col);
    if (h == "filename") c.filename.push_back(col);
    if (h == "moving time") c.moving.push_back(col);
    if (h == "elevation gain") c.elevation_gain.push_back(col);
    if (h == "average cadence") c.avg_cadence.push_back(col);
    if (h == "average heart rate") c.avg_hr.push_back(col);
    if (h == "perceived exertion") c.rpe.push_back(col);
  }
  if (c.date.empty() || c.type.empty()) {
    throw ParseError(ctx.display_name, Location{1, 0, -1},
                     "not a Strava activities.csv (no Activity Date and Activity Type columns)");
  }

  std::vector<int> numeric;
  for (const auto* cols : {&c.elapsed, &c.distance, &c.max_hr, &c.moving, &c.elevation_gain,
                           &c.avg_cadence, &c.avg_hr})
    numeric.insert(numeric.end(), cols->begin(), cols->end());
  const NumberStyle style = detail::detect_number_style(table, numeric);
  const engine::Units units = display_units(table.records, c, style, ctx.csv_units);

  std::vector<StravaRow> rows;
  for (std::size_t r = 1; r < table.records.size(); ++r) {
    const CsvRecord& rec = table.records[r];
    StravaRow row;
    row.line = rec.line;
    row.filename = text_at(rec, nth(c.filename, 0));
    engine::Activity& a = row.activity;
    a.summary_only = true;
    a.source.format = "strava";
    a.source.file_name = ctx.display_name;
    a.source.index_in_file = static_cast<int>(r - 1);

    // Strava writes `#error#` where its exporter failed on a value.
    for (std::size_t f = 0; f < rec.fields.size() && row.error.empty(); ++f) {
      if (detail::trim(rec.fields[f].text) == "#error#") {
        row.error = fmt::format("Strava wrote #error# in column {} ('{}')", f + 1,
                                f < header.size() ? header[f].text : std::string());
      }
    }

    const std::string date_text = text_at(rec, c.date[0]);
    const auto written = detail::parse_written_time(date_text);
    if (!written && row.error.empty()) {
      row.error = date_text.empty() ? "no Activity Date"
                                    : fmt::format("Activity Date '{}' not understood", date_text);
    }
    if (written) {
      // Strava's activities.csv dates are UTC; the local day comes from the profile.
      a.start_utc = engine::UtcTime{written->local.time_since_epoch()} -
                    std::chrono::seconds(written->offset_s.value_or(0));
      assign_local_date(a, ctx);
      // As for every source: placeholder dates count as missing, early ones
      // look like a clock that was never set (finish_activities says so).
      if (a.start_utc < engine::UtcTime{} && row.error.empty())
        row.error = fmt::format("Activity Date '{}' is before 1970", date_text);
    }

    const std::string type = text_at(rec, c.type[0]);
    if (const auto sport = detail::sport_from_name(type)) {
      a.sport = *sport;
    } else {
      a.sport = engine::Sport::other;
      if (!type.empty())
        a.warnings.push_back(
            fmt::format("activity type '{}' is not known: counted as other", type));
    }

    if (const auto metres = number_at(rec, nth(c.distance, 1), style)) {
      a.distance_m = *metres;
    } else if (const auto display = number_at(rec, nth(c.distance, 0), style)) {
      a.distance_m = *display * (units == engine::Units::mi ? engine::kMetresPerMile : 1000.0);
    }
    if (a.distance_m < 0 && row.error.empty())
      row.error = fmt::format("negative distance {}", a.distance_m);

    const auto elapsed = number_at(rec, raw_of(c.elapsed), style);
    const auto elapsed_display = number_at(rec, nth(c.elapsed, 0), style);
    a.elapsed_s = elapsed ? *elapsed : elapsed_display.value_or(0);
    a.moving_s = number_at(rec, nth(c.moving, 0), style).value_or(a.elapsed_s);
    if (a.elapsed_s == 0) a.elapsed_s = a.moving_s;

    a.elevation_gain_m = number_at(rec, nth(c.elevation_gain, 0), style).value_or(engine::kNoValue);
    a.avg_hr_bpm = number_at(rec, nth(c.avg_hr, 0), style).value_or(engine::kNoValue);
    a.max_hr_bpm =
        number_at(rec, raw_of(c.max_hr), style)
            .value_or(number_at(rec, nth(c.max_hr, 0), style).value_or(engine::kNoValue));
    const bool on_foot =
        engine::is_run(a.sport) || a.sport == engine::Sport::walk || a.sport == engine::Sport::hike;
    // Strava counts one foot for runs (and walks): steps per minute are double.
    if (on_foot) {
      if (const auto cadence = number_at(rec, nth(c.avg_cadence, 0), style))
        a.avg_cadence_spm = *cadence * 2;
    }
    if (const auto rpe = number_at(rec, nth(c.rpe, 0), style); rpe && *rpe >= 0 && *rpe <= 10)
      a.rpe = static_cast<int>(std::lround(*rpe));

    // Strava's gear is a bike on rides: only foot activities have a shoe.
    if (on_foot) a.shoe = text_at(rec, nth(c.gear, 0));
    a.name = text_at(rec, nth(c.name, 0));
    a.notes = text_at(rec, nth(c.description, 0));
    const std::string note = text_at(rec, nth(c.private_note, 0));
    if (!note.empty()) a.notes += (a.notes.empty() ? "" : "\n\n") + note;
    if (a.sport == engine::Sport::treadmill_run && a.distance_m > 0)
      a.surface_m.push_back({engine::Surface::treadmill, a.distance_m});

    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace stride::import
