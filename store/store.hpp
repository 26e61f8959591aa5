#pragma once
/// The history database: activities, pain notes, import batches and the files
/// seen. SQLite in WAL mode; every import of a file is one transaction.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/activity.hpp"

namespace SQLite {
class Database;
}

namespace stride::store {

/// What we know of a file on disk before reading it (re-import shortcut).
struct FileStamp {
  std::string path;  ///< absolute path, or `archive!member`
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;
};

enum class Outcome { imported, duplicate, merged };

struct ActivityOutcome {
  Outcome outcome = Outcome::imported;
  std::int64_t id = 0;  ///< the new row, or the row it duplicated / merged into
  std::string detail;   ///< "merged into #12 (kept the GPX track, took name and shoe from the CSV row)"
};

struct Filter {
  std::optional<engine::Day> since;
  std::optional<engine::Day> until;
  std::optional<engine::Sport> sport;
  bool with_points = false;
};

/// Fields `stride edit` may change; unset ones stay.
struct Edit {
  std::optional<engine::Sport> sport;
  std::optional<std::vector<engine::SurfaceShare>> surface_m;
  std::optional<std::string> shoe;
  std::optional<int> rpe;
  std::optional<std::string> name;
  std::optional<std::string> notes;
};

class Store {
 public:
  /// Opens (creating when asked) and migrates the schema forward.
  static Store open(const std::filesystem::path& db_path, bool create);
  /// An in-memory database, for tests.
  static Store in_memory();

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  int schema_version() const;

  // --- files seen -------------------------------------------------------
  /// True when a file with this path, size and mtime was imported before.
  bool seen_stamp(const FileStamp& stamp) const;
  /// True when a file with this content hash was imported before.
  bool seen_hash(const std::string& content_hash) const;

  // --- batches ----------------------------------------------------------
  /// Starts an import batch (a `stride import` run); returns its id.
  std::int64_t begin_batch(const std::string& description);

  /// Stores the activities of one file in one transaction, deduplicating and
  /// merging against what is there, and records the file as seen.
  std::vector<ActivityOutcome> import_file(std::int64_t batch_id, const FileStamp& stamp,
                                           const std::string& content_hash,
                                           std::vector<engine::Activity> activities);

  /// Removes what a batch added and restores what it merged (default: last).
  /// Returns the batch id undone, nullopt when there is none.
  std::optional<std::int64_t> undo_batch(std::optional<std::int64_t> batch_id);

  // --- activities -------------------------------------------------------
  std::int64_t add_activity(const engine::Activity& activity);  ///< manual entries
  std::vector<engine::Activity> list(const Filter& filter) const;
  std::optional<engine::Activity> get(std::int64_t id, bool with_points = true) const;
  bool edit(std::int64_t id, const Edit& edit);
  bool remove(std::int64_t id);

  // --- pain notes -------------------------------------------------------
  std::int64_t add_pain(const engine::PainNote& note);
  std::vector<engine::PainNote> pain_notes() const;

  /// The underlying connection, for the few things (backup) that need it.
  SQLite::Database& db();

 private:
  explicit Store(std::unique_ptr<SQLite::Database> db);
  std::unique_ptr<SQLite::Database> db_;
};

}  // namespace stride::store
