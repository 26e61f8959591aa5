// stride status: the load dashboard for one day and the warnings open on it.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>

#include "cli/commands.hpp"
#include "cli/dates.hpp"
#include "cli/engine_view.hpp"
#include "cli/render.hpp"
#include "engine/figures.hpp"
#include "engine/paces.hpp"
#include "profile/profile.hpp"

namespace stride::cli {
namespace {

struct StatusResult {
  engine::Day date{};
  engine::Figures figures;
  engine::Morning morning;
  std::vector<engine::Warning> warnings;  ///< alarms
  std::vector<engine::Warning> context;   ///< context notes
  bool has_history = false;
  std::optional<engine::TrainingPaces> paces;
  engine::LoadSourceCounts sources;  ///< the last 28 days' sessions
  std::optional<engine::ComebackWindow> comeback;
  double comeback_week_m = 0;
  std::vector<engine::PainEpisode> closed_today;  ///< mild episodes that closed by time today
  engine::Settings settings;
};

constexpr engine::PaceKind kPaceKinds[] = {engine::PaceKind::recovery, engine::PaceKind::easy,
                                           engine::PaceKind::long_run, engine::PaceKind::marathon,
                                           engine::PaceKind::tempo,    engine::PaceKind::intervals};
constexpr engine::LoadSource kEstimatedSources[] = {
    engine::LoadSource::kind, engine::LoadSource::hr, engine::LoadSource::pace,
    engine::LoadSource::sport_default};

StatusResult run_status(Env& env, const std::string& date_word) {
  StatusResult r;
  const engine::Day today = env.today();
  r.date = date_word.empty() ? today : env.parse_date("--date", date_word, Looking::back);
  const profile::Profile& profile = env.profile();
  const engine::History history = load_history(env);
  r.has_history = !history.activities.empty();
  // The run rules for the day itself (quiet unless it had a run), then what
  // status shows for any day; one warning per rule.
  engine::Evaluation ev = engine::evaluate(history, r.date, profile.settings);
  r.figures = ev.figures;
  r.warnings = ev.warnings;
  r.context = ev.context;
  r.settings = profile.settings;
  r.comeback = ev.comeback;
  if (r.comeback) r.comeback_week_m = engine::window_week_m(*r.comeback, history, r.date);
  for (auto& e : engine::pain_episodes(history.pain_notes, r.date, profile.settings))
    if (e.expired_on == r.date) r.closed_today.push_back(std::move(e));
  // The morning (LOAD-SCIENCE.md "Today before its run"): today without a run
  // yet is not a rest day; say what a run today would make the streak.
  r.morning = engine::morning(history, r.date, profile.settings);
  if (r.date >= today && !r.morning.ran) {
    r.figures.consecutive_run_days = r.morning.run_days_in_row;
    r.figures.days_since_rest = r.morning.days_since_rest;
    for (auto& w : engine::morning_warnings(history, r.date, profile.settings))
      r.warnings.push_back(std::move(w));
  } else {  // a day with its run logged, or a day that is over
    r.morning.run_days_in_row = r.morning.run_days_if_run = r.figures.consecutive_run_days;
    r.morning.days_since_rest = r.morning.days_since_rest_if_run = r.figures.days_since_rest;
  }
  // A rule the day's evaluation already judged is not added again; status
  // gives one warning per open pain episode, so compare with the evaluation
  // only, not with what this loop adds.
  const std::vector<engine::Warning> judged_alarms = r.warnings, judged_context = r.context;
  for (auto& w : engine::status_warnings(history, r.date, profile.settings)) {
    const bool context = engine::is_context(w);
    const auto& judged = context ? judged_context : judged_alarms;
    if (std::none_of(judged.begin(), judged.end(),
                     [&](const engine::Warning& x) { return x.rule == w.rule; }))
      (context ? r.context : r.warnings).push_back(std::move(w));
  }
  engine::sort_warnings(r.warnings);
  engine::sort_warnings(r.context);
  r.paces = engine::training_paces(history, r.date);
  r.sources = engine::load_source_counts(history, r.date, profile.settings);
  return r;
}

std::string ratio(const std::optional<double>& v) { return v ? fmt::format("{:.2f}", *v) : "-"; }

Rendered render(const StatusResult& r, const Env& env) {
  const engine::Units u = env.units();
  const engine::Settings& settings = env.profile().settings;
  const auto& f = r.figures;
  Rendered out;
  nlohmann::json figures = figures_json(engine::named_figures(f));
  const bool morning = r.morning.run_days_if_run != r.morning.run_days_in_row ||
                       r.morning.days_since_rest_if_run != r.morning.days_since_rest;
  figures["consecutive_run_days_if_run_today"] = r.morning.run_days_if_run;
  figures["days_since_rest_if_run_today"] = r.morning.days_since_rest_if_run;
  out.json = {{"date", format_day(r.date)},
              {"morning", morning},
              {"figures", figures},
              {"warnings", warnings_json(r.warnings)},
              {"context", warnings_json(r.context)}};
  nlohmann::json sources = {{"sessions", r.sources.sessions},
                            {"estimated", r.sources.estimated()},
                            {"rpe", r.sources.rpe}};
  for (auto s : kEstimatedSources) sources[std::string(engine::to_string(s))] = r.sources.count(s);
  out.json["load_sources_28d"] = sources;
  if (r.paces) {
    const auto& p = *r.paces;
    nlohmann::json bands = nlohmann::json::object();
    for (auto k : kPaceKinds) {
      const auto b = p.band(k);
      bands[std::string(engine::to_string(k))] = {{"fast_s_per_km", b.fast_s_per_km},
                                                  {"slow_s_per_km", b.slow_s_per_km},
                                                  {"text", engine::format_pace_band(b, u)}};
    }
    out.json["paces"] = {{"vdot", p.vdot},
                         {"source",
                          {{"activity_id", p.source.activity_id},
                           {"date", format_day(p.source.date)},
                           {"distance_m", p.source.distance_m},
                           {"moving_s", p.source.moving_s}}},
                         {"bands", bands}};
  } else {
    out.json["paces"] = nullptr;
  }
  Table t({"", "7 DAYS", "28 DAYS"}, {false, true, true});
  t.add({"running distance", engine::format_distance(f.distance_7d_m, u),
         engine::format_distance(f.distance_28d_m, u)});
  t.add({"running time", engine::format_duration(f.time_7d_s),
         engine::format_duration(f.time_28d_s)});
  t.add({"session load", fmt::format("{:.0f}", f.load_7d), fmt::format("{:.0f}", f.load_28d)});
  t.add({"hard surface", engine::format_distance(f.hard_7d_m, u),
         engine::format_distance(f.hard_28d_m, u)});
  std::string text = fmt::format("Status on {}\n", date::format("%a %F", r.date));
  text += t.str();
  Table c({"", ""}, {false, true});
  c.add({"acute:chronic (distance)", ratio(f.acwr_distance)});
  c.add({"acute:chronic (time)", ratio(f.acwr_time)});
  c.add({"acute:chronic (EWMA load)", ratio(f.acwr_ewma)});
  c.add({"week on week",
         f.week_change_pct ? fmt::format("{:+.0f} %", *f.week_change_pct) : std::string("-")});
  c.add({"longest run in 30 days",
         f.longest_30d_m > 0
             ? engine::format_distance(f.longest_30d_m, u) +
                   (f.longest_30d_date ? " (" + format_day(*f.longest_30d_date) + ")" : "")
             : "-"});
  c.add({"rest days in 7", std::to_string(f.rest_days_7d)});
  c.add({"run days in a row",
         morning ? fmt::format("{} (a run today is the {})", f.consecutive_run_days,
                               ordinal(r.morning.run_days_if_run))
                 : std::to_string(f.consecutive_run_days)});
  c.add({"days since rest", morning ? fmt::format("{} (a run today makes {})", f.days_since_rest,
                                                  r.morning.days_since_rest_if_run)
                                    : std::to_string(f.days_since_rest)});
  c.add({"hard-surface share, 28 days",
         f.hard_share_28d ? engine::format_share(*f.hard_share_28d, {settings.hard_share_info})
                          : "-"});
  c.add(
      {"monotony",
       f.monotony_constant
           ? "every day the same"
           : (f.monotony ? engine::format_beside(*f.monotony, {settings.monotony_info}, 2) : "-")});
  c.add({"fitness / fatigue / form",
         fmt::format("{:.0f} / {:.0f} / {:+.0f}", f.fitness, f.fatigue, f.form)});
  c.add({"easy / hard running, 7 days",
         f.easy_share_7d
             ? fmt::format("{} / {} ({:.0f} % easy)", engine::format_duration(f.run_easy_7d_s),
                           engine::format_duration(f.run_hard_7d_s), *f.easy_share_7d * 100)
             : std::string("-")});
  text += "\n" + c.str().substr(c.str().find('\n') + 1);  // no header row
  if (r.sources.sessions > 0) {
    std::string from;
    for (auto s : kEstimatedSources) {
      if (r.sources.count(s) == 0) continue;
      from += fmt::format("{}{} {}", from.empty() ? "" : ", ", load_source_words(s),
                          r.sources.count(s));
    }
    text +=
        fmt::format("Session load, 28 days: RPE logged for {} of {} sessions{}\n", r.sources.rpe,
                    r.sources.sessions, from.empty() ? "" : "; estimated from " + from);
  }
  if (r.paces) {
    const auto& p = *r.paces;
    text += fmt::format("\nTraining paces: VDOT {:.1f}, from {} in {} on {}\n", p.vdot,
                        engine::format_distance(p.source.distance_m, u),
                        engine::format_hms(p.source.moving_s), format_day(p.source.date));
    Table pt({"", ""}, {false, false});
    for (auto k : kPaceKinds)
      pt.add({std::string(engine::to_string(k)), engine::format_pace_band(p.band(k), u)});
    text += pt.str().substr(pt.str().find('\n') + 1);
  } else {
    text +=
        "\nTraining paces: no run of 3-21.1 km in the last 90 days; run easy runs by feel "
        "(conversational)\n";
  }
  if (r.comeback) {
    const auto& w = *r.comeback;
    // LOAD-SCIENCE.md: "comeback week 2 of up to 8: allowance 18 km, 11 km in the last 7 days".
    text += fmt::format("\ncomeback week {} of up to {}: allowance {}, {} in the last 7 days\n",
                        w.week_of(r.date), w.max_weeks,
                        engine::format_distance(w.allowance_m(r.date), u),
                        engine::format_distance(r.comeback_week_m, u));
    text += fmt::format(
        "  (after {} {}; the window closes when 7 days reach your pre-break "
        "week of {}, at the latest on {})\n",
        w.break_days, w.after_red_flag ? "days counted from the red flag" : "days without running",
        engine::format_distance(w.pre_break_week_m, u), format_day(w.end));
    out.json["comeback"] = {{"week", w.week_of(r.date)},
                            {"max_weeks", w.max_weeks},
                            {"allowance_m", w.allowance_m(r.date)},
                            {"week_m", r.comeback_week_m},
                            {"pre_break_week_m", w.pre_break_week_m},
                            {"break_days", w.break_days},
                            {"kind", std::string(engine::to_string(w.kind))},
                            {"start_date", format_day(w.start)},
                            {"last_date", format_day(w.end)},
                            {"after_red_flag", w.after_red_flag}};
  }
  for (const auto& e : r.closed_today)
    text += fmt::format("\n{} pain episode closed today: 14 days without a new note since {}.\n",
                        engine::to_string(e.site), format_day(e.latest_date));
  const bool colour = want_colour(env);
  if (r.warnings.empty()) {
    text += "\nNo open warnings.\n";
  } else {
    text += "\n";
    for (const auto& w : r.warnings) text += warning_text(w, colour);
  }
  if (!r.context.empty()) {
    text += "\nContext:\n";
    for (const auto& w : r.context) text += warning_text(w, colour, false);
  }
  if (!r.has_history) out.notes.push_back("note: no activities yet (stride import PATH...)");
  out.text = text;
  return out;
}

}  // namespace

Runner add_status(CLI::App& app) {
  auto date_word = std::make_shared<std::string>();
  auto* sub = app.add_subcommand("status", "The load dashboard for a day");
  sub->add_option("--date", *date_word, "The day (default: today)");
  return [date_word](Env& env) { return render(run_status(env, *date_word), env); };
}

}  // namespace stride::cli
