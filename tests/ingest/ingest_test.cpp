// ingest::import_paths called directly on small generated files: what each
// file becomes (imported, duplicate, merged, failed, deleted, skipped), what
// the store holds after, and that a kill mid-import leaves every file whole,
// its surface-fixed flag included.
#include "ingest/ingest.hpp"

#include <SQLiteCpp/Database.h>
#include <date/date.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include "store/detail/raw_access.hpp"
#include "store/store.hpp"
#include "tests/support/catch.hpp"

using namespace stride;
using ingest::Status;
namespace fs = std::filesystem;

namespace {

// A fresh folder under the temp dir, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("stride-ingest-test-" + std::to_string(::getpid()) + "-" +
                                         std::to_string(counter++) + "-" + std::to_string(rd()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  fs::path operator/(const std::string& name) const { return path_ / name; }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

/// A GPX run on `day` (YYYY-MM-DD) from 07:00 UTC: `points` points 10 s and
/// about 30 m apart heading north.
std::string gpx_run(const std::string& day, int points = 60) {
  std::string out =
      "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"test\" "
      "xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><name>Morning Run</name><trkseg>\n";
  for (int i = 0; i < points; ++i) {
    const int s = i * 10;
    char pt[160];
    std::snprintf(pt, sizeof pt,
                  "<trkpt lat=\"%.6f\" lon=\"13.100000\"><time>%sT07:%02d:%02dZ</time></trkpt>\n",
                  52.40 + i * 0.00027, day.c_str(), s / 60, s % 60);
    out += pt;
  }
  return out + "</trkseg></trk></gpx>\n";
}

/// `2026-10-DD` for day n of October.
std::string october(int n) {
  char day[16];
  std::snprintf(day, sizeof day, "2026-10-%02d", n);
  return day;
}

std::string fmt_name(int i) {
  char name[32];
  std::snprintf(name, sizeof name, "run-%02d.gpx", i);
  return name;
}

/// Day n after 2001-01-01, as YYYY-MM-DD.
std::string nth_day(int n) {
  const date::year_month_day d{date::sys_days{date::year{2001} / 1 / 1} + date::days{n}};
  char day[16];
  std::snprintf(day, sizeof day, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return day;
}

ingest::Options options_for(std::vector<fs::path> paths) {
  ingest::Options o;
  for (const auto& p : paths) o.paths.push_back(p.string());
  o.profile.default_surface = engine::Surface::road;
  return o;
}

ingest::ImportReport import_into(store::Store& s, std::vector<fs::path> paths,
                                 const std::function<void(ingest::Options&)>& tweak = {}) {
  auto o = options_for(std::move(paths));
  if (tweak) tweak(o);
  return ingest::import_paths(s, o);
}

SQLite::Database& raw(store::Store& s) { return store::detail::RawAccess::db(s); }

std::int64_t count(SQLite::Database& db, const std::string& table) {
  return db.execAndGet("SELECT COUNT(*) FROM " + table).getInt64();
}

}  // namespace

TEST_CASE("ingest: a new file is imported with its ids, the profile's surface and shoe",
          "[ingest]") {
  TempDir dir;
  write(dir / "run.gpx", gpx_run(october(1)));
  auto s = store::Store::in_memory();
  const auto report = import_into(
      s, {dir / "run.gpx"}, [](ingest::Options& o) { o.profile.default_shoe = "Pegasus 40"; });
  REQUIRE(report.files.size() == 1);
  const auto& f = report.files[0];
  CHECK(f.path == (dir / "run.gpx").string());
  CHECK(f.status == Status::imported);
  CHECK(f.activity_ids == std::vector<std::int64_t>{1});
  CHECK(f.detail.empty());
  CHECK(f.warnings.empty());
  CHECK(report.activities_added == 1);
  CHECK(report.count(Status::imported) == 1);

  const auto a = s.get(1);
  REQUIRE(a.has_value());
  CHECK(a->shoe == "Pegasus 40");
  CHECK(a->source.format == "gpx");
  CHECK(a->source.file_name == (dir / "run.gpx").string());
  REQUIRE(a->surface_m.size() == 1);
  CHECK(a->surface_m[0].surface == engine::Surface::road);
  // Derived from the profile, so a change of zones may derive it again.
  CHECK(s.surface_fixed_ids().empty());
  CHECK(s.batches().size() == 1);
  CHECK(s.batches()[0].description == "import " + (dir / "run.gpx").string());
}

TEST_CASE("ingest: --surface and --shoe apply to runs whose file does not say", "[ingest]") {
  TempDir dir;
  write(dir / "run.gpx", gpx_run(october(1)));
  auto s = store::Store::in_memory();
  const auto report = import_into(s, {dir / "run.gpx"}, [](ingest::Options& o) {
    o.surface = ingest::SurfaceOverride{{{engine::Surface::trail, 0}}, true};
    o.shoe = "Speedgoat";
    o.profile.default_shoe = "Pegasus 40";
  });
  REQUIRE(report.files.at(0).status == Status::imported);
  const auto a = s.get(1);
  REQUIRE(a.has_value());
  CHECK(a->shoe == "Speedgoat");
  REQUIRE(a->surface_m.size() == 1);
  CHECK(a->surface_m[0].surface == engine::Surface::trail);
  CHECK(a->surface_m[0].distance_m == a->distance_m);
  CHECK(s.surface_fixed_ids() == std::vector<std::int64_t>{1});
}

TEST_CASE("ingest: a --surface split that does not fit a run stops the import, typed", "[ingest]") {
  TempDir dir;
  write(dir / "run.gpx", gpx_run(october(1)));  // about 1.8 km
  auto s = store::Store::in_memory();
  auto o = options_for({dir / "run.gpx"});
  o.surface = ingest::SurfaceOverride{
      {{engine::Surface::road, 8000}, {engine::Surface::trail, 2000}}, false};
  try {
    ingest::import_paths(s, o);
    FAIL("no SurfaceSplitMismatch");
  } catch (const ingest::SurfaceSplitMismatch& e) {
    CHECK(e.file == (dir / "run.gpx").string());
    CHECK(e.shares.size() == 2);
    CHECK(e.activity_m == Approx(1770).margin(100));
  }
  CHECK(s.activity_count() == 0);
}

TEST_CASE("ingest: the same file again is a duplicate, by its stamp or by its content",
          "[ingest]") {
  TempDir dir;
  write(dir / "run.gpx", gpx_run(october(1)));
  auto s = store::Store::in_memory();
  REQUIRE(import_into(s, {dir / "run.gpx"}).files.at(0).status == Status::imported);

  SECTION("same path, size and time: not read") {
    const auto again = import_into(s, {dir / "run.gpx"});
    REQUIRE(again.files.size() == 1);
    CHECK(again.files[0].status == Status::duplicate);
    CHECK(again.files[0].detail == "seen before (same path, size and modification time)");
    CHECK(again.files[0].activity_ids.empty());
  }
  SECTION("the same bytes under another name") {
    fs::copy_file(dir / "run.gpx", dir / "copy.gpx");
    const auto copy = import_into(s, {dir / "copy.gpx"});
    REQUIRE(copy.files.size() == 1);
    CHECK(copy.files[0].status == Status::duplicate);
    CHECK(copy.files[0].detail == "same content as a file imported before");
  }
  CHECK(s.activity_count() == 1);
  // Nothing added: the second import leaves no batch behind.
  CHECK(s.batches().size() == 1);
}

TEST_CASE("ingest: the same run as a GPX and as a CSV row merges into one activity", "[ingest]") {
  TempDir dir;
  write(dir / "run.gpx", gpx_run(october(1)));
  write(dir / "watch.csv",
        "start,sport,distance_m,moving_s,shoe,name\n"
        "2026-10-01T07:00:00Z,run,1770,590,Pegasus 40,Sunday long\n");
  auto s = store::Store::in_memory();
  REQUIRE(import_into(s, {dir / "run.gpx"}).files.at(0).status == Status::imported);
  const auto report = import_into(s, {dir / "watch.csv"});
  REQUIRE(report.files.size() == 1);
  const auto& row = report.files[0];
  CHECK(row.status == Status::merged);
  CHECK(row.activity_ids == std::vector<std::int64_t>{1});
  CHECK(row.detail == "merged into #1: kept the track from " + (dir / "run.gpx").string() +
                          ", took shoe from " + (dir / "watch.csv").string() + " row 1");
  CHECK(report.activities_added == 0);
  CHECK(s.activity_count() == 1);
  CHECK(s.get(1)->shoe == "Pegasus 40");
  // The merge is the second import's batch: undo-import takes it back.
  REQUIRE(s.batches().size() == 2);
  CHECK(s.batches()[1].merged == 1);
}

TEST_CASE("ingest: a bad file fails with its line and excerpt; the others still import",
          "[ingest]") {
  TempDir dir;
  write(dir / "a-good.gpx", gpx_run(october(1)));
  write(dir / "b-bad.csv",
        "start,sport,distance_m,moving_s\n"
        "2026-10-02T07:00:00Z,run,5000,1500\n"
        "2026-10-03T07:00:00Z,run,5000,\"1500\n");
  write(dir / "c-good.gpx", gpx_run(october(4)));
  write(dir / "notes.txt", "not an activity\n");
  auto s = store::Store::in_memory();
  const auto report = import_into(s, {dir.path()});
  REQUIRE(report.files.size() == 4);
  CHECK(report.files[0].status == Status::imported);
  const auto& bad = report.files[1];
  CHECK(bad.status == Status::failed);
  CHECK(bad.where.line == 3);
  CHECK(bad.where.column == 31);
  CHECK(bad.reason == "quoted field is never closed");
  CHECK(bad.message == (dir / "b-bad.csv").string() + ":3:31: quoted field is never closed");
  CHECK(bad.excerpt == "2026-10-03T07:00:00Z,run,5000,\"1500\n" + std::string(30, ' ') + "^");
  CHECK(bad.activity_ids.empty());
  CHECK(report.files[2].status == Status::imported);
  // Found in a folder and not ours to read: mentioned, not failed.
  CHECK(report.files[3].status == Status::skipped);
  CHECK(report.files[3].path == (dir / "notes.txt").string());
  CHECK(report.count(Status::failed) == 1);
  // Nothing of the bad file: not one of its good rows either.
  CHECK(s.activity_count() == 2);

  SECTION("named on the line, an unknown type fails") {
    const auto named = import_into(s, {dir / "notes.txt"});
    REQUIRE(named.files.size() == 1);
    CHECK(named.files[0].status == Status::failed);
    CHECK(named.files[0].reason ==
          "unknown file type (expected .gpx, .tcx, .fit or .csv, optionally .gz)");
  }
  SECTION("an empty folder is reported as such") {
    fs::create_directories(dir / "empty");
    const auto empty = import_into(s, {dir / "empty"});
    CHECK(empty.files.empty());
    CHECK(empty.empty_paths == std::vector<std::string>{(dir / "empty").string()});
  }
}

TEST_CASE("ingest: a file whose activities are in the bin is 'deleted' with their ids",
          "[ingest]") {
  TempDir dir;
  write(dir / "a.gpx", gpx_run(october(1)));
  write(dir / "b.gpx", gpx_run(october(3)));
  auto s = store::Store::in_memory();
  REQUIRE(import_into(s, {dir / "a.gpx", dir / "b.gpx"}).activities_added == 2);
  REQUIRE(s.remove(2));

  SECTION("the same file again (not read: known by its stamp)") {
    const auto again = import_into(s, {dir / "a.gpx", dir / "b.gpx"});
    REQUIRE(again.files.size() == 2);
    CHECK(again.files[0].status == Status::duplicate);
    CHECK(again.files[1].status == Status::deleted);
    CHECK(again.files[1].activity_ids == std::vector<std::int64_t>{2});
    CHECK(again.files[1].detail == "deleted earlier: stride undelete 2");
  }
  SECTION("the same content under another name") {
    fs::copy_file(dir / "b.gpx", dir / "copy.gpx");
    const auto copy = import_into(s, {dir / "copy.gpx"});
    REQUIRE(copy.files.size() == 1);
    CHECK(copy.files[0].status == Status::deleted);
    CHECK(copy.files[0].activity_ids == std::vector<std::int64_t>{2});
  }
  CHECK(s.in_bin(2));
  CHECK(s.activity_count() == 1);
}

TEST_CASE("ingest: a dry run decides every file and writes nothing", "[ingest]") {
  TempDir dir;
  write(dir / "a.gpx", gpx_run(october(1)));
  write(dir / "b.gpx", gpx_run(october(3)));
  auto s = store::Store::in_memory();
  REQUIRE(import_into(s, {dir / "a.gpx"}).activities_added == 1);
  const auto dry = import_into(s, {dir.path()}, [](ingest::Options& o) { o.dry_run = true; });
  REQUIRE(dry.files.size() == 2);
  CHECK(dry.files[0].status == Status::duplicate);
  CHECK(dry.files[1].status == Status::imported);
  CHECK(dry.files[1].detail == "would import 1 activity");
  CHECK(dry.files[1].activity_ids.empty());
  CHECK(s.activity_count() == 1);
  CHECK(s.batches().size() == 1);
}

TEST_CASE("ingest: progress is reported after each file, on the calling thread", "[ingest]") {
  TempDir dir;
  for (int i = 1; i <= 5; ++i) write(dir / ("r" + std::to_string(i) + ".gpx"), gpx_run(october(i)));
  auto s = store::Store::in_memory();
  std::vector<std::pair<std::size_t, std::size_t>> calls;
  const auto caller = std::this_thread::get_id();
  ingest::import_paths(s, options_for({dir.path()}), [&](std::size_t done, std::size_t total) {
    CHECK(std::this_thread::get_id() == caller);
    calls.emplace_back(done, total);
  });
  REQUIRE(calls.size() == 5);
  for (std::size_t i = 0; i < calls.size(); ++i)
    CHECK(calls[i] == std::make_pair(i + 1, std::size_t{5}));
}

TEST_CASE("ingest: a full disk stops the import at a file, typed, with what is in", "[ingest]") {
  TempDir dir;
  for (int i = 1; i <= 20; ++i) write(dir / "watch" / fmt_name(i), gpx_run(october(i), 350));
  const auto db = dir / "history.db";
  auto s = store::Store::open(db, true);
  const int pages = raw(s).execAndGet("PRAGMA page_count").getInt();
  // Room for a few files' points, not for twenty.
  s.limit_pages(pages + 6);
  try {
    import_into(s, {dir / "watch"});
    FAIL("no ImportStopped");
  } catch (const ingest::ImportStopped& e) {
    CHECK(e.cause == ingest::ImportStopped::Cause::disk_full);
    CHECK(e.files_done > 0);
    CHECK(e.files_done < 20);
    CHECK(static_cast<std::size_t>(s.activity_count()) == e.files_done);
    CHECK(count(raw(s), "files_seen") == static_cast<std::int64_t>(e.files_done));
    CHECK(e.file == (dir / "watch" / fmt_name(static_cast<int>(e.files_done) + 1)).string());
    CHECK(e.sqlite_error == "database or disk is full");
  }
}

TEST_CASE("ingest: an import killed with SIGKILL leaves every file whole, its surface flag too",
          "[ingest]") {
  TempDir dir;
  const auto db = dir / "killed.db";
  store::Store::open(db, true);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The child imports until killed; it never returns into Catch. Every
    // other import gives --surface trail: those runs' surfaces are fixed,
    // the others' (road, from the profile) derived.
    try {
      auto s = store::Store::open(db, false);
      for (int k = 0;; ++k) {
        const auto folder = dir / ("batch-" + std::to_string(k));
        for (int i = 0; i < 3; ++i) write(folder / fmt_name(i), gpx_run(nth_day(k * 3 + i), 200));
        auto o = options_for({folder});
        if (k % 2 == 1) o.surface = ingest::SurfaceOverride{{{engine::Surface::trail, 0}}, true};
        ingest::import_paths(s, o);
      }
    } catch (...) {
    }
    ::_exit(1);
  }
  // Wait until the child has committed some files, then kill it mid-import.
  for (int tries = 0; tries < 1000; ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    try {
      SQLite::Database peek(db.string());
      if (count(peek, "files_seen") >= 20) break;
    } catch (const std::exception&) {
      // Busy while the child holds the lock: try again.
    }
  }
  REQUIRE(::kill(child, SIGKILL) == 0);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));

  auto s = store::Store::open(db, false);
  CHECK(raw(s).execAndGet("PRAGMA integrity_check").getString() == "ok");
  const auto files = count(raw(s), "files_seen");
  CHECK(files >= 20);
  // Files are all-or-nothing: one activity and one blob for each file seen.
  CHECK(s.activity_count() == files);
  CHECK(count(raw(s), "activity_points") == files);
  // No run with the surface --surface gave but without the flag, nor the
  // other way round.
  const auto fixed_ids = s.surface_fixed_ids();
  const std::set<std::int64_t> fixed(fixed_ids.begin(), fixed_ids.end());
  std::size_t trail = 0;
  for (const auto& a : s.list({})) {
    INFO("activity #" << a.id << " from " << a.source.file_name);
    REQUIRE(a.surface_m.size() == 1);
    const bool given = a.surface_m[0].surface == engine::Surface::trail;
    CHECK(fixed.count(a.id) == (given ? 1u : 0u));
    if (given) ++trail;
  }
  CHECK(trail > 0);
  CHECK(trail < static_cast<std::size_t>(files));
}
