// The pain-episode state machine (engine/pain.hpp) on hand-made note
// sequences: LOAD-SCIENCE.md "Pain episodes".
#include "engine/pain.hpp"

#include "tests/engine/history_builder.hpp"
#include "tests/support/catch.hpp"

using namespace stride::engine;
using stride::test::at;

namespace {

/// Notes get ids in the order given (entry order).
PainNote note(int day, PainSite site, int level, bool gait = false,
              std::vector<MedicalFlag> flags = {}, bool during_run = false) {
  static std::int64_t next_id = 1;
  PainNote p;
  p.id = next_id++;
  p.date = at(day);
  p.site = site;
  p.level = level;
  p.changes_gait = gait;
  p.flags = std::move(flags);
  p.during_run = during_run;
  return p;
}

std::vector<PainEpisode> open_on(const std::vector<PainNote>& notes, int day,
                                 PainCounting counting = PainCounting::same_day) {
  return open_pain_episodes(notes, at(day), Settings{}, counting);
}

std::vector<std::string> strings(std::initializer_list<const char*> xs) {
  return {xs.begin(), xs.end()};
}

}  // namespace

TEST_CASE("pain: bone sites are shin-inner, shin-outer, ankle, foot and hip-front", "[engine]") {
  for (PainSite s : {PainSite::shin_inner, PainSite::shin_outer, PainSite::ankle, PainSite::foot,
                     PainSite::hip_front})
    CHECK(is_bone_site(s));
  for (PainSite s : {PainSite::knee_front, PainSite::knee_below, PainSite::knee_outer,
                     PainSite::hip_outer, PainSite::calf, PainSite::back, PainSite::other})
    CHECK_FALSE(is_bone_site(s));
  CHECK(parse_pain_site("hip-front") == PainSite::hip_front);
  CHECK(to_string(PainSite::hip_front) == "hip-front");
  CHECK(all_pain_sites().size() == 12);
  CHECK(parse_medical_flag("calf-swelling") == MedicalFlag::calf_swelling);
  CHECK_FALSE(parse_medical_flag("calf_swelling"));
  CHECK(all_medical_flags().size() == 8);
}

TEST_CASE("pain: each band of a single note", "[engine]") {
  const Settings s;
  auto band_of = [&](PainSite site, int level, bool gait = false) {
    const auto open = open_on({note(0, site, level, gait)}, 0);
    REQUIRE(open.size() == 1);
    return open.front().band(s);
  };
  CHECK(band_of(PainSite::knee_front, 1) == PainBand::mild);
  CHECK(band_of(PainSite::knee_front, 3) == PainBand::mild);
  CHECK(band_of(PainSite::knee_front, 4) == PainBand::moderate);
  CHECK(band_of(PainSite::knee_front, 5) == PainBand::moderate);
  CHECK(band_of(PainSite::knee_front, 6) == PainBand::red_flag);
  CHECK(band_of(PainSite::calf, 2, true) == PainBand::red_flag);
  CHECK(band_of(PainSite::shin_inner, 2) == PainBand::mild);
  CHECK(band_of(PainSite::shin_inner, 3) == PainBand::red_flag);
  CHECK(band_of(PainSite::hip_front, 3) == PainBand::red_flag);

  const auto mild = open_on({note(0, PainSite::knee_front, 2)}, 0).front();
  CHECK(mild.run_severity(s) == Severity::caution);
  const auto moderate = open_on({note(0, PainSite::knee_front, 5)}, 0).front();
  CHECK(moderate.run_severity(s) == Severity::danger);
  CHECK_FALSE(moderate.red_flag);
  const auto red = open_on({note(0, PainSite::knee_front, 7)}, 0).front();
  CHECK(red.run_severity(s) == Severity::danger);
  CHECK(red.reasons == strings({"level"}));
}

TEST_CASE("pain: a 0 alone opens nothing; an episode runs to the site's 0", "[engine]") {
  CHECK(open_on({note(0, PainSite::knee_front, 0)}, 0).empty());
  const std::vector<PainNote> notes = {note(0, PainSite::knee_front, 3),
                                       note(1, PainSite::knee_front, 0)};
  CHECK(open_on(notes, 0).size() == 1);
  CHECK(open_on(notes, 1).empty());
  const auto all = pain_episodes(notes, at(5), Settings{});
  REQUIRE(all.size() == 1);
  CHECK(all.front().resolved_on == at(1));
  CHECK_FALSE(all.front().expired_on);
}

TEST_CASE("pain: a 0 for another site leaves an episode open", "[engine]") {
  const std::vector<PainNote> notes = {note(0, PainSite::ankle, 2),
                                       note(1, PainSite::knee_front, 0)};
  const auto open = open_on(notes, 2);
  REQUIRE(open.size() == 1);
  CHECK(open.front().site == PainSite::ankle);
}

TEST_CASE("pain: the latest note decides the band until a red flag", "[engine]") {
  const Settings s;
  // 5 then 2: moderate, then mild again (but no longer able to close by time).
  const std::vector<PainNote> notes = {note(0, PainSite::knee_below, 5),
                                       note(2, PainSite::knee_below, 2)};
  CHECK(open_on(notes, 1).front().band(s) == PainBand::moderate);
  const auto e = open_on(notes, 2).front();
  CHECK(e.band(s) == PainBand::mild);
  CHECK(e.peak_level == 5);
  CHECK(e.latest_level == 2);
  CHECK_FALSE(e.can_expire(s));
  CHECK(open_on(notes, 60).size() == 1);  // a note above 3 keeps it open until its 0
}

TEST_CASE("pain: mild episodes close on the 14th day after the latest note", "[engine]") {
  const Settings s;
  const std::vector<PainNote> notes = {note(0, PainSite::knee_front, 3),
                                       note(5, PainSite::knee_front, 2)};
  CHECK(open_on(notes, 18).size() == 1);  // the 13th day after day 5
  CHECK(open_on(notes, 18).front().closes_on(s) == at(19));
  CHECK(open_on(notes, 19).empty());
  const auto all = pain_episodes(notes, at(19), s);
  REQUIRE(all.size() == 1);
  CHECK(all.front().expired_on == at(19));
  CHECK_FALSE(all.front().resolved_on);
  // A note on the closing day starts a new episode.
  auto again = notes;
  again.push_back(note(19, PainSite::knee_front, 1));
  const auto episodes = pain_episodes(again, at(19), s);
  REQUIRE(episodes.size() == 2);
  CHECK(episodes[1].first_date == at(19));
  CHECK(episodes[1].open());
}

TEST_CASE("pain: red flags do not expire by time", "[engine]") {
  const Settings s;
  // The runner: shin-inner 8 with a gait change eight days ago.
  const std::vector<PainNote> shin = {note(-8, PainSite::shin_inner, 8, true)};
  for (int day : {0, 13, 14, 100}) {
    const auto open = open_on(shin, day);
    REQUIRE(open.size() == 1);
    CHECK(open.front().red_flag);
    CHECK(open.front().reasons == strings({"level", "gait", "bone"}));
  }
  // Later mild notes keep it a red flag: sticky until the 0.
  auto later = shin;
  later.push_back(note(-4, PainSite::shin_inner, 1));
  const auto e = open_on(later, 0).front();
  CHECK(e.red_flag);
  CHECK(e.latest_level == 1);
  CHECK(e.cause.level == 8);  // the note that set the severity
  later.push_back(note(-1, PainSite::shin_inner, 0));
  CHECK(open_on(later, 0).empty());
  // A bone site with only 1-2 does not close by time either.
  CHECK(open_on({note(0, PainSite::foot, 2)}, 40).size() == 1);
}

TEST_CASE("pain: rising means the last 3 notes strictly up, the latest 3 or more", "[engine]") {
  const Settings s;
  CHECK(open_on(
            {note(0, PainSite::calf, 1), note(1, PainSite::calf, 2), note(2, PainSite::calf, 3)}, 2)
            .front()
            .reasons == strings({"rising"}));
  // Up but ending at 2: not rising; equal steps: not rising.
  CHECK_FALSE(
      open_on({note(0, PainSite::calf, 0), note(1, PainSite::calf, 1), note(2, PainSite::calf, 2)},
              2)
          .front()
          .red_flag);
  CHECK_FALSE(
      open_on({note(0, PainSite::calf, 1), note(1, PainSite::calf, 3), note(2, PainSite::calf, 3)},
              2)
          .front()
          .red_flag);
  // Notes of one day go by entry order.
  CHECK(open_on(
            {note(0, PainSite::back, 1), note(0, PainSite::back, 2), note(0, PainSite::back, 4)}, 0)
            .front()
            .reasons == strings({"rising"}));
}

TEST_CASE("pain: persisting is open more than 14 days with the latest 3 or more", "[engine]") {
  // 3, then 3 again nine days later: no mild close before day 23, persisting from day 15.
  const std::vector<PainNote> notes = {note(0, PainSite::knee_front, 3),
                                       note(9, PainSite::knee_front, 3)};
  CHECK_FALSE(open_on(notes, 14).front().red_flag);
  const auto e = open_on(notes, 15).front();
  CHECK(e.red_flag);
  CHECK(e.reasons == strings({"persisting"}));
  // With the latest at 2 it is not persisting, and it closes by time.
  const std::vector<PainNote> easing = {note(0, PainSite::knee_front, 3),
                                        note(9, PainSite::knee_front, 2)};
  CHECK_FALSE(open_on(easing, 22).front().red_flag);
  CHECK(open_on(easing, 23).empty());
}

TEST_CASE("pain: mild pain open more than 14 days is worth an assessment, still mild", "[engine]") {
  // 2/10 every 4 days from day 0: still open on day 20 (its 21st day), mild.
  std::vector<PainNote> notes;
  for (int d = 0; d <= 20; d += 4) notes.push_back(note(d, PainSite::knee_outer, 2));
  const Settings s;
  const auto on = [&](int day) {
    const auto open = open_pain_episodes(notes, at(day), s, PainCounting::same_day);
    REQUIRE(open.size() == 1);
    return pain_warning(open.front(), at(day), s);
  };
  const Warning w14 = on(13);  // its 14th day
  CHECK(w14.severity == Severity::caution);
  CHECK(w14.advice.find("worth an assessment") == std::string::npos);
  const Warning w21 = on(20);
  CHECK(w21.severity == Severity::caution);
  CHECK(w21.advice.starts_with("An easy run is acceptable"));
  CHECK(w21.advice.ends_with(
      " It has been open 21 days: pain that keeps coming back is worth an assessment, even at "
      "this level."));
}

TEST_CASE("pain: a medical flag is a red flag at any level, and its note is cited", "[engine]") {
  const std::vector<PainNote> notes = {
      note(0, PainSite::calf, 7), note(1, PainSite::calf, 2, false, {MedicalFlag::calf_swelling})};
  const auto e = open_on(notes, 1).front();
  CHECK(e.medical);
  CHECK(e.reasons == strings({"level", "calf-swelling"}));
  CHECK(e.cause.date == at(1));
  const Warning w = pain_warning(e, at(1), Settings{});
  CHECK(w.severity == Severity::danger);
  CHECK(w.advice.rfind("Seek medical care before any training", 0) == 0);
  CHECK(w.reason.find("flagged calf-swelling") != std::string::npos);
}

TEST_CASE("pain: a --during-run note counts from its own day, or from the next in warnings",
          "[engine]") {
  const std::vector<PainNote> notes = {note(0, PainSite::knee_outer, 5, false, {}, true)};
  CHECK(open_on(notes, 0).size() == 1);
  CHECK(open_on(notes, 0, PainCounting::during_run_from_next_day).empty());
  CHECK(open_on(notes, 1, PainCounting::during_run_from_next_day).size() == 1);
}

TEST_CASE("pain: one warning per episode, each citing its own note", "[engine]") {
  const Settings s;
  // The case: an ankle note with a gait change and several calf notes.
  const std::vector<PainNote> notes = {note(-5, PainSite::ankle, 2, true),
                                       note(-3, PainSite::calf, 2), note(-2, PainSite::calf, 3),
                                       note(-1, PainSite::calf, 3)};
  const auto open = open_on(notes, 0);
  REQUIRE(open.size() == 2);
  const Warning ankle = pain_warning(open[0], at(0), s);
  const Warning calf = pain_warning(open[1], at(0), s);
  CHECK(ankle.severity == Severity::danger);
  CHECK(ankle.reason ==
        "ankle pain 2/10 on 2025-12-31, changing how you run: a red flag (it changed how you "
        "run), which holds until you log a 0 for ankle");
  CHECK(calf.severity == Severity::caution);
  CHECK(calf.reason == "calf pain 3/10 on 2026-01-04 (open since 2026-01-02): mild (3/10 or less)");
  CHECK(calf.reason.find("changed how you run") == std::string::npos);
  // Mild: the reason and the advice agree (no "do not run" beside "you may run").
  CHECK(calf.advice.find("An easy run is acceptable if the pain stays at 3 or less") == 0);
  CHECK(calf.advice.find("Do not run") == std::string::npos);
  CHECK(calf.advice.find("With no new note it closes on 2026-01-18.") != std::string::npos);
}

TEST_CASE("pain: advice links conditions without diagnosing, and names no treatment", "[engine]") {
  const Settings s;
  const auto w = pain_warning(open_on({note(0, PainSite::knee_front, 2)}, 0).front(), at(0), s);
  CHECK(w.advice.find("Pain at the front of the knee is commonly linked with runner's knee "
                      "(patellofemoral pain); only an assessment can tell.") != std::string::npos);
  CHECK(w.advice.find("suggests") == std::string::npos);
  const auto bone = pain_warning(open_on({note(0, PainSite::foot, 1)}, 0).front(), at(0), s);
  CHECK(bone.advice.rfind("Run only if it is pain-free", 0) == 0);
  const auto moderate = pain_warning(open_on({note(0, PainSite::back, 4)}, 0).front(), at(0), s);
  CHECK(moderate.advice.rfind("No run today: cross-train without impact", 0) == 0);
  for (const auto* text : {&w.advice, &bone.advice, &moderate.advice})
    for (const char* word : {"ice", "stretch", "massage", "brace", "ibuprofen", "foam roll"})
      CHECK(text->find(word) == std::string::npos);
}

TEST_CASE("pain: figures and texts as LOAD-SCIENCE.md's JSON lists them", "[engine]") {
  const auto e =
      open_on({note(-3, PainSite::shin_inner, 4), note(0, PainSite::shin_inner, 2)}, 0).front();
  const Warning w = pain_warning(e, at(0), Settings{});
  CHECK(w.figure("latest_level")->value == 2);
  CHECK(w.figure("peak_level")->value == 4);
  REQUIRE(w.texts.size() == 5);
  CHECK(w.texts[0].name == "site");
  CHECK(std::get<std::string>(w.texts[0].value) == "shin-inner");
  CHECK(std::get<std::string>(w.texts[1].value) == "2026-01-02");
  CHECK(std::get<std::string>(w.texts[2].value) == "2026-01-05");
  CHECK(std::get<bool>(w.texts[3].value) == true);
  CHECK(std::get<std::vector<std::string>>(w.texts[4].value) == strings({"bone"}));
}
