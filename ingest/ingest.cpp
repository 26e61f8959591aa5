#include "ingest/ingest.hpp"

#include <SQLiteCpp/Exception.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "import/pipeline.hpp"
#include "import/walk.hpp"
#include "store/store.hpp"

namespace stride::ingest {
namespace {

store::FileStamp stamp_of(const import::Input& in) {
  return {in.stamp_path, static_cast<std::int64_t>(in.size_bytes), in.mtime_ns};
}

std::string deleted_detail(const std::vector<std::int64_t>& ids) {
  std::string out = "deleted earlier:";
  for (auto id : ids) out += fmt::format(" stride undelete {}", id);
  return out;
}

/// A full disk or a busy database is the machine's state, not the file's:
/// it would fail every file after it too, so it stops the import instead of
/// failing this file. Any other SQLite error is not ours to explain.
[[noreturn]] void stop(const SQLite::Exception& e, const std::string& file,
                       const ImportReport& report) {
  const std::size_t done = report.count(Status::imported) + report.count(Status::merged);
  const int rc = e.getErrorCode();
  if (rc == SQLITE_FULL)
    throw ImportStopped(ImportStopped::Cause::disk_full, file, done, e.getErrorStr());
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
    throw ImportStopped(ImportStopped::Cause::database_busy, file, done, e.getErrorStr());
  throw;
}

/// The per-file decisions of one run, on the writer thread in input order.
class Run {
 public:
  Run(store::Store& store, const Options& options, std::size_t total, const Progress& progress)
      : store_(store),
        options_(options),
        given_(options.paths.begin(), options.paths.end()),
        total_(total),
        progress_(progress) {}

  void consume(import::ParsedFile&& parsed) {
    ++done_;
    report_.files.push_back(decide(std::move(parsed)));
    if (progress_) progress_(done_, total_);
  }

  /// Files that only repeated what is stored (the TCX of a run imported from
  /// its FIT) open a batch too; with nothing added or merged it would list an
  /// undo that undoes nothing, and importing twice would change the database.
  void finish() {
    if (batch_) store_.drop_batch_if_empty(*batch_);
  }

  ImportReport& report() { return report_; }

 private:
  FileOutcome decide(import::ParsedFile&& parsed) {
    const import::Input& in = *parsed.input;
    FileOutcome r;
    r.path = in.display_name;
    switch (parsed.status) {
      case import::ParseStatus::unsupported:
        // Named on the line: the user meant it, so it fails; found in a
        // folder: not ours to judge, only mentioned.
        if (given_.count(in.display_name) == 0) {
          r.status = Status::skipped;
          r.detail = in.skip_reason;
        } else {
          r.status = Status::failed;
          r.reason = "unknown file type (expected .gpx, .tcx, .fit or .csv, optionally .gz)";
          r.message = import::format_location(in.display_name, {}, r.reason);
        }
        return r;
      case import::ParseStatus::seen_before:
        r.status = Status::duplicate;
        r.detail = "seen before (same path, size and modification time)";
        if (auto ids = store_.binned_from(stamp_of(in)); !ids.empty()) {
          r.status = Status::deleted;
          r.activity_ids = ids;
          r.detail = deleted_detail(ids);
        }
        return r;
      case import::ParseStatus::failed:
        r.status = Status::failed;
        r.where = parsed.where;
        r.reason = std::move(parsed.reason);
        r.message = std::move(parsed.message);
        r.excerpt = std::move(parsed.excerpt);
        return r;
      case import::ParseStatus::parsed:
        break;
    }
    // Deleted earlier before duplicate: the same content is a duplicate too,
    // but the runner should learn the bin has it.
    if (auto ids = store_.binned_from(parsed.content_hash, parsed.old_hash); !ids.empty()) {
      r.status = Status::deleted;
      r.activity_ids = ids;
      r.detail = deleted_detail(ids);
      return r;
    }
    if (store_.seen_hash(parsed.content_hash, parsed.old_hash, /*rehash=*/!options_.dry_run)) {
      r.status = Status::duplicate;
      r.detail = "same content as a file imported before";
      return r;
    }
    auto& activities = parsed.result->activities;
    r.warnings = std::move(parsed.result->warnings);
    if (activities.empty()) {
      r.status = Status::failed;
      r.reason = "no activities in the file";
      r.message = import::format_location(in.display_name, {}, r.reason);
      return r;
    }
    for (auto& a : activities) {
      if (a.source.file_name.empty()) a.source.file_name = in.display_name;
      if (a.source.format.empty() && in.format)
        a.source.format = std::string(import::to_string(*in.format));
      a.source.content_hash = parsed.content_hash;
      for (const auto& w : a.warnings) r.warnings.push_back({{}, w});
    }
    const std::vector<bool> fixed = apply_overrides(activities, options_.surface, options_.shoe,
                                                    options_.profile, in.display_name);
    if (options_.dry_run) {
      r.status = Status::imported;
      r.detail = fmt::format("would import {} {}", activities.size(),
                             activities.size() == 1 ? "activity" : "activities");
      return r;
    }
    write(in, parsed.content_hash, std::move(activities), fixed, r);
    return r;
  }

  void write(const import::Input& in, const std::string& content_hash,
             std::vector<engine::Activity> activities, const std::vector<bool>& fixed,
             FileOutcome& r) {
    std::vector<store::ActivityOutcome> outcomes;
    try {
      if (!batch_)
        batch_ = store_.begin_batch(fmt::format("import {}", fmt::join(options_.paths, " ")));
      // Rows, merges, the surface-fixed flags and the file's stamp: one
      // transaction, so a kill leaves all of the file or none of it.
      outcomes =
          store_.import_file(*batch_, stamp_of(in), content_hash, std::move(activities), fixed);
    } catch (const SQLite::Exception& e) {
      stop(e, in.display_name, report_);
    }
    bool any_imported = false, any_merged = false, any_deleted = false;
    for (const auto& out : outcomes) {
      r.activity_ids.push_back(out.id);
      any_imported |= out.outcome == store::Outcome::imported;
      any_merged |= out.outcome == store::Outcome::merged;
      any_deleted |= out.outcome == store::Outcome::deleted;
      if (out.outcome == store::Outcome::imported) ++report_.activities_added;
      if (!out.detail.empty()) {
        if (!r.detail.empty()) r.detail += "; ";
        r.detail += out.detail;
      }
    }
    // One new activity makes the file "imported" even when its others merged.
    r.status = any_imported  ? Status::imported
               : any_merged  ? Status::merged
               : any_deleted ? Status::deleted
                             : Status::duplicate;
  }

  store::Store& store_;
  const Options& options_;
  const std::set<std::string> given_;
  const std::size_t total_;
  const Progress& progress_;
  std::size_t done_ = 0;
  std::optional<std::int64_t> batch_;
  ImportReport report_;
};

}  // namespace

std::string_view to_string(Status status) {
  switch (status) {
    case Status::imported:
      return "imported";
    case Status::merged:
      return "merged";
    case Status::duplicate:
      return "duplicate";
    case Status::deleted:
      return "deleted";
    case Status::failed:
      return "failed";
    case Status::skipped:
      return "skipped";
  }
  return "failed";
}

std::size_t ImportReport::count(Status status) const {
  return static_cast<std::size_t>(std::count_if(
      files.begin(), files.end(), [status](const FileOutcome& f) { return f.status == status; }));
}

ImportStopped::ImportStopped(Cause cause_, std::string file_, std::size_t files_done_,
                             std::string sqlite_error_)
    : std::runtime_error("import stopped at " + file_ + ": " + sqlite_error_),
      cause(cause_),
      file(std::move(file_)),
      files_done(files_done_),
      sqlite_error(std::move(sqlite_error_)) {}

ImportReport import_paths(store::Store& store, const Options& options, const Progress& progress) {
  import::ParseContext ctx;
  ctx.tz = options.tz;
  ctx.csv_units = options.csv_units;
  import::WalkOptions walk;
  walk.ctx = ctx;
  const std::vector<std::filesystem::path> paths(options.paths.begin(), options.paths.end());
  const std::vector<import::Input> inputs = import::walk_inputs(paths, walk);

  Run run(store, options, inputs.size(), progress);
  for (const auto& path : options.paths) {
    const bool any = std::any_of(inputs.begin(), inputs.end(), [&](const import::Input& in) {
      return in.kind != import::InputKind::skipped &&
             in.display_name.compare(0, path.size(), path) == 0;
    });
    if (!any) run.report().empty_paths.push_back(path);
  }
  // The readers hash the old way too only while the store knows a file by
  // such a hash (schema 6's lazy rehash).
  ctx.old_hashes = store.has_old_hashes();

  const auto skip = [&](const import::Input& in) {
    return in.kind != import::InputKind::skipped && store.seen_stamp(stamp_of(in));
  };
  import::PipelineOptions pipeline;
  pipeline.threads = options.threads;
  pipeline.max_ahead = options.max_ahead;
  import::run_pipeline(
      inputs, ctx, skip, [&](import::ParsedFile&& parsed) { run.consume(std::move(parsed));
},
      pipeline);
run.finish();
return std::move(run.report());
}  // namespace stride::ingest

}  // namespace stride::ingest
