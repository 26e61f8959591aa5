// stride init: creates the database and a commented default profile.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <fstream>

#include "cli/commands.hpp"
#include "cli/errors.hpp"
#include "profile/profile.hpp"
#include "store/store.hpp"

namespace stride::cli {
namespace {

struct InitResult {
  std::filesystem::path db_path;
  std::filesystem::path profile_path;
  int schema_version = 0;
};

InitResult run_init(Env& env) {
  // Checked before anything is written: a profile holds the runner's own
  // settings, and a second init must not quietly reset them.
  if (std::filesystem::exists(env.profile_path()))
    throw CommandError(
        fmt::format("{} exists; not overwriting it (remove it first, or give another --profile)",
                    env.profile_path().string()));
  store::Store& store = env.store(/*create=*/true);
  if (env.profile_path().has_parent_path())
    std::filesystem::create_directories(env.profile_path().parent_path());
  std::ofstream out(env.profile_path(), std::ios::binary);
  out << profile::default_profile_yaml(Env::system_time_zone());
  out.close();
  if (!out) throw CommandError(fmt::format("cannot write {}", env.profile_path().string()));
  return {env.db_path(), env.profile_path(), store.schema_version()};
}

Rendered render(const InitResult& r) {
  Rendered out;
  out.json = {{"database", r.db_path.string()},
              {"profile", r.profile_path.string()},
              {"schema_version", r.schema_version}};
  out.text = fmt::format(
      "created database {}\nwrote profile {} (edit it: thresholds, time "
      "zone, units, shoes)\n",
      r.db_path.string(), r.profile_path.string());
  return out;
}

}  // namespace

Runner add_init(CLI::App& app) {
  app.add_subcommand("init", "Create the database and a commented default profile");
  return [](Env& env) { return render(run_init(env)); };
}

}  // namespace stride::cli
