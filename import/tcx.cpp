#include "import/tcx.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "engine/datetime.hpp"
#include "engine/text.hpp"
#include "import/derive.hpp"

namespace stride::import {
namespace {

constexpr std::string_view kActivityExtensionNs =
    "http://www.garmin.com/xmlschemas/ActivityExtension/v2";

/// The name of an element without its namespace prefix.
std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view prefix_of(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? std::string_view{} : name.substr(0, colon);
}

/// The namespace URI an element's prefix is bound to. pugixml does not resolve
/// namespaces, so walk up looking for the `xmlns[:prefix]` declaration: files
/// bind ActivityExtension/v2 to `ns3`, `ext`, `x` or make it the default.
std::string_view namespace_uri(const pugi::xml_node& node) {
  const std::string_view prefix = prefix_of(node);
  std::string attr_name = prefix.empty() ? "xmlns" : fmt::format("xmlns:{}", prefix);
  for (pugi::xml_node n = node; n && n.type() == pugi::node_element; n = n.parent()) {
    if (const pugi::xml_attribute a = n.attribute(attr_name.c_str())) return a.value();
  }
  return {};
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local_name(c) == name) return c;
  return {};
}

using engine::trim;

std::optional<double> to_number(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty() ||
      !std::isfinite(value))
    return std::nullopt;
  return value;
}

struct ParsedTime {
  engine::UtcTime utc{};
  std::optional<std::int32_t> offset_s;  ///< set when the text carried a +hh:mm offset
};

/// xsd:dateTime through the one ISO-8601 reader: `2014-10-11T18:08:45.000Z`,
/// `2016-09-12T13:19:55+02:00`, `+0200`, or without a zone (taken as UTC, as
/// Garmin means it).
std::optional<ParsedTime> parse_time(std::string_view text) {
  engine::IsoTime t;
  if (!engine::parse_iso8601(text, t)) return std::nullopt;
  ParsedTime out;
  out.utc = engine::UtcTime{std::chrono::milliseconds{t.ms_since_epoch}};
  if (t.zone == engine::IsoTime::Zone::offset) out.offset_s = t.offset_s;
  return out;
}

const engine::UtcTime kEpoch{};

struct Parser {
  std::string_view bytes;   // the whole input, for positions
  std::size_t skipped = 0;  // leading bytes not handed to pugixml
  const ParseContext& ctx;
  ParseResult result;

  Location where(const pugi::xml_node& node) const {
    const auto off = node.offset_debug();
    if (off < 0) return {};
    // pugixml gives the offset of the name (or a DOCTYPE's value): point at its `<`.
    std::size_t at = skipped + static_cast<std::size_t>(off);
    while (at > skipped && at < bytes.size() && bytes[at] != '<') --at;
    return location_of_offset(bytes, at);
  }

  void warn(const pugi::xml_node& node, std::string message) {
    result.warnings.push_back({where(node), std::move(message)});
  }

  [[noreturn]] void fail(const pugi::xml_node& node, std::string message) const {
    throw ParseError(ctx.display_name, where(node), std::move(message));
  }

  /// A number child, NaN when absent; a warning when present but not a number.
  double number(const pugi::xml_node& parent, std::string_view name) {
    const pugi::xml_node n = child(parent, name);
    if (!n) return engine::kNoValue;
    if (auto v = to_number(n.child_value())) return *v;
    warn(n, fmt::format("<{}> is not a number: \"{}\"", name, trim(n.child_value())));
    return engine::kNoValue;
  }

  /// A time usable as such: parsed and not a pre-1970 placeholder.
  std::optional<ParsedTime> time(const pugi::xml_node& node, std::string_view text,
                                 std::string_view what) {
    auto t = parse_time(text);
    if (!t) {
      warn(node, fmt::format("{} is not a valid time: \"{}\"", what, trim(text)));
      return std::nullopt;
    }
    if (t->utc < kEpoch) return std::nullopt;  // placeholders such as 1901 count as missing
    return t;
  }

  /// An activity's dropped positions.
  struct DroppedPositions {
    std::size_t dropped = 0;
    pugi::xml_node first;
    std::string first_text;
  };
  DroppedPositions positions;

  void read_trackpoint(const pugi::xml_node& tp, bool run, engine::TrackPoint& p) {
    if (const pugi::xml_node t = child(tp, "Time")) {
      if (auto parsed = time(t, t.child_value(), "<Time>")) {
        p.time = parsed->utc;
        p.has_time = true;
      }
    }
    if (const pugi::xml_node pos = child(tp, "Position")) {
      // Out of range or not a number: the position is dropped (it would add
      // thousands of kilometres), the point kept; one warning counts them.
      const std::string_view lat_text = trim(child(pos, "LatitudeDegrees").child_value());
      const std::string_view lon_text = trim(child(pos, "LongitudeDegrees").child_value());
      const double lat = to_number(lat_text).value_or(engine::kNoValue);
      const double lon = to_number(lon_text).value_or(engine::kNoValue);
      if (lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) {
        p.lat_deg = lat;
        p.lon_deg = lon;
      } else if (positions.dropped++ == 0) {
        positions.first = pos;
        positions.first_text =
            fmt::format("lat '{}', lon '{}'", lat_text.substr(0, 40), lon_text.substr(0, 40));
      }
    }
    p.ele_m = number(tp, "AltitudeMeters");
    p.distance_m = number(tp, "DistanceMeters");
    if (const pugi::xml_node hr = child(tp, "HeartRateBpm")) p.hr_bpm = number(hr, "Value");
    // Trackpoint/Cadence is crank rpm on a bike; watches that write it for runs
    // (Polar) count one foot, as RunCadence does.
    const double cadence = number(tp, "Cadence");
    if (!std::isnan(cadence)) p.cadence_spm = run ? 2 * cadence : cadence;
    if (const pugi::xml_node ext = child(tp, "Extensions")) {
      for (pugi::xml_node tpx = ext.first_child(); tpx; tpx = tpx.next_sibling()) {
        if (tpx.type() != pugi::node_element || local_name(tpx) != "TPX" ||
            namespace_uri(tpx) != kActivityExtensionNs)
          continue;
        const double speed = number(tpx, "Speed");
        if (!std::isnan(speed)) p.speed_mps = speed;
        const double run_cadence = number(tpx, "RunCadence");
        if (!std::isnan(run_cadence)) p.cadence_spm = 2 * run_cadence;
      }
    }
  }

  engine::Activity read_activity(const pugi::xml_node& node, int index) {
    engine::Activity a;
    a.source.format = "tcx";
    a.source.file_name = ctx.display_name;
    a.source.index_in_file = index;

    std::string sport = node.attribute("Sport").value();
    for (auto& c : sport) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (sport == "running")
      a.sport = engine::Sport::run;
    else if (sport == "biking")
      a.sport = engine::Sport::ride;
    else
      a.sport = engine::Sport::other;
    const bool run = a.sport == engine::Sport::run;
    positions = {};

    std::optional<ParsedTime> start;
    bool lap_distance = false, lap_time = false;
    double lap_distance_m = 0, lap_time_s = 0;
    double lap_hr_weighted = 0, lap_hr_time_s = 0, lap_max_hr = engine::kNoValue;
    std::vector<std::size_t> segment_starts;
    for (pugi::xml_node lap = node.first_child(); lap; lap = lap.next_sibling()) {
      if (lap.type() != pugi::node_element || local_name(lap) != "Lap") continue;
      if (const pugi::xml_attribute st = lap.attribute("StartTime"); st && !start)
        start = time(lap, st.value(), "Lap StartTime");
      const double d = number(lap, "DistanceMeters");
      if (!std::isnan(d) && d >= 0) {
        lap_distance = true;
        lap_distance_m += d;
      }
      const double t = number(lap, "TotalTimeSeconds");
      if (!std::isnan(t) && t >= 0) {
        lap_time = true;
        lap_time_s += t;
      }
      if (const pugi::xml_node hr = child(lap, "AverageHeartRateBpm")) {
        const double v = number(hr, "Value");
        if (!std::isnan(v) && !std::isnan(t) && t > 0) {
          lap_hr_weighted += v * t;
          lap_hr_time_s += t;
        }
      }
      if (const pugi::xml_node hr = child(lap, "MaximumHeartRateBpm")) {
        const double v = number(hr, "Value");
        if (!std::isnan(v) && !(v <= lap_max_hr)) lap_max_hr = v;
      }
      for (pugi::xml_node track = lap.first_child(); track; track = track.next_sibling()) {
        if (track.type() != pugi::node_element || local_name(track) != "Track") continue;
        segment_starts.push_back(a.points.size());
        for (pugi::xml_node tp = track.first_child(); tp; tp = tp.next_sibling()) {
          if (tp.type() != pugi::node_element || local_name(tp) != "Trackpoint") continue;
          read_trackpoint(tp, run, a.points.emplace_back());
        }
      }
    }
    if (segment_starts.empty() || segment_starts.front() != 0)
      segment_starts.insert(segment_starts.begin(), 0);
    if (positions.dropped > 0) {
      // A point still tells something with a distance reading (a foot pod);
      // with neither a position nor that, the file has nothing to measure.
      const bool usable = std::any_of(a.points.begin(), a.points.end(), [](const auto& p) {
        return !std::isnan(p.lat_deg) || !std::isnan(p.distance_m);
      });
      if (!usable)
        fail(positions.first,
             fmt::format("no usable point: the coordinates of all {} point(s) are outside "
                         "±90/±180 or not numbers (the first: {})",
                         positions.dropped, positions.first_text));
      warn(positions.first,
           fmt::format("{} of {} point(s) with coordinates outside ±90/±180 or not numbers: "
                       "their positions dropped (the first here: {})",
                       positions.dropped, a.points.size(), positions.first_text));
    }

    const engine::TrackPoint* first_timed = nullptr;
    const engine::TrackPoint* last_timed = nullptr;
    for (const auto& p : a.points) {
      if (!p.has_time) continue;
      if (first_timed == nullptr) first_timed = &p;
      last_timed = &p;
    }
    if (!start) {
      if (first_timed != nullptr) {
        start = ParsedTime{first_timed->time, std::nullopt};
      } else if (const pugi::xml_node id = child(node, "Id")) {
        start = time(id, id.child_value(), "<Id>");
      }
    }
    if (!start) fail(node, "no usable timestamps in the activity");
    a.start_utc = start->utc;
    if (start->offset_s) {
      a.utc_offset_s = *start->offset_s;
      a.offset_from_source = true;
    }

    const DerivedFigures derived = derive_from_points(a.points, segment_starts);
    double last_point_distance_m = engine::kNoValue;
    for (const auto& p : a.points)
      if (!std::isnan(p.distance_m)) last_point_distance_m = p.distance_m;

    if (lap_distance)
      a.distance_m = lap_distance_m;
    else if (!std::isnan(last_point_distance_m))
      a.distance_m = last_point_distance_m;
    else
      a.distance_m = derived.distance_m;
    a.moving_s = lap_time ? lap_time_s : derived.moving_s;
    if (last_timed != nullptr) {
      a.elapsed_s = std::chrono::duration<double>(last_timed->time - a.start_utc).count();
      if (a.elapsed_s < 0) a.elapsed_s = 0;
    } else {
      a.elapsed_s = a.moving_s;
    }
    if (a.moving_s > a.elapsed_s + 60 && last_timed != nullptr)
      a.warnings.push_back(fmt::format(
          "lap time {:.0f} s is longer than the recorded track ({:.0f} s): samples are missing",
          a.moving_s, a.elapsed_s));

    a.elevation_gain_m = derived.elevation_gain_m;
    a.avg_hr_bpm = derived.avg_hr_bpm;
    a.max_hr_bpm = derived.max_hr_bpm;
    if (std::isnan(a.avg_hr_bpm) && lap_hr_time_s > 0)
      a.avg_hr_bpm = lap_hr_weighted / lap_hr_time_s;
    if (std::isnan(a.max_hr_bpm)) a.max_hr_bpm = lap_max_hr;
    a.avg_cadence_spm = derived.avg_cadence_spm;

    assign_local_date(a, ctx);
    return a;
  }
};

/// Whitespace and a UTF-8 byte-order mark before `<?xml` (Polar exports have
/// spaces there; strict parsers refuse it, the data behind it is fine).
std::size_t leading_junk(std::string_view bytes) {
  std::size_t i = 0;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < bytes.size() &&
         (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n'))
    ++i;
  return i;
}

}  // namespace

ParseResult parse_tcx(std::string_view bytes, const ParseContext& ctx) {
  Parser parser{bytes, leading_junk(bytes), ctx, {}, {}};
  const std::string_view xml = bytes.substr(parser.skipped);

  pugi::xml_document doc;
  // parse_doctype keeps the DOCTYPE node so it can be refused below; pugixml
  // never expands custom entities, but a file that declares them is not TCX.
  const unsigned options = pugi::parse_default | pugi::parse_doctype;
  const pugi::xml_parse_result parsed =
      doc.load_buffer(xml.data(), xml.size(), options, pugi::encoding_utf8);
  if (!parsed) {
    throw ParseError(
        ctx.display_name,
        location_of_offset(bytes, parser.skipped + static_cast<std::size_t>(parsed.offset)),
        fmt::format("XML error: {}", parsed.description()));
  }
  for (pugi::xml_node n = doc.first_child(); n; n = n.next_sibling())
    if (n.type() == pugi::node_doctype)
      parser.fail(n, "DOCTYPE and entity declarations are not allowed");

  const pugi::xml_node root = doc.document_element();
  if (!root || local_name(root) != "TrainingCenterDatabase")
    parser.fail(root ? root : doc.first_child(),
                fmt::format("not a TCX file: the root element is <{}>, not "
                            "<TrainingCenterDatabase>",
                            root ? root.name() : ""));

  int index = 0;
  for (pugi::xml_node acts = root.first_child(); acts; acts = acts.next_sibling()) {
    if (acts.type() != pugi::node_element || local_name(acts) != "Activities") continue;
    for (pugi::xml_node act = acts.first_child(); act; act = act.next_sibling()) {
      if (act.type() != pugi::node_element) continue;
      if (local_name(act) == "Activity") {
        parser.result.activities.push_back(parser.read_activity(act, index++));
      } else if (local_name(act) == "MultiSportSession") {
        // One activity per sport of a multisport session, as for FIT.
        for (pugi::xml_node leg = act.first_child(); leg; leg = leg.next_sibling()) {
          if (leg.type() != pugi::node_element ||
              (local_name(leg) != "FirstSport" && local_name(leg) != "NextSport"))
            continue;
          if (const pugi::xml_node inner = child(leg, "Activity"))
            parser.result.activities.push_back(parser.read_activity(inner, index++));
        }
      }
    }
  }
  if (parser.result.activities.empty())
    parser.fail(root, "no <Activity> in the file (courses and workouts are not imported)");
  finish_activities(parser.result, ctx);
  return std::move(parser.result);
}

}  // namespace stride::import
