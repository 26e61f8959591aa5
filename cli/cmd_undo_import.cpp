// stride undo-import [BATCH] | --list: undoes one `stride import` run, or lists the runs.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <stdexcept>

#include "cli/commands.hpp"
#include "cli/errors.hpp"
#include "cli/render.hpp"
#include "store/store.hpp"

namespace stride::cli {
namespace {

struct UndoOptions {
  std::int64_t batch = 0;  // 0: the last one
  bool list = false;
};

struct UndoResult {
  bool listed = false;
  std::vector<store::BatchInfo> batches;  // --list: all; else the one undone
};

std::string plural(std::int64_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

nlohmann::json batch_json(const store::BatchInfo& b) {
  return {{"id", b.id},       {"started_at", b.started_at}, {"description", b.description},
          {"added", b.added}, {"merged", b.merged},         {"files", b.files}};
}

UndoResult run_undo(Env& env, const UndoOptions& o) {
  store::Store& store = env.store(Env::Access::write);
  auto batches = store.batches();
  if (o.list) return {true, std::move(batches)};
  if (batches.empty()) throw CommandError("nothing to undo: no import batches");
  const std::int64_t wanted = o.batch > 0 ? o.batch : batches.back().id;
  const auto it = std::find_if(batches.begin(), batches.end(),
                               [&](const store::BatchInfo& b) { return b.id == wanted; });
  if (it == batches.end())
    throw CommandError(fmt::format("no import batch {} (see stride undo-import --list)", wanted));
  try {
    if (!store.undo_batch(wanted)) throw CommandError(fmt::format("no import batch {}", wanted));
  } catch (const std::runtime_error& e) {
    if (dynamic_cast<const CommandError*>(&e) != nullptr) throw;
    throw CommandError(e.what());
  }
  return {false, {*it}};
}

Rendered render(const UndoResult& r) {
  Rendered out;
  if (r.listed) {
    out.json = nlohmann::json::array();
    Table table({"BATCH", "STARTED (UTC)", "ADDED", "MERGED", "FILES", "DESCRIPTION"},
                {true, false, true, true, true, false});
    for (const auto& b : r.batches) {
      out.json.push_back(batch_json(b));
      table.add({std::to_string(b.id), b.started_at.substr(0, 19), std::to_string(b.added),
                 std::to_string(b.merged), std::to_string(b.files), b.description});
    }
    out.text = r.batches.empty() ? "no import batches\n" : table.str();
    return out;
  }
  const auto& b = r.batches.front();
  out.json = batch_json(b);
  out.json["undone"] = true;
  out.text = fmt::format(
      "undid import batch {} ({}{}): removed {}, restored {} as before the merge, forgot {}\n",
      b.id, b.started_at.substr(0, 19), b.description.empty() ? "" : ", " + b.description,
      plural(b.added, "activity", "activities"), plural(b.merged, "activity", "activities"),
      plural(b.files, "file", "files"));
  return out;
}

}  // namespace

Runner add_undo_import(CLI::App& app) {
  auto o = std::make_shared<UndoOptions>();
  auto* sub = app.add_subcommand("undo-import",
                                 "Undo an import: remove what it added, restore what it merged");
  sub->add_option("BATCH", o->batch, "The batch id (default: the last; see --list)")
      ->check(CLI::PositiveNumber);
  sub->add_flag("--list", o->list, "List the import batches that can be undone");
  return [o](Env& env) { return render(run_undo(env, *o)); };
}

}  // namespace stride::cli
