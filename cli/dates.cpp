#include "cli/dates.hpp"

#include <date/date.h>
#include <time.h>

#include <array>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <string>

#include "cli/errors.hpp"

namespace stride::cli {
namespace {

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<engine::Day> parse_iso_day(std::string_view text) {
  // Exactly YYYY-MM-DD: anything looser would let typos through as dates.
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
  const int y = std::stoi(std::string(text.substr(0, 4)));
  const unsigned m = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
  const unsigned d = static_cast<unsigned>(std::stoi(std::string(text.substr(8, 2))));
  const date::year_month_day ymd{date::year{y}, date::month{m}, date::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return engine::Day{date::sys_days{ymd}.time_since_epoch()};
}

}  // namespace

engine::Day today_from_environment() {
  if (const char* forced = std::getenv("STRIDE_TODAY"); forced != nullptr && *forced != '\0') {
    if (auto day = parse_iso_day(forced)) return *day;
    throw UsageError(std::string("STRIDE_TODAY is not a date (YYYY-MM-DD): '") + forced + "'");
  }
  // The C library's local time reads one zone file; date::current_zone()
  // indexes the whole zone database first (~3 ms, more than a pre-run check).
  // Without /etc/localtime or $TZ the C library answers in UTC, as documented.
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  if (::localtime_r(&now, &local) == nullptr) throw std::runtime_error("localtime_r failed");
  const date::year_month_day ymd{date::year{local.tm_year + 1900},
                                 date::month{static_cast<unsigned>(local.tm_mon + 1)},
                                 date::day{static_cast<unsigned>(local.tm_mday)}};
  return engine::Day{date::sys_days{ymd}.time_since_epoch()};
}

std::optional<engine::Day> parse_date_word(std::string_view text, engine::Day today,
                                           Looking looking) {
  if (auto day = parse_iso_day(text)) return day;
  const std::string word = lower(text);
  if (word == "today") return today;
  if (word == "tomorrow") return today + date::days{1};
  if (word == "yesterday") return today - date::days{1};
  static constexpr std::array<std::string_view, 7> kShort = {"sun", "mon", "tue", "wed",
                                                             "thu", "fri", "sat"};
  static constexpr std::array<std::string_view, 7> kLong = {
      "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
  for (unsigned i = 0; i < 7; ++i) {
    if (word == kShort[i] || word == kLong[i]) {
      const date::weekday wanted{i};
      const date::weekday now{today};
      // weekday differences are 0..6
      return looking == Looking::ahead ? today + (wanted - now) : today - (now - wanted);
    }
  }
  return std::nullopt;
}

}  // namespace stride::cli
