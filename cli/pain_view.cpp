#include "cli/pain_view.hpp"

#include <fmt/format.h>

#include "cli/dates.hpp"
#include "cli/errors.hpp"

namespace stride::cli {
namespace {

std::string sites_list() {
  std::string out;
  for (engine::PainSite s : engine::all_pain_sites())
    out += (out.empty() ? "" : ", ") + std::string(engine::to_string(s));
  return out;
}

std::string flags_list() {
  std::string out;
  for (engine::MedicalFlag f : engine::all_medical_flags())
    out += (out.empty() ? "" : ", ") + std::string(engine::to_string(f));
  return out;
}

}  // namespace

engine::PainSite parse_site(std::string_view option, std::string_view text) {
  if (auto site = engine::parse_pain_site(text)) return *site;
  throw UsageError(fmt::format("{}: unknown site '{}' (one of {})", option, text, sites_list()));
}

std::vector<engine::MedicalFlag> parse_flags(const std::vector<std::string>& texts) {
  std::vector<engine::MedicalFlag> out;
  for (const auto& t : texts) {
    const auto f = engine::parse_medical_flag(t);
    if (!f) throw UsageError(fmt::format("--flag: unknown flag '{}' (one of {})", t, flags_list()));
    if (std::find(out.begin(), out.end(), *f) == out.end()) out.push_back(*f);
  }
  return out;
}

engine::Day pain_day(const Env& env, std::string_view option, std::string_view text) {
  if (text.empty()) return env.today();
  const engine::Day day = env.parse_date(option, text, Looking::back);
  if (day > env.today())
    throw UsageError(
        fmt::format("{}: '{}' is {}, after today ({}): pain is logged for days that have happened",
                    option, text, format_day(day), format_day(env.today())));
  return day;
}

nlohmann::json pain_note_json(const engine::PainNote& p) {
  nlohmann::json flags = nlohmann::json::array();
  for (engine::MedicalFlag f : p.flags) flags.push_back(std::string(engine::to_string(f)));
  return {{"id", p.id},
          {"date", format_day(p.date)},
          {"site", std::string(engine::to_string(p.site))},
          {"level", p.level},
          {"during_run", p.during_run},
          {"changes_gait", p.changes_gait},
          {"flags", flags},
          {"note", p.note}};
}

nlohmann::json episode_json(const engine::PainEpisode& e, const engine::Settings& settings) {
  nlohmann::json j = {{"site", std::string(engine::to_string(e.site))},
                      {"first_date", format_day(e.first_date)},
                      {"latest_date", format_day(e.latest_date)},
                      {"latest_level", e.latest_level},
                      {"peak_level", e.peak_level},
                      {"changes_gait", e.changes_gait},
                      {"bone_site", e.bone()},
                      {"red_flag", e.red_flag},
                      {"reasons", e.reasons},
                      {"medical", e.medical},
                      {"band", std::string(engine::to_string(e.band(settings)))},
                      {"cause_note_id", e.cause.id},
                      {"notes", e.notes.size()}};
  if (auto c = e.closes_on(settings)) j["closes_on"] = format_day(*c);
  return j;
}

std::string episode_text(const engine::PainEpisode& e, const engine::Settings& settings) {
  std::string t = fmt::format("{} since {}: latest {}/10 on {}, peak {}", engine::to_string(e.site),
                              format_day(e.first_date), e.latest_level, format_day(e.latest_date),
                              e.peak_level);
  if (e.changes_gait) t += ", gait change";
  switch (e.band(settings)) {
    case engine::PainBand::red_flag: {
      std::string why;
      for (const auto& r : e.reasons) why += (why.empty() ? "" : ", ") + r;
      t += fmt::format(
          "; RED FLAG ({}): {}", why,
          e.medical ? "seek medical care before any training" : "no running; get it assessed");
      break;
    }
    case engine::PainBand::moderate:
      t += "; moderate: no running, cross-train until 3/10 or less";
      break;
    case engine::PainBand::mild:
      t += e.bone() ? "; mild at a bone site: run only if pain-free"
                    : "; mild: easy runs if it stays at 3/10 or less and is gone next morning";
      if (auto c = e.closes_on(settings))
        t += fmt::format(" (closes {} without a new note)", format_day(*c));
      break;
  }
  return t;
}

}  // namespace stride::cli
