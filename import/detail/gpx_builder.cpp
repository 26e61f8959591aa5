#include "import/detail/gpx_builder.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <utility>

#include "engine/text.hpp"
#include "import/derive.hpp"
#include "import/detail/gpx_xml.hpp"
#include "import/detail/iso8601.hpp"

namespace stride::import::detail {
namespace {

using engine::trim;

/// NaN when the text is not a number (empty elements are common and harmless).
/// Plain decimals ("47.1234567", "-12", "402.0") as an integer mantissa and
/// one division by a power of ten: exact inputs and one correctly rounded
/// operation give the same double as from_chars (Clinger's fast path), at a
/// fraction of the cost; anything longer or with an exponent goes the long way.
bool fast_decimal(std::string_view text, double& out) {
  static constexpr double kPow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                      1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  const char* p = text.data();
  const char* const e = p + text.size();
  const bool negative = p < e && *p == '-';
  if (negative) ++p;
  std::uint64_t mantissa = 0;
  const char* const int_begin = p;
  while (p < e && static_cast<unsigned>(*p - '0') < 10) mantissa = mantissa * 10 + (*p++ - '0');
  const auto int_digits = p - int_begin;
  std::ptrdiff_t fraction = 0;
  if (p < e && *p == '.') {
    const char* const frac_begin = ++p;
    while (p < e && static_cast<unsigned>(*p - '0') < 10) mantissa = mantissa * 10 + (*p++ - '0');
    fraction = p - frac_begin;
  }
  // Up to 15 digits the mantissa is exact in a double.
  if (p != e || int_digits + fraction == 0 || int_digits + fraction > 15) return false;
  const double v = static_cast<double>(mantissa) / kPow10[fraction];
  out = negative ? -v : v;
  return true;
}

double to_number(std::string_view text, std::size_t& bad) {
  text = trim(text);
  if (text.empty()) return engine::kNoValue;
  if (text.front() == '+') text.remove_prefix(1);
  double v = engine::kNoValue;
  if (fast_decimal(text, v)) return v;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) {
    ++bad;
    return engine::kNoValue;
  }
  return v;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

}  // namespace

std::optional<engine::Sport> sport_from_gpx_type(std::string_view text) {
  using engine::Sport;
  text = trim(text);
  if (text.empty()) return std::nullopt;
  // Strava writes its activity type number. Only the codes we have seen in
  // real exports or Strava's documentation are mapped; others are not guessed.
  if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (text == "1") return Sport::ride;
    if (text == "4") return Sport::hike;
    if (text == "9") return Sport::run;
    if (text == "10") return Sport::walk;
    if (text == "16") return Sport::swim;
    return std::nullopt;
  }
  if (const auto exact = engine::parse_sport(text)) return exact;
  const std::string t = lower(text);
  // Order matters: "trail running" before "running", "treadmill" before "run".
  if (contains(t, "treadmill") || contains(t, "indoor_run") || contains(t, "indoor run") ||
      contains(t, "virtualrun") || contains(t, "virtual run"))
    return Sport::treadmill_run;
  if (contains(t, "trail") && contains(t, "run")) return Sport::trail_run;
  if (contains(t, "run") || contains(t, "jog")) return Sport::run;
  if (contains(t, "hik") || contains(t, "mountaineer")) return Sport::hike;
  if (contains(t, "walk")) return Sport::walk;
  if (contains(t, "cycl") || contains(t, "bik") || contains(t, "ride") || contains(t, "biking"))
    return Sport::ride;
  if (contains(t, "swim")) return Sport::swim;
  if (contains(t, "row")) return Sport::row;
  if (contains(t, "ellipti")) return Sport::elliptical;
  if (contains(t, "strength") || contains(t, "weight")) return Sport::strength;
  return std::nullopt;
}

GpxBuilder::GpxBuilder(std::string_view bytes, const ParseContext& ctx, std::size_t expected_points)
    : bytes_(bytes), ctx_(ctx) {
  points_.reserve(expected_points);
}

void GpxBuilder::track_type(std::string_view text) {
  if (track_type_.empty()) track_type_ = trim(text);
}

void GpxBuilder::track_name(std::string_view text) {
  if (track_name_.empty()) track_name_ = trim(text);
}

void GpxBuilder::file_name(std::string_view text) {
  if (file_name_.empty()) file_name_ = trim(text);
}

void GpxBuilder::end_track() {
  // A track without points (an empty log, a placeholder) says nothing about
  // the activity, not even its sport.
  if (!track_has_points_) return;
  if (!type_ && !track_type_.empty()) type_ = track_type_;
  if (name_.empty()) name_ = track_name_;
}

void GpxBuilder::end_segment() {
  if (points_.size() > segment_begin_) {
    segment_starts_.push_back(segment_begin_);
    track_has_points_ = true;
  }
}

Location GpxBuilder::where(std::size_t byte_offset) const {
  return byte_offset == kUnknownOffset ? Location{} : location_of_offset(bytes_, byte_offset);
}

void GpxBuilder::position(std::string_view lat, std::string_view lon, std::size_t byte_offset) {
  engine::TrackPoint& p = points_.back();
  // Unreadable coordinates are counted with the out-of-range ones below, not
  // among the unreadable numbers: one warning for every dropped position.
  std::size_t unreadable = 0;
  const double la = to_number(lat, unreadable);
  const double lo = to_number(lon, unreadable);
  // A position out of range is as good as none; keeping it would add
  // thousands of kilometres to the distance. The point keeps its time,
  // heart rate and the rest.
  if (la >= -90 && la <= 90 && lo >= -180 && lo <= 180) {
    p.lat_deg = la;
    p.lon_deg = lo;
    ++usable_positions_;
    return;
  }
  if (bad_positions_++ == 0) {
    first_bad_position_offset_ = byte_offset;
    first_bad_position_text_ =
        fmt::format("lat '{}', lon '{}'", trim(lat).substr(0, 40), trim(lon).substr(0, 40));
  }
}

void GpxBuilder::elevation(std::string_view text) {
  points_.back().ele_m = to_number(text, bad_numbers_);
}

void GpxBuilder::heart_rate(std::string_view text) {
  const double v = to_number(text, bad_numbers_);
  if (v > 0) points_.back().hr_bpm = v;  // 0 is a strap that lost contact
}

void GpxBuilder::cadence_one_foot(std::string_view text) {
  const double v = to_number(text, bad_numbers_);
  if (v >= 0) points_.back().cadence_spm = 2 * v;
}

void GpxBuilder::time(std::string_view text, std::size_t byte_offset) {
  IsoTime t;
  if (!parse_iso8601(text, t)) {
    if (unreadable_times_++ == 0) {
      first_unreadable_offset_ = byte_offset;
      first_unreadable_text_ = trim(text).substr(0, 40);
    }
    return;
  }
  // Placeholders such as 1901-12-13 (a 32-bit time that underflowed) are no
  // time at all (PRODUCT.md "Times that cannot be right").
  if (t.ms_since_epoch < 0) {
    ++before_1970_;
    return;
  }
  engine::TrackPoint& p = points_.back();
  p.time = engine::UtcTime{std::chrono::milliseconds{t.ms_since_epoch}};
  p.has_time = true;
  if (t.has_offset && !source_offset_s_) source_offset_s_ = t.offset_s;
  if (have_last_time_ && p.time < last_time_ && backward_steps_++ == 0)
    first_backward_offset_ = byte_offset;
  have_last_time_ = true;
  last_time_ = p.time;
}

void GpxBuilder::fail(std::size_t byte_offset, std::string reason) const {
  fail_at(bytes_, ctx_, byte_offset, std::move(reason));
}

void GpxBuilder::fail(std::string reason) const {
  throw ParseError(ctx_.display_name, Location{}, std::move(reason));
}

// How many timestamps are enough: at least two, and at least a quarter of the
// points. Below that the times cannot describe the activity: in
// gpxpy__cerknicko-without-times.gpx 5 of 296 points are timed and the timed
// span is 57 s for 4.6 km. Tracks converted by GPSBabel from several logs
// often lose times on some tracks only (gpxpy__korita-zbevnica.gpx: 513 of
// 871) and still give a true start and elapsed time, so the bar is not half.
constexpr std::size_t kMinTimedDivisor = 4;

ParseResult GpxBuilder::finish() {
  if (points_.empty()) fail("no track (a GPX with no track points)");
  // Every point's position dropped: nothing to measure a distance or a route
  // from (PRODUCT.md: a file left with no usable point fails with that reason).
  if (usable_positions_ == 0 && bad_positions_ > 0)
    fail(first_bad_position_offset_,
         fmt::format("no usable point: the coordinates of all {} point(s) are outside "
                     "±90/±180 or not numbers (the first: {})",
                     bad_positions_, first_bad_position_text_));

  const std::size_t n = points_.size();
  const auto timed = static_cast<std::size_t>(
      std::count_if(points_.begin(), points_.end(), [](const auto& p) { return p.has_time; }));
  if (timed == 0) {
    if (before_1970_ > 0)
      fail(fmt::format("no usable timestamps ({} of {} points dated before 1970, a placeholder)",
                       before_1970_, n));
    if (unreadable_times_ > 0)
      fail(first_unreadable_offset_, fmt::format("no usable timestamps ({} unreadable <time> "
                                                 "values, the first: '{}')",
                                                 unreadable_times_, first_unreadable_text_));
    fail("no usable timestamps");
  }
  if (timed < 2 || timed * kMinTimedDivisor < n)
    fail(
        fmt::format("not enough timestamps ({} of {} points timed; at least 2 and a quarter "
                    "of the points must be)",
                    timed, n));

  ParseResult result;
  engine::Activity& a = result.activities.emplace_back();
  const DerivedFigures f = derive_from_points(points_, segment_starts_);
  a.start_utc = f.start;
  a.distance_m = f.distance_m;
  a.moving_s = f.moving_s;
  a.elapsed_s = f.elapsed_s;
  a.elevation_gain_m = f.elevation_gain_m;
  a.avg_hr_bpm = f.avg_hr_bpm;
  a.max_hr_bpm = f.max_hr_bpm;
  a.avg_cadence_spm = f.avg_cadence_spm;
  a.name = name_.empty() ? file_name_ : name_;
  a.source.format = "gpx";
  a.source.file_name = ctx_.display_name;

  if (type_) {
    if (const auto sport = sport_from_gpx_type(*type_)) {
      a.sport = *sport;
    } else {
      a.sport = engine::Sport::other;
      result.warnings.push_back(
          {{}, fmt::format("unknown activity type '{}' in <trk><type>, stored as other", *type_)});
    }
  }
  if (source_offset_s_) {
    a.utc_offset_s = *source_offset_s_;
    a.offset_from_source = true;
  }

  if (backward_steps_ > 0)
    result.warnings.push_back(
        {where(first_backward_offset_),
         fmt::format("time goes backwards at {} point(s), the first here; start and elapsed "
                     "use the earliest and latest times",
                     backward_steps_)});
  if (before_1970_ > 0)
    result.warnings.push_back(
        {{}, fmt::format("{} time(s) before 1970 treated as missing", before_1970_)});
  if (unreadable_times_ > 0)
    result.warnings.push_back({where(first_unreadable_offset_),
                               fmt::format("{} unreadable <time> value(s) treated as missing, "
                                           "the first: '{}'",
                                           unreadable_times_, first_unreadable_text_)});
  if (bad_positions_ > 0)
    result.warnings.push_back(
        {where(first_bad_position_offset_),
         fmt::format("{} of {} point(s) with coordinates outside ±90/±180 or not "
                     "numbers: their positions dropped (the first here: {})",
                     bad_positions_, n, first_bad_position_text_)});
  if (bad_numbers_ > 0)
    result.warnings.push_back(
        {{},
         fmt::format("{} unreadable number(s) (elevation, heart rate or cadence) "
                     "treated as missing",
                     bad_numbers_)});

  a.points = std::move(points_);
  assign_local_date(a, ctx_);
  return result;
}

}  // namespace stride::import::detail
