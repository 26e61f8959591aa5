#pragma once
/// Pain episodes: one body site's notes from the first note above 0 until a
/// note of 0 for that site, with the red flags that make them stop running.
/// LOAD-SCIENCE.md "Pain episodes" is the contract; this is the one state
/// machine every command (check, today, status, warnings, plan check, report,
/// the planner) reads, so they all see the same episodes.
///
/// In short:
///   - red flag (sticky until the site's 0, never expires by time): any note
///     >= 6, a gait change, a bone site >= 3, the last 3 notes strictly rising
///     to >= 3, open more than 14 days with the latest >= 3, any medical flag;
///   - otherwise the latest note decides: 4-5 moderate (no running), 1-3 mild
///     (pain-monitoring; bone sites pain-free only);
///   - a mild episode (every note <= 3, no gait change, no flag, not a bone
///     site, not rising) is open through the 13th day after its latest note
///     and closed from the 14th: closing by time is not a resolve.

#include <optional>
#include <string>
#include <vector>

#include "engine/activity.hpp"
#include "engine/rules.hpp"
#include "engine/settings.hpp"

namespace stride::engine {

/// Bone sites (shin-inner, shin-outer, ankle, foot, hip-front): bone stress
/// gives little warning, so they are held to pain-free running and a note of
/// 3 or more there is a red flag (Warden et al. 2021).
bool is_bone_site(PainSite site);

/// Which of a day's notes count when that day is judged.
enum class PainCounting {
  /// `check`, `today`, `status`, `plan check`, `report`: every note of the day.
  same_day,
  /// `warnings`: a `--during-run` note is about the run of its day, so it
  /// counts for runs from the next day on.
  during_run_from_next_day,
};

/// The severity band of an open episode.
enum class PainBand {
  mild,      ///< latest 1-3, no red flag: caution, pain-monitoring advice
  moderate,  ///< latest 4-5, no red flag: danger for a run (cross-train)
  red_flag,  ///< stop running and get it assessed (medical flag: seek medical care)
};
std::string_view to_string(PainBand band);  ///< `mild`, `moderate`, `red-flag`

struct PainEpisode {
  PainSite site = PainSite::other;
  Day first_date{};   ///< the first note above 0
  Day latest_date{};  ///< the latest note of the episode
  int latest_level = 0;
  int peak_level = 0;
  bool changes_gait = false;  ///< any note changed the gait
  bool red_flag = false;
  /// The red-flag causes in the order they fired: `level`, `gait`, `bone`,
  /// `rising`, `persisting`, and medical flag names (`chest-pain`, ...).
  std::vector<std::string> reasons;
  bool medical = false;  ///< a medical flag: seek medical care before any training
  /// The note that set the severity: the first note that raised the red flag
  /// (a later first medical flag takes over), else the latest note.
  PainNote cause;
  std::vector<PainNote> notes;  ///< the episode's notes in order (no 0)

  /// Set when a 0 for the site closed the episode (that note's date).
  std::optional<Day> resolved_on;
  /// Set when a mild episode closed by time: the first day it was closed
  /// (latest_date + 14). Not a resolve: it opens no comeback window.
  std::optional<Day> expired_on;

  bool open() const { return !resolved_on && !expired_on; }
  bool bone() const { return is_bone_site(site); }
  PainBand band(const Settings& settings) const;
  /// Mild in the closing sense: could still close by time (every note <= 3,
  /// no red flag, not a bone site).
  bool can_expire(const Settings& settings) const;
  /// For an open episode that can expire: the first day it is closed, if no
  /// new note comes (latest_date + pain_mild_close_days).
  std::optional<Day> closes_on(const Settings& settings) const;
  /// For a run on the day: red flag and moderate give danger, mild caution.
  Severity run_severity(const Settings& settings) const;
};

/// Every episode of every site from the notes that count on `day` (dates
/// after `day` ignored), open or closed as of `day`, ordered by first note
/// (then by site). Notes are taken in date order, then entry order (id).
std::vector<PainEpisode> pain_episodes(const std::vector<PainNote>& notes, Day day,
                                       const Settings& settings,
                                       PainCounting counting = PainCounting::same_day);

/// The episodes open on `day` (at most one per site).
std::vector<PainEpisode> open_pain_episodes(const std::vector<PainNote>& notes, Day day,
                                            const Settings& settings,
                                            PainCounting counting = PainCounting::same_day);

/// The `pain` warning of one open episode, for a run on the day: severity
/// from run_severity, a reason citing the cause note (site, date, level, gait
/// change, flags), advice by band. Figures: `latest_level`, `peak_level`,
/// `open_days`; texts: `site`, `first_date`, `latest_date`, `red_flag`,
/// `reasons` (LOAD-SCIENCE.md "Pain figures in JSON").
Warning pain_warning(const PainEpisode& episode, Day day, const Settings& settings);

/// Which of the article's conditions are commonly linked with the site
/// (empty for none). Said as a link, never as a diagnosis.
std::string_view linked_conditions(PainSite site);

}  // namespace stride::engine
