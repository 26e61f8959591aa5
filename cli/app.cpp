#include "cli/app.hpp"

#include <SQLiteCpp/Exception.h>
#include <date/tz.h>
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "cli/build_info.hpp"
#include "cli/dates.hpp"
#include "cli/errors.hpp"
#include "cli/manual.hpp"
#include "cli/surfaces.hpp"
#include "profile/profile.hpp"
#include "profile/time_zone.hpp"
#include "store/store.hpp"

namespace stride::cli {

std::filesystem::path default_db_path() {
  if (const char* db = std::getenv("STRIDE_DB"); db != nullptr && *db != '\0') return db;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0')
    return std::filesystem::path(xdg) / "stride" / "stride.db";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
    return std::filesystem::path(home) / ".local" / "share" / "stride" / "stride.db";
  throw CommandError("cannot find a place for the database: set --db, STRIDE_DB or HOME");
}

Env::Env(GlobalOptions options) : options_(std::move(options)) {
  db_path_ = options_.db.empty() ? default_db_path() : std::filesystem::path(options_.db);
  profile_path_ = options_.profile.empty() ? db_path_.parent_path() / "profile.yaml"
                                           : std::filesystem::path(options_.profile);
  today_ = today_from_environment();
}

Env::~Env() = default;

engine::Day Env::parse_date(std::string_view option, std::string_view text) const {
  if (auto day = parse_date_word(text, today_)) return *day;
  throw UsageError(
      fmt::format("{}: not a date: '{}' (use YYYY-MM-DD, today, tomorrow, yesterday or mon..sun)",
                  option, text));
}

double Env::parse_distance_m(std::string_view option, std::string_view text) const {
  if (auto m = engine::parse_distance_m(text, units())) return *m;
  throw UsageError(fmt::format("{}: not a distance: '{}' (e.g. 10km, 6.2mi, 800m)", option, text));
}

double Env::parse_duration_s(std::string_view option, std::string_view text) const {
  if (auto s = engine::parse_duration_s(text)) return *s;
  throw UsageError(
      fmt::format("{}: not a duration: '{}' (e.g. 45min, 1h30m, 1:30:00)", option, text));
}

engine::Units Env::units() const {
  if (!options_.units.empty()) {
    if (auto u = engine::parse_units(options_.units)) return *u;
    throw UsageError(fmt::format("--units: '{}' is not km or mi", options_.units));
  }
  return profile().units;
}

std::string Env::system_time_zone() { return profile::system_time_zone(); }

const profile::Profile& Env::profile() const {
  if (profile_) return *profile_;
  std::error_code ec;
  if (std::filesystem::exists(profile_path_, ec)) {
    std::ifstream in(profile_path_, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) throw CommandError(fmt::format("cannot read {}", profile_path_.string()));
    profile_ = std::make_unique<profile::Profile>(
        profile::load_profile(text.str(), profile_path_.string(), system_time_zone()));
    for (const auto& w : profile_->warnings)
      warn(fmt::format("warning: {}: {}", profile_path_.string(), w));
  } else {
    profile_ = std::make_unique<profile::Profile>(profile::default_profile(system_time_zone()));
  }
  // --units decides every distance the engine writes too (reasons, advice).
  if (auto u = engine::parse_units(options_.units)) profile_->settings.units = *u;
  return *profile_;
}

const date::time_zone* Env::time_zone() const {
  // The profile loader has checked the name already.
  return date::locate_zone(profile().time_zone);
}

store::Store& Env::store(bool create) {
  if (store_) return *store_;
  const bool exists = std::filesystem::exists(db_path_);
  if (!exists && !create)
    throw CommandError(fmt::format("no database at {} (run `stride init` first, or give --db)",
                                   db_path_.string()));
  if (!exists && db_path_.has_parent_path())
    std::filesystem::create_directories(db_path_.parent_path());
  try {
    store_ = std::make_unique<store::Store>(store::Store::open(db_path_, create));
  } catch (const SQLite::Exception& e) {
    throw CommandError(fmt::format("cannot open database {}: {}", db_path_.string(), e.what()));
  }
  // Zones live in the profile, surfaces in the database: bring them back in
  // step before any command reads them. A broken profile is left to the
  // commands that need it to report.
  const profile::Profile* p = nullptr;
  try {
    p = &profile();
  } catch (const profile::ProfileError&) {
  }
  if (p != nullptr) {
    const std::size_t n = rederive_surfaces_if_zones_changed(*store_, *p);
    if (n > 0) info(fmt::format("surfaces re-derived for {} activities (zones changed)", n));
  }
  return *store_;
}

void Env::info(std::string_view message) const {
  if (!options_.quiet) std::cerr << message << '\n';
}

void Env::warn(std::string_view message) const { std::cerr << message << '\n'; }

bool Env::stderr_is_terminal() const { return ::isatty(STDERR_FILENO) == 1; }
bool Env::stdout_is_terminal() const { return ::isatty(STDOUT_FILENO) == 1; }

namespace {

void print(const Rendered& rendered, const GlobalOptions& options) {
  for (const auto& line : rendered.errors) std::cerr << "stride: " << line << '\n';
  if (!options.quiet)
    for (const auto& line : rendered.notes) std::cerr << line << '\n';
  std::cerr.flush();
  if (options.json) {
    std::cout << rendered.json.dump(2) << '\n';
  } else if (!rendered.text.empty()) {
    std::cout << rendered.text;
    if (rendered.text.back() != '\n') std::cout << '\n';
  }
  std::cout.flush();
}

/// The first word that is neither an option, a global option's value nor a
/// command, when no command came before it.
std::optional<std::string> unknown_command(
    int argc, char** argv, const std::vector<std::pair<CLI::App*, Runner>>& runners) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--db" || arg == "--profile" || arg == "--units") {
      ++i;  // its value
      continue;
    }
    if (arg.empty() || arg.front() == '-') continue;
    for (const auto& [sub, runner] : runners)
      if (sub->check_name(std::string(arg))) return std::nullopt;
    return std::string(arg);
  }
  return std::nullopt;
}

}  // namespace

ExitCode run(int argc, char** argv) {
  CLI::App app{
      "stride: a training-load engine for runners. It warns before a run that "
      "would be a dangerous jump.",
      "stride"};
  app.set_version_flag("--version",
                       fmt::format("stride {} (commit {})", build_version(), build_commit()));
  app.require_subcommand(1);
  // Global options may also come after the command name (`stride list --json`).
  app.fallthrough();
  GlobalOptions options;
  app.add_option("--db", options.db,
                 "The history database (default: $STRIDE_DB, else "
                 "$XDG_DATA_HOME/stride/stride.db, else ~/.local/share/stride/stride.db)");
  app.add_option("--profile", options.profile,
                 "The profile (default: profile.yaml beside the database)");
  app.add_flag("--json", options.json, "Print one JSON document on stdout");
  app.add_option("--units", options.units, "Units for display and unit-less numbers")
      ->check(CLI::IsMember({"km", "mi"}));
  app.add_flag("-q,--quiet", options.quiet, "Fewer messages on stderr");
  app.footer(
      "Dates: YYYY-MM-DD, today, tomorrow, yesterday, mon..sun (the next one, today "
      "included).\nSTRIDE_TODAY=YYYY-MM-DD overrides today (for scripts and tests).\n"
      "Exit codes: 0 ok, 1 failure, 2 usage error, 3 caution, 4 danger.");

  std::vector<std::pair<CLI::App*, Runner>> runners;
  for (const CommandSpec& spec : commands()) {
    Runner runner = spec.add(app);
    runners.emplace_back(app.get_subcommand(std::string(spec.name)), std::move(runner));
  }

  // Hidden: the build writes the man page and completions from this tree.
  if (argc > 1 && std::string_view(argv[1]) == "__generate")
    return static_cast<ExitCode>(generate(app, argc, argv));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 calls a mistyped command "A subcommand is required": name it instead.
    if (auto word = unknown_command(argc, argv, runners)) {
      std::cerr << "stride: unknown command '" << *word << "'\nRun with --help for the commands.\n";
      return ExitCode::usage;
    }
    // Help and version print on stdout and exit 0; anything else is a usage error.
    const int code = app.exit(e);
    return code == 0 ? ExitCode::ok : ExitCode::usage;
  }

  Env env(options);
  for (auto& [sub, runner] : runners) {
    if (sub->parsed()) {
      const Rendered rendered = runner(env);
      print(rendered, options);
      return rendered.exit;
    }
  }
  throw UsageError("no command given (see stride --help)");
}

}  // namespace stride::cli
