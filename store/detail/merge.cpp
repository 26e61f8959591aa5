#include "store/detail/merge.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "store/detail/rows.hpp"
#include "store/detail/snapshots.hpp"

namespace stride::store::detail {
namespace {

using engine::Activity;

// The same activity recorded twice (watch and phone, CSV row and GPX) starts
// within this much, or its time ranges overlap by at least kMergeOverlap of the
// shorter one.
constexpr std::int64_t kMergeStartWindowMs = 2 * 60 * 1000;
constexpr double kMergeOverlap = 0.5;
// How far back to look for an activity that may overlap a new one: longer
// activities than this are not matched by overlap alone.
constexpr std::int64_t kMergeLookbackMs = 48LL * 3600 * 1000;

bool same_class(engine::Sport a, engine::Sport b) {
  return a == b || (engine::is_run(a) && engine::is_run(b));
}

double duration_s(const Activity& a) { return a.elapsed_s > 0 ? a.elapsed_s : a.moving_s; }

bool is_csv_like(const std::string& format) {
  return format == "csv" || format == "strava" || format == "garmin_csv";
}

// "activities.csv row 4", "a.gpx", "manual entry".
std::string describe(const engine::Source& s) {
  if (s.format == "manual" || (s.file_name.empty() && s.format.empty())) return "the manual entry";
  const std::string name = s.file_name.empty() ? s.format : s.file_name;
  // index_in_file counts from 0; people count data rows from 1.
  if (is_csv_like(s.format)) return fmt::format("{} row {}", name, s.index_in_file + 1);
  if (s.index_in_file > 0) return fmt::format("{} activity {}", name, s.index_in_file + 1);
  return name;
}

bool surfaces_known(const std::vector<engine::SurfaceShare>& shares) {
  return std::any_of(shares.begin(), shares.end(), [](const engine::SurfaceShare& s) {
    return s.surface != engine::Surface::unknown && s.distance_m > 0;
  });
}

// Fills what `base` lacks from `other`; returns the names of what it took.
std::vector<std::string> fill_from(Activity& base, const Activity& other) {
  std::vector<std::string> took;
  auto text = [&](std::string& field, const std::string& from, const char* what) {
    if (field.empty() && !from.empty()) {
      field = from;
      took.emplace_back(what);
    }
  };
  auto number = [&](double& field, double from, const char* what) {
    if (std::isnan(field) && !std::isnan(from)) {
      field = from;
      took.emplace_back(what);
    }
  };
  // A generic "run" (most GPX files) gives way to a trail or treadmill run
  // that the other source (a Strava row, the user's edit) knows about.
  if (base.sport == engine::Sport::run && engine::is_run(other.sport) &&
      other.sport != engine::Sport::run) {
    base.sport = other.sport;
    took.emplace_back("sport");
  }
  text(base.name, other.name, "name");
  text(base.shoe, other.shoe, "shoe");
  if (!base.rpe && other.rpe) {
    base.rpe = other.rpe;
    took.emplace_back("RPE");
  }
  if (!surfaces_known(base.surface_m) && surfaces_known(other.surface_m)) {
    base.surface_m = other.surface_m;
    took.emplace_back("surface");
  }
  text(base.notes, other.notes, "notes");
  if (base.exercises.empty() && !other.exercises.empty()) {
    base.exercises = other.exercises;
    took.emplace_back("exercises");
  }
  number(base.elevation_gain_m, other.elevation_gain_m, "elevation gain");
  number(base.avg_hr_bpm, other.avg_hr_bpm, "average heart rate");
  if (std::isnan(base.hr_p99_bpm)) base.hr_p99_bpm = other.hr_p99_bpm;  // follows the heart rate
  if (!base.kind && other.kind) {
    base.kind = other.kind;
    took.emplace_back("kind");
  }
  number(base.max_hr_bpm, other.max_hr_bpm, "max heart rate");
  number(base.avg_cadence_spm, other.avg_cadence_spm, "cadence");
  if (!base.offset_from_source && other.offset_from_source &&
      base.utc_offset_s != other.utc_offset_s) {
    // The file's own offset beats the profile's guess: it fixes the training day.
    base.utc_offset_s = other.utc_offset_s;
    base.offset_from_source = true;
    base.local_date = engine::local_day(base.start_utc, base.utc_offset_s);
    took.emplace_back("UTC offset");
  }
  return took;
}

std::string and_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += (i + 1 == items.size()) ? " and " : ", ";
    out += items[i];
  }
  return out;
}

// The activity already stored that `a` is another recording of, if any.
std::optional<std::int64_t> find_match(SQLite::Database& db, const Activity& a) {
  const std::int64_t start = ms_of(a.start_utc);
  const auto end = start + static_cast<std::int64_t>(std::llround(duration_s(a) * 1000));
  SQLite::Statement st(db,
                       "SELECT id, start_utc_ms, elapsed_s, moving_s, sport FROM activities "
                       "WHERE start_utc_ms BETWEEN ? AND ? AND deleted_at IS NULL "
                       "ORDER BY start_utc_ms, id");
  st.bind(1, start - std::max(kMergeLookbackMs, kMergeStartWindowMs));
  st.bind(2, std::max(end, start + kMergeStartWindowMs));
  std::optional<std::int64_t> best;
  std::int64_t best_gap = 0;
  while (st.executeStep()) {
    const auto sport = engine::parse_sport(st.getColumn(4).getString());
    if (!sport || !same_class(*sport, a.sport)) continue;
    const std::int64_t other_start = st.getColumn(1).getInt64();
    const double other_elapsed = st.getColumn(2).getDouble();
    const double other_dur = other_elapsed > 0 ? other_elapsed : st.getColumn(3).getDouble();
    const std::int64_t gap = std::llabs(other_start - start);
    bool match = gap <= kMergeStartWindowMs;
    if (!match && duration_s(a) > 0 && other_dur > 0) {
      const auto other_end =
          other_start + static_cast<std::int64_t>(std::llround(other_dur * 1000));
      const double overlap_ms =
          static_cast<double>(std::min(end, other_end) - std::max(start, other_start));
      match = overlap_ms >= kMergeOverlap * 1000 * std::min(duration_s(a), other_dur);
    }
    if (match && (!best || gap < best_gap)) {
      best = st.getColumn(0).getInt64();
      best_gap = gap;
    }
  }
  return best;
}

std::optional<std::int64_t> find_source(SQLite::Database& db, const engine::Source& s) {
  if (s.content_hash.empty()) return std::nullopt;
  SQLite::Statement st(db,
                       "SELECT activity_id FROM activity_sources WHERE content_hash=? AND "
                       "index_in_file=?");
  st.bind(1, s.content_hash);
  st.bind(2, s.index_in_file);
  if (!st.executeStep()) return std::nullopt;
  return st.getColumn(0).getInt64();
}

}  // namespace

ActivityOutcome import_one(SQLite::Database& db, std::int64_t batch, Activity a) {
  if (auto id = find_source(db, a.source)) {
    if (binned(db, *id))
      return {Outcome::deleted, *id, fmt::format("deleted earlier: stride undelete {}", *id)};
    return {Outcome::duplicate, *id, fmt::format("duplicate of #{} (same file content)", *id)};
  }
  const auto match = find_match(db, a);
  if (!match) {
    const std::int64_t id = insert_activity(db, a, batch);
    record_change(db, batch, id, "added");
    return {Outcome::imported, id, {}};
  }

  const std::int64_t id = *match;
  Row existing = *load_row(db, id);
  load_children_of(db, existing.activity, false);
  const auto new_points = static_cast<std::int64_t>(a.points.size());
  // Points beat a summary; more points beat fewer; a tie keeps what is stored.
  const bool new_is_richer =
      new_points > existing.point_count ||
      (new_points == existing.point_count && existing.activity.summary_only && !a.summary_only);

  Activity merged = new_is_richer ? std::move(a) : existing.activity;
  const Activity& other = new_is_richer ? existing.activity : a;
  const auto took = fill_from(merged, other);
  if (!new_is_richer && took.empty()) {
    return {Outcome::duplicate, id,
            fmt::format("duplicate of #{} ({} has nothing to add)", id, describe(a.source))};
  }

  snapshot_before_merge(db, batch, id);
  const std::int64_t point_count = new_is_richer ? new_points : existing.point_count;
  update_row(db, id, merged, point_count);
  write_surfaces(db, id, merged.surface_m);
  write_exercises(db, id, merged.exercises);
  if (new_is_richer) write_points(db, id, merged.points);
  add_source(db, id, new_is_richer ? merged.source : a.source);

  std::string detail = fmt::format("merged into #{}: kept the {} from {}", id,
                                   point_count > 0 ? "track" : "record", describe(merged.source));
  if (!took.empty())
    detail += fmt::format(", took {} from {}", and_list(took), describe(other.source));
  return {Outcome::merged, id, detail};
}

}  // namespace stride::store::detail
