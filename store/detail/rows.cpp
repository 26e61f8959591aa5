#include "store/detail/rows.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "engine/load.hpp"
#include "store/points_blob.hpp"

namespace stride::store::detail {
namespace {

using engine::Activity;

Row read_row(const Query& q) {
  Row row;
  row.point_count = read_row_into(q, row.activity, false);
  return row;
}

// Binds every column of kActivityColumns but id, from index 1.
void bind_fields(SQLite::Statement& st, const Activity& a, std::int64_t point_count) {
  st.bind(1, ms_of(a.start_utc));
  st.bind(2, a.utc_offset_s);
  st.bind(3, a.offset_from_source ? 1 : 0);
  st.bind(4, day_text(a.local_date));
  st.bind(5, std::string(engine::to_string(a.sport)));
  st.bind(6, a.distance_m);
  st.bind(7, a.moving_s);
  st.bind(8, a.elapsed_s);
  bind_real(st, 9, a.elevation_gain_m);
  bind_real(st, 10, a.avg_hr_bpm);
  bind_real(st, 11, a.max_hr_bpm);
  bind_real(st, 12, a.avg_cadence_spm);
  if (a.rpe) {
    st.bind(13, *a.rpe);
  } else {
    st.bind(13);
  }
  st.bind(14, a.summary_only ? 1 : 0);
  st.bind(15, point_count);
  st.bind(16, a.shoe);
  st.bind(17, a.name);
  st.bind(18, a.notes);
  st.bind(19, join(a.warnings, '\n'));
  st.bind(20, a.source.format);
  st.bind(21, a.source.file_name);
  st.bind(22, a.source.content_hash);
  st.bind(23, a.source.importer_version);
  st.bind(24, a.source.index_in_file);
  if (a.kind) {
    st.bind(25, std::string(engine::to_string(*a.kind)));
  } else {
    st.bind(25);
  }
  // Kept so session load can estimate the runner's maximum without decoding
  // points; recomputed whenever the points are at hand.
  bind_real(st, 26,
            a.points.empty() ? a.hr_p99_bpm
                             : engine::hr_percentile_99(a.points).value_or(engine::kNoValue));
}

std::int64_t insert_row(SQLite::Database& db, const Activity& a,
                        std::optional<std::int64_t> batch) {
  SQLite::Statement st(db,
                       "INSERT INTO activities (start_utc_ms, utc_offset_s, offset_from_source, "
                       "local_date, sport, distance_m, moving_s, elapsed_s, elevation_gain_m, "
                       "avg_hr_bpm, max_hr_bpm, avg_cadence_spm, rpe, summary_only, "
                       "point_count, shoe, name, notes, warnings, source_format, source_file, "
                       "source_hash, importer_version, index_in_file, kind, hr_p99_bpm, "
                       "batch_id) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  bind_fields(st, a, static_cast<std::int64_t>(a.points.size()));
  if (batch) {
    st.bind(27, *batch);
  } else {
    st.bind(27);
  }
  st.exec();
  return db.getLastInsertRowid();
}

}  // namespace

void update_row(SQLite::Database& db, std::int64_t id, const Activity& a,
                std::int64_t point_count) {
  SQLite::Statement st(db,
                       "UPDATE activities SET start_utc_ms=?1, utc_offset_s=?2, "
                       "offset_from_source=?3, local_date=?4, sport=?5, distance_m=?6, "
                       "moving_s=?7, elapsed_s=?8, elevation_gain_m=?9, avg_hr_bpm=?10, "
                       "max_hr_bpm=?11, avg_cadence_spm=?12, rpe=?13, summary_only=?14, "
                       "point_count=?15, shoe=?16, name=?17, notes=?18, warnings=?19, "
                       "source_format=?20, source_file=?21, source_hash=?22, "
                       "importer_version=?23, index_in_file=?24, kind=?25, hr_p99_bpm=?26 "
                       "WHERE id=?27");
  bind_fields(st, a, point_count);
  st.bind(27, id);
  st.exec();
}

// In place: an Activity is large, and moving each one out of a temporary cost
// a measurable share of the pre-run check.
std::int64_t read_row_into(const Query& q, Activity& a, bool load_fields_only) {
  a.id = q.i64(0);
  a.start_utc = engine::UtcTime{std::chrono::milliseconds{q.i64(1)}};
  a.utc_offset_s = q.i32(2);
  a.offset_from_source = q.i32(3) != 0;
  a.local_date = parse_day(q.view(4));
  a.sport = sport_of(q.view(5));
  a.distance_m = q.real(6);
  a.moving_s = q.real(7);
  a.elapsed_s = q.real(8);
  a.elevation_gain_m = q.maybe_real(9);
  a.avg_hr_bpm = q.maybe_real(10);
  a.max_hr_bpm = q.maybe_real(11);
  a.avg_cadence_spm = q.maybe_real(12);
  if (!q.null(13)) a.rpe = q.i32(13);
  a.summary_only = q.i32(14) != 0;
  const std::int64_t point_count = q.i64(15);
  a.shoe = q.text(16);
  a.kind = q.null(17) ? std::nullopt : engine::parse_run_kind(q.view(17));
  a.hr_p99_bpm = q.maybe_real(18);
  if (load_fields_only) return point_count;
  a.name = q.text(19);
  a.notes = q.text(20);
  a.warnings = split(q.text(21), '\n');
  a.source.format = q.text(22);
  a.source.file_name = q.text(23);
  a.source.content_hash = q.text(24);
  a.source.importer_version = q.text(25);
  a.source.index_in_file = q.i32(26);
  return point_count;
}

void write_surfaces(SQLite::Database& db, std::int64_t id,
                    const std::vector<engine::SurfaceShare>& shares) {
  SQLite::Statement del(db, "DELETE FROM activity_surfaces WHERE activity_id=?");
  del.bind(1, id);
  del.exec();
  SQLite::Statement ins(db,
                        "INSERT INTO activity_surfaces (activity_id, position, surface, "
                        "distance_m) VALUES (?,?,?,?)");
  for (std::size_t i = 0; i < shares.size(); ++i) {
    ins.reset();
    ins.bind(1, id);
    ins.bind(2, static_cast<std::int64_t>(i));
    ins.bind(3, std::string(engine::to_string(shares[i].surface)));
    ins.bind(4, shares[i].distance_m);
    ins.exec();
  }
}

void write_exercises(SQLite::Database& db, std::int64_t id,
                     const std::vector<engine::Exercise>& exercises) {
  SQLite::Statement del(db, "DELETE FROM exercises WHERE activity_id=?");
  del.bind(1, id);
  del.exec();
  SQLite::Statement ins(db,
                        "INSERT INTO exercises (activity_id, position, name, sets, reps, "
                        "per_side, weight_kg, muscles) VALUES (?,?,?,?,?,?,?,?)");
  for (std::size_t i = 0; i < exercises.size(); ++i) {
    const auto& e = exercises[i];
    ins.reset();
    ins.bind(1, id);
    ins.bind(2, static_cast<std::int64_t>(i));
    ins.bind(3, e.name);
    ins.bind(4, e.sets);
    ins.bind(5, e.reps);
    ins.bind(6, e.per_side ? 1 : 0);
    bind_real(ins, 7, e.weight_kg);
    ins.bind(8, join(e.muscles, ','));
    ins.exec();
  }
}

void write_points(SQLite::Database& db, std::int64_t id,
                  const std::vector<engine::TrackPoint>& points) {
  SQLite::Statement del(db, "DELETE FROM activity_points WHERE activity_id=?");
  del.bind(1, id);
  del.exec();
  if (points.empty()) return;
  const auto blob = encode_points(points);
  SQLite::Statement ins(db, "INSERT INTO activity_points (activity_id, blob) VALUES (?,?)");
  ins.bind(1, id);
  ins.bind(2, blob.data(), static_cast<int>(blob.size()));
  ins.exec();
}

void add_source(SQLite::Database& db, std::int64_t id, const engine::Source& source) {
  SQLite::Statement st(db,
                       "INSERT INTO activity_sources (activity_id, position, format, file_name, "
                       "content_hash, importer_version, index_in_file) "
                       "VALUES (?1, (SELECT COALESCE(MAX(position) + 1, 0) FROM activity_sources "
                       "WHERE activity_id = ?1), ?2, ?3, ?4, ?5, ?6)");
  st.bind(1, id);
  st.bind(2, source.format);
  st.bind(3, source.file_name);
  st.bind(4, source.content_hash);
  st.bind(5, source.importer_version);
  st.bind(6, source.index_in_file);
  st.exec();
}

std::int64_t insert_activity(SQLite::Database& db, const Activity& a,
                             std::optional<std::int64_t> batch) {
  const std::int64_t id = insert_row(db, a, batch);
  write_surfaces(db, id, a.surface_m);
  write_exercises(db, id, a.exercises);
  write_points(db, id, a.points);
  add_source(db, id, a.source);
  return id;
}

// The WHERE clause over `activities a` that a filter makes; bind_filter binds it.
std::string filter_where(const Filter& f) {
  std::string where = f.in_bin ? " WHERE a.deleted_at IS NOT NULL" : " WHERE a.deleted_at IS NULL";
  if (f.runs) where += " AND a.sport IN ('run', 'trail_run', 'treadmill_run')";
  if (f.since) where += " AND a.local_date >= :since";
  if (f.until) where += " AND a.local_date <= :until";
  if (f.sport) where += " AND a.sport = :sport";
  return where;
}

void bind_filter(Query& q, const Filter& f) {
  if (f.since) q.bind(":since", day_text(*f.since));
  if (f.until) q.bind(":until", day_text(*f.until));
  if (f.sport) q.bind(":sport", std::string(engine::to_string(*f.sport)));
}

// Fills surfaces, exercises and (when asked) points of the activities that
// `where` (over `activities a`, bound by `bind`) selects; one query per table,
// not one per activity.
void load_children(SQLite::Database& db, ActivityIndex& index, const std::string& where,
                   const std::function<void(Query&)>& bind, bool with_points) {
  // Without a condition, scanning the child table beats looking up each
  // activity's rows.
  const bool everything = where == filter_where({});
  auto query = [&](const char* columns, const char* table, const char* order) {
    if (everything) {
      return fmt::format("SELECT c.activity_id, {} FROM {} c{}", columns, table, order);
    }
    // IN rather than a join: without ANALYZE statistics, SQLite would scan
    // the whole child table for a join ordered by activity_id.
    return fmt::format(
        "SELECT c.activity_id, {} FROM {} c WHERE c.activity_id IN "
        "(SELECT a.id FROM activities a{}){}",
        columns, table, where, order);
  };
  {
    Query q(db, query("c.surface, c.distance_m", "activity_surfaces",
                      " ORDER BY c.activity_id, c.position"));
    bind(q);
    while (q.step()) {
      if (Activity* a = index.find(q.i64(0))) {
        const auto surface = engine::parse_surface(q.view(1));
        a->surface_m.push_back({surface.value_or(engine::Surface::unknown), q.real(2)});
      }
    }
  }
  {
    Query q(db, query("c.name, c.sets, c.reps, c.per_side, c.weight_kg, c.muscles", "exercises",
                      " ORDER BY c.activity_id, c.position"));
    bind(q);
    while (q.step()) {
      if (Activity* a = index.find(q.i64(0))) {
        engine::Exercise e;
        e.name = q.text(1);
        e.sets = q.i32(2);
        e.reps = q.i32(3);
        e.per_side = q.i32(4) != 0;
        e.weight_kg = q.maybe_real(5);
        e.muscles = split(q.text(6), ',');
        a->exercises.push_back(std::move(e));
      }
    }
  }
  if (with_points) {
    Query q(db, query("c.blob", "activity_points", ""));
    bind(q);
    while (q.step()) {
      if (Activity* a = index.find(q.i64(0))) a->points = decode_points(q.blob(1));
    }
  }
}

std::optional<Row> load_row(SQLite::Database& db, std::int64_t id) {
  Query q(db, fmt::format("SELECT {} FROM activities a WHERE a.id = :id", kActivityColumns));
  q.bind(":id", id);
  if (!q.step()) return std::nullopt;
  return read_row(q);
}

// Surfaces and exercises (and points when asked) of one activity already read.
void load_children_of(SQLite::Database& db, Activity& activity, bool with_points) {
  std::vector<Activity> one{std::move(activity)};
  ActivityIndex index{&one, {{one.front().id, 0}}};
  const std::int64_t id = one.front().id;
  load_children(
      db, index, " WHERE a.id = :id", [id](Query& q) { q.bind(":id", id); }, with_points);
  activity = std::move(one.front());
}

std::optional<Activity> load_activity(SQLite::Database& db, std::int64_t id, bool with_points) {
  auto row = load_row(db, id);
  if (!row) return std::nullopt;
  load_children_of(db, row->activity, with_points);
  return std::move(row->activity);
}

bool exists(SQLite::Database& db, std::int64_t id) {
  SQLite::Statement st(db, "SELECT 1 FROM activities WHERE id=?");
  st.bind(1, id);
  return st.executeStep();
}

bool binned(SQLite::Database& db, std::int64_t id) {
  SQLite::Statement st(db, "SELECT 1 FROM activities WHERE id=? AND deleted_at IS NOT NULL");
  st.bind(1, id);
  return st.executeStep();
}

}  // namespace stride::store::detail
