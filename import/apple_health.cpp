#include "import/apple_health.hpp"

#include <date/tz.h>
#include <expat.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <fstream>

#include "import/detail/export_inputs.hpp"
#include "import/detail/iso8601.hpp"
#include "import/gpx.hpp"

namespace stride::import {
namespace fs = std::filesystem;

namespace {

/// Route points this far outside the workout still count as inside: the
/// watch starts recording a moment before the workout is started.
constexpr std::int64_t kRouteSlackMs = 2 * 60 * 1000;
/// export.xml inside a zip is streamed, never held: only this bounds it.
constexpr std::uint64_t kMaxExportXmlBytes = std::uint64_t{1} << 40;

/// Apple writes `2019-05-01 07:00:00 +0200`: the one ISO reader takes it as is.
std::optional<std::int64_t> apple_time_ms(const char* text) {
  if (text == nullptr) return std::nullopt;
  detail::IsoTime t;
  if (!detail::parse_iso8601(text, t)) return std::nullopt;
  return t.ms_since_epoch;
}

std::optional<double> number(const char* text) {
  if (text == nullptr || *text == '\0') return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(text, &end);
  if (end == text || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<double> metres(double value, std::string_view unit) {
  if (unit == "km") return value * 1000;
  if (unit == "m") return value;
  if (unit == "mi") return value * 1609.344;
  if (unit == "yd") return value * 0.9144;
  if (unit == "ft") return value * 0.3048;
  if (unit == "cm") return value / 100;
  return std::nullopt;
}

std::optional<double> seconds(double value, std::string_view unit) {
  if (unit == "min") return value * 60;
  if (unit == "s" || unit == "sec") return value;
  if (unit == "h" || unit == "hr") return value * 3600;
  if (unit == "ms") return value / 1000;
  return std::nullopt;
}

std::optional<engine::Sport> apple_sport(std::string_view type) {
  using engine::Sport;
  constexpr std::string_view kPrefix = "HKWorkoutActivityType";
  if (type.substr(0, kPrefix.size()) == kPrefix) type.remove_prefix(kPrefix.size());
  if (type == "Running") return Sport::run;
  if (type == "Walking") return Sport::walk;
  if (type == "Hiking") return Sport::hike;
  if (type == "Cycling" || type == "HandCycling") return Sport::ride;
  if (type == "Swimming") return Sport::swim;
  if (type == "Rowing") return Sport::row;
  if (type == "Elliptical") return Sport::elliptical;
  if (type == "TraditionalStrengthTraining" || type == "FunctionalStrengthTraining")
    return Sport::strength;
  return std::nullopt;
}

const char* attr(const XML_Char** atts, const char* name) {
  for (; atts[0] != nullptr; atts += 2)
    if (std::strcmp(atts[0], name) == 0) return atts[1];
  return nullptr;
}

struct HeartRate {
  std::int64_t t_ms;
  float bpm;
};

}  // namespace

struct AppleHealthReader::Impl {
  ParseContext ctx;
  XML_Parser parser = nullptr;
  AppleScan scan;
  std::vector<HeartRate> heart;
  // The workout being read.
  bool in_workout = false;
  bool in_route = false;
  bool skip_workout = false;
  bool indoor = false;
  std::string time_zone;
  double stats_distance_m = engine::kNoValue;
  double stats_avg_hr = engine::kNoValue;
  AppleWorkout current;
  std::string refused;  // why the parse was stopped from a handler

  explicit Impl(const ParseContext& c) : ctx(c) {
    parser = XML_ParserCreate(nullptr);
    if (parser == nullptr) throw std::bad_alloc();
    XML_SetUserData(parser, this);
    XML_SetElementHandler(parser, &Impl::on_start, &Impl::on_end);
    XML_SetEntityDeclHandler(parser, &Impl::on_entity);
  }
  ~Impl() { XML_ParserFree(parser); }

  Location where() const {
    return {static_cast<std::int64_t>(XML_GetCurrentLineNumber(parser)),
            static_cast<std::int64_t>(XML_GetCurrentColumnNumber(parser)) + 1, -1};
  }

  static void XMLCALL on_entity(void* data, const XML_Char*, int, const XML_Char*, int,
                                const XML_Char*, const XML_Char*, const XML_Char*,
                                const XML_Char*) {
    auto* self = static_cast<Impl*>(data);
    self->refused = "entity declarations are not accepted (they can expand without bound)";
    XML_StopParser(self->parser, XML_FALSE);
  }

  static void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** atts) {
    auto* self = static_cast<Impl*>(data);
    // Record elements are nearly all of the file: decide on the first letters.
    if (name[0] == 'R' && std::strcmp(name, "Record") == 0) {
      const char* type = attr(atts, "type");
      if (type == nullptr || std::strcmp(type, "HKQuantityTypeIdentifierHeartRate") != 0) return;
      self->heart_rate(atts);
      return;
    }
    if (std::strcmp(name, "Workout") == 0) {
      self->begin_workout(atts);
      return;
    }
    if (!self->in_workout || self->skip_workout) return;
    if (std::strcmp(name, "MetadataEntry") == 0 && !self->in_route) {
      const char* key = attr(atts, "key");
      const char* value = attr(atts, "value");
      if (key == nullptr || value == nullptr) return;
      if (std::strcmp(key, "HKTimeZone") == 0) self->time_zone = value;
      if (std::strcmp(key, "HKIndoorWorkout") == 0) self->indoor = std::strcmp(value, "1") == 0;
    } else if (std::strcmp(name, "WorkoutStatistics") == 0) {
      self->statistics(atts);
    } else if (std::strcmp(name, "WorkoutRoute") == 0) {
      self->in_route = true;
    } else if (self->in_route && std::strcmp(name, "FileReference") == 0) {
      if (const char* path = attr(atts, "path")) {
        std::string_view p = path;
        while (!p.empty() && p.front() == '/') p.remove_prefix(1);
        self->current.route_file = std::string(p);
      }
    } else if (self->in_route && std::strcmp(name, "Location") == 0) {
      self->location(atts);
    }
  }

  static void XMLCALL on_end(void* data, const XML_Char* name) {
    auto* self = static_cast<Impl*>(data);
    if (!self->in_workout) return;
    if (std::strcmp(name, "WorkoutRoute") == 0) {
      self->in_route = false;
    } else if (std::strcmp(name, "Workout") == 0) {
      self->end_workout();
    }
  }

  void heart_rate(const XML_Char** atts) {
    const auto t = apple_time_ms(attr(atts, "startDate"));
    const auto v = number(attr(atts, "value"));
    if (!t || !v || !(*v > 0) || *v > 300) return;
    heart.push_back({*t, static_cast<float>(*v)});
  }

  void begin_workout(const XML_Char** atts) {
    in_workout = true;
    in_route = false;
    indoor = false;
    time_zone.clear();
    stats_distance_m = engine::kNoValue;
    stats_avg_hr = engine::kNoValue;
    current = AppleWorkout{};
    current.line = where().line;
    const char* type = attr(atts, "workoutActivityType");
    current.type = type != nullptr ? type : "";
    const auto sport = apple_sport(current.type);
    skip_workout = !sport;
    if (!sport) {
      ++scan.other_workouts;
      return;
    }
    engine::Activity& a = current.activity;
    a.sport = *sport;
    a.summary_only = true;
    a.source.format = "apple_health";
    const auto start = apple_time_ms(attr(atts, "startDate"));
    const auto end = apple_time_ms(attr(atts, "endDate"));
    if (!start || !end || *end < *start) {
      current.error = "a Workout without usable startDate and endDate";
      return;
    }
    a.start_utc = engine::UtcTime(std::chrono::milliseconds(*start));
    current.end_ms = *end;
    a.elapsed_s = static_cast<double>(*end - *start) / 1000.0;
    const char* du = attr(atts, "durationUnit");
    if (const auto d = number(attr(atts, "duration")))
      if (const auto s = seconds(*d, du != nullptr ? du : "min")) a.moving_s = *s;
    const char* tu = attr(atts, "totalDistanceUnit");
    if (const auto d = number(attr(atts, "totalDistance")); d && tu != nullptr)
      if (const auto m = metres(*d, tu)) a.distance_m = *m;
  }

  void statistics(const XML_Char** atts) {
    const char* type = attr(atts, "type");
    const char* unit = attr(atts, "unit");
    if (type == nullptr || unit == nullptr) return;
    const std::string_view t = type;
    if (t.find("HKQuantityTypeIdentifierDistance") == 0) {
      if (const auto sum = number(attr(atts, "sum")))
        if (const auto m = metres(*sum, unit)) stats_distance_m = *m;
    } else if (t == "HKQuantityTypeIdentifierHeartRate") {
      if (const auto avg = number(attr(atts, "average")); avg && *avg > 0) stats_avg_hr = *avg;
    }
  }

  void location(const XML_Char** atts) {
    engine::TrackPoint p;
    if (const auto t = apple_time_ms(attr(atts, "date"))) {
      p.time = engine::UtcTime(std::chrono::milliseconds(*t));
      p.has_time = true;
    }
    const auto lat = number(attr(atts, "latitude"));
    const auto lon = number(attr(atts, "longitude"));
    if (!lat || !lon || std::abs(*lat) > 90 || std::abs(*lon) > 180) {
      ++current.dropped_locations;  // counted in one warning with the workout
      return;
    }
    p.lat_deg = *lat;
    p.lon_deg = *lon;
    if (const auto ele = number(attr(atts, "altitude"))) p.ele_m = *ele;
    if (const auto v = number(attr(atts, "speed")); v && *v >= 0) p.speed_mps = *v;
    current.inline_route.push_back(p);
  }

  void end_workout() {
    in_workout = false;
    in_route = false;
    if (skip_workout) return;
    engine::Activity& a = current.activity;
    if (current.error.empty()) {
      if (!(a.distance_m > 0) && stats_distance_m > 0) a.distance_m = stats_distance_m;
      if (!(a.moving_s > 0)) a.moving_s = a.elapsed_s;
      a.avg_hr_bpm = stats_avg_hr;  // until the records say better (finish())
      if (a.sport == engine::Sport::run && indoor) a.sport = engine::Sport::treadmill_run;
      if (a.sport == engine::Sport::treadmill_run && a.distance_m > 0)
        a.surface_m.push_back({engine::Surface::treadmill, a.distance_m});
      const date::time_zone* tz = nullptr;
      if (!time_zone.empty()) {
        try {
          tz = date::locate_zone(time_zone);
        } catch (const std::exception&) {
          a.warnings.push_back(fmt::format(
              "unknown HKTimeZone '{}': the profile's time zone gives the day", time_zone));
        }
      }
      if (tz != nullptr) {
        a.utc_offset_s = static_cast<std::int32_t>(
            tz->get_info(date::floor<std::chrono::seconds>(a.start_utc)).offset.count());
        a.offset_from_source = true;
      }
      assign_local_date(a, ctx);
    }
    scan.workouts.push_back(std::move(current));
    current = AppleWorkout{};
  }

  void parse(const char* data, std::size_t n, bool last) {
    // XML_Parse takes an int length: hand big buffers over in pieces.
    constexpr std::size_t kPiece = std::size_t{1} << 30;
    do {
      const std::size_t piece = std::min(n, kPiece);
      const bool final_piece = last && piece == n;
      if (XML_Parse(parser, data, static_cast<int>(piece), final_piece ? 1 : 0) != XML_STATUS_OK) {
        const std::string reason =
            !refused.empty() ? refused : XML_ErrorString(XML_GetErrorCode(parser));
        throw ParseError(ctx.display_name, where(), reason);
      }
      data += piece;
      n -= piece;
    } while (n > 0);
  }

  void apply_heart_rates() {
    std::sort(heart.begin(), heart.end(),
              [](const HeartRate& a, const HeartRate& b) { return a.t_ms < b.t_ms; });
    for (auto& w : scan.workouts) {
      if (!w.error.empty()) continue;
      const std::int64_t start = w.activity.start_utc.time_since_epoch().count();
      auto it = std::lower_bound(heart.begin(), heart.end(), start,
                                 [](const HeartRate& h, std::int64_t t) { return h.t_ms < t; });
      double sum = 0, max = 0;
      std::size_t n = 0;
      for (; it != heart.end() && it->t_ms <= w.end_ms; ++it, ++n) {
        sum += it->bpm;
        max = std::max<double>(max, it->bpm);
      }
      if (n > 0) {
        w.activity.avg_hr_bpm = sum / static_cast<double>(n);
        w.activity.max_hr_bpm = max;
      }
    }
    scan.heart_rate_records = heart.size();
  }
};

AppleHealthReader::AppleHealthReader(const ParseContext& ctx)
    : impl_(std::make_unique<Impl>(ctx)) {}
AppleHealthReader::~AppleHealthReader() = default;

void AppleHealthReader::feed(std::string_view bytes) {
  impl_->parse(bytes.data(), bytes.size(), false);
}

AppleScan AppleHealthReader::finish() {
  impl_->parse("", 0, true);
  return partial();
}

AppleScan AppleHealthReader::partial() {
  impl_->apply_heart_rates();
  impl_->heart.clear();
  impl_->heart.shrink_to_fit();
  return std::move(impl_->scan);
}

AppleScan scan_apple_health(std::string_view xml, const ParseContext& ctx) {
  AppleHealthReader reader(ctx);
  reader.feed(xml);
  return reader.finish();
}

ParseResult apple_workout_activity(const AppleWorkout& workout,
                                   const std::optional<std::string>& route_gpx,
                                   const ParseContext& ctx) {
  const Location at{workout.line, 0, -1};
  if (!workout.error.empty()) throw ParseError(ctx.display_name, at, workout.error);
  ParseResult out;
  engine::Activity a = workout.activity;
  std::vector<engine::TrackPoint> route = workout.inline_route;
  std::string route_name = "its inline route";
  if (workout.dropped_locations > 0)
    out.warnings.push_back(
        {at, fmt::format("{} inline <Location> point(s) with coordinates outside ±90/±180 or not "
                         "numbers: dropped",
                         workout.dropped_locations)});
  if (!workout.route_file.empty()) {
    route_name = workout.route_file;
    if (!route_gpx) {
      out.warnings.push_back(
          {at, fmt::format("{} is referenced but missing from the export; imported without a "
                           "route",
                           workout.route_file)});
    } else {
      try {
        ParseContext gctx = ctx;
        gctx.display_name = workout.route_file;
        ParseResult gpx = parse_gpx(*route_gpx, gctx);
        for (auto& g : gpx.activities) route.insert(route.end(), g.points.begin(), g.points.end());
        // The workout's warnings carry the export.xml line, so the route's own
        // (points dropped, times unreadable) name the route file and position.
        for (const auto& w : gpx.warnings)
          out.warnings.push_back({at, format_location(workout.route_file, w.where, w.message)});
      } catch (const ParseError& e) {
        out.warnings.push_back({at, fmt::format("{}; imported without a route", e.what())});
      }
    }
  }
  if (!route.empty()) {
    const std::int64_t start = a.start_utc.time_since_epoch().count();
    std::size_t inside = 0, timed = 0;
    std::int64_t first = 0, last = 0;
    for (const auto& p : route) {
      if (!p.has_time) continue;
      const std::int64_t t = p.time.time_since_epoch().count();
      if (timed == 0) first = t;
      last = t;
      ++timed;
      if (t >= start - kRouteSlackMs && t <= workout.end_ms + kRouteSlackMs) ++inside;
    }
    if (timed > 0 && 2 * inside < timed) {
      const auto iso = [](std::int64_t ms) {
        const engine::UtcTime t{std::chrono::milliseconds(ms)};
        return date::format("%FT%TZ", date::floor<std::chrono::seconds>(t));
      };
      out.warnings.push_back(
          {at, fmt::format("{}: its times ({} to {}) lie outside the workout ({} to {}); the "
                           "route is left out",
                           route_name, iso(first), iso(last), iso(start), iso(workout.end_ms))});
    } else {
      a.points = std::move(route);
      a.summary_only = false;
    }
  }
  out.activities.push_back(std::move(a));
  return out;
}

bool looks_like_apple_health(const fs::path& xml) {
  std::ifstream in(xml, std::ios::binary);
  if (!in) return false;
  std::string head(8192, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head.find("<HealthData") != std::string::npos;
}

const ZipMember* apple_health_member(const ZipReader& zip) {
  const ZipMember* best = nullptr;
  for (const auto& m : zip.members()) {
    if (m.is_directory || detail::hidden_member(m.name)) continue;
    const std::string_view name = m.name;
    const std::size_t slash = name.rfind('/');
    const std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
    if (base != "export.xml") continue;
    // Apple's own folder name, or export.xml at the top: any other export.xml
    // is somebody else's file.
    const std::string_view dir = slash == std::string_view::npos ? "" : name.substr(0, slash);
    const std::size_t dslash = dir.rfind('/');
    const std::string_view dir_base =
        dslash == std::string_view::npos ? dir : dir.substr(dslash + 1);
    if (!dir.empty() && dir_base != "apple_health_export") continue;
    if (best == nullptr || m.name.size() < best->name.size()) best = &m;
  }
  return best;
}

namespace {

std::string workout_key(const AppleWorkout& w) {
  const auto& a = w.activity;
  return fmt::format("apple-workout|{}|{}|{}|{}|{}", w.type, a.start_utc.time_since_epoch().count(),
                     w.end_ms, a.moving_s, a.distance_m);
}

/// Inputs for the scanned workouts; `route` loads a route by its relative path.
void add_workouts(AppleScan scan, const std::string& xml_display, const fs::path& path,
                  const std::string& stamp, std::uint64_t size, std::int64_t mtime,
                  const std::function<std::optional<std::string>(const std::string&)>& route,
                  std::vector<Input>& out) {
  for (auto& w : scan.workouts) {
    const std::int64_t start_ms = w.activity.start_utc.time_since_epoch().count();
    Input in;
    in.display_name = fmt::format("{}:{}", xml_display, w.line);
    in.path = path;
    in.stamp_path = fmt::format("{}#{}", stamp, start_ms);
    in.size_bytes = size;
    in.mtime_ns = mtime;
    in.parse = [w = std::move(w), route, xml_display](const ParseContext& ctx) {
      std::optional<std::string> gpx;
      std::string route_error;
      if (!w.route_file.empty()) {
        try {
          gpx = route(w.route_file);
        } catch (const ParseError& e) {
          route_error = e.what();
        }
      }
      ParseContext c = ctx;
      c.display_name = xml_display;
      ParsedInput parsed;
      if (route_error.empty()) {
        parsed.result = apple_workout_activity(w, gpx, c);
      } else {
        AppleWorkout without = w;
        without.route_file.clear();
        parsed.result = apple_workout_activity(without, std::nullopt, c);
        parsed.result.warnings.push_back(
            {{w.line, 0, -1}, fmt::format("{}; imported without a route", route_error)});
      }
      for (auto& a : parsed.result.activities) a.source.file_name = xml_display;
      // The input's name already ends in the workout's line.
      for (auto& warning : parsed.result.warnings) warning.where = {};
      std::string key = workout_key(w);
      if (gpx) key += "|" + content_hash(*gpx);
      parsed.content_hash = content_hash(key);
      return parsed;
    };
    out.push_back(std::move(in));
  }
}

}  // namespace

void walk_apple_health_file(const fs::path& xml, const Limits& limits, const ParseContext& ctx,
                            std::vector<Input>& out) {
  (void)limits;
  const std::string display = xml.string();
  const std::string stamp = detail::absolute_string(xml);
  std::error_code ec;
  const std::uint64_t size = fs::file_size(xml, ec);
  const std::int64_t mtime = detail::mtime_ns_of(xml);
  ParseContext c = ctx;
  c.display_name = display;
  AppleHealthReader reader(c);
  AppleScan scan;
  try {
    std::ifstream in(xml, std::ios::binary);
    if (!in) throw ParseError(display, {}, "cannot read the file");
    std::vector<char> buffer(std::size_t{1} << 20);
    while (in) {
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      const auto got = static_cast<std::size_t>(in.gcount());
      if (got > 0) reader.feed(std::string_view(buffer.data(), got));
    }
    if (in.bad()) throw ParseError(display, {}, "read error");
    scan = reader.finish();
  } catch (const ParseError&) {
    out.push_back(detail::failing_input(display, xml, stamp, std::current_exception()));
    scan = reader.partial();
  }
  const fs::path root = xml.parent_path();
  add_workouts(
      std::move(scan), display, xml, stamp, size, mtime,
      [root](const std::string& rel) -> std::optional<std::string> {
        const fs::path p = root / rel;
        std::error_code e;
        if (!fs::is_regular_file(p, e)) return std::nullopt;
        return detail::read_whole_file(p, p.string());
      },
      out);
}

void walk_apple_health_zip(const fs::path& path, const std::shared_ptr<ZipReader>& zip,
                           const ZipMember& xml, const Limits& limits, const ParseContext& ctx,
                           std::vector<Input>& out) {
  (void)limits;
  const std::string display = fmt::format("{}!{}", zip->display_name(), xml.name);
  const std::string stamp = fmt::format("{}!{}", detail::absolute_string(path), xml.name);
  ParseContext c = ctx;
  c.display_name = display;
  AppleHealthReader reader(c);
  AppleScan scan;
  try {
    zip->read_chunks(xml, kMaxExportXmlBytes, [&](std::string_view chunk) { reader.feed(chunk); });
    scan = reader.finish();
  } catch (const ParseError&) {
    out.push_back(detail::failing_input(display, path, stamp, std::current_exception()));
    scan = reader.partial();
  }
  const std::size_t slash = xml.name.rfind('/');
  const std::string prefix = slash == std::string::npos ? "" : xml.name.substr(0, slash + 1);
  add_workouts(
      std::move(scan), display, path, stamp, xml.size_bytes, detail::mtime_ns_of(path),
      [zip, prefix](const std::string& rel) -> std::optional<std::string> {
        const ZipMember* m = zip->find(prefix + rel);
        if (m == nullptr) return std::nullopt;
        return zip->read(*m);
      },
      out);
}

}  // namespace stride::import
