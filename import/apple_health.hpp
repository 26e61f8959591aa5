#pragma once
/// Apple Health's export: `export.zip` holding `apple_health_export/export.xml`
/// and `workout-routes/*.gpx`, the unpacked folder, or a bare `export.xml`.
///
/// export.xml is routinely gigabytes of `Record` elements. It is read once,
/// streaming (expat, in pieces, never whole), when the paths are walked: every
/// `Record` but heart rate is passed over without being built, heart-rate
/// records are kept as (time, bpm) pairs (16 bytes each) until the workouts
/// are known, and each `Workout` of a sport stride knows becomes one input.
/// Entity declarations are refused (billion laughs).

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/archive.hpp"
#include "import/parse.hpp"
#include "import/walk.hpp"

namespace stride::import {

/// One workout as export.xml describes it, before its route is read.
struct AppleWorkout {
  /// Figures, sport, start, local date; no points; summary_only until a route is attached.
  engine::Activity activity;
  std::string type;        ///< `HKWorkoutActivityTypeRunning`
  std::string route_file;  ///< `workout-routes/route_….gpx` (no leading `/`), or empty
  std::vector<engine::TrackPoint> inline_route;  ///< `<Location>` elements (2016–2019)
  std::int64_t line = 0;                         ///< of the `<Workout>` element in export.xml
  std::int64_t end_ms = 0;
  std::string error;  ///< why it cannot be imported (no dates); empty when usable
};

struct AppleScan {
  std::vector<AppleWorkout> workouts;
  /// Workouts of types stride does not import (yoga, ...), by type.
  std::size_t other_workouts = 0;
  std::size_t heart_rate_records = 0;
};

/// Streams export.xml: feed() the bytes in pieces, then finish(). Throws
/// ParseError (with line and column) on malformed XML or an entity
/// declaration; the workouts read before the fault stay available through
/// partial().
class AppleHealthReader {
 public:
  explicit AppleHealthReader(const ParseContext& ctx);
  ~AppleHealthReader();
  AppleHealthReader(const AppleHealthReader&) = delete;
  AppleHealthReader& operator=(const AppleHealthReader&) = delete;

  void feed(std::string_view bytes);
  AppleScan finish();
  /// What was read so far (after an error), heart rates applied.
  AppleScan partial();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The whole of export.xml at once (tests, fuzzing).
AppleScan scan_apple_health(std::string_view xml, const ParseContext& ctx);

/// The workout as an activity, with its route: `route_gpx` is the referenced
/// GPX's bytes (nullopt when the export lacks the file). A route whose times
/// lie outside the workout is left out with a warning.
ParseResult apple_workout_activity(const AppleWorkout& workout,
                                   const std::optional<std::string>& route_gpx,
                                   const ParseContext& ctx);

/// True when the file's first kilobytes hold `<HealthData`.
bool looks_like_apple_health(const std::filesystem::path& xml);

/// The export.xml member of a zip (the shallowest `export.xml` at the top or
/// in a folder named `apple_health_export`), nullptr when there is none.
const ZipMember* apple_health_member(const ZipReader& zip);

/// One input per workout; routes are looked up beside export.xml.
void walk_apple_health_file(const std::filesystem::path& xml, const Limits& limits,
                            const ParseContext& ctx, std::vector<Input>& out);
void walk_apple_health_zip(const std::filesystem::path& path, const std::shared_ptr<ZipReader>& zip,
                           const ZipMember& xml, const Limits& limits, const ParseContext& ctx,
                           std::vector<Input>& out);

}  // namespace stride::import
