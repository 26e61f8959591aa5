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
#include <vector>

#include "cli/build_info.hpp"
#include "cli/dates.hpp"
#include "cli/errors.hpp"
#include "cli/manual.hpp"
#include "cli/render.hpp"
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

namespace {

// Values a person cannot have meant (PRODUCT.md, "Quantities are typed..."):
// past these, a typo is likelier than a record.
constexpr double kMaxRunM = 400'000;
constexpr double kMaxDurationS = 48 * 3600;
constexpr double kFastestPaceSPerKm = 150;  // 2:30 /km, faster than the 5 km world record

}  // namespace

Env::Env(GlobalOptions options) : options_(std::move(options)) {
  db_path_ = options_.db.empty() ? default_db_path() : std::filesystem::path(options_.db);
  profile_path_ = options_.profile.empty() ? db_path_.parent_path() / "profile.yaml"
                                           : std::filesystem::path(options_.profile);
  today_ = today_from_environment();
}

Env::~Env() = default;

engine::Day Env::parse_date(std::string_view option, std::string_view text, Looking looking) const {
  if (auto day = parse_date_word(text, today_, looking)) return *day;
  throw UsageError(
      fmt::format("{}: not a date: '{}' (use YYYY-MM-DD, today, tomorrow, yesterday or mon..sun)",
                  option, text));
}

double Env::parse_distance_m(std::string_view option, std::string_view text) const {
  if (auto m = engine::parse_distance_m(text, units())) return *m;
  throw UsageError(fmt::format("{}: not a distance: '{}' (e.g. 10km, 6.2mi, 800m)", option, text));
}

double Env::parse_duration_s(std::string_view option, std::string_view text) const {
  // h:mm:ss with 75 minutes is a typo, not 2:15:00.
  if (text.find(':') != std::string_view::npos) {
    std::vector<std::string_view> parts;
    for (std::size_t at = 0;;) {
      const std::size_t colon = text.find(':', at);
      parts.push_back(text.substr(at, colon == std::string_view::npos ? colon : colon - at));
      if (colon == std::string_view::npos) break;
      at = colon + 1;
    }
    for (std::size_t i = 1; i < parts.size(); ++i) {
      double v = 0;
      try {
        v = std::stod(std::string(parts[i]));
      } catch (const std::exception&) {
        break;  // not a number: the parser below says so
      }
      if (v >= 60)
        throw UsageError(fmt::format(
            "{}: '{}' has {} {} (minutes and seconds go up to 59; e.g. 1:15:00)", option, text,
            parts[i], parts.size() == 3 && i == 1 ? "minutes" : "seconds"));
    }
  }
  const auto s = engine::parse_duration_s(text);
  if (!s)
    throw UsageError(
        fmt::format("{}: not a duration: '{}' (e.g. 45min, 1h30m, 1:30:00)", option, text));
  if (*s <= 0) throw UsageError(fmt::format("{}: '{}' is no time at all", option, text));
  if (*s > kMaxDurationS)
    throw UsageError(fmt::format("{}: '{}' is {}, more than the 48 h a session can last", option,
                                 text, engine::format_hms(*s)));
  return *s;
}

double Env::parse_run_distance_m(std::string_view option, std::string_view text) const {
  const double m = parse_distance_m(option, text);
  if (m <= 0)
    throw UsageError(fmt::format("{}: '{}' is no distance: a run is more than 0 km", option, text));
  if (m > kMaxRunM)
    throw UsageError(fmt::format("{}: '{}' is {}, more than the {} a run can be", option, text,
                                 engine::format_distance(m, units()),
                                 engine::format_distance(kMaxRunM, units())));
  return m;
}

void Env::check_run_pace(double distance_m, double duration_s) const {
  if (distance_m <= 0 || duration_s <= 0) return;
  const double s_per_km = duration_s / (distance_m / 1000);
  if (s_per_km >= kFastestPaceSPerKm) return;
  const auto per_km = static_cast<long>(std::lround(s_per_km));
  throw UsageError(fmt::format(
      "{} in {} is {}:{:02} /km, faster than the 2:30 /km no runner holds: check the distance "
      "and the time",
      engine::format_distance(distance_m, units()), engine::format_hms(duration_s), per_km / 60,
      per_km % 60));
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
  } else if (!options_.profile.empty()) {
    // A profile named on the line is meant: its defaults would silently
    // change every threshold.
    throw CommandError(fmt::format("--profile: no such file: {}", profile_path_.string()));
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

store::Store& Env::store(Access access) {
  if (store_ && (access == Access::read || store_writable_)) return *store_;
  const bool exists = std::filesystem::exists(db_path_);
  if (!exists && access != Access::create)
    throw CommandError(fmt::format("no database at {}: run `stride init`", db_path_.string()));
  // A write on a file the user may not write would fail deep inside with
  // SQLite's "attempt to write a readonly database": say it up front.
  if (exists && access == Access::write && ::access(db_path_.c_str(), W_OK) != 0)
    throw CommandError(fmt::format(
        "{} is read-only: this command changes the database (make the file writable, or "
        "use read-only commands such as list, status, check and report)",
        db_path_.string()));
  if (!exists && db_path_.has_parent_path())
    std::filesystem::create_directories(db_path_.parent_path());
  // Zones live in the profile, surfaces in the database: bring them back in
  // step before any command reads them. The database is written only when
  // the zones' fingerprint changed since the last time. A broken profile
  // stops nothing here (the commands that need it report it in full), but
  // it is said, not swallowed: surfaces stay as they are until it is fixed.
  const profile::Profile* p = nullptr;
  try {
    p = &profile();
  } catch (const profile::ProfileError& e) {
    warn(
        fmt::format("stride: {}\nstride: surfaces are not re-derived from the zones until the "
                    "profile is fixed",
                    e.full_text()));
  }
  try {
    if (access == Access::read) {
      const bool writable = ::access(db_path_.c_str(), W_OK) == 0;
      std::optional<store::Store> opened;
      try {
        opened.emplace(store::Store::open_read_only(db_path_));
      } catch (const std::runtime_error&) {
        // An older schema: a writable file is upgraded below, as by any writer.
        if (!writable) throw;
      }
      if (opened) {
        // Assigned in place: a command may hold a reference from an earlier call.
        if (store_) {
          *store_ = std::move(*opened);
        } else {
          store_ = std::make_unique<store::Store>(std::move(*opened));
        }
        store_writable_ = false;
        const bool stale = p != nullptr && zones_changed(*store_, *p);
        // Re-deriving writes: a reader does it when it may, else leaves it to
        // the next command that writes.
        if (!stale) return *store_;
        if (!writable) {
          warn(
              "note: surface zones changed; surfaces are re-derived by the next command "
              "that writes (the database is read-only)");
          return *store_;
        }
      }
    }
    auto opened = store::Store::open(db_path_, access == Access::create);
    if (store_) {
      *store_ = std::move(opened);
    } else {
      store_ = std::make_unique<store::Store>(std::move(opened));
    }
    store_writable_ = true;
    // Tests stand in a full disk with a page limit (SQLite's max_page_count
    // is per connection, so only the process that writes can set it).
    if (const char* pages = std::getenv("STRIDE_TEST_MAX_PAGES"); pages != nullptr && *pages)
      store_->limit_pages(std::atoll(pages));
  } catch (const SQLite::Exception& e) {
    throw CommandError(fmt::format("cannot open database {}: {}", db_path_.string(), e.what()));
  } catch (const std::runtime_error& e) {
    throw CommandError(fmt::format("cannot open database: {}", e.what()));
  }
  if (p != nullptr) {
    const std::size_t n = rederive_surfaces_if_zones_changed(*store_, *p);
    if (n > 0)
      info(fmt::format("surfaces re-derived for {} (zones changed)",
                       plural(n, "activity", "activities")));
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
      "Dates: YYYY-MM-DD, today, tomorrow, yesterday, mon..sun: the last one (today\n"
      "included) for log, list, show, warnings, status, edit and pain; the next one for check,\n"
      "today --date and plan generate.\nSTRIDE_TODAY=YYYY-MM-DD overrides today (for scripts and "
      "tests).\n"
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
