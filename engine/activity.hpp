#pragma once
/// The activity model every layer shares: what an importer produces, what the
/// store keeps and what the engine folds into load.

#include <date/date.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stride::engine {

/// A UTC instant with millisecond precision.
using UtcTime = std::chrono::sys_time<std::chrono::milliseconds>;
/// A local training day (the runner's calendar, not UTC).
using Day = date::local_days;

enum class Sport {
  run,
  trail_run,
  treadmill_run,
  walk,
  hike,
  ride,
  swim,
  row,
  elliptical,
  strength,
  other,
};

/// The spelling PRODUCT.md gives (`trail_run`, ...).
std::string_view to_string(Sport sport);
/// Accepts the product spelling; nullopt for anything else.
std::optional<Sport> parse_sport(std::string_view text);
/// Runs of any kind count as running load.
bool is_run(Sport sport);

/// The kind a run was logged or planned with (`log run --kind`, a plan's run).
enum class RunKind { recovery, easy, long_run, tempo, intervals, race };
/// `recovery`, `easy`, `long`, `tempo`, `intervals`, `race`.
std::string_view to_string(RunKind kind);
std::optional<RunKind> parse_run_kind(std::string_view text);
/// Tempo, intervals and race: the hard kinds (LOAD-SCIENCE.md "Load units").
bool is_hard(RunKind kind);

enum class Surface { road, track, treadmill, trail, grass, sand, snow, unknown };

std::string_view to_string(Surface surface);
std::optional<Surface> parse_surface(std::string_view text);

/// Metres run on one surface; an activity can be split over several.
struct SurfaceShare {
  Surface surface = Surface::unknown;
  double distance_m = 0;

  friend bool operator==(const SurfaceShare&, const SurfaceShare&) = default;
};

constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();

/// One sample of a recording. Missing channels are NaN (time: `has_time`).
struct TrackPoint {
  UtcTime time{};
  bool has_time = false;
  double lat_deg = kNoValue;
  double lon_deg = kNoValue;
  double ele_m = kNoValue;
  double hr_bpm = kNoValue;
  double cadence_spm = kNoValue;  ///< steps per minute (both feet)
  double distance_m = kNoValue;   ///< cumulative distance as the device recorded it
  double speed_mps = kNoValue;

  bool has_position() const { return lat_deg == lat_deg && lon_deg == lon_deg; }
};

/// Where an activity came from, kept so nothing is lost and re-import is cheap.
struct Source {
  std::string format;        ///< gpx, tcx, fit, csv, strava, garmin_csv, manual
  std::string file_name;     ///< display name, e.g. `export.zip!activities/1.gpx`
  std::string content_hash;  ///< hex digest of the file's bytes
  std::string importer_version;
  int index_in_file = 0;  ///< which activity of a multi-activity file (CSV row, FIT session)
};

struct Exercise {
  std::string name;
  int sets = 0;
  int reps = 0;
  bool per_side = false;
  double weight_kg = kNoValue;
  std::vector<std::string> muscles;

  friend bool operator==(const Exercise&, const Exercise&) = default;
};

struct Activity {
  std::int64_t id = 0;  ///< 0 until stored
  UtcTime start_utc{};
  /// Seconds east of UTC at the start: the source's own offset when it had one,
  /// else the profile's time zone at that instant.
  std::int32_t utc_offset_s = 0;
  bool offset_from_source = false;
  Day local_date{};  ///< fixed at import from start_utc + utc_offset_s

  Sport sport = Sport::run;
  double distance_m = 0;
  double moving_s = 0;   ///< timer time, pauses excluded
  double elapsed_s = 0;  ///< wall clock, pauses included
  double elevation_gain_m = kNoValue;
  double avg_hr_bpm = kNoValue;
  double max_hr_bpm = kNoValue;
  double avg_cadence_spm = kNoValue;
  std::optional<int> rpe;       ///< session RPE 0-10, logged or edited by the runner
  std::optional<RunKind> kind;  ///< runs logged with a kind
  /// 99th percentile of the recorded heart rate, kept at import so the
  /// runner's maximum can be estimated without reading points (NaN: none).
  double hr_p99_bpm = kNoValue;

  std::vector<SurfaceShare> surface_m;  ///< empty: all `unknown`
  std::string shoe;
  std::string name;
  std::string notes;
  bool summary_only = false;  ///< no samples (manual entry, CSV row)

  Source source;
  std::vector<TrackPoint> points;
  std::vector<Exercise> exercises;  ///< strength sessions
  std::vector<std::string> warnings;

  /// Distance on one surface (0 when absent).
  double distance_on(Surface surface) const;
};

/// Local calendar day of a UTC instant shifted by an offset.
Day local_day(UtcTime t, std::int32_t utc_offset_s);

enum class PainSite {
  knee_front,
  knee_below,
  knee_outer,
  hip_outer,
  shin_inner,
  shin_outer,
  calf,
  ankle,
  foot,
  back,
  other,
};

/// `knee-front`, ... as PRODUCT.md spells them.
std::string_view to_string(PainSite site);
std::optional<PainSite> parse_pain_site(std::string_view text);

struct PainNote {
  std::int64_t id = 0;
  Day date{};
  PainSite site = PainSite::other;
  int level = 0;  ///< 0-10
  bool during_run = false;
  bool changes_gait = false;
  std::string note;
};

}  // namespace stride::engine
