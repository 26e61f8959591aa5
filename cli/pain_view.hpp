#pragma once
/// What `log pain`, `pain` and `status` share: reading a site and medical
/// flags off the command line, and pain notes and episodes as JSON and text.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "engine/pain.hpp"

namespace stride::cli {

/// A site as PRODUCT.md spells it; a usage error listing the sites otherwise.
engine::PainSite parse_site(std::string_view option, std::string_view text);
/// `--flag` values; a usage error listing the flags for an unknown one.
std::vector<engine::MedicalFlag> parse_flags(const std::vector<std::string>& texts);
/// A pain note's day: refused (usage error, with the date understood) after today.
engine::Day pain_day(const Env& env, std::string_view option, std::string_view text);

nlohmann::json pain_note_json(const engine::PainNote& note);
/// Site, dates, levels, gait change, red flag, reasons, band and (mild) the closing day.
nlohmann::json episode_json(const engine::PainEpisode& e, const engine::Settings& settings);
/// One line: `shin-inner since 2026-11-17: latest 8/10 on 2026-11-17, peak 8, gait change;
/// red flag (level, gait, bone)`.
std::string episode_text(const engine::PainEpisode& e, const engine::Settings& settings);

}  // namespace stride::cli
