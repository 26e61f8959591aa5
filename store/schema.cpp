// The history database, schema version 3.
//
//   activities          one row per activity. start_utc_ms (UTC, ms since 1970),
//                       utc_offset_s, offset_from_source, local_date (text
//                       YYYY-MM-DD, fixed at import), sport (PRODUCT spelling),
//                       distance_m, moving_s, elapsed_s; elevation_gain_m,
//                       avg_hr_bpm, max_hr_bpm, avg_cadence_spm and rpe are NULL
//                       when unknown; shoe, name, notes; summary_only; warnings
//                       (one per line); point_count (so listing never opens a
//                       blob); the source the row was built from (source_format,
//                       source_file, source_hash, importer_version,
//                       index_in_file); batch_id (NULL for manual entries);
//                       kind (a run's kind, NULL when not given) and hr_p99_bpm
//                       (99th percentile of the recorded heart rate, NULL
//                       without heart rate), which session load reads.
//   activity_sources    every source that contributed to an activity (several
//                       after a merge). UNIQUE(content_hash, index_in_file) is
//                       the exact-duplicate key.
//   activity_surfaces   metres per surface, in the activity's order.
//   activity_points     one compact blob per activity (points_blob.hpp).
//   exercises           strength-session exercises; muscles comma-separated.
//   pain_notes          the `stride log pain` entries.
//   import_batches      one per `stride import` run.
//   files_seen          every file a batch read: path, size, mtime_ns,
//                       content_hash (the re-import shortcut).
//   batch_changes       what each batch did to each activity: `added` (undo
//                       deletes it) or `merged` (undo restores the snapshot).
//   batch_prev_*        the snapshot of a merged activity as it was before the
//                       batch's first merge into it: its `activities` row and
//                       its rows in every child table, each prefixed with the
//                       undoing batch's id (undo_batch_id).
//   active_plan         the plan in force (for the planner): id, text,
//                       activated_at.
//
// Migrations: kMigrations is an ordered list; step N brings user_version from
// N-1 to N inside one transaction. Append, never edit a released step. A step
// that adds a column to `activities` or a child table must add it to the
// matching batch_prev_* table too (undo copies rows by column name).

#include "store/schema.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include <stdexcept>
#include <utility>

#include "engine/load.hpp"
#include "store/points_blob.hpp"

namespace stride::store::detail {
namespace {

constexpr const char* kMigrations[] = {
    // 1: the first schema.
    R"sql(
CREATE TABLE import_batches (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE activities (
  id INTEGER PRIMARY KEY,
  start_utc_ms INTEGER NOT NULL,
  utc_offset_s INTEGER NOT NULL,
  offset_from_source INTEGER NOT NULL,
  local_date TEXT NOT NULL,
  sport TEXT NOT NULL,
  distance_m REAL NOT NULL,
  moving_s REAL NOT NULL,
  elapsed_s REAL NOT NULL,
  elevation_gain_m REAL,
  avg_hr_bpm REAL,
  max_hr_bpm REAL,
  avg_cadence_spm REAL,
  rpe INTEGER CHECK (rpe BETWEEN 0 AND 10),
  shoe TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  summary_only INTEGER NOT NULL DEFAULT 0,
  warnings TEXT NOT NULL DEFAULT '',
  point_count INTEGER NOT NULL DEFAULT 0,
  source_format TEXT NOT NULL DEFAULT '',
  source_file TEXT NOT NULL DEFAULT '',
  source_hash TEXT NOT NULL DEFAULT '',
  importer_version TEXT NOT NULL DEFAULT '',
  index_in_file INTEGER NOT NULL DEFAULT 0,
  batch_id INTEGER REFERENCES import_batches(id)
);
CREATE INDEX activities_by_start ON activities(start_utc_ms);
CREATE INDEX activities_by_local_date ON activities(local_date);

CREATE TABLE activity_sources (
  activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  format TEXT NOT NULL,
  file_name TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  importer_version TEXT NOT NULL,
  index_in_file INTEGER NOT NULL,
  PRIMARY KEY (activity_id, position)
);
CREATE UNIQUE INDEX activity_sources_key ON activity_sources(content_hash, index_in_file)
  WHERE content_hash <> '';

CREATE TABLE activity_surfaces (
  activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  surface TEXT NOT NULL,
  distance_m REAL NOT NULL,
  PRIMARY KEY (activity_id, position)
);

CREATE TABLE activity_points (
  activity_id INTEGER PRIMARY KEY REFERENCES activities(id) ON DELETE CASCADE,
  blob BLOB NOT NULL
);

CREATE TABLE exercises (
  activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  sets INTEGER NOT NULL,
  reps INTEGER NOT NULL,
  per_side INTEGER NOT NULL,
  weight_kg REAL,
  muscles TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (activity_id, position)
);

CREATE TABLE pain_notes (
  id INTEGER PRIMARY KEY,
  date TEXT NOT NULL,
  site TEXT NOT NULL,
  level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 10),
  during_run INTEGER NOT NULL,
  changes_gait INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX pain_notes_by_date ON pain_notes(date);

CREATE TABLE files_seen (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  batch_id INTEGER NOT NULL REFERENCES import_batches(id)
);
CREATE INDEX files_seen_by_path ON files_seen(path);
CREATE INDEX files_seen_by_hash ON files_seen(content_hash);

CREATE TABLE batch_changes (
  batch_id INTEGER NOT NULL REFERENCES import_batches(id),
  activity_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('added', 'merged')),
  PRIMARY KEY (batch_id, activity_id)
);
CREATE INDEX batch_changes_by_activity ON batch_changes(activity_id);

CREATE TABLE batch_prev_activities AS SELECT 0 AS undo_batch_id, * FROM activities WHERE 0;
CREATE TABLE batch_prev_activity_sources AS SELECT 0 AS undo_batch_id, * FROM activity_sources WHERE 0;
CREATE TABLE batch_prev_activity_surfaces AS SELECT 0 AS undo_batch_id, * FROM activity_surfaces WHERE 0;
CREATE TABLE batch_prev_activity_points AS SELECT 0 AS undo_batch_id, * FROM activity_points WHERE 0;
CREATE TABLE batch_prev_exercises AS SELECT 0 AS undo_batch_id, * FROM exercises WHERE 0;

CREATE TABLE active_plan (
  id INTEGER PRIMARY KEY,
  text TEXT NOT NULL,
  activated_at TEXT NOT NULL
);
)sql",
    // 2: where a surface came from (1: by hand, the file or --surface; zone
    // changes leave those alone) and small key/value settings (the zones'
    // fingerprint).
    R"sql(
ALTER TABLE activities ADD COLUMN surface_fixed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE batch_prev_activities ADD COLUMN surface_fixed INTEGER NOT NULL DEFAULT 0;
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql",
    // 3: what session load needs without re-reading points: the run's kind
    // (`log run --kind`) and the 99th percentile of its recorded heart rate
    // (the runner's observed maximum), filled in for stored activities from
    // their points by Store::fill_derived_load_fields.
    R"sql(
ALTER TABLE activities ADD COLUMN kind TEXT;
ALTER TABLE activities ADD COLUMN hr_p99_bpm REAL;
ALTER TABLE batch_prev_activities ADD COLUMN kind TEXT;
ALTER TABLE batch_prev_activities ADD COLUMN hr_p99_bpm REAL;
)sql",
};

constexpr int kLatest = static_cast<int>(std::size(kMigrations));

// Step 3's data: the 99th-percentile heart rate of every stored recording,
// from its points, so session load need not decode blobs.
void fill_hr_p99(SQLite::Database& db) {
  SQLite::Statement q(db,
                      "SELECT p.activity_id, p.blob FROM activity_points p "
                      "JOIN activities a ON a.id = p.activity_id WHERE a.hr_p99_bpm IS NULL");
  // Read first, write after: no update while the scan over the same rows is open.
  std::vector<std::pair<std::int64_t, double>> found;
  while (q.executeStep()) {
    const auto col = q.getColumn(1);
    const auto* bytes = static_cast<const std::uint8_t*>(col.getBlob());
    const auto points = decode_points({bytes, static_cast<std::size_t>(col.getBytes())});
    if (const auto p99 = engine::hr_percentile_99(points))
      found.emplace_back(q.getColumn(0).getInt64(), *p99);
  }
  SQLite::Statement set(db, "UPDATE activities SET hr_p99_bpm=? WHERE id=?");
  for (const auto& [id, p99] : found) {
    set.bind(1, p99);
    set.bind(2, id);
    set.exec();
    set.reset();
  }
}

/// Work a step needs beyond its SQL, run in the step's transaction.
void after_step(SQLite::Database& db, int new_version) {
  if (new_version == 3) fill_hr_p99(db);
}

int user_version(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

[[noreturn]] void too_new(const std::string& display_name, int version) {
  throw std::runtime_error(
      fmt::format("{}: the database has schema version {}, but this stride knows only up to {}; "
                  "use a newer stride",
                  display_name, version, kLatest));
}

}  // namespace

int latest_schema_version() { return kLatest; }

void migrate(SQLite::Database& db, const std::string& display_name, int target) {
  if (target < 0 || target > kLatest) target = kLatest;
  int version = user_version(db);
  if (version > kLatest) too_new(display_name, version);
  while (version < target) {
    // IMMEDIATE takes the write lock first, so two processes opening a fresh
    // file cannot both run step 1; the loser re-reads the version and moves on.
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    version = user_version(db);
    if (version > kLatest) too_new(display_name, version);
    if (version >= target) break;
    db.exec(kMigrations[version]);
    after_step(db, version + 1);
    db.exec(fmt::format("PRAGMA user_version = {}", version + 1));
    tx.commit();
    ++version;
  }
}

const std::vector<std::string>& activity_child_tables() {
  static const std::vector<std::string> kTables = {"activity_sources", "activity_surfaces",
                                                   "activity_points", "exercises"};
  return kTables;
}

}  // namespace stride::store::detail
