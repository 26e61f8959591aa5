// stride delete ID: removes one activity.
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/errors.hpp"
#include "store/store.hpp"

namespace stride::cli {
namespace {

struct DeleteResult {
  std::int64_t id = 0;
};

DeleteResult run_delete(Env& env, std::int64_t id) {
  if (!env.store().remove(id)) throw CommandError(fmt::format("no activity #{}", id));
  return {id};
}

Rendered render(const DeleteResult& r) {
  Rendered out;
  out.json = {{"deleted", r.id}};
  out.text = fmt::format("deleted #{}\n", r.id);
  return out;
}

}  // namespace

Runner add_delete(CLI::App& app) {
  auto id = std::make_shared<std::int64_t>(0);
  auto* sub = app.add_subcommand("delete", "Delete one activity");
  sub->add_option("ID", *id, "The activity id (see stride list)")->required();
  return [id](Env& env) { return render(run_delete(env, *id)); };
}

}  // namespace stride::cli
