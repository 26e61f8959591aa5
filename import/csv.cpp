#include "import/csv.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>

#include "import/detail/csv_reader.hpp"
#include "import/detail/csv_values.hpp"
#include "import/detail/garmin_csv_languages.hpp"
#include "import/strava_csv.hpp"

namespace stride::import {
namespace {

using detail::CsvRecord;
using detail::CsvTable;
using detail::NumberStyle;

// The exporters we know by their headers; anything else is read as our own
// generic layout (docs/csv-format.md).
enum class Layout { generic, garmin_connect, gcexport, strava };

enum class Role : std::size_t {
  date,
  type,
  distance,
  moving,
  elapsed,
  elevation_gain,
  avg_hr,
  max_hr,
  cadence,
  rpe,
  surface,
  shoe,
  name,
  notes,
};
constexpr std::size_t kRoleCount = 14;

struct HeaderName {
  std::string base;
  std::string unit;  ///< km, m, mi, ft, s, min, h, hms, ms, bpm, spm, ... or empty
};

// `Distance (km)` -> {distance, km}; `moving_s` -> {moving, s}.
HeaderName split_header(std::string_view raw) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 27> kUnitWords{{
      {"km", "km"},           {"kilometers", "km"}, {"kilometres", "km"}, {"m", "m"},
      {"meters", "m"},        {"metres", "m"},      {"mi", "mi"},         {"mile", "mi"},
      {"miles", "mi"},        {"ft", "ft"},         {"feet", "ft"},       {"s", "s"},
      {"sec", "s"},           {"secs", "s"},        {"seconds", "s"},     {"min", "min"},
      {"mins", "min"},        {"minutes", "min"},   {"h", "h"},           {"hours", "h"},
      {"h:m:s", "hms"},       {"h:mm:ss", "hms"},   {"hh:mm:ss", "hms"},  {"ms", "ms"},
      {"milliseconds", "ms"}, {"bpm", "bpm"},       {"spm", "spm"},
  }};
  HeaderName out;
  out.base = detail::normalise_header(raw);
  const std::size_t space = out.base.rfind(' ');
  if (space == std::string::npos) return out;
  const std::string_view last = std::string_view(out.base).substr(space + 1);
  for (const auto& [word, unit] : kUnitWords) {
    if (word == last) {
      out.unit = std::string(unit);
      out.base.resize(space);
      break;
    }
  }
  return out;
}

using Synonyms = std::vector<std::string_view>;

// Preferred spellings first: the first synonym any column matches wins, and
// among columns with the same name the leftmost (gcexport repeats names).
Synonyms synonyms(Role role, Layout layout) {
  switch (role) {
    case Role::date:
      return {"start",           "date",       "start time",  "start date",
              "start datetime",  "date time",  "datetime",    "activity date",
              "begin timestamp", "begin time", "start local", "start utc"};
    case Role::type:
      return {"sport", "type", "activity type", "activity", "activity sport"};
    case Role::distance:
      return {"distance", "dist", "total distance"};
    case Role::moving:
      // Garmin's `Time` is the timer time (pauses excluded), the figure FIT
      // calls moving; its `Moving Time` also drops standing still.
      if (layout == Layout::garmin_connect) return {"time", "moving time"};
      if (layout == Layout::gcexport) return {"moving duration raw", "moving duration"};
      return {"moving", "moving time", "moving duration", "duration", "time", "timer time"};
    case Role::elapsed:
      if (layout == Layout::gcexport) return {"duration raw", "duration"};
      return {"elapsed", "elapsed time", "elapsed duration", "total elapsed time"};
    case Role::elevation_gain:
      return {"elevation gain", "elev gain", "total ascent", "ascent", "climb"};
    case Role::avg_hr:
      return {"avg hr", "average hr", "avg heart rate", "average heart rate", "heart rate", "hr"};
    case Role::max_hr:
      return {"max hr", "max heart rate", "maximum heart rate"};
    case Role::cadence:
      return {"avg cadence", "average cadence", "avg run cadence", "average run cadence",
              "cadence"};
    case Role::rpe:
      return {"rpe", "session rpe", "perceived exertion", "effort"};
    case Role::surface:
      return {"surface", "surfaces", "terrain"};
    case Role::shoe:
      return {"shoe", "shoes", "gear", "activity gear", "equipment"};
    case Role::name:
      return {"name", "title", "activity name"};
    case Role::notes:
      return {"notes", "note", "description", "comment", "comments", "activity description"};
  }
  return {};
}

struct Column {
  int index = -1;
  std::string unit;
  bool found() const { return index >= 0; }
};

struct ColumnMap {
  std::array<Column, kRoleCount> roles;
  Column date_utc_ms;   ///< gcexport `Begin Timestamp (Raw Milliseconds)`
  Column distance_raw;  ///< gcexport `Distance (Raw)`, in the display column's unit
  Column steps;         ///< Garmin: with stride length, tells km from mi
  Column stride;

  const Column& operator[](Role role) const { return roles[static_cast<std::size_t>(role)]; }
};

Layout detect_layout(const std::vector<HeaderName>& header) {
  auto has = [&](std::string_view base) {
    return std::any_of(header.begin(), header.end(), [&](const auto& h) { return h.base == base; });
  };
  if (has("activity id") && has("activity date") && has("activity type")) return Layout::strava;
  if (has("begin timestamp") && has("activity type")) return Layout::gcexport;
  if (has("activity type") && has("date") && (has("favorite") || has("title")))
    return Layout::garmin_connect;
  return Layout::generic;
}

ColumnMap map_columns(const std::vector<HeaderName>& header, Layout layout) {
  ColumnMap map;
  std::vector<bool> used(header.size(), false);
  for (std::size_t r = 0; r < kRoleCount; ++r) {
    for (const auto synonym : synonyms(static_cast<Role>(r), layout)) {
      for (std::size_t c = 0; c < header.size(); ++c) {
        if (!used[c] && header[c].base == synonym) {
          map.roles[r] = Column{static_cast<int>(c), header[c].unit};
          used[c] = true;
          break;
        }
      }
      if (map.roles[r].found()) break;
    }
  }
  auto find = [&](std::string_view base) {
    for (std::size_t c = 0; c < header.size(); ++c) {
      if (header[c].base == base) return Column{static_cast<int>(c), header[c].unit};
    }
    return Column{};
  };
  if (layout == Layout::gcexport) {
    map.date_utc_ms = find("begin timestamp raw");
    map.distance_raw = find("distance raw");
  }
  if (layout == Layout::garmin_connect) {
    map.steps = find("steps");
    map.stride = find("avg stride length");
  }
  return map;
}

struct RowProblem {
  Location where;
  std::string reason;
};

Location where_of(const CsvRecord& record, const Column& column) {
  if (column.found() && static_cast<std::size_t>(column.index) < record.fields.size()) {
    const auto& f = record.fields[static_cast<std::size_t>(column.index)];
    return Location{f.line, f.column, -1};
  }
  return Location{record.line, 0, -1};
}

std::string_view field(const CsvRecord& record, const Column& column) {
  return column.found() ? record.at(static_cast<std::size_t>(column.index)) : std::string_view();
}

double time_factor_s(std::string_view unit) {
  if (unit == "min") return 60;
  if (unit == "h") return 3600;
  if (unit == "ms") return 0.001;
  return 1;
}

// Garmin Connect writes distances in the account's units without saying
// which. Steps x stride length over distance tells: about 1000 for km with
// strides in metres, 1609 for miles with metres, 5280 for miles with feet.
std::optional<engine::Units> detect_garmin_units(const CsvTable& table, const ColumnMap& map,
                                                 NumberStyle style) {
  if (!map.steps.found() || !map.stride.found() || !map[Role::distance].found())
    return std::nullopt;
  std::vector<double> ratios;
  for (std::size_t r = 1; r < table.records.size(); ++r) {
    const auto& rec = table.records[r];
    const auto steps = detail::parse_number(field(rec, map.steps), style);
    const auto stride = detail::parse_number(field(rec, map.stride), style);
    const auto dist = detail::parse_number(field(rec, map[Role::distance]), style);
    if (steps && stride && dist && *steps > 0 && *stride > 0 && *dist > 0.5)
      ratios.push_back(*steps * *stride / *dist);
  }
  if (ratios.size() < 3) return std::nullopt;
  std::nth_element(ratios.begin(), ratios.begin() + static_cast<long>(ratios.size() / 2),
                   ratios.end());
  const double median = ratios[ratios.size() / 2];
  const double near_km = std::abs(std::log(median / 1000.0));
  const double near_mi = std::min(std::abs(std::log(median / engine::kMetresPerMile)),
                                  std::abs(std::log(median / 5280.0)));
  if (std::min(near_km, near_mi) > std::log(1.3)) return std::nullopt;  // neither fits
  return near_km < near_mi ? engine::Units::km : engine::Units::mi;
}

struct FileSettings {
  Layout layout = Layout::generic;
  NumberStyle style = NumberStyle::decimal_point;
  engine::Units bare_units = engine::Units::km;
  double bare_elevation_m = 1.0;  ///< metres per unit of an elevation without unit
};

engine::UtcTime to_utc(const detail::WrittenTime& t, const ParseContext& ctx,
                       engine::Activity& activity) {
  if (t.offset_s) {
    activity.offset_from_source = true;
    activity.utc_offset_s = *t.offset_s;
    return engine::UtcTime{t.local.time_since_epoch()} - std::chrono::seconds(*t.offset_s);
  }
  if (ctx.tz != nullptr) {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        ctx.tz->to_sys(t.local, date::choose::earliest));
  }
  return engine::UtcTime{t.local.time_since_epoch()};
}

// A distance from a field: the header's unit, else the value's, else bare units.
std::optional<double> distance_m(std::string_view text, std::string_view header_unit,
                                 const FileSettings& s, std::string& error) {
  const auto value = detail::parse_number_with_unit(text, s.style);
  if (!value) {
    error = fmt::format("distance '{}' is not a number", detail::trim(text));
    return std::nullopt;
  }
  std::optional<double> factor;
  if (!value->unit.empty()) {
    factor = detail::metres_per_unit(value->unit);
    if (!factor) {
      error = fmt::format("distance '{}' has an unknown unit", detail::trim(text));
      return std::nullopt;
    }
  } else if (!header_unit.empty()) {
    factor = detail::metres_per_unit(header_unit);
  }
  if (!factor) factor = s.bare_units == engine::Units::mi ? engine::kMetresPerMile : 1000.0;
  return value->value * *factor;
}

/// The one surface-split syntax (`road:8km,trail:2km`); the old CSV spelling
/// `road:8000;trail:2000` still reads: a share without a unit is in metres.
std::vector<engine::SurfaceShare> parse_surfaces(std::string_view text, double total_m,
                                                 const FileSettings& s, std::string& error) {
  auto shares = engine::parse_surface_split(
      text, total_m,
      [&](std::string_view distance, std::string& why) {
        return distance_m(distance, "m", s, why);
      },
      error);
  return shares ? std::move(*shares) : std::vector<engine::SurfaceShare>{};
}

std::string text_value(std::string_view text) {
  const std::string_view t = detail::trim(text);
  return t == "--" ? std::string() : std::string(t);
}

constexpr auto kEpoch = date::sys_days{date::year{1970} / 1 / 1};

class RowReader {
 public:
  RowReader(const CsvRecord& record, const ColumnMap& map, const FileSettings& settings,
            const ParseContext& ctx, std::vector<ImportWarning>& warnings)
      : rec_(record), map_(map), s_(settings), ctx_(ctx), warnings_(warnings) {}

  /// The activity, or nullopt with `problem` saying why the row is skipped.
  std::optional<engine::Activity> read(RowProblem& problem) {
    engine::Activity a;
    a.summary_only = true;
    if (!read_start(a, problem)) return std::nullopt;

    const Column& type = map_[Role::type];
    const std::string type_text = text_value(field(rec_, type));
    a.sport = engine::Sport::run;
    if (!type_text.empty()) {
      auto sport = detail::sport_from_name(type_text);
      if (!sport)
        if (const auto english = detail::garmin_sport_in_english(type_text))
          sport = detail::sport_from_name(*english);
      if (sport) {
        a.sport = *sport;
      } else {
        a.sport = engine::Sport::other;
        unknown_type = type_text;
      }
    }

    const Column& dist = map_[Role::distance];
    const std::string_view dist_text = field(rec_, dist);
    if (!detail::is_missing(dist_text)) {
      std::string error;
      // Garmin Connect gives pool swims in metres (yards in miles accounts)
      // whatever the account's distance unit.
      const bool garmin_swim =
          s_.layout == Layout::garmin_connect && a.sport == engine::Sport::swim;
      const std::string_view unit =
          garmin_swim ? std::string_view(s_.bare_units == engine::Units::mi ? "yd" : "m")
                      : std::string_view(dist.unit);
      auto metres = distance_m(dist_text, unit, s_, error);
      if (!metres) {
        problem = {where_of(rec_, dist), "row skipped: " + error};
        return std::nullopt;
      }
      if (map_.distance_raw.found()) {  // gcexport: more digits, display column's unit
        const auto display = detail::parse_number_with_unit(dist_text, s_.style);
        const auto raw = detail::parse_number(field(rec_, map_.distance_raw), s_.style);
        const auto factor = display ? detail::metres_per_unit(display->unit) : std::nullopt;
        if (raw && factor) metres = *raw * *factor;
      }
      if (*metres < 0) {
        problem = {where_of(rec_, dist),
                   fmt::format("row skipped: negative distance '{}'", detail::trim(dist_text))};
        return std::nullopt;
      }
      a.distance_m = *metres;
    }

    a.moving_s = duration(Role::moving, "moving time");
    a.elapsed_s = duration(Role::elapsed, "elapsed time");
    if (s_.layout == Layout::garmin_connect) a.moving_s = garmin_time(a.moving_s, a.elapsed_s);
    // One of the two stands for both when the other is missing.
    if (a.moving_s == 0) a.moving_s = a.elapsed_s;
    if (a.elapsed_s == 0) a.elapsed_s = a.moving_s;

    const Column& gain = map_[Role::elevation_gain];
    if (const std::string_view t = field(rec_, gain); !detail::is_missing(t)) {
      const auto v = detail::parse_number_with_unit(t, s_.style);
      std::optional<double> factor;
      if (v && !v->unit.empty())
        factor = detail::metres_per_unit(v->unit);
      else if (v && !gain.unit.empty())
        factor = detail::metres_per_unit(gain.unit);
      else if (v)
        factor = s_.bare_elevation_m;
      if (v && factor)
        a.elevation_gain_m = v->value * *factor;
      else
        warn(gain, fmt::format("elevation gain '{}' is not a number: ignored", detail::trim(t)));
    }
    a.avg_hr_bpm = number(Role::avg_hr, "average heart rate");
    a.max_hr_bpm = number(Role::max_hr, "maximum heart rate");
    a.avg_cadence_spm = number(Role::cadence, "cadence");
    const double rpe = number(Role::rpe, "RPE");
    if (rpe == rpe) {
      if (rpe >= 0 && rpe <= 10)
        a.rpe = static_cast<int>(std::lround(rpe));
      else
        warn(map_[Role::rpe], fmt::format("RPE {} is outside 0-10: ignored", rpe));
    }

    const Column& surface = map_[Role::surface];
    if (const std::string_view t = field(rec_, surface); !detail::is_missing(t)) {
      std::string error;
      a.surface_m = parse_surfaces(t, a.distance_m, s_, error);
      if (!error.empty()) warn(surface, error + ": surface left unknown");
    }
    if (a.surface_m.empty() && a.sport == engine::Sport::treadmill_run && a.distance_m > 0)
      a.surface_m.push_back({engine::Surface::treadmill, a.distance_m});

    a.shoe = text_value(field(rec_, map_[Role::shoe]));
    a.name = text_value(field(rec_, map_[Role::name]));
    a.notes = text_value(field(rec_, map_[Role::notes]));
    a.source.format = "csv";
    a.source.file_name = ctx_.display_name;
    return a;
  }

  std::string unknown_type;  ///< set when the type column held a name we do not know

 private:
  bool read_start(engine::Activity& a, RowProblem& problem) {
    const Column& date_col = map_[Role::date];
    const std::string_view text = field(rec_, date_col);
    const auto written = detail::parse_written_time(text);
    std::optional<double> utc_ms;
    if (map_.date_utc_ms.found())
      utc_ms = detail::parse_number(field(rec_, map_.date_utc_ms), NumberStyle::decimal_point);
    // Past year 9999 the milliseconds are no instant (and would overflow the
    // difference below): the written time stands alone.
    constexpr double kMaxUtcMs = 253402300800000.0;
    if (utc_ms && std::abs(*utc_ms) >= kMaxUtcMs) utc_ms.reset();
    if (utc_ms) {
      // gcexport: the raw milliseconds are UTC; the written time is local, so
      // their difference is the offset the activity was recorded in.
      a.start_utc = engine::UtcTime{std::chrono::milliseconds(std::llround(*utc_ms))};
      if (written) {
        const auto diff_s = std::chrono::duration_cast<std::chrono::seconds>(
                                written->local.time_since_epoch() - a.start_utc.time_since_epoch())
                                .count();
        const auto quarter_hours = std::lround(static_cast<double>(diff_s) / 900.0);
        if (std::abs(quarter_hours) <= 18 * 4) {
          a.utc_offset_s = static_cast<std::int32_t>(quarter_hours * 900);
          a.offset_from_source = true;
        }
      }
    } else if (written) {
      a.start_utc = to_utc(*written, ctx_, a);
    } else {
      problem = {where_of(rec_, date_col),
                 detail::is_missing(text)
                     ? std::string("row skipped: no date")
                     : fmt::format("row skipped: date '{}' not understood", detail::trim(text))};
      return false;
    }
    if (a.start_utc < kEpoch) {
      problem = {where_of(rec_, date_col),
                 fmt::format("row skipped: date '{}' is before 1970", detail::trim(text))};
      return false;
    }
    assign_local_date(a, ctx_);
    return true;
  }

  // The Danish export rounds Garmin's Time to h:mm, which reads as m:ss:
  // `0:45` beside an elapsed 00:45:17 is 45 minutes, not seconds. Of the two
  // readings of a two-part time, the one nearer the elapsed time is taken.
  double garmin_time(double moving_s, double elapsed_s) const {
    const std::string_view t = detail::trim(field(rec_, map_[Role::moving]));
    if (moving_s <= 0 || elapsed_s <= 0 || std::count(t.begin(), t.end(), ':') != 1)
      return moving_s;
    const double as_hours = moving_s * 60;
    return std::abs(as_hours - elapsed_s) < std::abs(moving_s - elapsed_s) ? as_hours : moving_s;
  }

  double duration(Role role, std::string_view label) {
    const Column& col = map_[role];
    const std::string_view t = field(rec_, col);
    if (detail::is_missing(t)) return 0;
    const auto v = detail::parse_duration_value(t, s_.style, time_factor_s(col.unit));
    if (!v || *v < 0) {
      warn(col, fmt::format("{} '{}' not understood: ignored", label, detail::trim(t)));
      return 0;
    }
    return *v;
  }

  double number(Role role, std::string_view label) {
    const Column& col = map_[role];
    const std::string_view t = field(rec_, col);
    if (detail::is_missing(t)) return engine::kNoValue;
    const auto v = detail::parse_number(t, s_.style);
    if (!v || *v < 0) {
      warn(col, fmt::format("{} '{}' is not a number: ignored", label, detail::trim(t)));
      return engine::kNoValue;
    }
    return *v;
  }

  void warn(const Column& col, std::string message) {
    warnings_.push_back({where_of(rec_, col), std::move(message)});
  }

  const CsvRecord& rec_;
  const ColumnMap& map_;
  const FileSettings& s_;
  const ParseContext& ctx_;
  std::vector<ImportWarning>& warnings_;
};

bool is_blank(const CsvRecord& record) {
  return std::all_of(record.fields.begin(), record.fields.end(),
                     [](const auto& f) { return detail::trim(f.text).empty(); });
}

// A header row's names, Garmin's localised ones in English.
std::vector<HeaderName> read_header(const CsvRecord& record) {
  std::vector<std::string> cells;
  for (const auto& f : record.fields) cells.push_back(f.text);
  // Garmin Connect writes its headers in the UI's language.
  if (auto english = detail::translate_garmin_header(cells)) cells = std::move(english->cells);
  std::vector<HeaderName> header;
  for (const auto& c : cells) header.push_back(split_header(c));
  return header;
}

[[noreturn]] void fail_no_rows(const ParseContext& ctx, std::size_t skipped,
                               const std::optional<RowProblem>& first) {
  if (!first) throw ParseError(ctx.display_name, Location{1, 0, -1}, "no activity rows");
  throw ParseError(ctx.display_name, first->where,
                   fmt::format("no usable rows ({} skipped; first: {})", skipped, first->reason));
}

ParseResult from_strava(std::string_view bytes, const ParseContext& ctx) {
  ParseResult result;
  std::size_t skipped = 0;
  std::optional<RowProblem> first;
  auto rows = parse_strava_activities_csv(bytes, ctx);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto& row = rows[i];
    if (!row.error.empty()) {
      RowProblem p{Location{row.line, 0, -1}, "row skipped: " + row.error};
      result.warnings.push_back({p.where, p.reason});
      if (!first) first = p;
      ++skipped;
      continue;
    }
    row.activity.source.format = "csv";
    row.activity.source.index_in_file = static_cast<int>(i);
    result.activities.push_back(std::move(row.activity));
  }
  if (result.activities.empty()) fail_no_rows(ctx, skipped, first);
  finish_activities(result, ctx);
  return result;
}

// A per-second recording with a date column would otherwise pass as a list
// of thousands of tiny activities: real lists have hours between starts.
void reject_sample_stream(const std::vector<engine::Activity>& activities,
                          const ParseContext& ctx) {
  constexpr std::size_t kMinRows = 20;
  constexpr auto kSampleGap = std::chrono::minutes(2);
  if (activities.size() < kMinRows) return;
  std::size_t close = 0;
  for (std::size_t i = 1; i < activities.size(); ++i) {
    const auto gap = activities[i].start_utc - activities[i - 1].start_utc;
    if (gap < kSampleGap && gap > -kSampleGap) ++close;
  }
  if (close * 10 >= (activities.size() - 1) * 9) {
    throw ParseError(ctx.display_name, Location{1, 0, -1},
                     "rows are seconds apart: a sensor stream, not an activity list");
  }
}

}  // namespace

ParseResult parse_csv(std::string_view bytes, const ParseContext& ctx) {
  CsvTable table = detail::read_csv(bytes, ctx.display_name);
  if (table.records.empty()) throw ParseError(ctx.display_name, Location{1, 0, -1}, "empty file");

  std::vector<HeaderName> header = read_header(table.records[0]);
  FileSettings settings;
  settings.layout = detect_layout(header);
  // Old Garmin Connect exports (2012) put a title line above the header. It is
  // dropped only when the next line is a Garmin header, so a file that is not
  // an activity list still fails below.
  if (settings.layout != Layout::garmin_connect && table.records.size() > 1) {
    auto next = read_header(table.records[1]);
    if (detect_layout(next) == Layout::garmin_connect) {
      table.records.erase(table.records.begin());
      header = std::move(next);
      settings.layout = Layout::garmin_connect;
    }
  }
  if (settings.layout == Layout::strava) return from_strava(bytes, ctx);

  const ColumnMap map = map_columns(header, settings.layout);
  if (!map[Role::date].found() ||
      !(map[Role::distance].found() || map[Role::moving].found() || map[Role::elapsed].found())) {
    throw ParseError(ctx.display_name, Location{table.records[0].line, 0, -1},
                     "no date and distance columns (not an activity list)");
  }

  std::vector<int> numeric_columns{map.distance_raw.index, map.steps.index, map.stride.index};
  for (const Role r : {Role::distance, Role::elevation_gain, Role::avg_hr, Role::max_hr,
                       Role::cadence, Role::rpe, Role::moving, Role::elapsed})
    numeric_columns.push_back(map[r].index);
  settings.style = detail::detect_number_style(table, numeric_columns);
  settings.bare_units = ctx.csv_units;
  if (settings.layout == Layout::garmin_connect) {
    if (const auto units = detect_garmin_units(table, map, settings.style))
      settings.bare_units = *units;
    // Garmin writes elevations in the account's units too.
    settings.bare_elevation_m = settings.bare_units == engine::Units::mi ? 0.3048 : 1.0;
  }

  ParseResult result;
  std::size_t skipped = 0;
  std::optional<RowProblem> first;
  // Unknown type names, reported once each with the first line and a count.
  std::map<std::string, std::pair<std::int64_t, int>> unknown_types;
  for (std::size_t r = 1; r < table.records.size(); ++r) {
    const CsvRecord& rec = table.records[r];
    if (is_blank(rec)) continue;
    if (rec.fields.size() > header.size()) {
      const bool extra_data =
          std::any_of(rec.fields.begin() + static_cast<long>(header.size()), rec.fields.end(),
                      [](const auto& f) { return !detail::trim(f.text).empty(); });
      if (extra_data) {
        result.warnings.push_back(
            {Location{rec.line, 0, -1},
             fmt::format("row has {} fields, the header {}: the extra ones are ignored",
                         rec.fields.size(), header.size())});
      }
    }
    RowReader reader(rec, map, settings, ctx, result.warnings);
    RowProblem problem;
    auto activity = reader.read(problem);
    if (!activity) {
      result.warnings.push_back({problem.where, problem.reason});
      if (!first) first = problem;
      ++skipped;
      continue;
    }
    if (!reader.unknown_type.empty()) {
      auto [it, inserted] = unknown_types.try_emplace(reader.unknown_type, rec.line, 0);
      ++it->second.second;
    }
    activity->source.index_in_file = static_cast<int>(r - 1);
    result.activities.push_back(std::move(*activity));
  }
  for (const auto& [name, seen] : unknown_types) {
    result.warnings.push_back(
        {Location{seen.first, 0, -1},
         fmt::format("activity type '{}' is not known: imported as other ({} row{})", name,
                     seen.second, seen.second == 1 ? "" : "s")});
  }
  if (result.activities.empty()) fail_no_rows(ctx, skipped, first);
  reject_sample_stream(result.activities, ctx);
  finish_activities(result, ctx);
  return result;
}

namespace {

std::string number_text(double value) {
  if (std::isnan(value)) return {};
  return fmt::format("{}", value);
}

std::string start_text(const engine::Activity& a) {
  using namespace std::chrono;
  const auto local = a.start_utc + seconds(a.utc_offset_s);
  const auto secs = date::floor<seconds>(local);
  std::string out = date::format("%Y-%m-%dT%H:%M:%S", secs);
  const auto ms = (local - secs).count();
  if (ms != 0) out += fmt::format(".{:03}", ms);
  const int offset = std::abs(a.utc_offset_s);
  out += fmt::format("{}{:02}:{:02}", a.utc_offset_s < 0 ? '-' : '+', offset / 3600,
                     offset % 3600 / 60);
  return out;
}

}  // namespace

std::string write_generic_csv(const std::vector<engine::Activity>& activities) {
  std::string out =
      "start,sport,distance_m,moving_s,elapsed_s,elevation_gain_m,avg_hr_bpm,max_hr_bpm,"
      "avg_cadence_spm,rpe,surface_m,shoe,name,notes\n";
  for (const auto& a : activities) {
    std::string surfaces;
    for (const auto& share : a.surface_m) {
      if (!surfaces.empty()) surfaces += ',';
      surfaces += fmt::format("{}:{}m", engine::to_string(share.surface), share.distance_m);
    }
    out += fmt::format(
        "{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", start_text(a), engine::to_string(a.sport),
        number_text(a.distance_m), number_text(a.moving_s), number_text(a.elapsed_s),
        number_text(a.elevation_gain_m), number_text(a.avg_hr_bpm), number_text(a.max_hr_bpm),
        number_text(a.avg_cadence_spm), a.rpe ? std::to_string(*a.rpe) : std::string(),
        detail::quote_csv_field(surfaces), detail::quote_csv_field(a.shoe),
        detail::quote_csv_field(a.name), detail::quote_csv_field(a.notes));
  }
  return out;
}

}  // namespace stride::import
