// Opening the database, and what belongs to the connection as a whole.
#include "store/store.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <stdexcept>

#include "store/schema.hpp"

namespace stride::store {
namespace {

constexpr int kBusyTimeoutMs = 5000;

}  // namespace

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

Store Store::open_read_only(const std::filesystem::path& db_path) {
  const std::string name = db_path.string();
  if (!std::filesystem::exists(db_path)) {
    throw std::runtime_error(fmt::format("{}: no such database", name));
  }
  auto check = [&](SQLite::Database& db) {
    const int version = db.execAndGet("PRAGMA user_version").getInt();
    if (version != detail::latest_schema_version())
      throw std::runtime_error(fmt::format(
          "{}: the database has schema version {}, this stride uses {}; a command that writes "
          "(e.g. `stride import` or `stride log`) upgrades it",
          name, version, detail::latest_schema_version()));
  };
  try {
    auto db = std::make_unique<SQLite::Database>(name, SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX,
                                                 kBusyTimeoutMs);
    db->exec("PRAGMA mmap_size = 268435456");
    check(*db);
    return Store(std::move(db));
  } catch (const SQLite::Exception& e) {
    // A WAL database needs its -shm file; where neither it exists nor the
    // folder may be written, only an immutable open can read the file (no
    // other process can be writing to a file no one may write).
    const int rc = e.getErrorCode();
    if (rc != SQLITE_CANTOPEN && rc != SQLITE_READONLY) {
      throw std::runtime_error(fmt::format("{}: {}", name, e.what()));
    }
  }
  try {
    auto db = std::make_unique<SQLite::Database>(
        "file:" + name + "?immutable=1",
        SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX | SQLite::OPEN_URI, kBusyTimeoutMs);
    check(*db);
    return Store(std::move(db));
  } catch (const SQLite::Exception& e) {
    throw std::runtime_error(fmt::format("{}: {}", name, e.what()));
  }
}

bool Store::read_only() const { return sqlite3_db_readonly(db_->getHandle(), "main") == 1; }

Store Store::in_memory() {
  auto db =
      std::make_unique<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db->exec("PRAGMA foreign_keys = ON");
  detail::migrate(*db, ":memory:");
  return Store(std::move(db));
}

int Store::schema_version() const { return db_->execAndGet("PRAGMA user_version").getInt(); }

void Store::backup_to(const std::filesystem::path& dest) const {
  SQLite::Database out(dest.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  // One step copies every page under a single read transaction of the
  // source: a consistent snapshot even while another process writes.
  SQLite::Backup backup(out, *db_);
  backup.executeStep(-1);
}

void Store::limit_pages(std::int64_t pages) {
  db_->exec(fmt::format("PRAGMA max_page_count = {}", pages));
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

}  // namespace stride::store
