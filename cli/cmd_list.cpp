// stride list: the history as a table (newest first), or a JSON array of
// activities; --weekly / --monthly for totals per period; --deleted for the bin.
#include <date/date.h>
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>

#include "cli/commands.hpp"
#include "cli/dates.hpp"
#include "cli/engine_view.hpp"
#include "cli/errors.hpp"
#include "cli/render.hpp"
#include "profile/profile.hpp"
#include "store/store.hpp"

namespace stride::cli {
namespace {

struct ListOptions {
  std::string since;
  std::string until;
  std::string sport;
  int limit = 0;
  bool reverse = false;
  bool weekly = false;
  bool monthly = false;
  bool deleted = false;
};

/// One week or month of the filtered history.
struct Period {
  engine::Day first{}, last{};
  std::string label;
  std::size_t activities = 0, runs = 0;
  double run_m = 0, run_s = 0, moving_s = 0;
};

struct ListResult {
  std::vector<engine::Activity> activities;  ///< in display order
  /// Session loads need the history around each activity, not only the listed ones.
  std::unordered_map<std::int64_t, engine::SessionLoad> loads;
  std::optional<std::vector<Period>> periods;  ///< --weekly / --monthly, in display order
  bool deleted = false;
  std::vector<std::string> binned_at;  ///< --deleted: when each went to the bin
};

std::vector<Period> totals(const std::vector<engine::Activity>& oldest_first, bool weekly) {
  std::vector<Period> out;
  for (const auto& a : oldest_first) {
    engine::Day first{}, last{};
    std::string label;
    if (weekly) {
      first = a.local_date - (date::weekday{a.local_date} - date::Monday);
      last = first + date::days{6};
      label = fmt::format("week of {}", format_day(first));
    } else {
      const date::year_month_day ymd{a.local_date};
      const auto ym = ymd.year() / ymd.month();
      first = engine::Day{ym / 1};
      last = engine::Day{ym / date::last};
      label = date::format("%Y-%m", first);
    }
    if (out.empty() || out.back().first != first) out.push_back({first, last, label});
    Period& p = out.back();
    ++p.activities;
    p.moving_s += a.moving_s;
    if (engine::is_run(a.sport)) {
      ++p.runs;
      p.run_m += a.distance_m;
      p.run_s += a.moving_s;
    }
  }
  return out;
}

ListResult run_list(Env& env, const ListOptions& o) {
  if (o.weekly && o.monthly) throw UsageError("list: give --weekly or --monthly, not both");
  if (o.limit < 0) throw UsageError("--limit: give a number of rows, 1 or more");
  store::Filter filter;
  filter.in_bin = o.deleted;
  if (!o.since.empty()) filter.since = env.parse_date("--since", o.since, Looking::back);
  if (!o.until.empty()) filter.until = env.parse_date("--until", o.until, Looking::back);
  if (o.sport == "run") {
    // A runner asking for runs means trail and treadmill runs too.
    filter.runs = true;
  } else if (!o.sport.empty()) {
    filter.sport = engine::parse_sport(o.sport);
    if (!filter.sport)
      throw UsageError(fmt::format(
          "--sport: unknown sport '{}' (run, trail_run, treadmill_run, walk, hike, ride, swim, "
          "row, elliptical, strength, other)",
          o.sport));
  }
  store::Store& store = env.store();
  ListResult r;
  r.deleted = o.deleted;
  r.activities = store.list(filter);  // oldest first
  if (o.weekly || o.monthly) {
    auto periods = totals(r.activities, o.weekly);
    std::reverse(periods.begin(), periods.end());
    if (o.limit > 0 && periods.size() > static_cast<std::size_t>(o.limit))
      periods.resize(static_cast<std::size_t>(o.limit));
    if (o.reverse) std::reverse(periods.begin(), periods.end());
    r.periods = std::move(periods);
    r.activities.clear();
    return r;
  }
  // Newest first: what a runner looks for is the last few runs. --limit keeps
  // the newest N; --reverse prints those oldest first.
  std::reverse(r.activities.begin(), r.activities.end());
  if (o.limit > 0 && r.activities.size() > static_cast<std::size_t>(o.limit))
    r.activities.resize(static_cast<std::size_t>(o.limit));
  if (o.reverse) std::reverse(r.activities.begin(), r.activities.end());
  if (o.deleted)
    for (const auto& a : r.activities) r.binned_at.push_back(store.deleted_at(a.id).value_or(""));
  else
    r.loads = session_loads_by_id(load_history(env), env.profile().settings);
  return r;
}

Rendered render_periods(const std::vector<Period>& periods, const Env& env) {
  Rendered out;
  out.json = nlohmann::json::array();
  const engine::Units units = env.units();
  Table table({"PERIOD", "ACTIVITIES", "RUNS", "RUN DISTANCE", "RUN TIME", "ALL TIME"},
              {false, true, true, true, true, true});
  for (const auto& p : periods) {
    out.json.push_back({{"first_date", format_day(p.first)},
                        {"last_date", format_day(p.last)},
                        {"activities", p.activities},
                        {"runs", p.runs},
                        {"run_distance_m", p.run_m},
                        {"run_moving_s", p.run_s},
                        {"moving_s", p.moving_s}});
    table.add({p.label, std::to_string(p.activities), std::to_string(p.runs),
               engine::format_distance(p.run_m, units), engine::format_duration(p.run_s),
               engine::format_duration(p.moving_s)});
  }
  out.text = periods.empty() ? "no activities\n" : table.str();
  return out;
}

Rendered render(const ListResult& r, const Env& env) {
  if (r.periods) return render_periods(*r.periods, env);
  Rendered out;
  out.json = nlohmann::json::array();
  std::vector<std::string> header = {"ID",   "DATE",    "SPORT", "DISTANCE", "TIME",
                                     "PACE", "SURFACE", "SHOE",  "NAME"};
  std::vector<bool> right = {true, false, false, true, true, true, false, false, false};
  if (r.deleted) {
    header.push_back("DELETED");
    right.push_back(false);
  }
  Table table(header, right);
  const engine::Units units = env.units();
  for (std::size_t i = 0; i < r.activities.size(); ++i) {
    const auto& a = r.activities[i];
    const auto load = r.loads.find(a.id);
    nlohmann::json j = activity_json(a, load == r.loads.end() ? nullptr : &load->second);
    if (r.deleted) j["deleted_at"] = r.binned_at[i];
    out.json.push_back(j);
    std::vector<std::string> row = {
        std::to_string(a.id),
        format_day(a.local_date),
        std::string(to_string(a.sport)),
        a.distance_m > 0 ? engine::format_distance(a.distance_m, units) : "",
        a.moving_s > 0 ? engine::format_duration(a.moving_s) : "",
        engine::is_run(a.sport) ? pace_text(a.distance_m, a.moving_s, units) : "",
        engine::is_run(a.sport) ? surface_text(a.surface_m, units) : "",
        a.shoe,
        a.name};
    if (r.deleted) row.push_back(r.binned_at[i]);
    table.add(std::move(row));
  }
  out.text = !r.activities.empty() ? table.str()
             : r.deleted           ? "the bin is empty\n"
                                   : "no activities\n";
  return out;
}

}  // namespace

Runner add_list(CLI::App& app) {
  auto o = std::make_shared<ListOptions>();
  auto* sub = app.add_subcommand("list", "List activities (newest first)");
  sub->add_option("--since", o->since, "First day (a date word; weekdays look back)");
  sub->add_option("--until", o->until, "Last day (a date word; weekdays look back)");
  sub->add_option("--sport", o->sport,
                  "Only this sport: run (every kind of run), trail_run, ride, ...");
  sub->add_option("--limit", o->limit, "Only the N most recent rows");
  sub->add_flag("--reverse", o->reverse, "Oldest first");
  sub->add_flag("--weekly", o->weekly, "Totals per week (Monday to Sunday)");
  sub->add_flag("--monthly", o->monthly, "Totals per calendar month");
  sub->add_flag("--deleted", o->deleted, "The bin: deleted activities (stride undelete ID)");
  return [o](Env& env) { return render(run_list(env, *o), env); };
}

}  // namespace stride::cli
