#pragma once
/// Garmin Connect's activity CSV ("Activities.csv") is written in the web
/// UI's language: headers and sport names translated. These tables turn a
/// localised header or sport name into the English one the CSV reader knows.
/// Every entry comes from a real export found in public code (see the .cpp).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stride::import::detail {

/// When the header row is a Garmin export in a language other than English,
/// the English names of its cells (same order; cells without a translation
/// unchanged) and the language's code; nullopt otherwise.
struct TranslatedHeader {
  std::string language;  ///< `de`, `fr`, ...
  std::vector<std::string> cells;
};
std::optional<TranslatedHeader> translate_garmin_header(const std::vector<std::string>& cells);

/// The English Garmin name of a localised sport name (`Løping` -> `running`), any language.
std::optional<std::string_view> garmin_sport_in_english(std::string_view name);

}  // namespace stride::import::detail
