// stride delete ID / stride undelete ID: the bin. A deleted activity keeps its
// row, points and sources, so it comes back exactly as it was.
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/dates.hpp"
#include "cli/errors.hpp"
#include "cli/render.hpp"
#include "store/store.hpp"

namespace stride::cli {
namespace {

struct BinOptions {
  std::int64_t id = 0;
  bool yes = false;
};

/// `#12 2026-11-20 run 10 km`.
std::string one_line(const engine::Activity& a, const Env& env) {
  std::string t = fmt::format("#{} {} {}", a.id, format_day(a.local_date), to_string(a.sport));
  if (a.distance_m > 0) t += " " + engine::format_distance(a.distance_m, env.units());
  if (a.moving_s > 0) t += " " + engine::format_duration(a.moving_s);
  if (!a.name.empty()) t += " " + a.name;
  return t;
}

/// Asks on the terminal; true for y/yes.
bool confirm(const std::string& question) {
  std::cerr << question << " [y/N] " << std::flush;
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return answer == "y" || answer == "Y" || answer == "yes" || answer == "YES";
}

Rendered run_delete(Env& env, const BinOptions& o) {
  store::Store& store = env.store(Env::Access::write);
  const auto a = store.get(o.id, /*with_points=*/false);
  if (!a) throw CommandError(fmt::format("no activity #{}", o.id));
  if (store.in_bin(o.id))
    throw CommandError(fmt::format("#{} is in the bin already (see stride list --deleted)", o.id));
  if (!o.yes) {
    // A script has no one to ask: it must say --yes, so a stray `delete 3`
    // in a loop cannot empty a history.
    if (::isatty(STDIN_FILENO) != 1)
      throw UsageError(
          fmt::format("delete: not on a terminal; give --yes to move #{} to the bin", o.id));
    if (!confirm(fmt::format("move {} to the bin?", one_line(*a, env)))) {
      Rendered out;
      out.json = {{"deleted", nullptr}};
      out.text = "nothing deleted\n";
      return out;
    }
  }
  if (!store.remove(o.id)) throw CommandError(fmt::format("no activity #{}", o.id));
  Rendered out;
  out.json = {{"deleted", o.id}};
  out.text = fmt::format("moved {} to the bin (stride undelete {} brings it back)\n",
                         one_line(*a, env), o.id);
  return out;
}

Rendered run_undelete(Env& env, const BinOptions& o) {
  store::Store& store = env.store(Env::Access::write);
  const auto a = store.get(o.id, /*with_points=*/false);
  if (!a) throw CommandError(fmt::format("no activity #{}", o.id));
  if (!store.undelete(o.id))
    throw CommandError(fmt::format("#{} is not in the bin (see stride list --deleted)", o.id));
  Rendered out;
  out.json = {{"undeleted", o.id}, {"activity", activity_json(*a)}};
  out.text = fmt::format("restored {}\n", one_line(*a, env));
  return out;
}

}  // namespace

Runner add_delete(CLI::App& app) {
  auto o = std::make_shared<BinOptions>();
  auto* sub = app.add_subcommand("delete", "Move one activity to the bin (stride undelete)");
  sub->add_option("ID", o->id, "The activity id (see stride list)")->required();
  sub->add_flag("-y,--yes", o->yes, "Do not ask (needed when not on a terminal)");
  return [o](Env& env) { return run_delete(env, *o); };
}

Runner add_undelete(CLI::App& app) {
  auto o = std::make_shared<BinOptions>();
  auto* sub = app.add_subcommand("undelete", "Bring an activity back from the bin");
  sub->add_option("ID", o->id, "The activity id (see stride list --deleted)")->required();
  return [o](Env& env) { return run_undelete(env, *o); };
}

}  // namespace stride::cli
