#pragma once
/// One `stride import` run as a library: the paths walked, the files parsed on
/// worker threads, and each file decided (seen before, the same content,
/// deleted earlier, failed) and written to the store in its one transaction,
/// in input order, from the calling thread. The CLI builds the Options and
/// prints the report; nothing here prints or reads the environment.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "engine/quantity.hpp"
#include "import/parse.hpp"
#include "ingest/overrides.hpp"

namespace date {
class time_zone;
}
namespace stride::store {
class Store;
}

namespace stride::ingest {

/// What became of one file: the one status of an import, for the report, the
/// JSON and the exit code alike.
enum class Status {
  imported,   ///< at least one activity stored as new (dry run: would be)
  merged,     ///< every activity merged into one already stored
  duplicate,  ///< seen before or the same content: nothing written
  deleted,    ///< its activities are in the bin (`stride undelete`): nothing written
  failed,     ///< unreadable, not a format we read, or no activities
  skipped,    ///< found in a folder and not a format we read: mentioned only
};

std::string_view to_string(Status status);

struct FileOutcome {
  std::string path;  ///< the display name: the path as walked, or `archive!member`
  Status status = Status::failed;
  /// New rows, or the rows it duplicated, merged into or finds in the bin.
  std::vector<std::int64_t> activity_ids;
  /// Why a duplicate, what was merged, `would import 2 activities`, why
  /// skipped; several activities' details joined by `; `.
  std::string detail;
  // failed only:
  import::Location where;
  std::string reason;   ///< the message alone
  std::string message;  ///< `path:line:col: reason`
  std::string excerpt;  ///< the offending line and a caret (empty when unknown)
  /// Things that did not stop the file (a skipped point), each with its place.
  std::vector<import::ImportWarning> warnings;
};

struct ImportReport {
  /// One per input, in the order given (folders sorted), skipped ones included.
  std::vector<FileOutcome> files;
  /// Activities stored as new (not merged).
  std::size_t activities_added = 0;
  /// Paths given that held nothing to import (an empty folder).
  std::vector<std::string> empty_paths;

  std::size_t count(Status status) const;
};

struct Options {
  /// As given on the line: a file named here that is not a format we read
  /// fails (the user meant it); one found in a folder is skipped. The batch
  /// (`stride undo-import`) is described by them.
  std::vector<std::string> paths;
  /// Read, decide and report; write nothing.
  bool dry_run = false;
  std::optional<SurfaceOverride> surface;  ///< --surface
  std::string shoe;                        ///< --shoe
  ProfileDefaults profile;
  /// For sources without their own offset; UTC when null.
  const date::time_zone* tz = nullptr;
  /// Unit of CSV distances that carry none.
  engine::Units csv_units = engine::Units::km;
  /// Parsing threads, and files parsed ahead of the writer: bounds memory on
  /// a 10,000-file export.
  unsigned threads = 2;
  std::size_t max_ahead = 16;
};

/// Called on the calling thread after each file is decided.
using Progress = std::function<void(std::size_t done, std::size_t total)>;

/// The store refused a write for a reason outside the file: a full disk, or
/// another program holding the database. The import stops there; the files
/// before it stay in (each its own transaction) and nothing of `file` was
/// written, so running the same import again finishes it.
class ImportStopped : public std::runtime_error {
 public:
  enum class Cause { disk_full, database_busy };
  ImportStopped(Cause cause, std::string file, std::size_t files_done, std::string sqlite_error);
  Cause cause;
  std::string file;          ///< display name of the file being written
  std::size_t files_done;    ///< files imported or merged before it
  std::string sqlite_error;  ///< SQLite's words for the error code
};

/// Imports `options.paths` into `store`. One bad file never stops the batch:
/// it is a failed outcome. Throws ImportStopped (see above),
/// SurfaceSplitMismatch (--surface does not fit a run), and lets other
/// environment failures (SQLite::Exception, std::filesystem::filesystem_error)
/// through; files already written stay in all cases.
ImportReport import_paths(store::Store& store, const Options& options,
                          const Progress& progress = {});

}  // namespace stride::ingest
