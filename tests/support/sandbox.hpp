#pragma once
// What the C++ end-to-end tests share: a temporary folder with its own
// database in which the built `stride` (env STRIDE_BIN) runs, and a dump of a
// database's whole content to compare two of them.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/catch.hpp"
#include "tests/support/files.hpp"
#include "tests/support/process.hpp"

namespace stride::test {

/// The shipped examples/ folder (env STRIDE_EXAMPLES overrides).
inline std::string examples() { return env_or("STRIDE_EXAMPLES", STRIDE_E2E_EXAMPLES); }

/// A temporary folder with its own database (STRIDE_DB), removed at the end.
class Sandbox {
 public:
  /// With `init`, runs `stride init` first: every command but init needs a database.
  explicit Sandbox(bool init = true) {
    if (init) ok({"init"});
  }

  const std::filesystem::path& dir() const { return folder_.dir(); }
  std::filesystem::path db() const { return dir() / "stride.db"; }

  /// Runs `stride ARGS...` in the folder against `db` (default: the sandbox's database).
  RunOutput run(const std::vector<std::string>& args, const std::filesystem::path& db = {}) const {
    std::string cmd = "cd " + shell_quote(dir().string()) +
                      " && env TZ=UTC STRIDE_TODAY=2026-11-25 " + extra_env_ +
                      shell_quote("HOME=" + dir().string()) + " " +
                      shell_quote("STRIDE_DB=" + (db.empty() ? this->db() : db).string()) + " " +
                      shell_quote(env_or("STRIDE_BIN", STRIDE_E2E_BIN));
    for (const auto& a : args) cmd += " " + shell_quote(a);
    return run_captured(std::move(cmd), dir());
  }

  /// Sets NAME=VALUE for the later runs (STRIDE_TODAY=... overrides the default).
  void env(const std::string& assignment) { extra_env_ += shell_quote(assignment) + " "; }
  void clear_env() { extra_env_.clear(); }

  /// Runs and requires exit 0.
  RunOutput ok(const std::vector<std::string>& args, const std::filesystem::path& db = {}) const {
    auto r = run(args, db);
    std::string line = "stride";
    for (const auto& a : args) line += " " + a;
    INFO(line << "\nstdout: " << r.out << "\nstderr: " << r.err);
    REQUIRE(r.exit == 0);
    return r;
  }

 private:
  TempFolder folder_{"stride-e2e-box"};
  std::string extra_env_;
};

/// Every row of every table, as sorted text: the database's content
/// (like `sqlite3 DB .dump`, without depending on the sqlite3 program).
inline std::vector<std::string> dump(const std::filesystem::path& db_path) {
  SQLite::Database db(db_path.string(), SQLite::OPEN_READONLY);
  std::vector<std::string> tables;
  {
    SQLite::Statement st(db,
                         "SELECT name, sql FROM sqlite_master WHERE type='table' ORDER BY name");
    while (st.executeStep()) tables.push_back(st.getColumn(0).getString());
  }
  std::vector<std::string> rows;
  for (const auto& table : tables) {
    SQLite::Statement st(db, "SELECT * FROM \"" + table + "\" ORDER BY rowid");
    while (st.executeStep()) {
      std::string row = table + ":";
      for (int i = 0; i < st.getColumnCount(); ++i) {
        const auto col = st.getColumn(i);
        row += " ";
        if (col.isNull()) {
          row += "NULL";
        } else if (col.isBlob()) {
          row += "blob:" + std::to_string(std::hash<std::string_view>{}(
                               std::string_view(static_cast<const char*>(col.getBlob()),
                                                static_cast<std::size_t>(col.getBytes()))));
        } else {
          row += col.getString();
        }
      }
      rows.push_back(std::move(row));
    }
  }
  // Sorted: undo restores a merged activity's child rows with their content
  // but not their rowids, and rowid order is no part of what the user has.
  std::sort(rows.begin(), rows.end());
  return rows;
}

}  // namespace stride::test
