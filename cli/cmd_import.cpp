// stride import PATH...: files and folders into the history, one transaction per
// file, reported per file. Reading, hashing and parsing run on two worker
// threads; the store is written from this thread, in input order, so the
// report and the database are the same whatever the timing.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "cli/commands.hpp"
#include "cli/errors.hpp"
#include "cli/import_inputs.hpp"
#include "cli/options.hpp"
#include "cli/render.hpp"
#include "store/store.hpp"

namespace stride::cli {
namespace {

constexpr int kWorkers = 2;
/// Files parsed ahead of the writer: bounds memory on a 10,000-file export.
constexpr std::size_t kMaxAhead = 16;
/// Below this many files an import is quick: no progress line.
constexpr std::size_t kProgressMinFiles = 20;

struct ImportOptions {
  std::vector<std::string> paths;
  std::string surface;
  std::string shoe;
  bool dry_run = false;
};

enum class FileStatus { imported, duplicate, merged, failed };

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
  std::vector<import::ImportWarning> warnings;
};

struct ImportResult {
  std::vector<FileReport> files;
  bool dry_run = false;
  std::size_t activities_added = 0;
};

/// Runs read_and_parse over the inputs on worker threads; hands results back in order.
class ParsePool {
 public:
  ParsePool(const std::vector<InputFile>& inputs, std::vector<bool> wanted,
            import::ParseContext ctx)
      : inputs_(inputs), wanted_(std::move(wanted)), ctx_(std::move(ctx)), slots_(inputs.size()) {
    for (int i = 0; i < kWorkers; ++i) threads_.emplace_back([this] { work(); });
  }
  ~ParsePool() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }

  /// Blocks until file `i` is parsed; releases its slot.
  ParsedFile take(std::size_t i) {
    std::unique_lock lock(mutex_);
    done_cv_.wait(lock, [&] { return slots_[i].has_value(); });
    ParsedFile out = std::move(*slots_[i]);
    slots_[i].reset();
    consumed_ = i + 1;
    cv_.notify_all();
    return out;
  }

 private:
  void work() {
    for (;;) {
      std::size_t i = 0;
      {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [&] {
          return stop_ || (next_ < inputs_.size() && next_ < consumed_ + kMaxAhead);
        });
        if (stop_) return;
        i = next_++;
      }
      ParsedFile parsed;
      if (wanted_[i]) parsed = read_and_parse(inputs_[i], ctx_);
      {
        std::lock_guard lock(mutex_);
        slots_[i] = std::move(parsed);
      }
      done_cv_.notify_all();
    }
  }

  const std::vector<InputFile>& inputs_;
  std::vector<bool> wanted_;
  import::ParseContext ctx_;
  std::vector<std::optional<ParsedFile>> slots_;
  std::mutex mutex_;
  std::condition_variable cv_, done_cv_;
  std::size_t next_ = 0;
  std::size_t consumed_ = 0;
  bool stop_ = false;
  std::vector<std::thread> threads_;
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

void apply_overrides(Env& env, const ImportOptions& o, std::vector<engine::Activity>& activities) {
  for (auto& a : activities) {
    if (!engine::is_run(a.sport)) continue;
    // A surface the file itself gave (a CSV column) is more precise than one
    // word for the whole batch.
    const bool no_surface =
        a.surface_m.empty() ||
        (a.surface_m.size() == 1 && a.surface_m.front().surface == engine::Surface::unknown);
    if (!o.surface.empty() && no_surface)
      a.surface_m = parse_surface_spec(env, "--surface", o.surface, a.distance_m);
    if (!o.shoe.empty() && a.shoe.empty()) a.shoe = o.shoe;
  }
}

ImportResult run_import(Env& env, const ImportOptions& o) {
  // Checked before any file is read, so a typo costs nothing.
  if (!o.surface.empty()) parse_surface_spec(env, "--surface", o.surface, 0);

  ImportResult result;
  result.dry_run = o.dry_run;
  const std::vector<InputFile> inputs = collect_inputs(o.paths);
  store::Store& store = env.store(/*create=*/true);

  // Seen path + size + mtime: skipped without reading.
  std::vector<bool> wanted(inputs.size(), false);
  for (std::size_t i = 0; i < inputs.size(); ++i)
    wanted[i] = inputs[i].problem.empty() && !store.seen_stamp(inputs[i].stamp);

  import::ParseContext ctx;
  ctx.tz = env.time_zone();
  ctx.csv_units = env.units();
  ParsePool pool(inputs, wanted, ctx);
  Progress progress(env, inputs.size());
  std::optional<std::int64_t> batch;

  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const InputFile& in = inputs[i];
    FileReport r;
    r.path = in.display;
    ParsedFile parsed = pool.take(i);
    if (!in.problem.empty()) {
      r.status = FileStatus::failed;
      r.reason = in.problem;
      r.message = import::format_location(in.display, {}, in.problem);
    } else if (!wanted[i]) {
      r.status = FileStatus::duplicate;
      r.detail = "seen before (same path, size and modification time)";
    } else if (parsed.error) {
      r.status = FileStatus::failed;
      r.where = parsed.error->where();
      r.reason = parsed.error->reason();
      r.message = parsed.error->what();
    } else if (store.seen_hash(parsed.content_hash)) {
      r.status = FileStatus::duplicate;
      r.detail = "same content as a file imported before";
    } else if (parsed.result->activities.empty()) {
      r.status = FileStatus::failed;
      r.reason = "no activities in the file";
      r.message = import::format_location(in.display, {}, r.reason);
      r.warnings = std::move(parsed.result->warnings);
    } else {
      auto& activities = parsed.result->activities;
      r.warnings = std::move(parsed.result->warnings);
      for (auto& a : activities) {
        if (a.source.file_name.empty()) a.source.file_name = in.display;
        if (a.source.format.empty()) a.source.format = in.format;
        a.source.content_hash = parsed.content_hash;
      }
      apply_overrides(env, o, activities);
      if (o.dry_run) {
        r.status = FileStatus::imported;
        r.detail = fmt::format("would import {} activities", activities.size());
      } else {
        if (!batch) batch = store.begin_batch("stride import");
        const auto outcomes =
            store.import_file(*batch, in.stamp, parsed.content_hash, std::move(activities));
        bool any_imported = false, any_merged = false;
        for (const auto& out : outcomes) {
          r.activity_ids.push_back(out.id);
          any_imported |= out.outcome == store::Outcome::imported;
          any_merged |= out.outcome == store::Outcome::merged;
          if (out.outcome == store::Outcome::imported) ++result.activities_added;
          if (!out.detail.empty()) {
            if (!r.detail.empty()) r.detail += "; ";
            r.detail += out.detail;
          }
        }
        r.status = any_imported ? FileStatus::imported
                   : any_merged ? FileStatus::merged
                                : FileStatus::duplicate;
      }
    }
    result.files.push_back(std::move(r));
    progress.update(i + 1);
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

Rendered render(const ImportResult& r) {
  Rendered out;
  std::size_t counts[4] = {0, 0, 0, 0};
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
      out.errors.push_back(f.message);
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
    if (f.status != FileStatus::failed) {
      std::string ids;
      if (f.activity_ids.size() > 4)  // a CSV of 500 rows: a range, not 500 numbers
        ids = fmt::format("#{}..#{} ({})", f.activity_ids.front(), f.activity_ids.back(),
                          f.activity_ids.size());
      else
        for (auto id : f.activity_ids) ids += (ids.empty() ? "#" : " #") + std::to_string(id);
      table.add({std::string(to_string(f.status)), f.path, ids, f.detail});
    }
  }
  const auto n = [&](FileStatus s) { return counts[static_cast<int>(s)]; };
  out.json = {{"files", files},
              {"summary",
               {{"files", r.files.size()},
                {"imported", n(FileStatus::imported)},
                {"duplicate", n(FileStatus::duplicate)},
                {"merged", n(FileStatus::merged)},
                {"failed", n(FileStatus::failed)},
                {"activities_added", r.activities_added},
                {"dry_run", r.dry_run}}}};
  if (!table.empty()) out.text = table.str();
  out.text +=
      fmt::format("{}{} imported, {} merged, {} duplicate, {} failed ({} files)\n",
                  r.dry_run ? "dry run: " : "", n(FileStatus::imported), n(FileStatus::merged),
                  n(FileStatus::duplicate), n(FileStatus::failed), r.files.size());
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
  sub->footer(
      "--units km|mi sets the unit of CSV distances that carry none "
      "(default: the profile's). Exit 1 when any file failed.");
  return [o](Env& env) { return render(run_import(env, *o)); };
}

}  // namespace stride::cli
