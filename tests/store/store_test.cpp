#include "store/store.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <random>
#include <thread>

#include "store/detail/raw_access.hpp"
#include "store/points_blob.hpp"
#include "store/schema.hpp"
#include "tests/support/catch.hpp"

using namespace stride;
using engine::Activity;
using engine::Sport;
using engine::Surface;
using engine::TrackPoint;
using store::Outcome;
using store::Store;

namespace {

SQLite::Database& raw(Store& s) { return store::detail::RawAccess::db(s); }

// A fresh folder under the temp dir, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("stride-store-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) +
             "-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

engine::UtcTime at(int y, unsigned m, unsigned d, int h, int min, int s = 0) {
  return engine::UtcTime{date::sys_days{date::year{y} / m / d}} + std::chrono::hours{h} +
         std::chrono::minutes{min} + std::chrono::seconds{s};
}

engine::Day day(int y, unsigned m, unsigned d) { return engine::Day{date::year{y} / m / d}; }

Activity run_at(engine::UtcTime start, double distance_m, double duration_s) {
  Activity a;
  a.start_utc = start;
  a.utc_offset_s = 3600;
  a.local_date = engine::local_day(start, a.utc_offset_s);
  a.sport = Sport::run;
  a.distance_m = distance_m;
  a.moving_s = duration_s;
  a.elapsed_s = duration_s;
  return a;
}

// What a GPX reader produces: a track, no name from the user, no shoe.
Activity gpx_run(engine::UtcTime start, std::size_t points = 120) {
  Activity a = run_at(start, 10'000, 3000);
  a.offset_from_source = false;
  a.elevation_gain_m = 42.5;
  a.avg_hr_bpm = 151;
  a.source = {"gpx", "a.gpx", "hash-gpx", "1", 0};
  for (std::size_t i = 0; i < points; ++i) {
    TrackPoint p;
    p.time = start + std::chrono::seconds{static_cast<int>(i) * 25};
    p.has_time = true;
    p.lat_deg = 48.1 + static_cast<double>(i) * 1e-4;
    p.lon_deg = 11.5 + static_cast<double>(i) * 1e-4;
    p.ele_m = 520 + static_cast<double>(i % 7);
    p.hr_bpm = 150;
    a.points.push_back(p);
  }
  return a;
}

// What a Strava activities.csv row produces: a summary with the user's fields.
Activity csv_row(engine::UtcTime start, int index) {
  Activity a = run_at(start, 10'050, 3010);
  a.summary_only = true;
  a.name = "Morning Run";
  a.shoe = "Pegasus 40";
  a.rpe = 6;
  a.surface_m = {{Surface::trail, 10'050}};
  a.source = {"strava", "activities.csv", "hash-csv", "1", index};
  return a;
}

store::FileStamp stamp(const std::string& path) { return {path, 1234, 5678}; }

std::vector<std::string> tables(SQLite::Database& db) {
  std::vector<std::string> out;
  SQLite::Statement st(db,
                       "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE "
                       "'sqlite_%' ORDER BY name");
  while (st.executeStep()) out.push_back(st.getColumn(0).getString());
  return out;
}

// Every row of every table (quoted, blobs as hex), sorted, by table name.
std::map<std::string, std::vector<std::string>> dump(SQLite::Database& db,
                                                     const std::string& skip = "") {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& table : tables(db)) {
    if (table == skip) continue;
    std::string expr;
    SQLite::Statement cols(db, "SELECT name FROM pragma_table_info(?) ORDER BY cid");
    cols.bind(1, table);
    while (cols.executeStep()) {
      if (!expr.empty()) expr += " || '|' || ";
      expr += "quote(\"" + cols.getColumn(0).getString() + "\")";
    }
    auto& rows = out[table];
    SQLite::Statement st(db, "SELECT " + expr + " FROM " + table);
    while (st.executeStep()) rows.push_back(st.getColumn(0).getString());
    std::sort(rows.begin(), rows.end());
  }
  return out;
}

// Exercise's == says NaN != NaN; an unknown weight must round trip as unknown.
bool same_exercises(const std::vector<engine::Exercise>& a,
                    const std::vector<engine::Exercise>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const bool weight_same = (std::isnan(a[i].weight_kg) && std::isnan(b[i].weight_kg)) ||
                             a[i].weight_kg == b[i].weight_kg;
    if (a[i].name != b[i].name || a[i].sets != b[i].sets || a[i].reps != b[i].reps ||
        a[i].per_side != b[i].per_side || !weight_same || a[i].muscles != b[i].muscles) {
      return false;
    }
  }
  return true;
}

std::int64_t count(SQLite::Database& db, const std::string& table) {
  return db.execAndGet("SELECT COUNT(*) FROM " + table).getInt64();
}

}  // namespace

// --- schema --------------------------------------------------------------------

TEST_CASE("store: a new database file gets the latest schema in WAL mode", "[store]") {
  TempDir dir;
  const auto path = dir.path() / "nested" / "folder" / "history.db";
  auto s = Store::open(path, true);
  REQUIRE(std::filesystem::exists(path));
  REQUIRE(s.schema_version() == store::detail::latest_schema_version());
  REQUIRE(s.schema_version() == 6);
  REQUIRE(raw(s).execAndGet("PRAGMA journal_mode").getString() == "wal");
  REQUIRE(raw(s).execAndGet("PRAGMA foreign_keys").getInt() == 1);
  REQUIRE(raw(s).execAndGet("PRAGMA busy_timeout").getInt() == 5000);
  const auto names = tables(raw(s));
  for (const char* t :
       {"activities", "activity_surfaces", "activity_points", "exercises", "pain_notes",
        "files_seen", "import_batches", "batch_changes", "active_plan", "settings"}) {
    INFO(t);
    REQUIRE(std::find(names.begin(), names.end(), t) != names.end());
  }
}

TEST_CASE("store: an empty file is migrated from version 0", "[store]") {
  TempDir dir;
  const auto path = dir.path() / "empty.db";
  std::ofstream(path).close();
  REQUIRE(std::filesystem::file_size(path) == 0);
  auto s = Store::open(path, false);
  REQUIRE(s.schema_version() == 6);
  REQUIRE(s.activity_count() == 0);
  // Opening again runs no migration and keeps the data.
  s.add_pain({0, day(2024, 3, 1), engine::PainSite::calf, 3, false, false, "tight"});
  auto again = Store::open(path, false);
  REQUIRE(again.schema_version() == 6);
  REQUIRE(again.pain_notes().size() == 1);
}

TEST_CASE("store: migration 3 keeps a version-2 history and fills its heart-rate percentile",
          "[store]") {
  TempDir dir;
  const auto path = dir.path() / "v2.db";
  {
    // A version-2 database with one recorded run (heart rate 100..199 bpm over
    // 100 points) and one manual ride, written as version 2 wrote them.
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    store::detail::migrate(db, "v2.db", 2);
    REQUIRE(db.execAndGet("PRAGMA user_version").getInt() == 2);
    db.exec(
        "INSERT INTO activities (id, start_utc_ms, utc_offset_s, offset_from_source, local_date, "
        "sport, distance_m, moving_s, elapsed_s, avg_hr_bpm, rpe, point_count) VALUES "
        "(1, 1700000000000, 0, 0, '2023-11-14', 'run', 10000, 3000, 3000, 149.5, NULL, 100), "
        "(2, 1700100000000, 0, 0, '2023-11-16', 'ride', 20000, 3600, 3600, NULL, 4, 0)");
    std::vector<TrackPoint> points(100);
    for (int i = 0; i < 100; ++i) {
      points[i].time = engine::UtcTime{std::chrono::milliseconds{1700000000000 + i * 30000LL}};
      points[i].has_time = true;
      points[i].hr_bpm = 100 + i;
    }
    const auto blob = store::encode_points(points);
    SQLite::Statement ins(db, "INSERT INTO activity_points (activity_id, blob) VALUES (1, ?)");
    ins.bind(1, blob.data(), static_cast<int>(blob.size()));
    ins.exec();
  }
  auto s = Store::open(path, false);
  REQUIRE(s.schema_version() == 6);
  const auto all = s.list({});
  REQUIRE(all.size() == 2);
  // Nearest rank 99 of 100 samples 100..199: the 99th, 198.
  CHECK(all[0].hr_p99_bpm == 198);
  CHECK(all[0].avg_hr_bpm == 149.5);
  CHECK_FALSE(all[0].kind);
  CHECK(std::isnan(all[1].hr_p99_bpm));
  CHECK(all[1].rpe == 4);
  // The new columns round-trip.
  Activity a = all[1];
  a.id = 0;
  a.start_utc += std::chrono::hours{48};
  a.local_date += date::days{2};
  a.kind = engine::RunKind::tempo;
  a.sport = Sport::run;
  a.rpe.reset();
  const auto id = s.add_activity(a);
  CHECK(s.get(id)->kind == engine::RunKind::tempo);
}

TEST_CASE("store: schema 2 with pain notes migrates through 4 (medical flags) keeping them",
          "[store]") {
  TempDir dir;
  const auto path = dir.path() / "v2.db";
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    store::detail::migrate(db, path.string(), 2);
    REQUIRE(db.execAndGet("PRAGMA user_version").getInt() == 2);
    db.exec(
        "INSERT INTO pain_notes (date, site, level, during_run, changes_gait, note) VALUES "
        "('2026-11-20', 'shin-inner', 8, 1, 1, 'sharp'), ('2026-11-21', 'knee-front', 0, 0, 0, "
        "'')");
  }
  auto s = Store::open(path, false);
  REQUIRE(s.schema_version() == 6);
  const auto notes = s.pain_notes();
  REQUIRE(notes.size() == 2);
  CHECK(notes[0].site == engine::PainSite::shin_inner);
  CHECK(notes[0].level == 8);
  CHECK(notes[0].during_run);
  CHECK(notes[0].changes_gait);
  CHECK(notes[0].note == "sharp");
  CHECK(notes[0].flags.empty());
  CHECK(notes[1].level == 0);
  // The migrated table takes flags.
  engine::PainNote n = notes[1];
  n.flags = {engine::MedicalFlag::night_pain, engine::MedicalFlag::giving_way};
  REQUIRE(s.update_pain(n));
  CHECK(s.pain_note(n.id)->flags == n.flags);
}

TEST_CASE("store: schema 4 with data migrates through 5 (the bin) keeping it", "[store]") {
  TempDir dir;
  const auto path = dir.path() / "v4.db";
  {
    // What the stride before the bin wrote: a recorded run with points and a
    // kind, a pain note with a medical flag, and an active plan.
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    store::detail::migrate(db, path.string(), 4);
    REQUIRE(db.execAndGet("PRAGMA user_version").getInt() == 4);
    db.exec(
        "INSERT INTO activities (id, start_utc_ms, utc_offset_s, offset_from_source, local_date, "
        "sport, distance_m, moving_s, elapsed_s, point_count, kind, hr_p99_bpm) VALUES "
        "(1, 1700000000000, 3600, 1, '2023-11-14', 'run', 10000, 3000, 3100, 3, 'long', 171)");
    std::vector<TrackPoint> points(3);
    for (int i = 0; i < 3; ++i) {
      points[i].time = engine::UtcTime{std::chrono::milliseconds{1700000000000 + i * 1000LL}};
      points[i].has_time = true;
    }
    const auto blob = store::encode_points(points);
    SQLite::Statement ins(db, "INSERT INTO activity_points (activity_id, blob) VALUES (1, ?)");
    ins.bind(1, blob.data(), static_cast<int>(blob.size()));
    ins.exec();
    db.exec(
        "INSERT INTO pain_notes (date, site, level, during_run, changes_gait, note, flags) VALUES "
        "('2023-11-15', 'calf', 4, 1, 0, 'tight', 'night-pain')");
    db.exec(
        "INSERT INTO active_plan (text, activated_at) VALUES ('weeks: []', "
        "'2023-11-10T08:00:00Z')");
  }
  auto s = Store::open(path, false);
  REQUIRE(s.schema_version() == 6);
  auto all = s.list({});
  REQUIRE(all.size() == 1);
  CHECK(all[0].kind == engine::RunKind::long_run);
  CHECK(all[0].hr_p99_bpm == 171);
  CHECK(s.get(1, /*with_points=*/true)->points.size() == 3);
  CHECK_FALSE(s.in_bin(1));
  REQUIRE(s.pain_notes().size() == 1);
  CHECK(s.pain_notes()[0].flags == std::vector{engine::MedicalFlag::night_pain});
  const auto plan = s.active_plan();
  REQUIRE(plan);
  CHECK(plan->text == "weeks: []");
  CHECK(plan->path.empty());  // activated before paths were kept
  // The migrated row goes to the bin and comes back whole.
  REQUIRE(s.remove(1));
  CHECK(s.list({}).empty());
  REQUIRE(s.undelete(1));
  CHECK(s.get(1, /*with_points=*/true)->points.size() == 3);
}

TEST_CASE("store: a database newer than this build is refused", "[store]") {
  TempDir dir;
  const auto path = dir.path() / "future.db";
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA user_version = 7");
  }
  REQUIRE_THROWS_WITH(Store::open(path, false),
                      path.string() +
                          ": the database has schema version 7, but this stride knows only up "
                          "to 6; use a newer stride");
}

TEST_CASE("store: opening a missing database without create fails", "[store]") {
  TempDir dir;
  const auto path = dir.path() / "nope.db";
  REQUIRE_THROWS_WITH(Store::open(path, false), path.string() + ": no such database");
  REQUIRE_FALSE(std::filesystem::exists(path));
}

TEST_CASE("store: a file that is not a database fails naming the path", "[store]") {
  TempDir dir;
  const auto path = dir.path() / "notes.txt";
  std::ofstream(path) << "this is not an SQLite database, just some text that is long enough";
  REQUIRE_THROWS_WITH(Store::open(path, false), path.string() + ": file is not a database");
}

// --- activities ------------------------------------------------------------------

TEST_CASE("store: an activity round trips with every field", "[store]") {
  auto s = Store::in_memory();
  Activity a = gpx_run(at(2024, 5, 4, 6, 30));
  a.offset_from_source = true;
  a.utc_offset_s = 7200;
  a.local_date = day(2024, 5, 4);
  a.max_hr_bpm = 178;
  a.avg_cadence_spm = 172.5;
  a.rpe = 7;
  a.surface_m = {{Surface::road, 6000}, {Surface::trail, 4000}};
  a.shoe = "Speedgoat";
  a.name = "Hills";
  a.notes = "windy\nand cold";
  a.warnings = {"clock looks unset", "skipped 2 points"};
  a.exercises = {{"squat", 3, 10, false, 40, {"quads", "glutes"}}};
  const auto id = s.add_activity(a);
  REQUIRE(id > 0);

  const auto got = s.get(id);
  REQUIRE(got);
  CHECK(got->id == id);
  CHECK(got->start_utc == a.start_utc);
  CHECK(got->utc_offset_s == 7200);
  CHECK(got->offset_from_source);
  CHECK(got->local_date == day(2024, 5, 4));
  CHECK(got->sport == Sport::run);
  CHECK(got->distance_m == 10'000);
  CHECK(got->moving_s == 3000);
  CHECK(got->elapsed_s == 3000);
  CHECK(got->elevation_gain_m == 42.5);
  CHECK(got->avg_hr_bpm == 151);
  CHECK(got->max_hr_bpm == 178);
  CHECK(got->avg_cadence_spm == 172.5);
  CHECK(got->rpe == 7);
  CHECK(got->surface_m == a.surface_m);
  CHECK(got->shoe == "Speedgoat");
  CHECK(got->name == "Hills");
  CHECK(got->notes == "windy\nand cold");
  CHECK(got->warnings == a.warnings);
  CHECK(got->exercises == a.exercises);
  CHECK(got->source.format == "gpx");
  CHECK(got->source.file_name == "a.gpx");
  CHECK(got->source.content_hash == "hash-gpx");
  REQUIRE(got->points.size() == a.points.size());
  CHECK(got->points[5].lat_deg == Approx(a.points[5].lat_deg).margin(1e-7));
  CHECK(got->points[5].time == a.points[5].time);

  const auto no_points = s.get(id, false);
  CHECK(no_points->points.empty());
  CHECK(no_points->exercises == a.exercises);
  CHECK_FALSE(s.get(id + 1));
}

TEST_CASE("store: unknown values stay unknown", "[store]") {
  auto s = Store::in_memory();
  Activity a = run_at(at(2024, 1, 2, 7, 0), 5000, 1500);
  const auto got = s.get(s.add_activity(a));
  CHECK(std::isnan(got->elevation_gain_m));
  CHECK(std::isnan(got->avg_hr_bpm));
  CHECK(std::isnan(got->max_hr_bpm));
  CHECK(std::isnan(got->avg_cadence_spm));
  CHECK_FALSE(got->rpe);
  CHECK(got->surface_m.empty());
  CHECK(got->warnings.empty());
  CHECK(got->points.empty());
}

TEST_CASE("store: list filters by local date and sport, ordered by start", "[store]") {
  auto s = Store::in_memory();
  Activity late = run_at(at(2024, 3, 10, 18, 0), 8000, 2400);
  Activity early = run_at(at(2024, 3, 10, 6, 0), 5000, 1500);
  Activity ride = run_at(at(2024, 3, 12, 9, 0), 30'000, 3600);
  ride.sport = Sport::ride;
  Activity before = run_at(at(2024, 2, 1, 9, 0), 3000, 900);
  // 23:30 UTC on the 14th is the 15th at UTC+1: the training day is local.
  Activity night = run_at(at(2024, 3, 14, 23, 30), 4000, 1200);
  const auto id_late = s.add_activity(late);
  const auto id_early = s.add_activity(early);
  const auto id_ride = s.add_activity(ride);
  const auto id_before = s.add_activity(before);
  const auto id_night = s.add_activity(night);

  auto ids = [](const std::vector<Activity>& list) {
    std::vector<std::int64_t> out;
    for (const auto& a : list) out.push_back(a.id);
    return out;
  };
  CHECK(ids(s.list({})) ==
        std::vector<std::int64_t>{id_before, id_early, id_late, id_ride, id_night});
  CHECK(ids(s.list({day(2024, 3, 10), day(2024, 3, 14), std::nullopt, false})) ==
        std::vector<std::int64_t>{id_early, id_late, id_ride});
  CHECK(ids(s.list({day(2024, 3, 15), std::nullopt, std::nullopt, false})) ==
        std::vector<std::int64_t>{id_night});
  CHECK(ids(s.list({std::nullopt, std::nullopt, Sport::ride, false})) ==
        std::vector<std::int64_t>{id_ride});
}

TEST_CASE("store: a filtered list carries the surfaces and exercises of what it lists", "[store]") {
  auto s = Store::in_memory();
  Activity road = run_at(at(2024, 3, 10, 6, 0), 5000, 1500);
  road.surface_m = {{Surface::road, 5000}};
  Activity gym = run_at(at(2024, 3, 11, 6, 0), 0, 2400);
  gym.sport = Sport::strength;
  gym.exercises = {{"deadlift", 5, 5, false, 80, {"hamstrings", "glutes"}},
                   {"step-up", 3, 10, true, engine::kNoValue, {}}};
  Activity trail = run_at(at(2024, 3, 12, 6, 0), 9000, 3000);
  trail.surface_m = {{Surface::trail, 7000}, {Surface::road, 2000}};
  s.add_activity(road);
  s.add_activity(gym);
  s.add_activity(trail);

  const auto from_11th = s.list({day(2024, 3, 11), std::nullopt, std::nullopt, false});
  REQUIRE(from_11th.size() == 2);
  CHECK(same_exercises(from_11th[0].exercises, gym.exercises));
  CHECK(from_11th[0].surface_m.empty());
  CHECK(from_11th[1].surface_m == trail.surface_m);
  CHECK(from_11th[1].exercises.empty());
  const auto all = s.list({});
  REQUIRE(all.size() == 3);
  CHECK(all[0].surface_m == road.surface_m);
  CHECK(same_exercises(all[1].exercises, gym.exercises));
  CHECK(all[2].surface_m == trail.surface_m);
}

TEST_CASE("store: a load-only list keeps the shoe and leaves the other text fields out",
          "[store]") {
  auto s = Store::in_memory();
  Activity a = gpx_run(at(2024, 3, 10, 6, 0));
  a.name = "Intervals";
  a.shoe = "Vaporfly";
  a.notes = "6x800";
  a.rpe = 8;
  a.warnings = {"clock looks unset"};
  a.surface_m = {{Surface::track, 10'000}};
  s.add_activity(a);
  store::Filter f;
  f.load_fields_only = true;
  const auto listed = s.list(f);
  REQUIRE(listed.size() == 1);
  const auto& got = listed[0];
  CHECK(got.start_utc == a.start_utc);
  CHECK(got.local_date == a.local_date);
  CHECK(got.sport == Sport::run);
  CHECK(got.distance_m == 10'000);
  CHECK(got.moving_s == 3000);
  CHECK(got.avg_hr_bpm == 151);
  CHECK(got.rpe == 8);
  CHECK(got.surface_m == a.surface_m);
  CHECK(got.name.empty());
  CHECK(got.shoe == "Vaporfly");  // shoe-mileage reads it
  CHECK(got.notes.empty());
  CHECK(got.warnings.empty());
  CHECK(got.source.file_name.empty());
  CHECK(got.points.empty());
}

TEST_CASE("store: list without points never reads a blob", "[store]") {
  auto s = Store::in_memory();
  Activity a = gpx_run(at(2024, 4, 1, 7, 0));
  a.surface_m = {{Surface::road, 10'000}};
  const auto id = s.add_activity(a);
  // A blob no decoder accepts: only a path that decodes would notice.
  raw(s).exec("UPDATE activity_points SET blob = x'09'");
  const auto listed = s.list({});
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].id == id);
  CHECK(listed[0].points.empty());
  CHECK(listed[0].surface_m == a.surface_m);
  store::Filter with_points;
  with_points.with_points = true;
  REQUIRE_THROWS_WITH(s.list(with_points),
                      "points blob: version 9 is not one this build reads (1 to 1)");
}

TEST_CASE("store: list with points returns the tracks", "[store]") {
  auto s = Store::in_memory();
  const auto id1 = s.add_activity(gpx_run(at(2024, 4, 1, 7, 0), 10));
  const auto id2 = s.add_activity(run_at(at(2024, 4, 2, 7, 0), 5000, 1500));
  store::Filter f;
  f.with_points = true;
  const auto listed = s.list(f);
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].points.size() == 10);
  CHECK(listed[1].points.empty());

  const auto tracks = s.points_for({});
  REQUIRE(tracks.size() == 1);
  CHECK(tracks[0].first == id1);
  CHECK(tracks[0].second.size() == 10);
  std::vector<std::int64_t> visited;
  s.for_each_points({}, [&](std::int64_t id, const std::vector<TrackPoint>& points) {
    visited.push_back(id);
    CHECK(points.size() == 10);
  });
  CHECK(visited == std::vector<std::int64_t>{id1});
  CHECK(id2 != id1);
}

TEST_CASE("store: a surface set by edit is marked fixed; settings persist", "[store]") {
  auto s = Store::in_memory();
  const auto id = s.add_activity(gpx_run(at(2024, 6, 1, 7, 0)));
  const auto other = s.add_activity(run_at(at(2024, 6, 2, 7, 0), 5000, 1500));
  CHECK(s.surface_fixed_ids().empty());
  store::Edit e;
  e.surface_m = std::vector<engine::SurfaceShare>{{Surface::trail, 10'000}};
  REQUIRE(s.edit(id, e));
  CHECK(s.surface_fixed_ids() == std::vector<std::int64_t>{id});
  s.set_surface_fixed(other, true);
  s.set_surface_fixed(id, false);
  CHECK(s.surface_fixed_ids() == std::vector<std::int64_t>{other});

  s.set_surfaces({{id, {{Surface::grass, 4000}, {Surface::road, 6000}}}, {9999, {}}});
  CHECK(s.get(id, false)->surface_m ==
        std::vector<engine::SurfaceShare>{{Surface::grass, 4000}, {Surface::road, 6000}});

  CHECK_FALSE(s.setting("zones").has_value());
  s.set_setting("zones", "a");
  s.set_setting("zones", "b");
  CHECK(s.setting("zones") == "b");
}

TEST_CASE("store: edit, set_surfaces and remove change one activity", "[store]") {
  auto s = Store::in_memory();
  const auto id = s.add_activity(gpx_run(at(2024, 6, 1, 7, 0)));
  const auto other = s.add_activity(run_at(at(2024, 6, 2, 7, 0), 5000, 1500));

  store::Edit e;
  e.sport = Sport::trail_run;
  e.shoe = "Cascadia";
  e.rpe = 8;
  e.surface_m = std::vector<engine::SurfaceShare>{{Surface::trail, 9000}, {Surface::road, 1000}};
  REQUIRE(s.edit(id, e));
  auto got = s.get(id, false);
  CHECK(got->sport == Sport::trail_run);
  CHECK(got->shoe == "Cascadia");
  CHECK(got->rpe == 8);
  CHECK(got->name.empty());
  CHECK(got->surface_m == *e.surface_m);
  CHECK_FALSE(s.edit(9999, e));

  store::Edit bad;
  bad.rpe = 11;
  REQUIRE_THROWS_WITH(s.edit(id, bad), "CHECK constraint failed: rpe BETWEEN 0 AND 10");
  CHECK(s.get(id, false)->rpe == 8);

  REQUIRE(s.set_surfaces(id, {{Surface::grass, 10'000}}));
  CHECK(s.get(id, false)->surface_m == std::vector<engine::SurfaceShare>{{Surface::grass, 10'000}});
  CHECK_FALSE(s.set_surfaces(9999, {}));

  // remove moves to the bin: out of list and counts, the row kept for undelete.
  REQUIRE(s.remove(id));
  CHECK(s.in_bin(id));
  CHECK_FALSE(s.remove(id));
  CHECK(s.activity_count() == 1);
  CHECK(s.list({}).size() == 1);
  CHECK(s.get(other));
  store::Filter bin;
  bin.in_bin = true;
  CHECK(s.list(bin).size() == 1);
  REQUIRE(s.undelete(id));
  CHECK_FALSE(s.in_bin(id));
  CHECK(s.activity_count() == 2);
}

TEST_CASE("store: pain notes come back ordered by date", "[store]") {
  auto s = Store::in_memory();
  const auto later =
      s.add_pain({0, day(2024, 5, 3), engine::PainSite::knee_outer, 4, true, true, "ITB"});
  const auto earlier =
      s.add_pain({0, day(2024, 5, 1), engine::PainSite::shin_inner, 2, false, false, ""});
  const auto notes = s.pain_notes();
  REQUIRE(notes.size() == 2);
  CHECK(notes[0].id == earlier);
  CHECK(notes[0].site == engine::PainSite::shin_inner);
  CHECK(notes[1].id == later);
  CHECK(notes[1].date == day(2024, 5, 3));
  CHECK(notes[1].level == 4);
  CHECK(notes[1].during_run);
  CHECK(notes[1].changes_gait);
  CHECK(notes[1].note == "ITB");
  CHECK(notes[1].flags.empty());
}

TEST_CASE("store: pain notes keep their flags, and edit and delete by id", "[store]") {
  auto s = Store::in_memory();
  engine::PainNote n{0, day(2024, 5, 1), engine::PainSite::hip_front, 3, false, false, "groin"};
  n.flags = {engine::MedicalFlag::rest_pain, engine::MedicalFlag::fever};
  n.id = s.add_pain(n);
  CHECK(s.pain_note(n.id)->flags == n.flags);
  CHECK(s.pain_note(n.id)->site == engine::PainSite::hip_front);
  n.level = 5;
  n.date = day(2024, 5, 2);
  n.flags.clear();
  REQUIRE(s.update_pain(n));
  const auto back = s.pain_note(n.id).value();
  CHECK(back.level == 5);
  CHECK(back.date == day(2024, 5, 2));
  CHECK(back.flags.empty());
  CHECK_FALSE(s.pain_note(n.id + 1));
  engine::PainNote unknown = n;
  unknown.id = n.id + 1;
  CHECK_FALSE(s.update_pain(unknown));
  CHECK_FALSE(s.delete_pain(n.id + 1));
  CHECK(s.delete_pain(n.id));
  CHECK(s.pain_notes().empty());
}

// --- import ------------------------------------------------------------------------

TEST_CASE("store: the same file twice is a duplicate and changes nothing", "[store]") {
  TempDir dir;
  auto s = Store::open(dir.path() / "h.db", true);
  std::vector<Activity> file{gpx_run(at(2024, 7, 1, 6, 0))};
  const auto b1 = s.begin_batch("first");
  const auto first = s.import_file(b1, stamp("/runs/a.gpx"), "hash-gpx", file);
  REQUIRE(first.size() == 1);
  CHECK(first[0].outcome == Outcome::imported);
  CHECK(s.seen_stamp(stamp("/runs/a.gpx")));
  CHECK_FALSE(s.seen_stamp({"/runs/a.gpx", 1234, 9999}));
  CHECK(s.seen_hash("hash-gpx"));
  CHECK_FALSE(s.seen_hash("hash-other"));

  const auto before = dump(raw(s), "import_batches");
  const auto b2 = s.begin_batch("again");
  SECTION("same path") {
    const auto again = s.import_file(b2, stamp("/runs/a.gpx"), "hash-gpx", file);
    REQUIRE(again.size() == 1);
    CHECK(again[0].outcome == Outcome::duplicate);
    CHECK(again[0].id == first[0].id);
    CHECK(again[0].detail ==
          "duplicate of #" + std::to_string(first[0].id) + " (same file content)");
    CHECK(dump(raw(s), "import_batches") == before);
  }
  SECTION("the same run from a copy with other bytes") {
    auto copy = file;
    copy[0].source.content_hash = "hash-copy";
    const auto again = s.import_file(b2, stamp("/backup/a.gpx"), "hash-copy", copy);
    CHECK(again[0].outcome == Outcome::duplicate);
    CHECK(again[0].detail ==
          "duplicate of #" + std::to_string(first[0].id) + " (a.gpx has nothing to add)");
    CHECK(s.activity_count() == 1);
    CHECK(count(raw(s), "files_seen") == 2);
  }
}

TEST_CASE("store: a summary row and a track of the same run merge into the richer one", "[store]") {
  auto s = Store::in_memory();
  const auto start = at(2024, 8, 3, 6, 0);
  Activity track = gpx_run(start);
  // The CSV row's start is rounded differently: 40 s apart.
  Activity row = csv_row(start + std::chrono::seconds{40}, 3);
  const auto batch = s.begin_batch("both");

  std::vector<store::ActivityOutcome> first;
  std::vector<store::ActivityOutcome> second;
  std::string expected_detail;
  SECTION("CSV row first") {
    first = s.import_file(batch, stamp("activities.csv"), "hash-csv", {row});
    second = s.import_file(batch, stamp("a.gpx"), "hash-gpx", {track});
    expected_detail =
        "merged into #1: kept the track from a.gpx, took name, shoe, RPE and "
        "surface from activities.csv row 4";
  }
  SECTION("GPX first") {
    first = s.import_file(batch, stamp("a.gpx"), "hash-gpx", {track});
    second = s.import_file(batch, stamp("activities.csv"), "hash-csv", {row});
    expected_detail =
        "merged into #1: kept the track from a.gpx, took name, shoe, RPE and "
        "surface from activities.csv row 4";
  }
  REQUIRE(first[0].outcome == Outcome::imported);
  REQUIRE(second[0].outcome == Outcome::merged);
  CHECK(second[0].id == first[0].id);
  CHECK(second[0].detail == expected_detail);

  REQUIRE(s.activity_count() == 1);
  const auto got = s.get(first[0].id);
  CHECK(got->points.size() == track.points.size());
  CHECK_FALSE(got->summary_only);
  CHECK(got->start_utc == track.start_utc);
  CHECK(got->distance_m == track.distance_m);
  CHECK(got->elevation_gain_m == 42.5);
  CHECK(got->name == "Morning Run");
  CHECK(got->shoe == "Pegasus 40");
  CHECK(got->rpe == 6);
  CHECK(got->surface_m == row.surface_m);
  CHECK(got->source.file_name == "a.gpx");
  CHECK(count(raw(s), "activity_sources") == 2);

  // Both files again: each is now a duplicate by its content hash.
  const auto b2 = s.begin_batch("again");
  CHECK(s.import_file(b2, stamp("a.gpx"), "hash-gpx", {track})[0].outcome == Outcome::duplicate);
  CHECK(s.import_file(b2, stamp("activities.csv"), "hash-csv", {row})[0].outcome ==
        Outcome::duplicate);
  CHECK(s.activity_count() == 1);
}

TEST_CASE("store: a longer track replaces a shorter one and keeps the user's fields", "[store]") {
  auto s = Store::in_memory();
  const auto start = at(2024, 8, 10, 7, 0);
  Activity phone = gpx_run(start, 60);
  phone.source = {"gpx", "phone.gpx", "hash-phone", "1", 0};
  phone.name = "Tempo";
  Activity watch = gpx_run(start + std::chrono::seconds{5}, 600);
  watch.source = {"fit", "watch.fit", "hash-watch", "1", 0};
  watch.avg_hr_bpm = engine::kNoValue;
  const auto b = s.begin_batch("");
  const auto id = s.import_file(b, stamp("phone.gpx"), "hash-phone", {phone})[0].id;
  const auto out = s.import_file(b, stamp("watch.fit"), "hash-watch", {watch});
  CHECK(out[0].outcome == Outcome::merged);
  CHECK(out[0].detail == "merged into #" + std::to_string(id) +
                             ": kept the track from watch.fit, took name and average heart rate "
                             "from phone.gpx");
  const auto got = s.get(id);
  CHECK(got->points.size() == 600);
  CHECK(got->name == "Tempo");
  CHECK(got->avg_hr_bpm == 151);
  CHECK(got->source.format == "fit");
}

TEST_CASE("store: recordings that overlap by half merge, others stay apart", "[store]") {
  auto s = Store::in_memory();
  const auto start = at(2024, 9, 1, 8, 0);
  const auto b = s.begin_batch("");
  Activity watch = run_at(start, 12'000, 3600);
  watch.source = {"fit", "w.fit", "h1", "1", 0};
  s.import_file(b, stamp("w.fit"), "h1", {watch});

  SECTION("started 10 min later, 40 of 50 min shared") {
    Activity phone = run_at(start + std::chrono::minutes{10}, 9000, 3000);
    phone.name = "Long run";
    phone.source = {"gpx", "p.gpx", "h2", "1", 0};
    CHECK(s.import_file(b, stamp("p.gpx"), "h2", {phone})[0].outcome == Outcome::merged);
    CHECK(s.activity_count() == 1);
  }
  SECTION("started 3 min after the end") {
    Activity next = run_at(start + std::chrono::minutes{63}, 3000, 900);
    next.source = {"gpx", "n.gpx", "h3", "1", 0};
    CHECK(s.import_file(b, stamp("n.gpx"), "h3", {next})[0].outcome == Outcome::imported);
    CHECK(s.activity_count() == 2);
  }
  SECTION("a ride at the same time") {
    Activity ride = run_at(start, 30'000, 3600);
    ride.sport = Sport::ride;
    ride.source = {"gpx", "r.gpx", "h4", "1", 0};
    CHECK(s.import_file(b, stamp("r.gpx"), "h4", {ride})[0].outcome == Outcome::imported);
    CHECK(s.activity_count() == 2);
  }
  SECTION("a trail run at the same time is the same run, and says which kind") {
    Activity trail = run_at(start + std::chrono::seconds{90}, 12'100, 3500);
    trail.sport = Sport::trail_run;
    trail.shoe = "Speedgoat";
    trail.source = {"strava", "activities.csv", "h5", "1", 6};
    const auto out = s.import_file(b, stamp("activities.csv"), "h5", {trail});
    CHECK(out[0].outcome == Outcome::merged);
    CHECK(out[0].detail ==
          "merged into #1: kept the record from w.fit, took sport and shoe from activities.csv "
          "row 7");
    CHECK(s.activity_count() == 1);
    CHECK(s.get(1)->sport == Sport::trail_run);
  }
}

TEST_CASE("store: an exception in the middle of a file leaves the database as before", "[store]") {
  TempDir dir;
  auto s = Store::open(dir.path() / "h.db", true);
  const auto b1 = s.begin_batch("good");
  Activity existing = gpx_run(at(2024, 10, 1, 6, 0));
  s.import_file(b1, stamp("a.gpx"), "hash-gpx", {existing});
  s.add_pain({0, day(2024, 10, 1), engine::PainSite::calf, 2, false, false, ""});
  const auto before = dump(raw(s));
  const auto b2 = s.begin_batch("bad");
  const auto before_b2 = dump(raw(s), "import_batches");

  // One new run, a row that merges into the stored run, then a row the
  // database refuses (RPE 11): the whole file must go.
  std::vector<Activity> file;
  file.push_back(csv_row(at(2024, 10, 3, 6, 0), 0));
  file.push_back(csv_row(at(2024, 10, 1, 6, 0), 1));
  file.push_back(csv_row(at(2024, 10, 5, 6, 0), 2));
  file.back().rpe = 11;
  file.push_back(csv_row(at(2024, 10, 7, 6, 0), 3));
  REQUIRE_THROWS_WITH(s.import_file(b2, stamp("activities.csv"), "hash-csv", file),
                      "CHECK constraint failed: rpe BETWEEN 0 AND 10");
  CHECK(dump(raw(s), "import_batches") == before_b2);
  CHECK_FALSE(s.seen_hash("hash-csv"));

  // Fixed, the same file imports whole; undoing it gets back to the start.
  file[2].rpe = 10;
  const auto out = s.import_file(b2, stamp("activities.csv"), "hash-csv", file);
  REQUIRE(out.size() == 4);
  CHECK(out[0].outcome == Outcome::imported);
  CHECK(out[1].outcome == Outcome::merged);
  CHECK(out[2].outcome == Outcome::imported);
  CHECK(out[3].outcome == Outcome::imported);
  CHECK(s.activity_count() == 4);
  REQUIRE(s.undo_batch(std::nullopt) == b2);
  CHECK(dump(raw(s)) == before);
}

TEST_CASE("store: undo restores the database exactly", "[store]") {
  TempDir dir;
  auto s = Store::open(dir.path() / "h.db", true);
  const auto b1 = s.begin_batch("watch");
  const auto first =
      s.import_file(b1, stamp("a.gpx"), "hash-gpx", {gpx_run(at(2024, 11, 2, 6, 0))});
  Activity manual = run_at(at(2024, 11, 4, 18, 0), 6000, 1800);
  manual.sport = Sport::strength;
  manual.exercises = {{"lunge", 3, 12, true, engine::kNoValue, {"quads"}}};
  s.add_activity(manual);
  s.add_pain({0, day(2024, 11, 4), engine::PainSite::knee_front, 3, true, false, "stairs"});
  const auto before = dump(raw(s));

  const auto b2 = s.begin_batch("strava export");
  std::vector<Activity> rows{csv_row(at(2024, 11, 2, 6, 0), 0), csv_row(at(2024, 11, 6, 6, 0), 1),
                             csv_row(at(2024, 11, 2, 6, 1), 2)};
  rows[2].notes = "second row for the same run";
  rows[2].name.clear();
  const auto out = s.import_file(b2, stamp("activities.csv"), "hash-csv", rows);
  REQUIRE(out[0].outcome == Outcome::merged);
  REQUIRE(out[1].outcome == Outcome::imported);
  REQUIRE(out[2].outcome == Outcome::merged);
  REQUIRE(out[2].id == first[0].id);
  // A second file in the same batch replaces the track of the merged run.
  Activity longer = gpx_run(at(2024, 11, 2, 6, 0), 400);
  longer.source = {"fit", "w.fit", "hash-fit", "1", 0};
  REQUIRE(s.import_file(b2, stamp("w.fit"), "hash-fit", {longer})[0].outcome == Outcome::merged);
  REQUIRE(s.get(first[0].id)->points.size() == 400);
  REQUIRE(s.get(first[0].id)->notes == "second row for the same run");
  REQUIRE(dump(raw(s)) != before);

  REQUIRE(s.undo_batch(std::nullopt) == b2);
  CHECK(dump(raw(s)) == before);
  CHECK_FALSE(s.seen_hash("hash-csv"));
  CHECK(s.get(first[0].id)->points.size() == 120);

  // Undo again removes the first batch; then there is nothing left to undo.
  REQUIRE(s.undo_batch(std::nullopt) == b1);
  CHECK(s.activity_count() == 1);
  CHECK(s.pain_notes().size() == 1);
  CHECK(count(raw(s), "files_seen") == 0);
  CHECK(count(raw(s), "batch_prev_activities") == 0);
  CHECK_FALSE(s.undo_batch(std::nullopt));
  CHECK_FALSE(s.undo_batch(b1));
}

TEST_CASE("store: undo of a batch a later one merged into is refused", "[store]") {
  auto s = Store::in_memory();
  const auto b1 = s.begin_batch("gpx");
  s.import_file(b1, stamp("a.gpx"), "hash-gpx", {gpx_run(at(2024, 12, 1, 6, 0))});
  const auto b2 = s.begin_batch("csv");
  s.import_file(b2, stamp("activities.csv"), "hash-csv", {csv_row(at(2024, 12, 1, 6, 0), 0)});
  const auto before = dump(raw(s));
  REQUIRE_THROWS_WITH(s.undo_batch(b1), "batch " + std::to_string(b1) +
                                            " cannot be undone before batch " + std::to_string(b2) +
                                            ", which merged into what batch " + std::to_string(b1) +
                                            " stored; undo batch " + std::to_string(b2) + " first");
  CHECK(dump(raw(s)) == before);
  CHECK(s.undo_batch(b2) == b2);
  CHECK(s.undo_batch(b1) == b1);
  CHECK(s.activity_count() == 0);
}

TEST_CASE("store: batches lists each import with what it added and merged", "[store]") {
  auto s = Store::in_memory();
  CHECK(s.batches().empty());
  const auto b1 = s.begin_batch("import a.gpx b.gpx");
  s.import_file(b1, stamp("a.gpx"), "hash-a", {gpx_run(at(2024, 12, 1, 6, 0))});
  Activity second = gpx_run(at(2024, 12, 3, 6, 0));
  second.source = {"gpx", "b.gpx", "hash-b", "1", 0};
  s.import_file(b1, stamp("b.gpx"), "hash-b", {second});
  const auto b2 = s.begin_batch("import activities.csv");
  s.import_file(b2, stamp("activities.csv"), "hash-csv",
                {csv_row(at(2024, 12, 1, 6, 0), 0), csv_row(at(2024, 12, 5, 6, 0), 1)});
  const auto batches = s.batches();
  REQUIRE(batches.size() == 2);
  CHECK(batches[0].id == b1);
  CHECK(batches[0].description == "import a.gpx b.gpx");
  CHECK(batches[0].added == 2);
  CHECK(batches[0].merged == 0);
  CHECK(batches[0].files == 2);
  CHECK(batches[1].id == b2);
  CHECK(batches[1].description == "import activities.csv");
  CHECK(batches[1].added == 1);
  CHECK(batches[1].merged == 1);
  CHECK(batches[1].files == 1);
  // started_at is the UTC time the batch began, e.g. 2026-11-26T01:58:03.123Z.
  REQUIRE(batches[0].started_at.size() == 24);
  CHECK(batches[0].started_at[10] == 'T');
  CHECK(batches[0].started_at.back() == 'Z');
  REQUIRE(s.undo_batch(std::nullopt) == b2);
  REQUIRE(s.batches().size() == 1);
  CHECK(s.batches()[0].id == b1);
}

TEST_CASE("store: a batch that added and merged nothing is dropped with its files", "[store]") {
  TempDir dir;
  auto s = Store::open(dir.path() / "h.db", true);
  const auto b1 = s.begin_batch("import a.gpx");
  s.import_file(b1, stamp("/runs/a.gpx"), "hash-gpx", {gpx_run(at(2024, 7, 1, 6, 0))});
  CHECK_FALSE(s.drop_batch_if_empty(b1));
  const auto before = dump(raw(s));

  // The same run in other bytes (a TCX of what the GPX had): nothing to add.
  Activity copy = gpx_run(at(2024, 7, 1, 6, 0));
  copy.source.content_hash = "hash-copy";
  const auto b2 = s.begin_batch("import copy.gpx");
  const auto again = s.import_file(b2, stamp("/backup/copy.gpx"), "hash-copy", {copy});
  REQUIRE(again[0].outcome == Outcome::duplicate);
  CHECK(s.drop_batch_if_empty(b2));
  CHECK(dump(raw(s)) == before);
  CHECK_FALSE(s.seen_stamp(stamp("/backup/copy.gpx")));
  REQUIRE(s.batches().size() == 1);
  CHECK(s.batches()[0].id == b1);
}

TEST_CASE("store: a binned activity stays in the bin when its merge is undone", "[store]") {
  auto s = Store::in_memory();
  const auto b1 = s.begin_batch("gpx");
  const auto id =
      s.import_file(b1, stamp("a.gpx"), "hash-gpx", {gpx_run(at(2024, 12, 1, 6, 0))})[0].id;
  const auto b2 = s.begin_batch("csv");
  s.import_file(b2, stamp("activities.csv"), "hash-csv", {csv_row(at(2024, 12, 1, 6, 0), 0)});
  REQUIRE(s.remove(id));
  REQUIRE(s.undo_batch(std::nullopt) == b2);
  CHECK(s.in_bin(id));
  CHECK(s.list({}).empty());
  CHECK(count(raw(s), "batch_prev_activities") == 0);
}

// --- concurrency and crashes ------------------------------------------------------------

TEST_CASE("store: two stores writing one file at once both land", "[store]") {
  TempDir dir;
  const auto path = dir.path() / "shared.db";
  Store::open(path, true);
  constexpr int kFiles = 40;
  auto writer = [&](int who) {
    auto s = Store::open(path, false);
    const auto batch = s.begin_batch("writer " + std::to_string(who));
    for (int i = 0; i < kFiles; ++i) {
      // Days apart, so nothing merges: every file must add one activity.
      Activity a = gpx_run(at(2020, 1, 1, 6, 0) + date::days{who * 1000 + i}, 50);
      const std::string hash = "w" + std::to_string(who) + "-" + std::to_string(i);
      a.source.content_hash = hash;
      s.import_file(batch, stamp(hash), hash, {a});
    }
  };
  std::thread t1(writer, 1);
  std::thread t2(writer, 2);
  t1.join();
  t2.join();
  auto s = Store::open(path, false);
  CHECK(s.activity_count() == 2 * kFiles);
  CHECK(count(raw(s), "files_seen") == 2 * kFiles);
  CHECK(count(raw(s), "activity_points") == 2 * kFiles);
  CHECK(raw(s).execAndGet("PRAGMA integrity_check").getString() == "ok");
}

TEST_CASE("store: an importer killed with SIGKILL leaves a whole database", "[store]") {
  TempDir dir;
  const auto path = dir.path() / "killed.db";
  Store::open(path, true);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The child imports until killed; it never returns into Catch.
    try {
      auto s = Store::open(path, false);
      for (int i = 0;; ++i) {
        const auto batch = s.begin_batch("loop");
        std::vector<Activity> file;
        for (int k = 0; k < 3; ++k) {
          Activity a = gpx_run(at(2000, 1, 1, 6, 0) + date::days{i * 3 + k}, 500);
          a.source.content_hash = "h" + std::to_string(i);
          a.source.index_in_file = k;
          file.push_back(std::move(a));
        }
        // The middle activity's surface came from its file: the flag is
        // part of the file's transaction.
        s.import_file(batch, stamp("f" + std::to_string(i)), "h" + std::to_string(i), file,
                      {false, true, false});
      }
    } catch (...) {
    }
    ::_exit(1);
  }
  // Wait until the child has committed some files, then kill it mid-write.
  for (int tries = 0; tries < 500; ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    try {
      auto peek = Store::open(path, false);
      if (count(raw(peek), "files_seen") >= 20) break;
    } catch (const std::exception&) {
      // Busy while the child holds the lock during its own open: try again.
    }
  }
  REQUIRE(::kill(child, SIGKILL) == 0);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));

  auto s = Store::open(path, false);
  CHECK(raw(s).execAndGet("PRAGMA integrity_check").getString() == "ok");
  SQLite::Statement fk(raw(s), "PRAGMA foreign_key_check");
  CHECK_FALSE(fk.executeStep());
  const auto files = count(raw(s), "files_seen");
  CHECK(files >= 20);
  // Files are all-or-nothing: three activities and three blobs for each file seen.
  CHECK(s.activity_count() == 3 * files);
  CHECK(count(raw(s), "activity_points") == 3 * files);
  // ... and the surface flag of each file's middle activity, none lost.
  CHECK(static_cast<std::int64_t>(s.surface_fixed_ids().size()) == files);
  CHECK(raw(s)
            .execAndGet("SELECT COUNT(*) FROM activities a JOIN activity_sources src ON "
                        "src.activity_id = a.id WHERE a.surface_fixed = 1 AND "
                        "src.index_in_file <> 1")
            .getInt() == 0);
}

TEST_CASE("store: the active plan is the last one set, with its time", "[store]") {
  Store s = Store::in_memory();
  CHECK_FALSE(s.active_plan().has_value());
  const engine::UtcTime first{std::chrono::milliseconds{1'764'115'200'000}};  // 2025-11-26
  s.set_active_plan("stride_plan: 1\n# first\n", first);
  s.set_active_plan("stride_plan: 1\n# second\n", first + std::chrono::hours{1});
  const auto active = s.active_plan();
  REQUIRE(active.has_value());
  CHECK(active->text == "stride_plan: 1\n# second\n");
  CHECK(active->activated_at == first + std::chrono::hours{1});
}

TEST_CASE("store: schema 6 keeps old-kind hashes beside the new and rehashes lazily", "[store]") {
  TempDir dir;
  const auto path = dir.path() / "old.db";
  // A database as the stride before XXH3 left it: schema 5, two imported
  // files and their activities, hashed the old way (CRC-32, Adler-32, length).
  const std::string old_a = "0a1b2c3d4e5f6071-4d2";
  const std::string old_b = "1111111122222222-10";
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    store::detail::migrate(db, "old.db", 5);
    REQUIRE(db.execAndGet("PRAGMA user_version").getInt() == 5);
    db.exec("INSERT INTO import_batches (id, description) VALUES (1, 'import a.gpx b.gpx')");
    for (const auto& [id, hash] : {std::pair{1, old_a}, std::pair{2, old_b}}) {
      db.exec(fmt::format(
          "INSERT INTO activities (id, start_utc_ms, utc_offset_s, offset_from_source, "
          "local_date, sport, distance_m, moving_s, elapsed_s, source_format, source_file, "
          "source_hash, batch_id) VALUES ({0}, {0}000000, 0, 0, '2024-07-0{0}', 'run', 5000, "
          "1500, 1500, 'gpx', 'r{0}.gpx', '{1}', 1)",
          id, hash));
      db.exec(fmt::format(
          "INSERT INTO activity_sources VALUES ({0}, 0, 'gpx', 'r{0}.gpx', '{1}', '1', 0)", id,
          hash));
      db.exec(
          fmt::format("INSERT INTO files_seen (path, size, mtime_ns, content_hash, batch_id) "
                      "VALUES ('/runs/r{0}.gpx', 1234, 1, '{1}', 1)",
                      id, hash));
      db.exec(fmt::format("INSERT INTO batch_changes VALUES (1, {}, 'added')", id));
    }
  }
  auto s = Store::open(path, false);
  REQUIRE(s.schema_version() == 6);
  // The old hashes moved beside an empty new one; nothing else changed.
  CHECK(s.activity_count() == 2);
  CHECK(s.has_old_hashes());
  SQLite::Statement rows(raw(s), "SELECT content_hash, old_hash FROM files_seen ORDER BY id");
  std::vector<std::pair<std::string, std::string>> seen;
  while (rows.executeStep()) seen.emplace_back(rows.getColumn(0).getString(), rows.getColumn(1));
  CHECK(seen == std::vector<std::pair<std::string, std::string>>{{"", old_a}, {"", old_b}});

  const std::string new_a = "xxh3:00112233445566778899aabbccddeeff";
  // A file never seen, in either kind: not recognised, nothing written.
  CHECK_FALSE(s.seen_hash("xxh3:ffffffffffffffffffffffffffffffff", "9999999999999999-1"));
  // A dry run recognises a.gpx by its old hash and writes nothing.
  CHECK(s.seen_hash(new_a, old_a, /*rehash=*/false));
  CHECK(raw(s).execAndGet("SELECT COUNT(*) FROM files_seen WHERE old_hash <> ''").getInt() == 2);
  // Seen again (read, hashed both ways): recognised, and its rows rehashed.
  CHECK(s.seen_hash(new_a, old_a));
  CHECK(raw(s)
            .execAndGet("SELECT content_hash || '|' || old_hash FROM files_seen WHERE "
                        "path = '/runs/r1.gpx'")
            .getString() == new_a + "|");
  CHECK(raw(s)
            .execAndGet("SELECT content_hash || '|' || old_hash FROM activity_sources WHERE "
                        "activity_id = 1")
            .getString() == new_a + "|");
  CHECK(raw(s).execAndGet("SELECT source_hash FROM activities WHERE id = 1").getString() == new_a);
  // b.gpx, not seen yet, keeps its old hash; from now on a.gpx is known by the new one.
  CHECK(s.has_old_hashes());
  CHECK(raw(s)
            .execAndGet("SELECT old_hash FROM activity_sources WHERE activity_id = 2")
            .getString() == old_b);
  CHECK(s.seen_hash(new_a));
  // The exact-duplicate key now matches the new hash: importing a.gpx's
  // activity again is a duplicate of #1, not a second row.
  Activity again = run_at(engine::UtcTime{std::chrono::seconds{1000}}, 5000, 1500);
  again.source = {"gpx", "r1.gpx", new_a, "1", 0};
  const auto out =
      s.import_file(s.begin_batch("again"), stamp("/elsewhere/r1.gpx"), new_a, {again});
  REQUIRE(out.size() == 1);
  CHECK(out[0].outcome == Outcome::duplicate);
  CHECK(out[0].id == 1);
  // b.gpx's run in the bin is found there by the old hash, read or by its
  // stamp (stride import says "deleted earlier", not "duplicate").
  const std::string new_b = "xxh3:0123456789abcdef0123456789abcdef";
  CHECK(s.binned_from(new_b, old_b).empty());
  REQUIRE(s.remove(2));
  CHECK(s.binned_from(new_b, old_b) == std::vector<std::int64_t>{2});
  CHECK(s.binned_from(new_b).empty());
  CHECK(s.binned_from(store::FileStamp{"/runs/r2.gpx", 1234, 1}) == std::vector<std::int64_t>{2});
  // Once every file has been seen again, old hashes are no longer computed.
  CHECK(s.seen_hash(new_b, old_b));
  CHECK(s.binned_from(new_b) == std::vector<std::int64_t>{2});
  CHECK_FALSE(s.has_old_hashes());
}
