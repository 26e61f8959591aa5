// End-to-end tests of daily use (issue 14) that the case files cannot
// express: generated GPX histories, a read-only database run as another user,
// the bin with its track points, the schema migration from a version-2 file,
// a full disk mid-import, a plan file edited after `plan use`.
#include <SQLiteCpp/Database.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "tests/support/catch.hpp"
#include "tests/support/files.hpp"
#include "tests/support/sandbox.hpp"

namespace {

namespace fs = std::filesystem;

using stride::test::dump;
using stride::test::env_or;
using stride::test::examples;
using stride::test::read_file;
using stride::test::run_captured;
using stride::test::Sandbox;
using stride::test::shell_quote;

fs::path data_dir() { return env_or("STRIDE_TEST_DATA", STRIDE_E2E_DATA); }

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

/// A GPX run on `day` (YYYY-MM-DD) at 07:00 UTC: `points` points 10 s and
/// about 30 m apart heading north from (lat, lon), named `name`.
std::string gpx_run(const std::string& day, int points, double lat = 52.40, double lon = 13.10,
                    const std::string& name = "Morning Run") {
  std::string out =
      "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"test\" "
      "xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><name>" +
      name + "</name><trkseg>\n";
  for (int i = 0; i < points; ++i) {
    const int s = i * 10;
    char t[64];
    std::snprintf(t, sizeof t, "%sT07:%02d:%02dZ", day.c_str(), s / 60, s % 60);
    char pt[160];
    std::snprintf(pt, sizeof pt, "<trkpt lat=\"%.6f\" lon=\"%.6f\"><time>%s</time></trkpt>\n",
                  lat + i * 0.00027, lon, t);
    out += pt;
  }
  return out + "</trkseg></trk></gpx>\n";
}

/// `n` runs, one every other day from 2026-10-01, as run-NN.gpx in `dir`.
void generate_history(const fs::path& dir, int n, int points = 300) {
  for (int i = 0; i < n; ++i) {
    char day[24], name[32];  // room for any int, so GCC sees no truncation
    std::snprintf(day, sizeof day, "2026-%02d-%02d", 10 + (2 * i) / 31, 1 + (2 * i) % 31);
    std::snprintf(name, sizeof name, "run-%02d.gpx", i);
    write(dir / name, gpx_run(day, points));
  }
}

nlohmann::json json_of(const stride::test::RunOutput& r) { return nlohmann::json::parse(r.out); }

}  // namespace

TEST_CASE("daily: the bin keeps the row and its points; re-import points at undelete",
          "[e2e][daily]") {
  Sandbox box;
  generate_history(box.dir() / "watch", 3);
  box.ok({"import", "watch"});
  const auto before = json_of(box.ok({"--json", "show", "2"}));
  REQUIRE(before.at("points") == 300);
  const auto rows_before = dump(box.db());

  box.ok({"delete", "2", "--yes"});
  CHECK(json_of(box.ok({"--json", "list"})).size() == 2);
  CHECK(json_of(box.ok({"--json", "export", "--csv", "out.csv"})).at("activities") == 2);

  // The same file again, and the same content under another name: "deleted".
  const auto again = box.ok({"import", "watch"});
  CHECK(again.out.find("deleted  watch/run-01.gpx") != std::string::npos);
  CHECK(again.out.find("deleted earlier: stride undelete 2") != std::string::npos);
  CHECK(again.out.find("2 already imported") != std::string::npos);
  fs::copy_file(box.dir() / "watch" / "run-01.gpx", box.dir() / "copy.gpx");
  const auto copy = json_of(box.ok({"--json", "import", "copy.gpx"}));
  CHECK(copy.at("files").at(0).at("status") == "deleted");
  CHECK(copy.at("files").at(0).at("activity_ids") == nlohmann::json::array({2}));

  box.ok({"undelete", "2"});
  const auto after = json_of(box.ok({"--json", "show", "2"}));
  CHECK(after == before);
  CHECK(dump(box.db()) == rows_before);  // the same row, its points, nothing else

  // undo-import still takes the whole batch back, a binned activity included.
  box.ok({"delete", "3", "--yes"});
  box.ok({"undo-import"});
  CHECK(json_of(box.ok({"--json", "list"})).empty());
  CHECK(json_of(box.ok({"--json", "list", "--deleted"})).empty());
}

TEST_CASE("daily: a database of schema version 2 with data migrates and keeps it", "[e2e][daily]") {
  Sandbox box;
  // Written by the stride before the bin (schema 2): two GPX runs with
  // points, a logged run, a pain note and an active plan.
  const fs::path old_db = box.dir() / "v2.db";
  fs::copy_file(data_dir() / "cli" / "schema-v2.db", old_db);
  {
    SQLite::Database db(old_db.string());
    REQUIRE(db.execAndGet("PRAGMA user_version").getInt() == 2);
  }
  const auto list = json_of(box.ok({"--json", "list"}, old_db));
  REQUIRE(list.size() == 3);
  CHECK(list.at(0).at("local_date") == "2026-11-22");
  CHECK(list.at(1).at("shoe") == "Ghost 15");  // newest first: #1, the logged #3, #2
  {
    SQLite::Database db(old_db.string());
    CHECK(db.execAndGet("PRAGMA user_version").getInt() == 6);
    CHECK(db.execAndGet("SELECT COUNT(*) FROM activities WHERE deleted_at IS NULL").getInt() == 3);
    CHECK(db.execAndGet("SELECT COUNT(*) FROM activity_points").getInt() == 2);
    CHECK(db.execAndGet("SELECT COUNT(*) FROM pain_notes").getInt() == 1);
    CHECK(db.execAndGet("SELECT path FROM active_plan").getString().empty());
  }
  box.ok({"delete", "1", "--yes"}, old_db);
  CHECK(json_of(box.ok({"--json", "list", "--deleted"}, old_db)).size() == 1);
  box.ok({"undelete", "1"}, old_db);
  CHECK(json_of(box.ok({"--json", "show", "1"}, old_db)).at("points").get<int>() > 0);
  // The plan activated before paths were kept still serves from its stored text.
  CHECK(box.ok({"plan", "status", "--date", "2026-12-01"}, old_db).out.find("Active plan from") !=
        std::string::npos);
  // Its files were hashed the old way (CRC-32 + Adler-32); migration 6 keeps
  // those until a file is read again. A copy of one is still a duplicate,
  // and its rows carry the XXH3-128 hash from then on.
  const fs::path again = box.dir() / "again.gpx";
  fs::copy_file(examples() + "/history/gpx/2026-11-22-long-run.gpx", again);
  CHECK(box.ok({"import", again.string()}, old_db).out.find("1 duplicate") != std::string::npos);
  {
    SQLite::Database db(old_db.string());
    CHECK(db.execAndGet("SELECT COUNT(*) FROM files_seen WHERE old_hash <> ''").getInt() == 1);
    CHECK(db.execAndGet("SELECT content_hash FROM activity_sources WHERE activity_id = 1")
              .getString()
              .rfind("xxh3:", 0) == 0);
  }
  // The other one, binned, is found in the bin by its old hash.
  box.ok({"delete", "2", "--yes"}, old_db);
  const fs::path binned = box.dir() / "binned.gpx";
  fs::copy_file(examples() + "/history/gpx/2026-11-15-long-run.gpx", binned);
  CHECK(box.ok({"import", binned.string()}, old_db).out.find("1 deleted") != std::string::npos);
}

TEST_CASE("daily: a read-only database serves reads; writes fail clearly", "[e2e][daily]") {
  Sandbox box;
  box.ok({"--profile", examples() + "/profile.yaml", "import", examples() + "/history"});
  box.ok({"plan", "use", examples() + "/plan.yaml"});
  // Its own folder, writable by nobody but (as root) the user the test runs
  // stride as, and the file itself mode 0444.
  const fs::path ro = box.dir() / "ro";
  fs::create_directories(ro);
  box.ok({"export", "--db", (ro / "stride.db").string()});
  fs::copy_file(box.dir() / "profile.yaml", ro / "profile.yaml");
  const bool root = ::geteuid() == 0;
  if (root) REQUIRE(std::system(("chown -R nobody " + shell_quote(ro.string())).c_str()) == 0);
  fs::permissions(ro / "stride.db",
                  fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  for (const bool folder_writable : {true, false}) {
    if (!folder_writable) fs::permissions(ro, fs::perms::owner_write, fs::perm_options::remove);
    auto run = [&](const std::string& args) {
      std::string cmd =
          "cd " + shell_quote(ro.string()) + " && env TZ=UTC STRIDE_TODAY=2026-11-25 ";
      if (root) cmd += "setpriv --reuid=nobody --regid=nogroup --clear-groups ";
      cmd += shell_quote(env_or("STRIDE_BIN", STRIDE_E2E_BIN)) + " --db " +
             shell_quote((ro / "stride.db").string()) + " " + args;
      return run_captured(cmd, box.dir());
    };
    INFO("folder writable: " << folder_writable);
    for (const std::string& reads : std::vector<std::string>{
             "list", "status", "check --distance 10km", "report", "shoes", "warnings",
             "plan status --date 2026-12-01", "today --date 2026-12-01", "show 1"}) {
      const auto r = run(reads);
      INFO(reads << "\n" << r.err);
      CHECK(r.exit == 0);
      CHECK(r.err.find("readonly") == std::string::npos);
    }
    CHECK(json_of(run("--json list")).size() == json_of(box.ok({"--json", "list"})).size());
    for (const std::string& writes : std::vector<std::string>{
             "log run --distance 5km --duration 30min", "delete 1 --yes", "edit 1 --rpe 3",
             "import " + examples() + "/history/gpx", "plan use " + examples() + "/plan.yaml"}) {
      const auto r = run(writes);
      INFO(writes);
      CHECK(r.exit == 1);
      CHECK(r.err == "stride: " + (ro / "stride.db").string() +
                         " is read-only: this command changes the database (make the file "
                         "writable, or use read-only commands such as list, status, check and "
                         "report)\n");
    }
  }
  fs::permissions(ro, fs::perms::owner_all, fs::perm_options::add);
}

TEST_CASE("daily: a full disk stops the import at a file, whole, and a second import finishes",
          "[e2e][daily]") {
  Sandbox box;
  generate_history(box.dir() / "watch", 30, 600);
  int pages = 0;
  {
    SQLite::Database db(box.db().string());
    pages = db.execAndGet("PRAGMA page_count").getInt();
  }
  // Room for a few files' points, not for thirty.
  box.env("STRIDE_TEST_MAX_PAGES=" + std::to_string(pages + 12));
  const auto full = box.run({"import", "watch"});
  INFO(full.err);
  CHECK(full.exit == 1);
  const std::regex message(
      "stride: import stopped at (watch/run-[0-9]+\\.gpx): the disk is full \\(.*\\)\\. "
      "([0-9]+) files? imported before it are in; nothing of \\1 was written\\. To finish, free "
      "some space and run the same import again: what is in is skipped\\.\n");
  std::smatch m;
  REQUIRE(std::regex_match(full.err, m, message));
  const std::string stopped_at = m[1].str();
  const int before = std::stoi(m[2].str());
  CHECK(before > 0);
  CHECK(before < 30);
  box.clear_env();
  {
    SQLite::Database db(box.db().string());
    CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
  }
  const auto listed = json_of(box.ok({"--json", "list"}));
  CHECK(static_cast<int>(listed.size()) == before);
  for (const auto& a : listed)
    CHECK(a.at("source").at("file_name").get<std::string>().find(stopped_at) == std::string::npos);

  const auto rest = box.ok({"--json", "import", "watch"});
  const auto summary = json_of(rest).at("summary");
  CHECK(summary.at("imported") == 30 - before);
  CHECK(summary.at("duplicate") == before);
  CHECK(json_of(box.ok({"--json", "list"})).size() == 30);
}

TEST_CASE("daily: import summaries count instead of listing", "[e2e][daily]") {
  Sandbox box;
  generate_history(box.dir() / "watch", 5);
  fs::create_directories(box.dir() / "empty");
  const auto nothing = box.ok({"import", "empty"});
  CHECK(nothing.err.find("nothing to import in empty") != std::string::npos);
  CHECK(nothing.out == "0 imported, 0 merged, 0 duplicate, 0 failed (0 files)\n");

  const auto dry = box.ok({"import", "--dry-run", "watch/run-00.gpx"});
  CHECK(dry.out.find("would import  watch/run-00.gpx") != std::string::npos);
  CHECK(dry.out.find("would import 1 activity") != std::string::npos);
  CHECK(dry.out.find("dry run: 1 would import, 0 merged, 0 duplicate, 0 failed (1 file)\n") !=
        std::string::npos);

  const auto one = box.ok({"import", "watch/run-00.gpx"});
  CHECK(one.out.find("(1 file)\n") != std::string::npos);
  const auto all = box.ok({"import", "watch"});
  CHECK(all.out.find("1 already imported (--verbose lists them)\n") != std::string::npos);
  CHECK(all.out.find("run-00.gpx") == std::string::npos);
  const auto again = box.ok({"import", "watch"});
  CHECK(again.out ==
        "5 already imported (--verbose lists them)\n"
        "0 imported, 0 merged, 5 duplicate, 0 failed (5 files)\n");
  const auto verbose = box.ok({"import", "--verbose", "watch"});
  CHECK(verbose.out.find("duplicate  watch/run-04.gpx") != std::string::npos);
}

TEST_CASE("daily: names past 1,000 characters are cut with a warning naming the file",
          "[e2e][daily]") {
  Sandbox box;
  write(box.dir() / "long.gpx", gpx_run("2026-11-20", 100, 52.4, 13.1, std::string(30000, 'x')));
  const auto r = box.ok({"import", "long.gpx"});
  CHECK(r.err.find("warning: long.gpx: the name was cut to 1000 characters") != std::string::npos);
  const auto a = json_of(box.ok({"--json", "show", "1"}));
  CHECK(a.at("name").get<std::string>() == std::string(1000, 'x'));
}

TEST_CASE("daily: plan use follows the file; today says done once the run is in", "[e2e][daily]") {
  Sandbox box;
  const std::string profile = examples() + "/profile.yaml";
  box.ok({"--profile", profile, "import", examples() + "/history"});
  const fs::path plan = box.dir() / "plan.yaml";
  fs::copy_file(data_dir() / "cli" / "plan-follow.yaml", plan);
  box.ok({"--profile", profile, "plan", "use", "plan.yaml"});

  box.env("STRIDE_TODAY=2026-12-01");
  const auto planned = json_of(box.ok({"--profile", profile, "--json", "today"}));
  REQUIRE(planned.at("sessions").at(0).at("distance_m") == 7000);
  CHECK(planned.at("sessions").at(0).at("action") == "as_planned");
  // plan status counts today's run until it is done.
  const auto pending = json_of(box.ok({"--profile", profile, "--json", "plan", "status"}));
  CHECK(pending.at("remaining").at("days").at(0).at("date") == "2026-12-01");

  box.ok({"log", "run", "--distance", "9.1km", "--duration", "52min"});
  const auto done = box.ok({"--profile", profile, "today"});
  CHECK(done.out.find("=> done: 9.1 km of 7 km planned") != std::string::npos);
  CHECK(json_of(box.ok({"--profile", profile, "--json", "today"}))
            .at("sessions")
            .at(0)
            .at("action") == "done");
  const auto after = json_of(box.ok({"--profile", profile, "--json", "plan", "status"}));
  CHECK(after.at("remaining").at("days").at(0).at("date") != "2026-12-01");

  // The file changes: the plan in force is the file, said once.
  std::string text = read_file(plan);
  const auto at = text.find("distance: 6 km");
  REQUIRE(at != std::string::npos);
  text.replace(at, 14, "distance: 30 km");
  write(plan, text);
  const auto reread = box.ok({"--profile", profile, "today", "--date", "sun"});
  CHECK(reread.err.find(plan.string() + " changed since it was made active: re-read it") !=
        std::string::npos);
  CHECK(reread.err.find("note: the changed plan has a ") != std::string::npos);
  CHECK(reread.out.find("30 km") != std::string::npos);
  const auto quiet = box.ok({"--profile", profile, "today", "--date", "sun"});
  CHECK(quiet.err.find("changed since") == std::string::npos);
}
