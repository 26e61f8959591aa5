#pragma once
/// What both GPX readers (the pugixml DOM walk for ordinary files, the expat
/// stream for very large ones) feed: GPX events in document order. The
/// builder owns every rule about values, so the two readers cannot disagree.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/activity.hpp"
#include "import/parse.hpp"

namespace stride::import::detail {

/// `<trk><type>`: product spellings, common words (Running, cycling, ...) and
/// Strava's numeric codes. nullopt when the text means nothing to us.
std::optional<engine::Sport> sport_from_gpx_type(std::string_view text);

class GpxBuilder {
 public:
  /// `bytes` is the whole input, used only to turn byte offsets into lines.
  GpxBuilder(std::string_view bytes, const ParseContext& ctx, std::size_t expected_points);

  void begin_track() { track_has_points_ = false, track_type_.clear(), track_name_.clear(); }
  void track_type(std::string_view text);
  void track_name(std::string_view text);
  void end_track();
  /// `<metadata><name>` (GPX 1.1) or `<gpx><name>` (GPX 1.0).
  void file_name(std::string_view text);

  void begin_segment() { segment_begin_ = points_.size(); }
  void end_segment();

  /// Starts a `<trkpt>`; the setters below fill the newest point.
  void begin_point() { points_.emplace_back(); }
  /// The `trkpt`'s lat and lon; `byte_offset` is where the point starts.
  void position(std::string_view lat, std::string_view lon, std::size_t byte_offset);
  void elevation(std::string_view text);
  void time(std::string_view text, std::size_t byte_offset);
  void heart_rate(std::string_view text);
  /// GPX cadence counts one foot: stored doubled, in steps per minute.
  void cadence_one_foot(std::string_view text);

  /// The activity, or a ParseError for a file with no track or no usable times.
  ParseResult finish();

  [[noreturn]] void fail(std::size_t byte_offset, std::string reason) const;
  [[noreturn]] void fail(std::string reason) const;

 private:
  Location where(std::size_t byte_offset) const;

  std::string_view bytes_;
  const ParseContext& ctx_;
  std::vector<engine::TrackPoint> points_;
  std::vector<std::size_t> segment_starts_;
  std::size_t segment_begin_ = 0;

  bool track_has_points_ = false;
  std::string track_type_;
  std::string track_name_;
  std::optional<std::string> type_;  // of the first track with points and a type
  std::string name_;
  std::string file_name_;

  // Times: the last timed point (for backward steps) and what went wrong.
  bool have_last_time_ = false;
  engine::UtcTime last_time_{};
  std::optional<std::int32_t> source_offset_s_;
  std::size_t backward_steps_ = 0;
  std::size_t first_backward_offset_ = 0;
  std::size_t before_1970_ = 0;
  std::size_t unreadable_times_ = 0;
  std::size_t first_unreadable_offset_ = 0;
  std::string first_unreadable_text_;
  std::size_t bad_numbers_ = 0;

  // Coordinates out of ±90/±180 or not numbers: dropped, counted, the first kept.
  std::size_t usable_positions_ = 0;
  std::size_t bad_positions_ = 0;
  std::size_t first_bad_position_offset_ = 0;
  std::string first_bad_position_text_;
};

}  // namespace stride::import::detail
