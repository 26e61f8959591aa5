#pragma once
/// What every command shares: the global options, the environment a command
/// runs in (database, profile, today, messages on stderr) and the value it
/// returns for the one renderer to print.

#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli/dates.hpp"
#include "cli/exit_code.hpp"
#include "engine/activity.hpp"
#include "engine/quantity.hpp"

namespace CLI {
class App;
}
namespace date {
class time_zone;
}
namespace stride::store {
class Store;
}
namespace stride::profile {
struct Profile;
}

namespace stride::cli {

/// The options every command takes, as typed on the line.
struct GlobalOptions {
  std::string db;       ///< --db; empty: $STRIDE_DB, $XDG_DATA_HOME/stride, ~/.local/share/stride
  std::string profile;  ///< --profile; empty: profile.yaml beside the database
  std::string units;    ///< --units km|mi; empty: the profile's
  bool json = false;
  bool quiet = false;
};

/// Where the database lives when --db is not given (see GlobalOptions::db).
std::filesystem::path default_db_path();

/// A command's answer: one JSON document for --json, text otherwise, and the
/// exit code. Commands fill this; only main() prints it.
struct Rendered {
  nlohmann::json json;
  std::string text;
  /// Lines for stderr, shown with --json too: errors always, notes unless --quiet.
  std::vector<std::string> errors;
  std::vector<std::string> notes;
  ExitCode exit = ExitCode::ok;
};

/// The environment a command runs in. Opens the store lazily so `--help` and
/// usage errors never touch the disk.
class Env {
 public:
  explicit Env(GlobalOptions options);
  ~Env();

  const GlobalOptions& options() const { return options_; }
  bool json() const { return options_.json; }
  const std::filesystem::path& db_path() const { return db_path_; }
  const std::filesystem::path& profile_path() const { return profile_path_; }

  /// Today (STRIDE_TODAY or the system clock in the system time zone).
  engine::Day today() const { return today_; }
  /// Resolves a date word (`tomorrow`, `mon`, `2026-11-26`), a weekday word
  /// looking the way the command looks; throws UsageError naming `option`
  /// when it is none.
  engine::Day parse_date(std::string_view option, std::string_view text, Looking looking) const;
  /// Distance and duration options (`16km`, `1h30m`); throw UsageError naming the option.
  double parse_distance_m(std::string_view option, std::string_view text) const;
  /// Also refuses what no one means: zero, over 48 h, `1:75:00`.
  double parse_duration_s(std::string_view option, std::string_view text) const;
  /// A run's distance: also refuses 0 and more than 400 km.
  double parse_run_distance_m(std::string_view option, std::string_view text) const;
  /// Refuses a run faster than 2:30 /km (a typo in the distance or the time).
  void check_run_pace(double distance_m, double duration_s) const;

  /// Display units: --units, else the profile's, else km.
  engine::Units units() const;
  /// The time zone for sources without their own offset: the profile's, else
  /// the system's, else UTC. Never null.
  const date::time_zone* time_zone() const;

  /// The profile: the file at profile_path() when it exists, else the defaults
  /// in the system time zone. Throws profile::ProfileError when it is invalid.
  const profile::Profile& profile() const;
  /// The system time zone's name (UTC when it cannot be found).
  static std::string system_time_zone();

  /// How a command uses the database: `read` opens it read-only (a 0444 file
  /// serves list, status, check, report); `write` needs it writable; `create`
  /// (init only) makes it and its folder.
  enum class Access { read, write, create };
  /// The history database. Throws CommandError "no database at PATH: run
  /// `stride init`" when it is missing (unless `create`), and a clear
  /// message when `write` meets a read-only file.
  store::Store& store(Access access = Access::read);

  /// A note on stderr, silenced by --quiet.
  void info(std::string_view message) const;
  /// A warning on stderr (always shown).
  void warn(std::string_view message) const;
  /// True when stderr is a terminal (progress lines, colour).
  bool stderr_is_terminal() const;
  bool stdout_is_terminal() const;

 private:
  GlobalOptions options_;
  std::filesystem::path db_path_;
  std::filesystem::path profile_path_;
  engine::Day today_{};
  std::unique_ptr<store::Store> store_;
  bool store_writable_ = false;
  mutable std::unique_ptr<profile::Profile> profile_;
};

/// Runs a chosen command and returns what to print.
using Runner = std::function<Rendered(Env&)>;

/// One entry of the command table: adds its CLI11 subcommand (options bound
/// to state the returned Runner owns).
struct CommandSpec {
  std::string_view name;
  Runner (*add)(CLI::App& app);
};

/// The explicit list of commands, in `--help` order (cli/commands.cpp).
std::span<const CommandSpec> commands();

/// Parses the line, runs the command, prints its Rendered; returns the exit code.
/// Throws UsageError, CommandError and environment errors for main() to map.
ExitCode run(int argc, char** argv);

}  // namespace stride::cli
