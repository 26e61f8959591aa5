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
  bool created_db = false;
  bool wrote_profile = false;
};

InitResult run_init(Env& env) {
  InitResult r{env.db_path(), env.profile_path()};
  // A profile holds the runner's own settings: one already there (a coach's
  // shared profile, a second database for the same athlete) is kept, never reset.
  if (!std::filesystem::exists(env.profile_path())) {
    if (env.profile_path().has_parent_path())
      std::filesystem::create_directories(env.profile_path().parent_path());
    std::ofstream out(env.profile_path(), std::ios::binary);
    out << profile::default_profile_yaml(Env::system_time_zone());
    out.close();
    if (!out) throw CommandError(fmt::format("cannot write {}", env.profile_path().string()));
    r.wrote_profile = true;
  }
  r.created_db = !std::filesystem::exists(env.db_path());
  store::Store& store = env.store(Env::Access::create);
  r.schema_version = store.schema_version();
  return r;
}

Rendered render(const InitResult& r) {
  Rendered out;
  out.json = {{"database", r.db_path.string()},
              {"profile", r.profile_path.string()},
              {"created_database", r.created_db},
              {"wrote_profile", r.wrote_profile},
              {"schema_version", r.schema_version}};
  out.text = r.created_db
                 ? fmt::format("created database {}\n", r.db_path.string())
                 : fmt::format("database {} exists already; kept it\n", r.db_path.string());
  out.text += r.wrote_profile
                  ? fmt::format("wrote profile {} (edit it: thresholds, time zone, units, shoes)\n",
                                r.profile_path.string())
                  : fmt::format("kept the existing profile {}\n", r.profile_path.string());
  return out;
}

}  // namespace

Runner add_init(CLI::App& app) {
  app.add_subcommand("init", "Create the database and a commented default profile");
  return [](Env& env) { return render(run_init(env)); };
}

}  // namespace stride::cli
