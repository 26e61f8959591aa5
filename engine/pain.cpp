#include "engine/pain.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "engine/datetime.hpp"

namespace stride::engine {
namespace {

std::string iso(Day day) { return format_day(day); }

bool counts(const PainNote& n, Day day, PainCounting counting) {
  if (n.date > day) return false;
  if (n.date == day && n.during_run && counting == PainCounting::during_run_from_next_day)
    return false;
  return true;
}

void add_reason(PainEpisode& e, const std::string& reason, const PainNote& note) {
  if (std::find(e.reasons.begin(), e.reasons.end(), reason) != e.reasons.end()) return;
  if (!e.red_flag) e.cause = note;
  e.red_flag = true;
  e.reasons.push_back(reason);
}

/// The episode as of the end of day `d`: a mild episode may close by time, a
/// long one may become persisting, whichever comes first.
void advance(PainEpisode& e, Day d, const Settings& s) {
  if (!e.open()) return;
  std::optional<Day> close = e.closes_on(s);
  std::optional<Day> persist;
  if (e.latest_level >= 3 && !e.red_flag)
    persist = e.first_date + date::days{s.pain_persisting_days + 1};
  if (close && *close <= d && (!persist || *close <= *persist)) {
    e.expired_on = *close;
  } else if (persist && *persist <= d) {
    add_reason(e, "persisting", e.notes.back());
  }
}

void add_note(PainEpisode& e, const PainNote& n, const Settings& s) {
  if (e.notes.empty()) e.first_date = n.date;
  e.notes.push_back(n);
  e.latest_date = n.date;
  e.latest_level = n.level;
  e.peak_level = std::max(e.peak_level, n.level);
  e.changes_gait = e.changes_gait || n.changes_gait;
  if (n.level >= s.pain_red_flag_level) add_reason(e, "level", n);
  if (n.changes_gait) add_reason(e, "gait", n);
  if (is_bone_site(n.site) && n.level >= s.pain_bone_red_flag_level) add_reason(e, "bone", n);
  const auto k = e.notes.size();
  if (k >= 3 && e.notes[k - 3].level < e.notes[k - 2].level &&
      e.notes[k - 2].level < e.notes[k - 1].level && n.level >= 3)
    add_reason(e, "rising", n);
  for (MedicalFlag f : n.flags) {
    // The first medical flag decides the advice, so its note is the one cited.
    if (!e.medical) e.cause = n;
    e.medical = true;
    add_reason(e, std::string(to_string(f)), n);
  }
  if (!e.red_flag) e.cause = n;
}

std::string site_words(PainSite site) {
  switch (site) {
    case PainSite::knee_front:
      return "front of the knee";
    case PainSite::knee_below:
      return "below the kneecap";
    case PainSite::knee_outer:
      return "outer knee";
    case PainSite::hip_outer:
      return "outer hip";
    case PainSite::hip_front:
      return "groin or front of the hip";
    case PainSite::shin_inner:
      return "inner shin";
    case PainSite::shin_outer:
      return "outer shin";
    case PainSite::calf:
      return "calf";
    case PainSite::ankle:
      return "ankle";
    case PainSite::foot:
      return "foot";
    case PainSite::back:
      return "back";
    case PainSite::other:
      return "this site";
  }
  return "this site";
}

std::string why_red(const std::string& reason, const PainEpisode& e, Day day, const Settings& s) {
  if (reason == "level") return fmt::format("{}/10 or more", s.pain_red_flag_level);
  if (reason == "gait") return "it changed how you run";
  if (reason == "bone")
    return fmt::format("{}/10 or more at a bone site", s.pain_bone_red_flag_level);
  if (reason == "rising") return "rising over the last 3 notes";
  if (reason == "persisting")
    return fmt::format("open {} days and still 3/10 or more", (day - e.first_date).count());
  return fmt::format("medical flag {}", reason);
}

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    out += i == 0 ? "" : i + 1 == words.size() ? " and " : ", ";
    out += words[i];
  }
  return out;
}

}  // namespace

bool is_bone_site(PainSite site) {
  return site == PainSite::shin_inner || site == PainSite::shin_outer || site == PainSite::ankle ||
         site == PainSite::foot || site == PainSite::hip_front;
}

std::string_view to_string(PainBand band) {
  switch (band) {
    case PainBand::mild:
      return "mild";
    case PainBand::moderate:
      return "moderate";
    case PainBand::red_flag:
      return "red-flag";
  }
  return "?";
}

PainBand PainEpisode::band(const Settings& s) const {
  if (red_flag) return PainBand::red_flag;
  if (latest_level >= s.pain_moderate_level) return PainBand::moderate;
  return PainBand::mild;
}

bool PainEpisode::can_expire(const Settings& s) const {
  return !red_flag && !bone() && peak_level < s.pain_moderate_level;
}

std::optional<Day> PainEpisode::closes_on(const Settings& s) const {
  if (!open() || !can_expire(s) || notes.empty()) return std::nullopt;
  return latest_date + date::days{s.pain_mild_close_days};
}

Severity PainEpisode::run_severity(const Settings& s) const {
  return band(s) == PainBand::mild ? Severity::caution : Severity::danger;
}

std::vector<PainEpisode> pain_episodes(const std::vector<PainNote>& notes, Day day,
                                       const Settings& settings, PainCounting counting) {
  std::vector<const PainNote*> seen;
  for (const auto& n : notes)
    if (counts(n, day, counting)) seen.push_back(&n);
  std::stable_sort(seen.begin(), seen.end(), [](const PainNote* a, const PainNote* b) {
    return a->date != b->date ? a->date < b->date : a->id < b->id;
  });
  std::vector<PainEpisode> out;
  std::map<PainSite, PainEpisode> open;
  for (const PainNote* n : seen) {
    auto it = open.find(n->site);
    if (it != open.end()) {
      advance(it->second, n->date - date::days{1}, settings);
      // A mild episode is closed from its 14th quiet day: a note that day starts afresh.
      if (it->second.open()) {
        if (auto c = it->second.closes_on(settings); c && *c <= n->date) it->second.expired_on = *c;
      }
      if (!it->second.open()) {
        out.push_back(std::move(it->second));
        open.erase(it);
        it = open.end();
      }
    }
    if (n->level == 0) {
      if (it != open.end()) {
        it->second.resolved_on = n->date;
        out.push_back(std::move(it->second));
        open.erase(it);
      }
      continue;  // a 0 with nothing open (or for another site) changes nothing
    }
    if (it == open.end()) {
      PainEpisode e;
      e.site = n->site;
      it = open.emplace(n->site, std::move(e)).first;
    }
    add_note(it->second, *n, settings);
  }
  for (auto& [site, e] : open) {
    advance(e, day, settings);
    out.push_back(std::move(e));
  }
  std::stable_sort(out.begin(), out.end(), [](const PainEpisode& a, const PainEpisode& b) {
    return a.first_date != b.first_date ? a.first_date < b.first_date : a.site < b.site;
  });
  return out;
}

std::vector<PainEpisode> open_pain_episodes(const std::vector<PainNote>& notes, Day day,
                                            const Settings& settings, PainCounting counting) {
  std::vector<PainEpisode> out;
  for (auto& e : pain_episodes(notes, day, settings, counting))
    if (e.open()) out.push_back(std::move(e));
  return out;
}

std::string_view linked_conditions(PainSite site) {
  switch (site) {
    case PainSite::knee_front:
      return "runner's knee (patellofemoral pain)";
    case PainSite::knee_below:
      return "patellar tendinopathy";
    case PainSite::knee_outer:
    case PainSite::hip_outer:
      return "IT band syndrome";
    case PainSite::shin_inner:
      return "shin splints (medial tibial stress) or a bone stress injury";
    case PainSite::shin_outer:
    case PainSite::foot:
    case PainSite::hip_front:
      return "a bone stress injury";
    default:
      return {};
  }
}

Warning pain_warning(const PainEpisode& e, Day day, const Settings& s) {
  const PainBand band = e.band(s);
  Warning w{RuleId::pain, e.run_severity(s), {}, {}, {}, {}};
  const PainNote& c = e.cause;
  w.figures = {{"latest_level", static_cast<double>(e.latest_level)},
               {"peak_level", static_cast<double>(e.peak_level)},
               {"open_days", static_cast<double>((day - e.first_date).count() + 1)}};
  w.dates = {{"first_date", e.first_date}, {"latest_date", e.latest_date}};
  w.texts = {{"site", std::string(to_string(e.site))},
             {"first_date", iso(e.first_date)},
             {"latest_date", iso(e.latest_date)},
             {"red_flag", e.red_flag},
             {"reasons", e.reasons}};

  // The cited note: its own site, date, level, gait change and flags.
  std::string note = fmt::format("{} pain {}/10 on {}", to_string(c.site), c.level, iso(c.date));
  if (c.during_run) note += " during a run";
  if (c.changes_gait) note += ", changing how you run";
  if (!c.flags.empty()) {
    std::vector<std::string> names;
    for (MedicalFlag f : c.flags) names.emplace_back(to_string(f));
    note += ", flagged " + join_words(names);
  }
  const std::string since =
      e.first_date == c.date ? std::string() : fmt::format(" (open since {})", iso(e.first_date));
  std::string latest;
  if (c.date != e.latest_date || c.level != e.latest_level)
    latest = fmt::format("; latest {}/10 on {}", e.latest_level, iso(e.latest_date));

  const auto cond = linked_conditions(e.site);
  const std::string linked =
      cond.empty() ? std::string()
                   : fmt::format(
                         " Pain at the {} is commonly linked with {}; only an assessment "
                         "can tell.",
                         site_words(e.site), cond);
  switch (band) {
    case PainBand::red_flag: {
      std::vector<std::string> why;
      for (const auto& r : e.reasons) why.push_back(why_red(r, e, day, s));
      w.reason = fmt::format("{}{}{}: a red flag ({}), which holds until you log a 0 for {}", note,
                             since, latest, join_words(why), to_string(e.site));
      if (e.medical) {
        w.advice =
            "Seek medical care before any training: these symptoms need a doctor, not a "
            "training plan. Once cleared, log a 0 for the site (stride pain resolve " +
            std::string(to_string(e.site)) + ").";
      } else {
        w.advice = fmt::format(
            "Stop running and get it assessed by a physiotherapist or doctor before you run "
            "again; non-impact cross-training only if it does not hurt.{}{} Once it is cleared, "
            "log a 0 (stride pain resolve {}) and come back gradually.",
            e.bone() ? " Bone stress gives little warning, so at this site any pain counts." : "",
            linked, to_string(e.site));
      }
      break;
    }
    case PainBand::moderate:
      w.reason = fmt::format("{}{}: moderate pain ({}-{}/10) at the latest note", note, since,
                             s.pain_moderate_level, s.pain_red_flag_level - 1);
      w.advice = fmt::format(
          "No run today: cross-train without impact (cycling, swimming) until a note of {} or "
          "less, and get it assessed if it does not settle within a week.{}",
          s.pain_moderate_level - 1, linked);
      break;
    case PainBand::mild:
      if (e.bone()) {
        w.reason =
            fmt::format("{}{}{}: mild, but at a bone site, where only pain-free running is safe",
                        note, since, latest);
        w.advice = fmt::format(
            "Run only if it is pain-free, and stop at any pain during the run or the next day; "
            "log it again tomorrow.{}",
            linked);
      } else {
        w.reason = fmt::format("{}{}{}: mild ({}/10 or less)", note, since, latest,
                               s.pain_moderate_level - 1);
        w.advice = fmt::format(
            "An easy run is acceptable if the pain stays at {} or less during it and is gone by "
            "the next morning; stop if it rises, and log it again tomorrow.{}",
            s.pain_moderate_level - 1, linked);
        if (auto close = e.closes_on(s))
          w.advice += fmt::format(" With no new note it closes on {}.", iso(*close));
      }
      // Mild pain that keeps coming back stays mild by the bands, but a
      // physiotherapist would want to see it: say so, without stopping the run.
      if (const auto open_days = (day - e.first_date).count() + 1;
          open_days > s.pain_persisting_days)
        w.advice += fmt::format(
            " It has been open {} days: pain that keeps coming back is worth an assessment, even "
            "at this level.",
            open_days);
      break;
  }
  return w;
}

}  // namespace stride::engine
