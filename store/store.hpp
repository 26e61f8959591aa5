#pragma once
/// The history database: activities, pain notes, import batches and the files
/// seen. SQLite in WAL mode; every import of a file is one transaction.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/activity.hpp"

namespace SQLite {
class Database;
}

namespace stride::store {

namespace detail {
struct RawAccess;
}

/// What we know of a file on disk before reading it (re-import shortcut).
struct FileStamp {
  std::string path;  ///< absolute path, or `archive!member`
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;
};

/// `deleted`: the activity is already stored but in the bin (`stride undelete`).
enum class Outcome { imported, duplicate, merged, deleted };

struct ActivityOutcome {
  Outcome outcome = Outcome::imported;
  std::int64_t id = 0;  ///< the new row, or the row it duplicated / merged into
  std::string
      detail;  ///< "merged into #12 (kept the GPX track, took name and shoe from the CSV row)"
};

/// One import batch (a `stride import` run) as `stride undo-import --list` shows it.
struct BatchInfo {
  std::int64_t id = 0;
  std::string started_at;  ///< UTC, ISO 8601 with milliseconds (`2026-11-25T07:30:00.123Z`)
  std::string description;
  std::int64_t added = 0;   ///< activities the batch stored as new
  std::int64_t merged = 0;  ///< existing activities it merged into
  std::int64_t files = 0;   ///< files it recorded as seen
};

/// Which activities `list` returns: local dates in [since, until], one sport.
struct Filter {
  std::optional<engine::Day> since;
  std::optional<engine::Day> until;
  std::optional<engine::Sport> sport;
  /// Every kind of run (run, trail_run, treadmill_run) instead of one sport.
  bool runs = false;
  /// The bin (`list --deleted`) instead of the live activities.
  bool in_bin = false;
  bool with_points = false;  ///< false: points stay empty and no blob is read
  /// Only what load needs: times, date, sport, distance, durations, elevation,
  /// heart rate, cadence, RPE, summary_only, shoe, surfaces and exercises.
  /// Name, notes, warnings and source stay empty: the pre-run check's listing.
  bool load_fields_only = false;
};

/// Fields `stride edit` may change; unset ones stay.
struct Edit {
  std::optional<engine::Sport> sport;
  std::optional<std::vector<engine::SurfaceShare>> surface_m;
  std::optional<std::string> shoe;
  std::optional<int> rpe;
  std::optional<std::string> name;
  std::optional<std::string> notes;
  /// Times and distance: the caller re-derives what depends on them (the
  /// surface split, elapsed time, the UTC start) and passes those too.
  std::optional<double> distance_m;
  std::optional<double> moving_s;
  std::optional<double> elapsed_s;
  std::optional<engine::Day> local_date;
  std::optional<engine::UtcTime> start_utc;
};

/// The plan in force (`stride plan use`): its YAML text as given, and when.
struct ActivePlan {
  std::string text;
  std::string path;  ///< the file it came from (absolute), empty when unknown
  engine::UtcTime activated_at{};
};

class Store {
 public:
  /// Opens (creating when asked) and migrates the schema forward.
  static Store open(const std::filesystem::path& db_path, bool create);
  /// Opens for reading only, so a file the user may not write (mode 0444, a
  /// read-only mount) still serves list, status, check and report. A schema
  /// older than this stride's throws std::runtime_error (a write command
  /// upgrades it).
  static Store open_read_only(const std::filesystem::path& db_path);
  /// An in-memory database, for tests.
  static Store in_memory();

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  int schema_version() const;
  /// True when the connection cannot write (opened read-only, or the file is).
  bool read_only() const;

  // --- files seen -------------------------------------------------------
  /// True when a file with this path, size and mtime was imported before.
  bool seen_stamp(const FileStamp& stamp) const;
  /// True when a file with this content hash was imported before. When it
  /// was stored under its old-kind hash (`old_hash`, before schema 6), that
  /// is recognised too and its rows are rehashed to `content_hash` now, in
  /// one transaction (PRODUCT.md "Content hashes"), unless `rehash` is false
  /// (a dry run).
  bool seen_hash(const std::string& content_hash, const std::string& old_hash = {},
                 bool rehash = true);
  /// True while some file is known only by its old-kind hash: only then does
  /// an import need to compute old hashes.
  bool has_old_hashes() const;

  // --- batches ----------------------------------------------------------
  /// Starts an import batch (a `stride import` run); returns its id.
  std::int64_t begin_batch(const std::string& description);

  /// Stores the activities of one file in one transaction, deduplicating and
  /// merging against what is there, and records the file as seen. Exact
  /// duplicates (same content hash and index in file, or the same activity with
  /// nothing to add) write nothing; the same activity from another source
  /// (same sport class, starts within 2 min or times overlapping >= 50 %)
  /// merges into the richer record. On any exception nothing of the file stays.
  /// `surface_fixed[k]` marks activity k's surface as given (by its file or
  /// --surface) rather than derived, in the same transaction, so a kill
  /// between the rows and the flag cannot leave one without the other.
  std::vector<ActivityOutcome> import_file(std::int64_t batch_id, const FileStamp& stamp,
                                           const std::string& content_hash,
                                           std::vector<engine::Activity> activities,
                                           const std::vector<bool>& surface_fixed = {});

  /// Forgets a batch that added and merged nothing, with the files it saw
  /// (they had nothing to add, so a later import reads them again), so an
  /// import that changes nothing leaves no trace. Returns whether it was dropped.
  bool drop_batch_if_empty(std::int64_t batch_id);

  /// Removes what a batch added, restores what it merged exactly as it was and
  /// forgets the files it saw (default: the last batch). Returns the batch id
  /// undone, nullopt when there is none. Throws std::runtime_error when a later
  /// batch changed the same activities (undo that one first).
  std::optional<std::int64_t> undo_batch(std::optional<std::int64_t> batch_id);

  /// Every batch still undoable, oldest first, with what it changed.
  std::vector<BatchInfo> batches() const;

  // --- activities -------------------------------------------------------
  /// Stores a manual entry (with its exercises) outside any batch; returns its id.
  std::int64_t add_activity(const engine::Activity& activity);
  /// Activities ordered by start (then id), with surfaces and exercises.
  std::vector<engine::Activity> list(const Filter& filter) const;
  std::optional<engine::Activity> get(std::int64_t id, bool with_points = true) const;
  /// False when there is no such activity.
  bool edit(std::int64_t id, const Edit& edit);
  /// Moves the activity to the bin: every reader but Filter::in_bin leaves it
  /// out, merging ignores it, and re-importing its file reports it as
  /// Outcome::deleted. False when there is no such activity or it is in the
  /// bin already.
  bool remove(std::int64_t id);
  /// Brings an activity back from the bin as it was. False when it is not there.
  bool undelete(std::int64_t id);
  /// True when the activity is in the bin.
  bool in_bin(std::int64_t id) const;
  /// When the activity went to the bin (UTC, ISO 8601), nullopt when it is not there.
  std::optional<std::string> deleted_at(std::int64_t id) const;
  /// The binned activities a file (by content hash, or by the stamp it was
  /// seen with) gave, when it gave nothing that is still live; ascending.
  /// `old_hash` also finds a source stored under a pre-6 hash.
  std::vector<std::int64_t> binned_from(const std::string& content_hash,
                                        const std::string& old_hash = {}) const;
  std::vector<std::int64_t> binned_from(const FileStamp& stamp) const;
  /// The shoe names activities carry (the bin included), sorted.
  std::vector<std::string> shoe_names() const;
  /// Number of activities stored.
  std::int64_t activity_count() const;

  // --- points and surfaces (surface zones re-derive from stored points) --
  /// The track points of the activities `filter` selects (with_points is
  /// ignored), ordered like `list`; activities without points are left out.
  std::vector<std::pair<std::int64_t, std::vector<engine::TrackPoint>>> points_for(
      const Filter& filter) const;
  /// Same, one activity at a time, so a whole history need not be in memory.
  void for_each_points(
      const Filter& filter,
      const std::function<void(std::int64_t id, const std::vector<engine::TrackPoint>&)>& visit)
      const;
  /// Replaces an activity's surface split. False when there is no such activity.
  bool set_surfaces(std::int64_t id, const std::vector<engine::SurfaceShare>& shares);
  /// Replaces the surface split of many activities in one transaction.
  void set_surfaces(
      const std::vector<std::pair<std::int64_t, std::vector<engine::SurfaceShare>>>& splits);
  /// Marks an activity's surface as given (by hand, by its file, by --surface):
  /// re-deriving from zones leaves it. `edit` with a surface marks it too.
  void set_surface_fixed(std::int64_t id, bool fixed);
  /// Ids of the activities whose surface is marked as given, ascending.
  std::vector<std::int64_t> surface_fixed_ids() const;

  // --- settings ---------------------------------------------------------
  /// A stored value (e.g. the zones' fingerprint); nullopt when never set.
  std::optional<std::string> setting(const std::string& key) const;
  void set_setting(const std::string& key, const std::string& value);

  // --- pain notes -------------------------------------------------------
  std::int64_t add_pain(const engine::PainNote& note);
  /// All pain notes ordered by date, then id.
  std::vector<engine::PainNote> pain_notes() const;
  /// One note; nullopt for an unknown id.
  std::optional<engine::PainNote> pain_note(std::int64_t id) const;
  /// Rewrites note.id's date, site, level, during_run, changes_gait, flags
  /// and note; false for an unknown id.
  bool update_pain(const engine::PainNote& note);
  /// Deletes a note for good; false for an unknown id.
  bool delete_pain(std::int64_t id);

  // --- active plan ------------------------------------------------------
  /// Makes `text` the active plan; earlier ones stay in the table, unused.
  void set_active_plan(const std::string& text, engine::UtcTime activated_at,
                       const std::string& path = {});
  /// Replaces the active plan's text (its file changed), keeping when it was activated.
  void update_active_plan_text(const std::string& text);
  /// The last plan set, nullopt when none.
  std::optional<ActivePlan> active_plan() const;

  // --- the file as a whole ---------------------------------------------
  /// Copies the whole database to a new SQLite file at `dest`, in one read
  /// transaction: a consistent snapshot even while another process writes.
  /// Throws SQLite::Exception when `dest` cannot be written.
  void backup_to(const std::filesystem::path& dest) const;
  /// Caps the database at `pages` pages (SQLite's max_page_count) for this
  /// connection only, so a write past it fails as on a full disk.
  void limit_pages(std::int64_t pages);

 private:
  // Tests that look at the tables themselves reach the connection through
  // this (store/detail/raw_access.hpp); nothing else does.
  friend struct detail::RawAccess;

  explicit Store(std::unique_ptr<SQLite::Database> db);
  std::unique_ptr<SQLite::Database> db_;
};

}  // namespace stride::store
