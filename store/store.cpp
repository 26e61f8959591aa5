#include "store/store.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <date/date.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <unordered_map>

#include "engine/load.hpp"
#include "store/points_blob.hpp"
#include "store/schema.hpp"

namespace stride::store {
namespace {

using engine::Activity;
using engine::Day;

// The same activity recorded twice (watch and phone, CSV row and GPX) starts
// within this much, or its time ranges overlap by at least kMergeOverlap of the
// shorter one.
constexpr std::int64_t kMergeStartWindowMs = 2 * 60 * 1000;
constexpr double kMergeOverlap = 0.5;
// How far back to look for an activity that may overlap a new one: longer
// activities than this are not matched by overlap alone.
constexpr std::int64_t kMergeLookbackMs = 48LL * 3600 * 1000;
constexpr int kBusyTimeoutMs = 5000;

// --- conversions ------------------------------------------------------------

std::string day_text(Day day) {
  const date::year_month_day ymd{day};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

// By hand rather than sscanf: listing a 10-year history parses thousands.
Day parse_day(std::string_view text) {
  auto digits = [&](std::size_t from, std::size_t n) {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      const char c = text[i];
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return v;
  };
  const int y = text.size() == 10 && text[4] == '-' && text[7] == '-' ? digits(0, 4) : -1;
  const int m = y < 0 ? -1 : digits(5, 2);
  const int d = m < 0 ? -1 : digits(8, 2);
  const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                                 date::day{static_cast<unsigned>(d)}};
  if (d < 0 || !ymd.ok()) {
    throw std::runtime_error(fmt::format("store: bad date '{}' in the database", text));
  }
  return Day{ymd};
}

std::int64_t ms_of(engine::UtcTime t) { return t.time_since_epoch().count(); }

engine::Sport sport_of(std::string_view text) {
  if (auto s = engine::parse_sport(text)) return *s;
  throw std::runtime_error(fmt::format("store: unknown sport '{}' in the database", text));
}

std::string join(const std::vector<std::string>& parts, char sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  while (true) {
    const auto at = text.find(sep, start);
    out.push_back(text.substr(start, at - start));
    if (at == std::string::npos) break;
    start = at + 1;
  }
  return out;
}

void bind_real(SQLite::Statement& st, int index, double v) {
  if (std::isnan(v)) {
    st.bind(index);
  } else {
    st.bind(index, v);
  }
}

// --- activity rows -----------------------------------------------------------

// The columns list() reads, in read_row's order: what load needs first, so a
// load-only listing reads a prefix (kLoadColumnCount) and skips the text.
constexpr const char* kActivityColumns =
    "id, start_utc_ms, utc_offset_s, offset_from_source, local_date, sport, distance_m, "
    "moving_s, elapsed_s, elevation_gain_m, avg_hr_bpm, max_hr_bpm, avg_cadence_spm, rpe, "
    "summary_only, point_count, shoe, kind, hr_p99_bpm, name, notes, warnings, source_format, "
    "source_file, source_hash, importer_version, index_in_file";
constexpr const char* kLoadColumns =
    "id, start_utc_ms, utc_offset_s, offset_from_source, local_date, sport, distance_m, "
    "moving_s, elapsed_s, elevation_gain_m, avg_hr_bpm, max_hr_bpm, avg_cadence_spm, rpe, "
    "summary_only, point_count, shoe, kind, hr_p99_bpm";

struct Row {
  Activity activity;
  std::int64_t point_count = 0;
};

// A read-only statement on the raw C API. Listing a long history reads tens of
// thousands of values; SQLiteCpp's per-value Column objects (a shared_ptr copy
// each) cost more than the reads themselves.
class Query {
 public:
  Query(SQLite::Database& db, const std::string& sql) : db_(db) {
    const int rc = sqlite3_prepare_v2(db.getHandle(), sql.c_str(), -1, &st_, nullptr);
    if (rc != SQLITE_OK) throw SQLite::Exception(db.getHandle(), rc);
  }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query() { sqlite3_finalize(st_); }

  void bind(const char* name, const std::string& value) {
    check(sqlite3_bind_text(st_, index(name), value.c_str(), static_cast<int>(value.size()),
                            SQLITE_TRANSIENT));
  }
  void bind(const char* name, std::int64_t value) {
    check(sqlite3_bind_int64(st_, index(name), value));
  }

  bool step() {
    const int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw SQLite::Exception(db_.getHandle(), rc);
  }

  bool null(int c) const { return sqlite3_column_type(st_, c) == SQLITE_NULL; }
  std::int64_t i64(int c) const { return sqlite3_column_int64(st_, c); }
  int i32(int c) const { return sqlite3_column_int(st_, c); }
  double real(int c) const { return sqlite3_column_double(st_, c); }
  /// NULL reads as NaN (unknown).
  double maybe_real(int c) const { return null(c) ? engine::kNoValue : real(c); }
  std::string text(int c) const {
    const auto* p = sqlite3_column_text(st_, c);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(st_, c)))
             : std::string();
  }
  /// Valid until the next step; no copy.
  std::string_view view(int c) const {
    const auto* p = sqlite3_column_text(st_, c);
    return p ? std::string_view(reinterpret_cast<const char*>(p),
                                static_cast<std::size_t>(sqlite3_column_bytes(st_, c)))
             : std::string_view();
  }
  std::span<const std::uint8_t> blob(int c) const {
    const void* p = sqlite3_column_blob(st_, c);
    return {static_cast<const std::uint8_t*>(p),
            static_cast<std::size_t>(sqlite3_column_bytes(st_, c))};
  }

 private:
  int index(const char* name) const {
    const int i = sqlite3_bind_parameter_index(st_, name);
    if (i == 0) throw std::logic_error(fmt::format("store: no parameter {}", name));
    return i;
  }
  void check(int rc) const {
    if (rc != SQLITE_OK) throw SQLite::Exception(db_.getHandle(), rc);
  }

  SQLite::Database& db_;
  sqlite3_stmt* st_ = nullptr;
};

// Fills `a` from a row of kActivityColumns (or kLoadColumns) and returns the
// row's point count. In place: an Activity is large, and moving each one out
// of a temporary cost a measurable share of the pre-run check.
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

// Where rows of the child tables go, keyed by activity id.
struct ActivityIndex {
  std::vector<Activity>* activities;
  std::unordered_map<std::int64_t, std::size_t> by_id;

  Activity* find(std::int64_t id) {
    const auto it = by_id.find(id);
    return it == by_id.end() ? nullptr : &(*activities)[it->second];
  }
};

// The WHERE clause over `activities a` that a filter makes; bind_filter binds it.
std::string filter_where(const Filter& f) {
  std::string where = " WHERE 1";
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

// --- dedup and merge ---------------------------------------------------------

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
                       "WHERE start_utc_ms BETWEEN ? AND ? ORDER BY start_utc_ms, id");
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

std::vector<std::string> columns_of(SQLite::Database& db, const std::string& table) {
  std::vector<std::string> cols;
  SQLite::Statement st(db, "SELECT name FROM pragma_table_info(?) ORDER BY cid");
  st.bind(1, table);
  while (st.executeStep()) cols.push_back(st.getColumn(0).getString());
  return cols;
}

// Copies an activity's rows into the batch_prev_* tables, once per batch, so
// undo can put them back as they were before this batch touched them.
void snapshot_before_merge(SQLite::Database& db, std::int64_t batch, std::int64_t id) {
  {
    SQLite::Statement st(db, "SELECT 1 FROM batch_changes WHERE batch_id=? AND activity_id=?");
    st.bind(1, batch);
    st.bind(2, id);
    // Added or already snapshotted by this batch: undo deletes or restores it anyway.
    if (st.executeStep()) return;
  }
  {
    SQLite::Statement st(
        db, "INSERT INTO batch_prev_activities SELECT ?, * FROM activities WHERE id=?");
    st.bind(1, batch);
    st.bind(2, id);
    st.exec();
  }
  for (const auto& table : detail::activity_child_tables()) {
    SQLite::Statement st(db, fmt::format("INSERT INTO batch_prev_{0} SELECT ?, * FROM {0} "
                                         "WHERE activity_id=?",
                                         table));
    st.bind(1, batch);
    st.bind(2, id);
    st.exec();
  }
  SQLite::Statement st(db,
                       "INSERT INTO batch_changes (batch_id, activity_id, kind) "
                       "VALUES (?, ?, 'merged')");
  st.bind(1, batch);
  st.bind(2, id);
  st.exec();
}

void restore_snapshot(SQLite::Database& db, std::int64_t batch, std::int64_t id) {
  {
    SQLite::Statement del(db, "DELETE FROM activities WHERE id=?");
    del.bind(1, id);
    del.exec();
  }
  auto copy_back = [&](const std::string& table, const char* key) {
    const std::string cols = join(columns_of(db, table), ',');
    SQLite::Statement st(db, fmt::format("INSERT INTO {0} ({1}) SELECT {1} FROM batch_prev_{0} "
                                         "WHERE undo_batch_id=? AND {2}=?",
                                         table, cols, key));
    st.bind(1, batch);
    st.bind(2, id);
    st.exec();
  };
  copy_back("activities", "id");
  for (const auto& table : detail::activity_child_tables()) copy_back(table, "activity_id");
}

// Drops snapshot rows: those of one batch (`batch_id`) or of one activity
// (`id` in batch_prev_activities, `activity_id` in the others).
void forget_snapshots(SQLite::Database& db, const char* activity_key, const char* child_key,
                      std::int64_t key) {
  {
    SQLite::Statement st(db,
                         fmt::format("DELETE FROM batch_prev_activities WHERE {}=?", activity_key));
    st.bind(1, key);
    st.exec();
  }
  for (const auto& table : detail::activity_child_tables()) {
    SQLite::Statement st(db, fmt::format("DELETE FROM batch_prev_{} WHERE {}=?", table, child_key));
    st.bind(1, key);
    st.exec();
  }
}

ActivityOutcome import_one(SQLite::Database& db, std::int64_t batch, Activity a) {
  if (auto id = find_source(db, a.source)) {
    return {Outcome::duplicate, *id, fmt::format("duplicate of #{} (same file content)", *id)};
  }
  const auto match = find_match(db, a);
  if (!match) {
    const std::int64_t id = insert_activity(db, a, batch);
    SQLite::Statement st(db,
                         "INSERT INTO batch_changes (batch_id, activity_id, kind) "
                         "VALUES (?, ?, 'added')");
    st.bind(1, batch);
    st.bind(2, id);
    st.exec();
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

}  // namespace

// --- Store ---------------------------------------------------------------------

Store::Store(std::unique_ptr<SQLite::Database> db) : db_(std::move(db)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Store Store::open(const std::filesystem::path& db_path, bool create) {
  const std::string name = db_path.string();
  if (!create && !std::filesystem::exists(db_path)) {
    throw std::runtime_error(fmt::format("{}: no such database", name));
  }
  if (create && db_path.has_parent_path()) {
    std::filesystem::create_directories(db_path.parent_path());
  }
  try {
    auto db = std::make_unique<SQLite::Database>(
        name,
        // NOMUTEX: a Store is used by one thread at a time, and the per-call
        // mutex of serialized mode costs more than reading a row.
        SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX | (create ? SQLite::OPEN_CREATE : 0),
        kBusyTimeoutMs);
    // WAL lets `stride check` read while an import writes; NORMAL sync is
    // still safe against a killed process (only power loss can drop the
    // last commits).
    db->exec("PRAGMA journal_mode = WAL");
    db->exec("PRAGMA synchronous = NORMAL");
    // Reads map the file instead of copying each page into SQLite's cache:
    // the pre-run check reads every activity row of every command.
    db->exec("PRAGMA mmap_size = 268435456");
    db->exec("PRAGMA foreign_keys = ON");
    detail::migrate(*db, name);
    return Store(std::move(db));
  } catch (const SQLite::Exception& e) {
    throw std::runtime_error(fmt::format("{}: {}", name, e.what()));
  }
}

Store Store::in_memory() {
  auto db =
      std::make_unique<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db->exec("PRAGMA foreign_keys = ON");
  detail::migrate(*db, ":memory:");
  return Store(std::move(db));
}

int Store::schema_version() const { return db_->execAndGet("PRAGMA user_version").getInt(); }

SQLite::Database& Store::db() { return *db_; }

bool Store::seen_stamp(const FileStamp& stamp) const {
  SQLite::Statement st(*db_, "SELECT 1 FROM files_seen WHERE path=? AND size=? AND mtime_ns=?");
  st.bind(1, stamp.path);
  st.bind(2, stamp.size);
  st.bind(3, stamp.mtime_ns);
  return st.executeStep();
}

bool Store::seen_hash(const std::string& content_hash) const {
  SQLite::Statement st(*db_, "SELECT 1 FROM files_seen WHERE content_hash=?");
  st.bind(1, content_hash);
  return st.executeStep();
}

std::int64_t Store::begin_batch(const std::string& description) {
  SQLite::Statement st(*db_, "INSERT INTO import_batches (description) VALUES (?)");
  st.bind(1, description);
  st.exec();
  return db_->getLastInsertRowid();
}

std::vector<ActivityOutcome> Store::import_file(std::int64_t batch_id, const FileStamp& stamp,
                                                const std::string& content_hash,
                                                std::vector<engine::Activity> activities) {
  // IMMEDIATE: take the write lock up front, so a second writer waits (busy
  // timeout) instead of failing when its read turns into a write.
  SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
  std::vector<ActivityOutcome> outcomes;
  outcomes.reserve(activities.size());
  for (auto& a : activities) {
    if (a.source.content_hash.empty()) a.source.content_hash = content_hash;
    if (a.source.file_name.empty()) a.source.file_name = stamp.path;
    outcomes.push_back(import_one(*db_, batch_id, std::move(a)));
  }
  // The same file read again adds no second row, so a repeated import changes nothing.
  SQLite::Statement st(*db_,
                       "INSERT INTO files_seen (path, size, mtime_ns, content_hash, batch_id) "
                       "SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT EXISTS (SELECT 1 FROM files_seen "
                       "WHERE path=?1 AND size=?2 AND mtime_ns=?3 AND content_hash=?4)");
  st.bind(1, stamp.path);
  st.bind(2, stamp.size);
  st.bind(3, stamp.mtime_ns);
  st.bind(4, content_hash);
  st.bind(5, batch_id);
  st.exec();
  tx.commit();
  return outcomes;
}

bool Store::drop_batch_if_empty(std::int64_t batch_id) {
  SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
  SQLite::Statement changes(*db_, "SELECT 1 FROM batch_changes WHERE batch_id=? LIMIT 1");
  changes.bind(1, batch_id);
  if (changes.executeStep()) return false;
  for (const char* sql :
       {"DELETE FROM files_seen WHERE batch_id=?", "DELETE FROM import_batches WHERE id=?"}) {
    SQLite::Statement st(*db_, sql);
    st.bind(1, batch_id);
    st.exec();
  }
  tx.commit();
  return true;
}

std::optional<std::int64_t> Store::undo_batch(std::optional<std::int64_t> batch_id) {
  SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
  std::int64_t batch = 0;
  if (batch_id) {
    SQLite::Statement st(*db_, "SELECT id FROM import_batches WHERE id=?");
    st.bind(1, *batch_id);
    if (!st.executeStep()) return std::nullopt;
    batch = *batch_id;
  } else {
    SQLite::Statement st(*db_, "SELECT MAX(id) FROM import_batches");
    if (!st.executeStep() || st.getColumn(0).isNull()) return std::nullopt;
    batch = st.getColumn(0).getInt64();
  }
  {
    SQLite::Statement st(*db_,
                         "SELECT MIN(l.batch_id) FROM batch_changes c JOIN batch_changes l "
                         "ON l.activity_id = c.activity_id AND l.batch_id > c.batch_id "
                         "WHERE c.batch_id = ?");
    st.bind(1, batch);
    if (st.executeStep() && !st.getColumn(0).isNull()) {
      throw std::runtime_error(fmt::format(
          "batch {0} cannot be undone before batch {1}, which merged into what batch {0} "
          "stored; undo batch {1} first",
          batch, st.getColumn(0).getInt64()));
    }
  }
  std::vector<std::pair<std::int64_t, std::string>> changes;
  {
    SQLite::Statement st(*db_, "SELECT activity_id, kind FROM batch_changes WHERE batch_id=?");
    st.bind(1, batch);
    while (st.executeStep()) {
      changes.emplace_back(st.getColumn(0).getInt64(), st.getColumn(1).getString());
    }
  }
  for (const auto& [id, kind] : changes) {
    if (kind == "added") {
      SQLite::Statement del(*db_, "DELETE FROM activities WHERE id=?");
      del.bind(1, id);
      del.exec();
    } else {
      restore_snapshot(*db_, batch, id);
    }
  }
  forget_snapshots(*db_, "undo_batch_id", "undo_batch_id", batch);
  for (const char* sql :
       {"DELETE FROM batch_changes WHERE batch_id=?", "DELETE FROM files_seen WHERE batch_id=?",
        "DELETE FROM import_batches WHERE id=?"}) {
    SQLite::Statement st(*db_, sql);
    st.bind(1, batch);
    st.exec();
  }
  tx.commit();
  return batch;
}

std::vector<BatchInfo> Store::batches() const {
  SQLite::Statement st(*db_,
                       "SELECT b.id, b.started_at, b.description, "
                       "(SELECT COUNT(*) FROM batch_changes c WHERE c.batch_id=b.id AND "
                       "c.kind='added'), "
                       "(SELECT COUNT(*) FROM batch_changes c WHERE c.batch_id=b.id AND "
                       "c.kind='merged'), "
                       "(SELECT COUNT(*) FROM files_seen f WHERE f.batch_id=b.id) "
                       "FROM import_batches b ORDER BY b.id");
  std::vector<BatchInfo> out;
  while (st.executeStep()) {
    out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(),
                   st.getColumn(2).getString(), st.getColumn(3).getInt64(),
                   st.getColumn(4).getInt64(), st.getColumn(5).getInt64()});
  }
  return out;
}

std::int64_t Store::add_activity(const engine::Activity& activity) {
  SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
  const std::int64_t id = insert_activity(*db_, activity, std::nullopt);
  tx.commit();
  return id;
}

std::vector<engine::Activity> Store::list(const Filter& filter) const {
  const std::string where = filter_where(filter);
  std::vector<Activity> out;
  ActivityIndex index{&out, {}};
  {
    // Sized up front: an Activity is large, and growing the vector (moving
    // every element, faulting in fresh pages) cost more than the rows.
    Query count(*db_, "SELECT COUNT(*) FROM activities a" + where);
    bind_filter(count, filter);
    count.step();
    out.reserve(static_cast<std::size_t>(count.i64(0)));
    index.by_id.reserve(out.capacity());
  }
  {
    // No ORDER BY: walking the start index costs a table seek per row, more
    // than reading the rows in storage order and sorting them here.
    Query q(*db_, fmt::format("SELECT {} FROM activities a{}",
                              filter.load_fields_only ? kLoadColumns : kActivityColumns, where));
    bind_filter(q, filter);
    while (q.step()) read_row_into(q, out.emplace_back(), filter.load_fields_only);
  }
  auto earlier = [](const Activity& x, const Activity& y) {
    return std::pair(x.start_utc, x.id) < std::pair(y.start_utc, y.id);
  };
  if (!std::is_sorted(out.begin(), out.end(), earlier)) {
    // Sort positions, then put each activity in place by following the
    // permutation's cycles: no second vector of large Activities to fault in.
    std::vector<std::size_t> order(out.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t x, std::size_t y) { return earlier(out[x], out[y]); });
    for (std::size_t start = 0; start < order.size(); ++start) {
      if (order[start] == start) continue;
      Activity held = std::move(out[start]);
      std::size_t at = start;
      while (order[at] != start) {
        const std::size_t from = order[at];
        out[at] = std::move(out[from]);
        order[at] = at;
        at = from;
      }
      out[at] = std::move(held);
      order[at] = at;
    }
  }
  for (std::size_t i = 0; i < out.size(); ++i) index.by_id.emplace(out[i].id, i);
  if (out.empty()) return out;
  load_children(
      *db_, index, where, [&filter](Query& q) { bind_filter(q, filter); }, filter.with_points);
  return out;
}

std::optional<engine::Activity> Store::get(std::int64_t id, bool with_points) const {
  return load_activity(*db_, id, with_points);
}

bool Store::edit(std::int64_t id, const Edit& edit) {
  SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
  if (!exists(*db_, id)) return false;
  auto set = [&](const char* column, const auto& bind_value) {
    SQLite::Statement st(*db_, fmt::format("UPDATE activities SET {}=?1 WHERE id=?2", column));
    bind_value(st);
    st.bind(2, id);
    st.exec();
  };
  if (edit.sport) {
    set("sport", [&](SQLite::Statement& st) { st.bind(1, std::string(to_string(*edit.sport))); });
  }
  if (edit.shoe) set("shoe", [&](SQLite::Statement& st) { st.bind(1, *edit.shoe); });
  if (edit.rpe) set("rpe", [&](SQLite::Statement& st) { st.bind(1, *edit.rpe); });
  if (edit.name) set("name", [&](SQLite::Statement& st) { st.bind(1, *edit.name); });
  if (edit.notes) set("notes", [&](SQLite::Statement& st) { st.bind(1, *edit.notes); });
  if (edit.surface_m) {
    write_surfaces(*db_, id, *edit.surface_m);
    set("surface_fixed", [](SQLite::Statement& st) { st.bind(1, 1); });
  }
  tx.commit();
  return true;
}

bool Store::remove(std::int64_t id) {
  SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
  if (!exists(*db_, id)) return false;
  // Forget the activity in every batch too, so undoing a merge into it does
  // not bring back what the user deleted.
  forget_snapshots(*db_, "id", "activity_id", id);
  for (const char* sql :
       {"DELETE FROM batch_changes WHERE activity_id=?", "DELETE FROM activities WHERE id=?"}) {
    SQLite::Statement st(*db_, sql);
    st.bind(1, id);
    st.exec();
  }
  tx.commit();
  return true;
}

std::int64_t Store::activity_count() const {
  return db_->execAndGet("SELECT COUNT(*) FROM activities").getInt64();
}

void Store::for_each_points(
    const Filter& filter,
    const std::function<void(std::int64_t, const std::vector<engine::TrackPoint>&)>& visit) const {
  Query q(*db_,
          "SELECT p.activity_id, p.blob FROM activity_points p JOIN activities a ON a.id = "
          "p.activity_id" +
              filter_where(filter) + " ORDER BY a.start_utc_ms, a.id");
  bind_filter(q, filter);
  while (q.step()) visit(q.i64(0), decode_points(q.blob(1)));
}

std::vector<std::pair<std::int64_t, std::vector<engine::TrackPoint>>> Store::points_for(
    const Filter& filter) const {
  std::vector<std::pair<std::int64_t, std::vector<engine::TrackPoint>>> out;
  for_each_points(filter, [&out](std::int64_t id, const std::vector<engine::TrackPoint>& points) {
    out.emplace_back(id, points);
  });
  return out;
}

bool Store::set_surfaces(std::int64_t id, const std::vector<engine::SurfaceShare>& shares) {
  SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
  if (!exists(*db_, id)) return false;
  write_surfaces(*db_, id, shares);
  tx.commit();
  return true;
}

void Store::set_surfaces(
    const std::vector<std::pair<std::int64_t, std::vector<engine::SurfaceShare>>>& splits) {
  SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
  for (const auto& [id, shares] : splits)
    if (exists(*db_, id)) write_surfaces(*db_, id, shares);
  tx.commit();
}

void Store::set_surface_fixed(std::int64_t id, bool fixed) {
  SQLite::Statement st(*db_, "UPDATE activities SET surface_fixed=?1 WHERE id=?2");
  st.bind(1, fixed ? 1 : 0);
  st.bind(2, id);
  st.exec();
}

std::vector<std::int64_t> Store::surface_fixed_ids() const {
  std::vector<std::int64_t> out;
  SQLite::Statement st(*db_, "SELECT id FROM activities WHERE surface_fixed=1 ORDER BY id");
  while (st.executeStep()) out.push_back(st.getColumn(0).getInt64());
  return out;
}

std::optional<std::string> Store::setting(const std::string& key) const {
  SQLite::Statement st(*db_, "SELECT value FROM settings WHERE key=?");
  st.bind(1, key);
  if (!st.executeStep()) return std::nullopt;
  return st.getColumn(0).getString();
}

void Store::set_setting(const std::string& key, const std::string& value) {
  SQLite::Statement st(*db_,
                       "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                       "ON CONFLICT(key) DO UPDATE SET value=excluded.value");
  st.bind(1, key);
  st.bind(2, value);
  st.exec();
}

std::int64_t Store::add_pain(const engine::PainNote& note) {
  SQLite::Statement st(*db_,
                       "INSERT INTO pain_notes (date, site, level, during_run, changes_gait, note) "
                       "VALUES (?,?,?,?,?,?)");
  st.bind(1, day_text(note.date));
  st.bind(2, std::string(engine::to_string(note.site)));
  st.bind(3, note.level);
  st.bind(4, note.during_run ? 1 : 0);
  st.bind(5, note.changes_gait ? 1 : 0);
  st.bind(6, note.note);
  st.exec();
  return db_->getLastInsertRowid();
}

std::vector<engine::PainNote> Store::pain_notes() const {
  std::vector<engine::PainNote> out;
  SQLite::Statement st(*db_,
                       "SELECT id, date, site, level, during_run, changes_gait, note "
                       "FROM pain_notes ORDER BY date, id");
  while (st.executeStep()) {
    engine::PainNote n;
    n.id = st.getColumn(0).getInt64();
    n.date = parse_day(st.getColumn(1).getString());
    n.site = engine::parse_pain_site(st.getColumn(2).getString()).value_or(engine::PainSite::other);
    n.level = st.getColumn(3).getInt();
    n.during_run = st.getColumn(4).getInt() != 0;
    n.changes_gait = st.getColumn(5).getInt() != 0;
    n.note = st.getColumn(6).getString();
    out.push_back(std::move(n));
  }
  return out;
}

void Store::set_active_plan(const std::string& text, engine::UtcTime activated_at) {
  SQLite::Statement st(*db_, "INSERT INTO active_plan (text, activated_at) VALUES (?,?)");
  st.bind(1, text);
  st.bind(2, date::format("%FT%TZ", date::floor<std::chrono::seconds>(activated_at)));
  st.exec();
}

std::optional<ActivePlan> Store::active_plan() const {
  SQLite::Statement st(*db_, "SELECT text, activated_at FROM active_plan ORDER BY id DESC LIMIT 1");
  if (!st.executeStep()) return std::nullopt;
  ActivePlan out;
  out.text = st.getColumn(0).getString();
  // Read back by hand: date::parse trips GCC 12's -Wmaybe-uninitialized.
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (std::sscanf(st.getColumn(1).getText(), "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &sec) == 6)
    out.activated_at =
        engine::UtcTime{date::sys_days{date::year{y} / mo / d} + std::chrono::hours{h} +
                        std::chrono::minutes{mi} + std::chrono::seconds{sec}};
  return out;
}

}  // namespace stride::store
