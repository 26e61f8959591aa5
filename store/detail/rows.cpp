#include "store/detail/rows.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "engine/load.hpp"
#include "store/detail/columns.hpp"
#include "store/points_blob.hpp"

namespace stride::store::detail {
namespace {

using engine::Activity;

// What a row is bound from: the point count is given apart, since a merge
// rewrites the row without the points at hand.
struct RowIn {
  const Activity& a;
  std::int64_t point_count;
};
// What a row is read into: in place, since an Activity is large, and moving
// each one out of a temporary cost a measurable share of the pre-run check.
struct RowOut {
  Activity& a;
  std::int64_t point_count = 0;
};

struct InstantCodec {  ///< UTC, milliseconds since 1970
  static void read(const Query& q, int c, engine::UtcTime& v) {
    v = engine::UtcTime{std::chrono::milliseconds{q.i64(c)}};
  }
  static void bind(SQLite::Statement& st, int i, engine::UtcTime v) { st.bind(i, ms_of(v)); }
};
struct SportCodec {  ///< PRODUCT.md's spelling
  static void read(const Query& q, int c, engine::Sport& v) { v = sport_of(q.view(c)); }
  static void bind(SQLite::Statement& st, int i, engine::Sport v) {
    st.bind(i, std::string(engine::to_string(v)));
  }
};
struct RpeCodec {  ///< NULL when not given
  static void read(const Query& q, int c, std::optional<int>& v) {
    if (!q.null(c)) v = q.i32(c);
  }
  static void bind(SQLite::Statement& st, int i, const std::optional<int>& v) {
    if (v) {
      st.bind(i, *v);
    } else {
      st.bind(i);
    }
  }
};
struct KindCodec {  ///< a run's kind, NULL when not given
  static void read(const Query& q, int c, std::optional<engine::RunKind>& v) {
    v = q.null(c) ? std::nullopt : engine::parse_run_kind(q.view(c));
  }
  static void bind(SQLite::Statement& st, int i, const std::optional<engine::RunKind>& v) {
    if (v) {
      st.bind(i, std::string(engine::to_string(*v)));
    } else {
      st.bind(i);
    }
  }
};
struct LinesCodec {  ///< one string a line
  static void read(const Query& q, int c, std::vector<std::string>& v) {
    v = split(q.text(c), '\n');
  }
  static void bind(SQLite::Statement& st, int i, const std::vector<std::string>& v) {
    st.bind(i, join(v, '\n'));
  }
};

// The activities table's columns but id (the key, read first, never bound).
// What load needs comes first, so a load-only listing reads a prefix.
constexpr std::tuple kLoadColumns{
    field<InstantCodec>("start_utc_ms", [](auto& r) { return &r.a.start_utc; }),
    field<IntCodec>("utc_offset_s", [](auto& r) { return &r.a.utc_offset_s; }),
    field<BoolCodec>("offset_from_source", [](auto& r) { return &r.a.offset_from_source; }),
    field<DayCodec>("local_date", [](auto& r) { return &r.a.local_date; }),
    field<SportCodec>("sport", [](auto& r) { return &r.a.sport; }),
    field<RealCodec>("distance_m", [](auto& r) { return &r.a.distance_m; }),
    field<RealCodec>("moving_s", [](auto& r) { return &r.a.moving_s; }),
    field<RealCodec>("elapsed_s", [](auto& r) { return &r.a.elapsed_s; }),
    field<MaybeRealCodec>("elevation_gain_m", [](auto& r) { return &r.a.elevation_gain_m; }),
    field<MaybeRealCodec>("avg_hr_bpm", [](auto& r) { return &r.a.avg_hr_bpm; }),
    field<MaybeRealCodec>("max_hr_bpm", [](auto& r) { return &r.a.max_hr_bpm; }),
    field<MaybeRealCodec>("avg_cadence_spm", [](auto& r) { return &r.a.avg_cadence_spm; }),
    field<RpeCodec>("rpe", [](auto& r) { return &r.a.rpe; }),
    field<BoolCodec>("summary_only", [](auto& r) { return &r.a.summary_only; }),
    // So listing never opens a blob.
    field<Int64Codec>("point_count", [](auto& r) { return &r.point_count; }),
    field<TextCodec>("shoe", [](auto& r) { return &r.a.shoe; }),
    field<KindCodec>("kind", [](auto& r) { return &r.a.kind; }),
    // Kept so session load can estimate the runner's maximum without decoding
    // points; recomputed whenever the points are at hand.
    Column{"hr_p99_bpm", [](const Query& q, int c, RowOut& r) { r.a.hr_p99_bpm = q.maybe_real(c); },
           [](SQLite::Statement& st, int i, const RowIn& r) {
             bind_real(st, i,
                       r.a.points.empty()
                           ? r.a.hr_p99_bpm
                           : engine::hr_percentile_99(r.a.points).value_or(engine::kNoValue));
           }},
};
constexpr std::tuple kTextColumns{
    field<TextCodec>("name", [](auto& r) { return &r.a.name; }),
    field<TextCodec>("notes", [](auto& r) { return &r.a.notes; }),
    field<LinesCodec>("warnings", [](auto& r) { return &r.a.warnings; }),
    // The source the row was built from (activity_sources lists them all).
    field<TextCodec>("source_format", [](auto& r) { return &r.a.source.format; }),
    field<TextCodec>("source_file", [](auto& r) { return &r.a.source.file_name; }),
    field<TextCodec>("source_hash", [](auto& r) { return &r.a.source.content_hash; }),
    field<TextCodec>("importer_version", [](auto& r) { return &r.a.source.importer_version; }),
    field<IntCodec>("index_in_file", [](auto& r) { return &r.a.source.index_in_file; }),
};

constexpr auto kColumns = std::tuple_cat(kLoadColumns, kTextColumns);
constexpr int kColumnsBound = kColumnCount<decltype(kColumns)>;

Row read_row(const Query& q) {
  Row row;
  row.point_count = read_row_into(q, row.activity, false);
  return row;
}

std::int64_t insert_row(SQLite::Database& db, const Activity& a,
                        std::optional<std::int64_t> batch) {
  static const std::string sql =
      fmt::format("INSERT INTO activities ({}, batch_id) VALUES ({})", column_names(kColumns),
                  placeholders(kColumnsBound + 1));
  SQLite::Statement st(db, sql);
  bind_columns(st, kColumns, RowIn{a, static_cast<std::int64_t>(a.points.size())});
  if (batch) {
    st.bind(kColumnsBound + 1, *batch);
  } else {
    st.bind(kColumnsBound + 1);
  }
  st.exec();
  return db.getLastInsertRowid();
}

}  // namespace

const std::string& activity_select_list(bool load_fields_only) {
  static const std::string load = "id, " + column_names(kLoadColumns);
  static const std::string all = "id, " + column_names(kColumns);
  return load_fields_only ? load : all;
}

void update_row(SQLite::Database& db, std::int64_t id, const Activity& a,
                std::int64_t point_count) {
  static const std::string sql = fmt::format("UPDATE activities SET {} WHERE id=?{}",
                                             column_assignments(kColumns), kColumnsBound + 1);
  SQLite::Statement st(db, sql);
  bind_columns(st, kColumns, RowIn{a, point_count});
  st.bind(kColumnsBound + 1, id);
  st.exec();
}

std::int64_t read_row_into(const Query& q, Activity& a, bool load_fields_only) {
  a.id = q.i64(0);
  RowOut row{a};
  read_columns(q, 1, kLoadColumns, row);
  if (!load_fields_only) {
    read_columns(q, 1 + kColumnCount<decltype(kLoadColumns)>, kTextColumns, row);
  }
  return row.point_count;
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
  Query q(db,
          fmt::format("SELECT {} FROM activities a WHERE a.id = :id", activity_select_list(false)));
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
