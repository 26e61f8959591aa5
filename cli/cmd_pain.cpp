// stride pain [list] | resolve SITE [--date D] | edit ID | delete ID: the pain
// notes and the episodes they make (engine/pain.hpp).
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/dates.hpp"
#include "cli/engine_view.hpp"
#include "cli/errors.hpp"
#include "cli/options.hpp"
#include "cli/pain_view.hpp"
#include "cli/render.hpp"
#include "profile/profile.hpp"
#include "store/store.hpp"

namespace stride::cli {
namespace {

struct PainOptions {
  std::string site, date;             // resolve
  std::int64_t id = 0;                // edit, delete
  std::string level, new_site, note;  // edit
  std::vector<std::string> flags;     // edit
  bool no_flags = false, during_run = false, not_during_run = false;
  bool changes_gait = false, no_gait_change = false;
  bool note_given = false;
};

Rendered list(Env& env) {
  const engine::Settings& settings = env.profile().settings;
  const auto notes = env.store().pain_notes();
  const engine::Day today = env.today();
  const auto open = engine::open_pain_episodes(notes, today, settings);
  Rendered out;
  nlohmann::json episodes = nlohmann::json::array();
  nlohmann::json jnotes = nlohmann::json::array();
  for (const auto& e : open) episodes.push_back(episode_json(e, settings));
  for (const auto& n : notes) jnotes.push_back(pain_note_json(n));
  out.json = {{"date", format_day(today)}, {"open_episodes", episodes}, {"notes", jnotes}};

  std::string t;
  if (open.empty()) {
    t += fmt::format("No open pain episode on {}.\n", format_day(today));
  } else {
    t += fmt::format("Open pain episodes on {}:\n", format_day(today));
    for (const auto& e : open) t += "  " + episode_text(e, settings) + "\n";
  }
  // Episodes that closed by time today: said on the day (LOAD-SCIENCE.md).
  for (const auto& e : engine::pain_episodes(notes, today, settings))
    if (e.expired_on == today)
      t += fmt::format("  {} closed today: 14 days without a new note since {}.\n",
                       engine::to_string(e.site), format_day(e.latest_date));
  if (notes.empty()) {
    t += "\nNo pain notes (stride log pain --site SITE --level 0-10).\n";
  } else {
    Table table({"ID", "DATE", "SITE", "LEVEL", "DURING RUN", "GAIT", "FLAGS", "NOTE"},
                {true, false, false, true, false, false, false, false});
    for (auto it = notes.rbegin(); it != notes.rend(); ++it) {
      std::string flags;
      for (auto f : it->flags)
        flags += (flags.empty() ? "" : ",") + std::string(engine::to_string(f));
      table.add({std::to_string(it->id), format_day(it->date),
                 std::string(engine::to_string(it->site)), std::to_string(it->level),
                 it->during_run ? "yes" : "", it->changes_gait ? "yes" : "", flags, it->note});
    }
    t += "\nNotes, newest first:\n" + table.str();
  }
  out.text = t;
  return out;
}

Rendered resolve(Env& env, const PainOptions& o) {
  const engine::PainSite site = parse_site("SITE", o.site);
  const engine::Day day = pain_day(env, "--date", o.date);
  store::Store& store = env.store(Env::Access::write);
  const auto notes = store.pain_notes();
  std::optional<engine::Day> latest;
  for (const auto& n : notes)
    if (n.site == site && (!latest || n.date > *latest)) latest = n.date;
  if (latest && day < *latest)
    throw UsageError(
        fmt::format("pain resolve: {} is before the latest {} note ({}): a resolve "
                    "closes the episode after its notes",
                    format_day(day), engine::to_string(site), format_day(*latest)));
  const engine::Settings& settings = env.profile().settings;
  std::optional<engine::PainEpisode> episode;
  for (auto& e : engine::open_pain_episodes(notes, day, settings))
    if (e.site == site) episode = std::move(e);
  Rendered out;
  if (!episode) {
    out.json = {{"resolved", false},
                {"site", std::string(engine::to_string(site))},
                {"date", format_day(day)}};
    out.text = fmt::format("No open {} episode on {}: nothing written.\n", engine::to_string(site),
                           format_day(day));
    return out;
  }
  engine::PainNote zero;
  zero.date = day;
  zero.site = site;
  zero.level = 0;
  zero.note = "resolved";
  zero.id = store.add_pain(zero);
  out.json = {{"resolved", true},
              {"site", std::string(engine::to_string(site))},
              {"date", format_day(day)},
              {"note", pain_note_json(zero)},
              {"episode", episode_json(*episode, settings)}};
  out.text = fmt::format(
      "Resolved {}: logged pain #{} level 0 on {}; the episode since {} is "
      "closed.\n",
      engine::to_string(site), zero.id, format_day(day), format_day(episode->first_date));
  if (episode->red_flag) {
    out.text += episode->bone()
                    ? "After a bone-site red flag, start with brisk walking (30 min on 3 days, "
                      "pain-free each time), then walk-run on alternate days, then the comeback "
                      "ramp: your next run opens a comeback window.\n"
                    : "Your next run opens a comeback window: start short and build back by the "
                      "ramp (stride status shows it).\n";
  }
  return out;
}

engine::PainNote existing(store::Store& store, std::int64_t id) {
  auto n = store.pain_note(id);
  if (!n) throw CommandError(fmt::format("no pain note #{} (stride pain list shows them)", id));
  return *n;
}

Rendered edit(Env& env, const PainOptions& o) {
  store::Store& store = env.store(Env::Access::write);
  engine::PainNote n = existing(store, o.id);
  if (!o.level.empty()) n.level = parse_rpe("--level", o.level);
  if (!o.new_site.empty()) n.site = parse_site("--site", o.new_site);
  if (!o.date.empty()) n.date = pain_day(env, "--date", o.date);
  if (o.no_flags && !o.flags.empty()) throw UsageError("pain edit: --flag and --no-flags together");
  if (o.no_flags) n.flags.clear();
  if (!o.flags.empty()) n.flags = parse_flags(o.flags);
  if (o.during_run && o.not_during_run)
    throw UsageError("pain edit: --during-run and --not-during-run together");
  if (o.during_run) n.during_run = true;
  if (o.not_during_run) n.during_run = false;
  if (o.changes_gait && o.no_gait_change)
    throw UsageError("pain edit: --changes-gait and --no-gait-change together");
  if (o.changes_gait) n.changes_gait = true;
  if (o.no_gait_change) n.changes_gait = false;
  if (o.note_given) n.note = o.note;
  store.update_pain(n);
  Rendered out;
  out.json = {{"pain", pain_note_json(n)}};
  out.text = fmt::format("edited pain #{}: {} {} level {}\n", n.id, format_day(n.date),
                         engine::to_string(n.site), n.level);
  return out;
}

Rendered remove(Env& env, const PainOptions& o) {
  store::Store& store = env.store(Env::Access::write);
  const engine::PainNote n = existing(store, o.id);
  store.delete_pain(n.id);
  Rendered out;
  out.json = {{"deleted", pain_note_json(n)}};
  out.text = fmt::format("deleted pain #{}: {} {} level {}{}\n", n.id, format_day(n.date),
                         engine::to_string(n.site), n.level,
                         n.note.empty() ? "" : fmt::format(" ({})", n.note));
  return out;
}

}  // namespace

Runner add_pain(CLI::App& app) {
  auto o = std::make_shared<PainOptions>();
  auto* pain =
      app.add_subcommand("pain", "Pain notes and open pain episodes: list, resolve, edit, delete");
  auto* ls = pain->add_subcommand("list", "The pain notes and the open episodes (the default)");
  auto* res = pain->add_subcommand("resolve", "Log the 0 that closes a site's open episode");
  res->add_option("SITE", o->site, "The site (knee-front, shin-inner, ...)")->required();
  res->add_option("--date", o->date, "The day it was gone (default: today)");
  auto* ed = pain->add_subcommand("edit", "Correct a pain note");
  ed->add_option("ID", o->id, "The note's id (stride pain list)")->required();
  ed->add_option("--level", o->level, "0 (none) to 10");
  ed->add_option("--site", o->new_site, "The site");
  ed->add_option("--date", o->date, "The day");
  ed->add_option("--flag", o->flags, "Medical flags (repeat; replaces the note's flags)");
  ed->add_flag("--no-flags", o->no_flags, "Clear the note's medical flags");
  ed->add_flag("--during-run", o->during_run, "It hurt while running");
  ed->add_flag("--not-during-run", o->not_during_run, "It did not hurt while running");
  ed->add_flag("--changes-gait", o->changes_gait, "It changes how you run");
  ed->add_flag("--no-gait-change", o->no_gait_change, "It does not change how you run");
  auto* note = ed->add_option("--note", o->note, "Free text");
  auto* del = pain->add_subcommand("delete", "Delete a pain note");
  del->add_option("ID", o->id, "The note's id (stride pain list)")->required();
  return [o, ls, res, ed, note, del](Env& env) {
    o->note_given = note->count() > 0;
    if (res->parsed()) return resolve(env, *o);
    if (ed->parsed()) return edit(env, *o);
    if (del->parsed()) return remove(env, *o);
    (void)ls;
    return list(env);
  };
}

}  // namespace stride::cli
