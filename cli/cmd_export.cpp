// stride export --csv FILE | --db FILE: the history as generic CSV, or a copy of the database.
#include <SQLiteCpp/Exception.h>
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fstream>

#include "cli/commands.hpp"
#include "cli/errors.hpp"
#include "cli/render.hpp"
#include "import/csv.hpp"
#include "store/store.hpp"

namespace stride::cli {
namespace {

namespace fs = std::filesystem;

struct ExportOptions {
  std::string csv;
  std::string db;
  bool force = false;
};

struct ExportResult {
  std::string kind;  // "csv" or "db"
  std::string path;
  std::int64_t activities = 0;
  std::int64_t bytes = 0;
};

void refuse_to_overwrite(const fs::path& path, bool force) {
  std::error_code ec;
  if (fs::exists(path, ec) && !force)
    throw CommandError(
        fmt::format("{} exists; not overwriting it (--force to replace it)", path.string()));
}

// A sibling temporary name, so a failed export never leaves half a file under
// the name asked for and an existing file is only replaced once the copy is whole.
fs::path temp_beside(const fs::path& path) {
  return path.parent_path() /
         fmt::format(".{}.stride-tmp-{}", path.filename().string(), ::getpid());
}

void remove_quietly(const fs::path& path) {
  std::error_code ec;
  fs::remove(path, ec);
  fs::remove(fs::path(path.string() + "-wal"), ec);
  fs::remove(fs::path(path.string() + "-shm"), ec);
  fs::remove(fs::path(path.string() + "-journal"), ec);
}

ExportResult export_csv(Env& env, const fs::path& path, bool force) {
  refuse_to_overwrite(path, force);
  const auto activities = env.store().list(store::Filter{});
  const std::string text = import::write_generic_csv(activities);
  const fs::path tmp = temp_beside(path);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      remove_quietly(tmp);
      throw CommandError(fmt::format("cannot write {}", path.string()));
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    remove_quietly(tmp);
    throw CommandError(fmt::format("cannot write {}: {}", path.string(), ec.message()));
  }
  return {"csv", path.string(), static_cast<std::int64_t>(activities.size()),
          static_cast<std::int64_t>(text.size())};
}

ExportResult export_db(Env& env, const fs::path& path, bool force) {
  std::error_code ec;
  if (fs::exists(path, ec) && fs::equivalent(path, env.db_path(), ec))
    throw CommandError(fmt::format("{} is the database itself", path.string()));
  refuse_to_overwrite(path, force);
  store::Store& store = env.store();
  const fs::path tmp = temp_beside(path);
  remove_quietly(tmp);
  try {
    store.backup_to(tmp);
  } catch (const SQLite::Exception& e) {
    remove_quietly(tmp);
    throw CommandError(fmt::format("cannot copy the database to {}: {}", path.string(), e.what()));
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    remove_quietly(tmp);
    throw CommandError(fmt::format("cannot write {}: {}", path.string(), ec.message()));
  }
  const auto bytes = static_cast<std::int64_t>(fs::file_size(path, ec));
  return {"db", path.string(), store.activity_count(), ec ? 0 : bytes};
}

ExportResult run_export(Env& env, const ExportOptions& o) {
  if (o.csv.empty() == o.db.empty()) throw UsageError("give one of --csv FILE or --db FILE");
  return o.csv.empty() ? export_db(env, o.db, o.force) : export_csv(env, o.csv, o.force);
}

Rendered render(const ExportResult& r) {
  Rendered out;
  out.json = {
      {"format", r.kind}, {"path", r.path}, {"activities", r.activities}, {"bytes", r.bytes}};
  if (r.kind == "csv") {
    out.text = fmt::format("exported {} {} to {}\n", r.activities,
                           r.activities == 1 ? "activity" : "activities", r.path);
    out.notes.push_back(
        "the CSV carries each activity's summary only: no track points, strength exercises, "
        "pain notes or import warnings (stride export --db copies everything)");
  } else {
    out.text = fmt::format("copied the database ({}, {} bytes) to {}\n",
                           plural(static_cast<std::size_t>(r.activities), "activity", "activities"),
                           r.bytes, r.path);
  }
  return out;
}

}  // namespace

Runner add_export(CLI::App& app) {
  auto o = std::make_shared<ExportOptions>();
  auto* sub = app.add_subcommand("export", "Export the history as CSV, or copy the database");
  sub->footer(
      "--csv writes one row per activity in the generic layout (docs/csv-format.md) that\n"
      "`stride import` reads back to the same activities: start with its offset, sport,\n"
      "distance, moving and elapsed time, elevation gain, heart rate, cadence, RPE,\n"
      "surfaces, shoe, name and notes. It does not carry track points (re-imported rows\n"
      "are summaries), strength exercises, pain notes, import warnings or source file\n"
      "names. --db makes a complete, consistent copy of the database (SQLite online\n"
      "backup), safe while another stride process uses it.\n"
      "Neither overwrites an existing file unless --force.");
  auto* csv = sub->add_option("--csv", o->csv, "Write every activity as generic CSV to FILE");
  auto* db = sub->add_option("--db", o->db, "Copy the whole database to FILE");
  csv->excludes(db);
  db->excludes(csv);
  sub->add_flag("--force", o->force, "Replace FILE when it exists");
  return [o](Env& env) { return render(run_export(env, *o)); };
}

}  // namespace stride::cli
