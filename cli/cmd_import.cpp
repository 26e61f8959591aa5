// stride import PATH...: the options into an ingest::Options, and the
// per-file report (ingest::import_paths) into text or JSON. What happens to
// a file, and why, is decided in ingest/.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <optional>

#include "cli/commands.hpp"
#include "cli/errors.hpp"
#include "cli/options.hpp"
#include "cli/render.hpp"
#include "ingest/ingest.hpp"
#include "profile/profile.hpp"

namespace stride::cli {
namespace {

/// Below this many files an import is quick: no progress line.
constexpr std::size_t kProgressMinFiles = 20;

struct ImportOptions {
  std::vector<std::string> paths;
  std::string surface;
  std::string shoe;
  bool dry_run = false;
  bool verbose = false;
};

struct ImportResult {
  ingest::ImportReport report;
  bool dry_run = false;
  bool verbose = false;
};

/// `\rimporting 120/3400 files` on stderr, only on a terminal and only when slow.
class Progress {
 public:
  explicit Progress(const Env& env) : enabled_(env.stderr_is_terminal() && !env.options().quiet) {}
  ~Progress() {
    if (shown_) std::fputs("\r\033[K", stderr);
  }
  void update(std::size_t done, std::size_t total) {
    if (!enabled_ || total < kProgressMinFiles) return;
    const auto now = Clock::now();
    if (!start_) start_ = now;
    if (now - *start_ < std::chrono::milliseconds(500) ||
        now - last_ < std::chrono::milliseconds(200))
      return;
    last_ = now;
    shown_ = true;
    std::fprintf(stderr, "\rimporting %zu/%zu files", done, total);
    std::fflush(stderr);
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  std::optional<Clock::time_point> start_;
  Clock::time_point last_{};
  bool shown_ = false;
};

/// The message for an import the machine stopped: where it stopped, what is
/// in, and what to do.
CommandError stopped_message(const ingest::ImportStopped& e) {
  const bool full = e.cause == ingest::ImportStopped::Cause::disk_full;
  const char* what = full ? "the disk is full" : "another program is writing to the database";
  const char* todo = full ? "free some space" : "wait for it to finish";
  return CommandError(fmt::format(
      "import stopped at {}: {} ({}). {} imported before it are in; nothing of {} was written. "
      "To finish, {} and run the same import again: what is in is skipped.",
      e.file, what, e.sqlite_error, plural(e.files_done, "file", "files"), e.file, todo));
}

ImportResult run_import(Env& env, const ImportOptions& o) {
  ingest::Options options;
  options.paths = o.paths;
  options.dry_run = o.dry_run;
  options.shoe = o.shoe;
  // Read before any file is, so a typo costs nothing; whether the split fits
  // each run is known only per run.
  if (!o.surface.empty())
    options.surface = ingest::SurfaceOverride{parse_surface_spec(env, "--surface", o.surface, 0),
                                              o.surface.find(':') == std::string::npos};
  options.tz = env.time_zone();
  options.csv_units = env.units();
  const profile::Profile& profile = env.profile();
  options.profile = {profile.default_surface, profile.zones, profile.default_shoe()};

  ImportResult result;
  result.dry_run = o.dry_run;
  result.verbose = o.verbose;
  Progress progress(env);
  try {
    result.report = ingest::import_paths(
        env.store(Env::Access::write), options,
        [&](std::size_t done, std::size_t total) { progress.update(done, total); });
  } catch (const ingest::ImportStopped& e) {
    throw stopped_message(e);
  } catch (const ingest::SurfaceSplitMismatch& e) {
    throw split_mismatch(env, "--surface", e.shares, e.activity_m);
  }
  return result;
}

nlohmann::json warning_json(const import::ImportWarning& w) {
  nlohmann::json j = {{"message", w.message}};
  if (w.where.line > 0) j["line"] = w.where.line;
  if (w.where.column > 0) j["column"] = w.where.column;
  if (w.where.byte_offset >= 0) j["byte_offset"] = w.where.byte_offset;
  return j;
}

Rendered render(const ImportResult& result) {
  using ingest::Status;
  const ingest::ImportReport& r = result.report;
  Rendered out;
  nlohmann::json files = nlohmann::json::array();
  Table table({"STATUS", "FILE", "ACTIVITIES", "DETAIL"});
  std::size_t listed = 0;
  for (const auto& f : r.files) {
    if (f.status == Status::skipped) continue;  // a note each, below
    ++listed;
    nlohmann::json j = {{"path", f.path},
                        {"status", std::string(to_string(f.status))},
                        {"activity_ids", f.activity_ids}};
    if (f.status == Status::failed) {
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
    if (f.status == Status::duplicate && !result.verbose) continue;
    if (f.status != Status::failed) {
      std::string ids;
      if (f.activity_ids.size() > 4)  // a CSV of 500 rows: a range, not 500 numbers
        ids = fmt::format("#{}..#{} ({})", f.activity_ids.front(), f.activity_ids.back(),
                          f.activity_ids.size());
      else
        for (auto id : f.activity_ids) ids += (ids.empty() ? "#" : " #") + std::to_string(id);
      std::string status(to_string(f.status));
      if (result.dry_run && f.status == Status::imported) status = "would import";
      table.add({status, f.path, ids, f.detail});
    }
  }
  const auto n = [&](Status s) { return r.count(s); };
  out.json = {{"files", files},
              {"summary",
               {{"files", listed},
                {"imported", n(Status::imported)},
                {"duplicate", n(Status::duplicate)},
                {"merged", n(Status::merged)},
                {"deleted", n(Status::deleted)},
                {"failed", n(Status::failed)},
                {"skipped", n(Status::skipped)},
                {"activities_added", r.activities_added},
                {"dry_run", result.dry_run}}}};
  for (const auto& f : r.files)
    if (f.status == Status::skipped)
      out.notes.push_back(fmt::format("skipped {}: {}", f.path, f.detail));
  for (const auto& path : r.empty_paths)
    out.notes.push_back(
        fmt::format("nothing to import in {} (no .gpx, .tcx, .fit or .csv files, nor an "
                    "export)",
                    path));
  if (!table.empty()) out.text = table.str();
  if (n(Status::duplicate) > 0 && !result.verbose)
    out.text += fmt::format("{} already imported (--verbose lists them)\n", n(Status::duplicate));
  std::string summary = fmt::format(
      "{}{} {}, {} merged, {} duplicate", result.dry_run ? "dry run: " : "", n(Status::imported),
      result.dry_run ? "would import" : "imported", n(Status::merged), n(Status::duplicate));
  if (n(Status::deleted) > 0) summary += fmt::format(", {} deleted", n(Status::deleted));
  out.text += fmt::format("{}, {} failed ({})\n", summary, n(Status::failed),
                          plural(listed, "file", "files"));
  out.exit = n(Status::failed) > 0 ? ExitCode::failure : ExitCode::ok;
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
