// stride import PATH...: files and folders into the history, one transaction per
// file, reported per file. Reading, hashing and parsing run on two worker
// threads; the store is written from this thread, in input order, so the
// report and the database are the same whatever the timing.
#include <SQLiteCpp/Exception.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>

#include "cli/commands.hpp"
#include "cli/errors.hpp"
#include "cli/options.hpp"
#include "cli/render.hpp"
#include "cli/surfaces.hpp"
#include "import/pipeline.hpp"
#include "import/walk.hpp"
#include "profile/profile.hpp"
#include "store/store.hpp"

namespace stride::cli {
namespace {

constexpr unsigned kWorkers = 2;
/// Files parsed ahead of the writer: bounds memory on a 10,000-file export.
constexpr std::size_t kMaxAhead = 16;
/// Below this many files an import is quick: no progress line.
constexpr std::size_t kProgressMinFiles = 20;

struct ImportOptions {
  std::vector<std::string> paths;
  std::string surface;
  std::string shoe;
  bool dry_run = false;
  bool verbose = false;
};

enum class FileStatus { imported, duplicate, merged, failed, deleted };

std::string_view to_string(FileStatus s) {
  switch (s) {
    case FileStatus::imported:
      return "imported";
    case FileStatus::duplicate:
      return "duplicate";
    case FileStatus::merged:
      return "merged";
    case FileStatus::failed:
      return "failed";
    case FileStatus::deleted:
      return "deleted";
  }
  return "failed";
}

struct FileReport {
  std::string path;
  FileStatus status = FileStatus::failed;
  std::vector<std::int64_t> activity_ids;
  import::Location where;
  std::string reason;   ///< why it failed
  std::string detail;   ///< why it is a duplicate, what was merged
  std::string message;  ///< failures: `path:line:col: reason`
  std::string excerpt;  ///< failures: the offending line and a caret under the column
  std::vector<import::ImportWarning> warnings;
};

struct ImportResult {
  std::vector<FileReport> files;
  bool dry_run = false;
  std::size_t activities_added = 0;
  std::size_t skipped = 0;
  std::vector<std::string> skipped_notes;
  bool verbose = false;
  /// Paths given that held nothing to import (an empty folder).
  std::vector<std::string> empty_paths;
};

/// `\rimporting 120/3400 files` on stderr, only on a terminal and only when slow.
class Progress {
 public:
  Progress(const Env& env, std::size_t total)
      : enabled_(env.stderr_is_terminal() && !env.options().quiet && total >= kProgressMinFiles),
        total_(total),
        start_(Clock::now()) {}
  ~Progress() {
    if (shown_) std::fputs("\r\033[K", stderr);
  }
  void update(std::size_t done) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (now - start_ < std::chrono::milliseconds(500) ||
        now - last_ < std::chrono::milliseconds(200))
      return;
    last_ = now;
    shown_ = true;
    std::fprintf(stderr, "\rimporting %zu/%zu files", done, total_);
    std::fflush(stderr);
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  std::size_t total_;
  Clock::time_point start_, last_{};
  bool shown_ = false;
};

bool surface_known(const engine::Activity& a) {
  return std::any_of(a.surface_m.begin(), a.surface_m.end(), [](const engine::SurfaceShare& s) {
    return s.surface != engine::Surface::unknown && s.distance_m > 0;
  });
}

/// --surface, --shoe and the profile's defaults and zones; returns, per
/// activity, whether its surface was given (by the file or --surface) rather
/// than derived, so zone changes leave it alone.
std::vector<bool> apply_overrides(Env& env, const ImportOptions& o,
                                  std::vector<engine::Activity>& activities) {
  const profile::Profile& profile = env.profile();
  const std::string default_shoe = profile.default_shoe();
  std::vector<bool> fixed(activities.size(), false);
  for (std::size_t i = 0; i < activities.size(); ++i) {
    auto& a = activities[i];
    if (!engine::is_run(a.sport)) continue;
    // A surface the file itself gave (a CSV column, a treadmill) is more
    // precise than one word for the whole batch.
    if (surface_known(a)) {
      fixed[i] = true;
    } else if (!o.surface.empty()) {
      a.surface_m = parse_surface_spec(env, "--surface", o.surface, a.distance_m);
      fixed[i] = true;
    } else {
      a.surface_m = profile_surfaces(a, profile);
    }
    if (a.shoe.empty()) a.shoe = !o.shoe.empty() ? o.shoe : default_shoe;
  }
  return fixed;
}

std::string deleted_detail(const std::vector<std::int64_t>& ids) {
  std::string out = "deleted earlier:";
  for (auto id : ids) out += fmt::format(" stride undelete {}", id);
  return out;
}

/// A full disk or a database another writer holds stops the import: what is
/// in stays (each file is its own transaction), and the message says where it
/// stopped and what to do.
[[noreturn]] void stop_import(const SQLite::Exception& e, const std::string& file,
                              const ImportResult& result) {
  std::size_t done = 0;
  for (const auto& f : result.files)
    if (f.status == FileStatus::imported || f.status == FileStatus::merged) ++done;
  const int rc = e.getErrorCode();
  std::string what, todo;
  if (rc == SQLITE_FULL) {
    what = "the disk is full";
    todo = "free some space";
  } else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    what = "another program is writing to the database";
    todo = "wait for it to finish";
  } else {
    throw;  // not ours to explain: main() reports it
  }
  throw CommandError(fmt::format(
      "import stopped at {}: {} ({}). {} imported before it are in; nothing of {} was written. "
      "To finish, {} and run the same import again: what is in is skipped.",
      file, what, e.getErrorStr(), plural(done, "file", "files"), file, todo));
}

ImportResult run_import(Env& env, const ImportOptions& o) {
  // Checked before any file is read, so a typo costs nothing.
  if (!o.surface.empty()) parse_surface_spec(env, "--surface", o.surface, 0);

  ImportResult result;
  result.dry_run = o.dry_run;
  result.verbose = o.verbose;
  import::ParseContext ctx;
  ctx.tz = env.time_zone();
  ctx.csv_units = env.units();
  import::WalkOptions walk;
  walk.ctx = ctx;
  std::vector<std::filesystem::path> paths(o.paths.begin(), o.paths.end());
  const std::vector<import::Input> inputs = import::walk_inputs(paths, walk);
  const std::set<std::string> given(o.paths.begin(), o.paths.end());
  for (const auto& path : o.paths) {
    const bool any = std::any_of(inputs.begin(), inputs.end(), [&](const import::Input& in) {
      return in.kind != import::InputKind::skipped &&
             in.display_name.compare(0, path.size(), path) == 0;
    });
    if (!any) result.empty_paths.push_back(path);
  }
  store::Store& store = env.store(Env::Access::write);
  // The readers hash the old way too only while the store knows a file by
  // such a hash (schema 6's lazy rehash).
  ctx.old_hashes = store.has_old_hashes();

  const auto stamp_of = [](const import::Input& in) {
    return store::FileStamp{in.stamp_path, static_cast<std::int64_t>(in.size_bytes), in.mtime_ns};
  };
  Progress progress(env, inputs.size());
  std::optional<std::int64_t> batch;
  std::size_t done = 0;

  const auto consume = [&](import::ParsedFile&& parsed) {
    const import::Input& in = *parsed.input;
    progress.update(++done);
    FileReport r;
    r.path = in.display_name;
    if (parsed.status == import::FileStatus::unsupported) {
      // Named on the line: the user meant it, so it fails; found in a
      // folder: not ours to judge, only mentioned.
      if (given.count(in.display_name) == 0) {
        ++result.skipped;
        result.skipped_notes.push_back(
            fmt::format("skipped {}: {}", in.display_name, in.skip_reason));
        return;
      }
      r.status = FileStatus::failed;
      r.reason = "unknown file type (expected .gpx, .tcx, .fit or .csv, optionally .gz)";
      r.message = import::format_location(in.display_name, {}, r.reason);
    } else if (parsed.status == import::FileStatus::seen_before) {
      r.status = FileStatus::duplicate;
      r.detail = "seen before (same path, size and modification time)";
      if (auto ids = store.binned_from(stamp_of(in)); !ids.empty()) {
        r.status = FileStatus::deleted;
        r.activity_ids = ids;
        r.detail = deleted_detail(ids);
      }
    } else if (parsed.status == import::FileStatus::failed) {
      r.status = FileStatus::failed;
      r.where = parsed.where;
      r.reason = parsed.reason;
      r.message = parsed.message;
      r.excerpt = parsed.excerpt;
    } else if (auto ids = store.binned_from(parsed.content_hash, parsed.old_hash); !ids.empty()) {
      r.status = FileStatus::deleted;
      r.activity_ids = ids;
      r.detail = deleted_detail(ids);
    } else if (store.seen_hash(parsed.content_hash, parsed.old_hash, /*rehash=*/!o.dry_run)) {
      r.status = FileStatus::duplicate;
      r.detail = "same content as a file imported before";
    } else if (parsed.result->activities.empty()) {
      r.status = FileStatus::failed;
      r.reason = "no activities in the file";
      r.message = import::format_location(in.display_name, {}, r.reason);
      r.warnings = std::move(parsed.result->warnings);
    } else {
      auto& activities = parsed.result->activities;
      r.warnings = std::move(parsed.result->warnings);
      for (auto& a : activities) {
        if (a.source.file_name.empty()) a.source.file_name = in.display_name;
        if (a.source.format.empty() && in.format)
          a.source.format = std::string(import::to_string(*in.format));
        a.source.content_hash = parsed.content_hash;
        for (const auto& w : a.warnings) r.warnings.push_back({{}, w});
      }
      const std::vector<bool> fixed = apply_overrides(env, o, activities);
      if (o.dry_run) {
        r.status = FileStatus::imported;
        r.detail =
            fmt::format("would import {}", plural(activities.size(), "activity", "activities"));
      } else {
        std::vector<store::ActivityOutcome> outcomes;
        try {
          if (!batch) batch = store.begin_batch(fmt::format("import {}", fmt::join(o.paths, " ")));
          outcomes = store.import_file(*batch, stamp_of(in), parsed.content_hash,
                                       std::move(activities), fixed);
        } catch (const SQLite::Exception& e) {
          stop_import(e, in.display_name, result);
        }
        bool any_imported = false, any_merged = false, any_deleted = false;
        for (std::size_t k = 0; k < outcomes.size(); ++k) {
          const auto& out = outcomes[k];
          r.activity_ids.push_back(out.id);
          any_imported |= out.outcome == store::Outcome::imported;
          any_merged |= out.outcome == store::Outcome::merged;
          any_deleted |= out.outcome == store::Outcome::deleted;
          if (out.outcome == store::Outcome::imported) ++result.activities_added;
          if (!out.detail.empty()) {
            if (!r.detail.empty()) r.detail += "; ";
            r.detail += out.detail;
          }
        }
        r.status = any_imported  ? FileStatus::imported
                   : any_merged  ? FileStatus::merged
                   : any_deleted ? FileStatus::deleted
                                 : FileStatus::duplicate;
      }
    }
    result.files.push_back(std::move(r));
  };
  const auto skip = [&](const import::Input& in) {
    return in.kind != import::InputKind::skipped && store.seen_stamp(stamp_of(in));
  };
  import::PipelineOptions popts;
  popts.threads = kWorkers;
  popts.max_ahead = kMaxAhead;
  import::run_pipeline(inputs, ctx, skip, consume, popts);
  // Files that only repeated what is stored (the TCX of a run imported from
  // its FIT) open a batch too; with nothing added or merged it would list an
  // undo that undoes nothing, and importing twice would change the database.
  if (batch) store.drop_batch_if_empty(*batch);
  return result;
}

nlohmann::json warning_json(const import::ImportWarning& w) {
  nlohmann::json j = {{"message", w.message}};
  if (w.where.line > 0) j["line"] = w.where.line;
  if (w.where.column > 0) j["column"] = w.where.column;
  if (w.where.byte_offset >= 0) j["byte_offset"] = w.where.byte_offset;
  return j;
}

Rendered render(const ImportResult& r) {
  Rendered out;
  std::size_t counts[5] = {0, 0, 0, 0, 0};
  nlohmann::json files = nlohmann::json::array();
  Table table({"STATUS", "FILE", "ACTIVITIES", "DETAIL"});
  for (const auto& f : r.files) {
    ++counts[static_cast<int>(f.status)];
    nlohmann::json j = {{"path", f.path},
                        {"status", std::string(to_string(f.status))},
                        {"activity_ids", f.activity_ids}};
    if (f.status == FileStatus::failed) {
      if (f.where.line > 0) j["line"] = f.where.line;
      if (f.where.column > 0) j["column"] = f.where.column;
      if (f.where.byte_offset >= 0) j["byte_offset"] = f.where.byte_offset;
      j["reason"] = f.reason;
      out.errors.push_back(f.excerpt.empty() ? f.message : f.message + "\n" + f.excerpt);
    } else if (!f.detail.empty()) {
      j["detail"] = f.detail;
    }
    nlohmann::json warnings = nlohmann::json::array();
    for (const auto& w : f.warnings) {
      warnings.push_back(warning_json(w));
      out.notes.push_back("warning: " + import::format_location(f.path, w.where, w.message));
    }
    j["warnings"] = warnings;
    files.push_back(j);
    // A watch folder imported again is hundreds of files already in: one
    // summary line says it (--verbose lists them).
    if (f.status == FileStatus::duplicate && !r.verbose) continue;
    if (f.status != FileStatus::failed) {
      std::string ids;
      if (f.activity_ids.size() > 4)  // a CSV of 500 rows: a range, not 500 numbers
        ids = fmt::format("#{}..#{} ({})", f.activity_ids.front(), f.activity_ids.back(),
                          f.activity_ids.size());
      else
        for (auto id : f.activity_ids) ids += (ids.empty() ? "#" : " #") + std::to_string(id);
      std::string status(to_string(f.status));
      if (r.dry_run && f.status == FileStatus::imported) status = "would import";
      table.add({status, f.path, ids, f.detail});
    }
  }
  const auto n = [&](FileStatus s) { return counts[static_cast<int>(s)]; };
  out.json = {{"files", files},
              {"summary",
               {{"files", r.files.size()},
                {"imported", n(FileStatus::imported)},
                {"duplicate", n(FileStatus::duplicate)},
                {"merged", n(FileStatus::merged)},
                {"deleted", n(FileStatus::deleted)},
                {"failed", n(FileStatus::failed)},
                {"skipped", r.skipped},
                {"activities_added", r.activities_added},
                {"dry_run", r.dry_run}}}};
  for (const auto& note : r.skipped_notes) out.notes.push_back(note);
  for (const auto& path : r.empty_paths)
    out.notes.push_back(
        fmt::format("nothing to import in {} (no .gpx, .tcx, .fit or .csv files, nor an "
                    "export)",
                    path));
  if (!table.empty()) out.text = table.str();
  if (n(FileStatus::duplicate) > 0 && !r.verbose)
    out.text +=
        fmt::format("{} already imported (--verbose lists them)\n", n(FileStatus::duplicate));
  std::string summary = fmt::format(
      "{}{} {}, {} merged, {} duplicate", r.dry_run ? "dry run: " : "", n(FileStatus::imported),
      r.dry_run ? "would import" : "imported", n(FileStatus::merged), n(FileStatus::duplicate));
  if (n(FileStatus::deleted) > 0) summary += fmt::format(", {} deleted", n(FileStatus::deleted));
  out.text += fmt::format("{}, {} failed ({})\n", summary, n(FileStatus::failed),
                          plural(r.files.size(), "file", "files"));
  out.exit = n(FileStatus::failed) > 0 ? ExitCode::failure : ExitCode::ok;
  return out;
}

}  // namespace

Runner add_import(CLI::App& app) {
  auto o = std::make_shared<ImportOptions>();
  auto* sub = app.add_subcommand(
      "import", "Import .gpx .tcx .fit .csv files (also .gz) and folders (recursive)");
  sub->add_option("PATH", o->paths, "Files and folders")->required();
  sub->add_option("--surface", o->surface, "Surface for runs whose file does not say");
  sub->add_option("--shoe", o->shoe, "Shoe for runs whose file does not say");
  sub->add_flag("--dry-run", o->dry_run, "Read and report, write nothing");
  sub->add_flag("--verbose", o->verbose, "List the files already imported too");
  sub->footer(
      "--units km|mi sets the unit of CSV distances that carry none "
      "(default: the profile's). Exit 1 when any file failed.");
  return [o](Env& env) { return render(run_import(env, *o)); };
}

}  // namespace stride::cli
