#include "import/detail/csv_values.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <utility>

#include "engine/datetime.hpp"

namespace stride::import::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

using engine::to_lower;

// Lower case for ASCII and the capitals of Latin-1 (`Ø`, `Ä`, `Å`, ...) and
// `Ś`: enough for the month and weekday words below.
std::string lower_latin(std::string_view text) {
  std::string out(text);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto b = static_cast<unsigned char>(out[i]);
    if (b < 0x80) {
      out[i] = lower(out[i]);
    } else if (i + 1 < out.size()) {
      const auto next = static_cast<unsigned char>(out[i + 1]);
      if ((b == 0xC3 && next >= 0x80 && next <= 0x9E && next != 0x97) ||
          (b == 0xC5 && next == 0x9A))
        out[i + 1] = static_cast<char>(next + (b == 0xC3 ? 0x20 : 1));
      ++i;
    }
  }
  return out;
}

bool starts_word(char c) { return is_alpha(c) || static_cast<unsigned char>(c) >= 0x80; }

// Spaces people and spreadsheets put between thousands: ASCII, no-break
// (U+00A0) and narrow no-break (U+202F), as UTF-8.
std::size_t group_space_at(std::string_view text, std::size_t i) {
  if (text[i] == ' ' || text[i] == '\'') return 1;
  if (text.substr(i, 2) == "\xC2\xA0") return 2;
  if (text.substr(i, 3) == "\xE2\x80\xAF") return 3;
  return 0;
}

std::optional<double> to_double(const std::string& plain) {
  if (plain.empty()) return std::nullopt;
  double value = 0;
  const char* first = plain.data();
  const char* last = plain.data() + plain.size();
  if (*first == '+') ++first;
  const auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || ptr != last || !std::isfinite(value)) return std::nullopt;
  return value;
}

// Reads a number at the start of `text` in the given style; `used` is how many
// bytes it took. Thousands groups must be exactly three digits, so `3,40`
// is not a number with decimal points.
std::optional<double> number_prefix(std::string_view text, NumberStyle style, std::size_t& used) {
  const char decimal = style == NumberStyle::decimal_point ? '.' : ',';
  const char group = style == NumberStyle::decimal_point ? ',' : '.';
  std::string plain;
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) plain += text[i++];
  std::size_t digits = 0;
  while (i < text.size()) {
    if (is_digit(text[i])) {
      plain += text[i++];
      ++digits;
      continue;
    }
    std::size_t sep = text[i] == group ? 1 : group_space_at(text, i);
    if (sep > 0 && digits > 0) {
      std::size_t j = i + sep, run = 0;
      while (j < text.size() && is_digit(text[j])) ++j, ++run;
      if (run == 3 && (j >= text.size() || !is_digit(text[j]))) {
        // A group: but a space before three digits then a unit ("10 500 m")
        // is grouping only if the digits run straight on.
        i += sep;
        continue;
      }
      if (text[i] == group) return std::nullopt;  // `3,40` read with decimal points
    }
    break;
  }
  if (i < text.size() && text[i] == decimal) {
    plain += '.';
    ++i;
    while (i < text.size() && is_digit(text[i])) {
      plain += text[i++];
      ++digits;
    }
  }
  if (digits == 0) return std::nullopt;
  used = i;
  return to_double(plain);
}

}  // namespace

bool is_missing(std::string_view text) {
  const std::string t = to_lower(trim(text));
  return t.empty() || t == "--" || t == "-" || t == "n/a" || t == "na" || t == "null" ||
         t == "none" || t == "nan";
}

NumberStyle detect_number_style(const CsvTable& table, const std::vector<int>& columns) {
  int point_votes = 0, comma_votes = 0;
  for (std::size_t r = 1; r < table.records.size(); ++r) {
    for (const int column : columns) {
      if (column < 0) continue;
      const std::string_view t = trim(table.records[r].at(static_cast<std::size_t>(column)));
      if (t.empty() || !(is_digit(t[0]) || t[0] == '-')) continue;
      // Dates and clock times are not numbers.
      if (t.find(':') != std::string_view::npos || t.find('/') != std::string_view::npos) continue;
      std::size_t i = (t[0] == '-') ? 1 : 0;
      std::size_t end = i;
      while (end < t.size() && (is_digit(t[end]) || t[end] == ',' || t[end] == '.')) ++end;
      if (end < t.size() && t[end] == '-') continue;  // 2026-03-01
      const std::string_view num = t.substr(i, end - i);
      const std::size_t last_comma = num.rfind(','), last_point = num.rfind('.');
      if (last_comma == std::string_view::npos && last_point == std::string_view::npos) continue;
      if (last_comma != std::string_view::npos && last_point != std::string_view::npos) {
        (last_comma > last_point ? comma_votes : point_votes) += 1;
        continue;
      }
      const std::size_t pos = last_comma != std::string_view::npos ? last_comma : last_point;
      const bool one_separator = num.find(num[pos]) == pos;
      const std::size_t after = num.size() - pos - 1;
      if (one_separator && after != 3) (num[pos] == ',' ? comma_votes : point_votes) += 1;
      // Two of the same separator can only be grouping.
      if (!one_separator) (num[pos] == ',' ? point_votes : comma_votes) += 1;
    }
  }
  if (comma_votes != point_votes)
    return comma_votes > point_votes ? NumberStyle::decimal_comma : NumberStyle::decimal_point;
  return table.delimiter == ';' ? NumberStyle::decimal_comma : NumberStyle::decimal_point;
}

std::optional<double> parse_number(std::string_view text, NumberStyle style) {
  text = trim(text);
  std::size_t used = 0;
  const auto value = number_prefix(text, style, used);
  if (!value || used != text.size()) return std::nullopt;
  return value;
}

std::optional<NumberWithUnit> parse_number_with_unit(std::string_view text, NumberStyle style) {
  text = trim(text);
  std::size_t used = 0;
  const auto value = number_prefix(text, style, used);
  if (!value) return std::nullopt;
  NumberWithUnit out;
  out.value = *value;
  out.unit = to_lower(trim(text.substr(used)));
  return out;
}

std::optional<double> metres_per_unit(std::string_view unit) {
  static constexpr std::array<std::pair<std::string_view, double>, 17> kUnits{{
      {"m", 1.0},
      {"meter", 1.0},
      {"meters", 1.0},
      {"metre", 1.0},
      {"metres", 1.0},
      {"km", 1000.0},
      {"kilometer", 1000.0},
      {"kilometers", 1000.0},
      {"kilometre", 1000.0},
      {"kilometres", 1000.0},
      {"mi", engine::kMetresPerMile},
      {"mile", engine::kMetresPerMile},
      {"miles", engine::kMetresPerMile},
      {"ft", 0.3048},
      {"feet", 0.3048},
      {"yd", 0.9144},
      {"yards", 0.9144},
  }};
  const std::string u = to_lower(trim(unit));
  for (const auto& [name, factor] : kUnits) {
    if (name == u) return factor;
  }
  return std::nullopt;
}

std::optional<double> parse_duration_value(std::string_view text, NumberStyle style,
                                           double bare_factor_s) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (text.find(':') != std::string_view::npos) {
    // [h:]m:s with an optional fraction on the seconds (either separator).
    std::array<double, 3> parts{};
    std::size_t count = 0, i = 0;
    while (true) {
      if (count == 3) return std::nullopt;
      std::size_t start = i;
      while (i < text.size() && is_digit(text[i])) ++i;
      if (i == start) return std::nullopt;
      double value = 0;
      std::from_chars(text.data() + start, text.data() + i, value);
      if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
        std::size_t f = ++i;
        while (i < text.size() && is_digit(text[i])) ++i;
        if (i == f || i != text.size()) return std::nullopt;
        double frac = 0;
        std::from_chars(text.data() + f, text.data() + i, frac);
        value += frac / std::pow(10.0, static_cast<double>(i - f));
      }
      parts[count++] = value;
      if (i == text.size()) break;
      if (text[i] != ':') return std::nullopt;
      ++i;
    }
    if (count < 2) return std::nullopt;
    if (count == 2) return parts[0] * 60 + parts[1];
    return parts[0] * 3600 + parts[1] * 60 + parts[2];
  }
  if (const auto bare = parse_number(text, style)) return *bare * bare_factor_s;
  // `1h30m`, `45min`, `90s`: the command line's spelling.
  if (std::any_of(text.begin(), text.end(), is_alpha)) return engine::parse_duration_s(text);
  return std::nullopt;
}

namespace {

struct Cursor {
  std::string_view text;
  std::size_t i = 0;

  bool done() const { return i >= text.size(); }
  char peek() const { return done() ? '\0' : text[i]; }
  void skip_spaces() {
    while (!done() && (text[i] == ' ' || text[i] == '\t')) ++i;
  }
  bool take(char c) {
    if (peek() != c) return false;
    ++i;
    return true;
  }
  // Up to max_digits digits; nullopt when none.
  std::optional<int> digits(std::size_t min_digits, std::size_t max_digits,
                            std::size_t* n = nullptr) {
    std::size_t start = i;
    int value = 0;
    while (!done() && is_digit(text[i]) && i - start < max_digits)
      value = value * 10 + (text[i++] - '0');
    if (i - start < min_digits) {
      i = start;
      return std::nullopt;
    }
    if (n != nullptr) *n = i - start;
    return value;
  }
  // Letters, with UTF-8 ones (`Mär`, `sáb`, `lør`) taken whole.
  std::string word() {
    std::size_t start = i;
    while (!done() && (is_alpha(text[i]) || static_cast<unsigned char>(text[i]) >= 0x80)) ++i;
    return lower_latin(text.substr(start, i - start));
  }
};

// Month and weekday abbreviations of the Garmin CSV languages, as glibc's
// locale data (LC_TIME abmon/abday) writes them, less the trailing period:
// English, de, fr, es, it, nl, da, sv, nb, pl, pt. German also writes `Mrz`
// (DIN 5008) and the full `März`.
constexpr std::array<std::array<std::string_view, 12>, 10> kMonthWords{{
    {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"},
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"},
    {"jan", "feb", "mär", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez"},
    {"janv", "févr", "mars", "avril", "mai", "juin", "juil", "août", "sept", "oct", "nov", "déc"},
    {"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"},
    {"gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"},
    {"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"},
    // Danish and Swedish share one list; Norwegian (nb) writes `mars`, `april`,
    // `mai`, `juni`, `juli`, `des`.
    {"jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"},
    {"sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"},
    {"jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"},
}};

std::optional<unsigned> month_from_word(std::string_view word) {
  for (const auto& months : kMonthWords) {
    for (unsigned m = 0; m < 12; ++m)
      if (word == months[m]) return m + 1;
  }
  static constexpr std::array<std::pair<std::string_view, unsigned>, 7> kOther{{
      {"sept", 9},
      {"mrz", 3},
      {"märz", 3},
      {"april", 4},
      {"juni", 6},
      {"juli", 7},
      {"des", 12},
  }};
  for (const auto& [w, m] : kOther)
    if (word == w) return m;
  return std::nullopt;
}

bool is_weekday(std::string_view word) {
  static constexpr std::string_view kDays[]{
      // English
      "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday",
      "friday", "saturday", "sunday", "tues", "thur", "thurs",
      // de
      "mo", "di", "mi", "do", "fr", "sa", "so",
      // fr
      "lun", "mar", "mer", "jeu", "ven", "sam", "dim",
      // es (lun, mar above)
      "mié", "jue", "vie", "sáb", "dom",
      // it (lun, mar, mer, ven, dom above)
      "gio", "sab",
      // nl (di, do above)
      "ma", "wo", "vr", "za", "zo",
      // da, sv, nb (ma, fr above)
      "søn", "man", "tir", "ons", "tor", "fre", "lør", "sön", "mån", "tis", "lör", "sø", "ti", "on",
      "to", "lø",
      // pl
      "nie", "pon", "wto", "śro", "czw", "pią", "sob",
      // pt (dom, sáb above)
      "seg", "ter", "qua", "qui", "sex"};
  for (auto d : kDays) {
    if (word == d) return true;
  }
  return false;
}

// The date part of a written time, the cursor left after it.
std::optional<date::year_month_day> read_date(Cursor& c) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (starts_word(c.peek())) {  // Mar 1, 2026
    const auto month = month_from_word(c.word());
    if (!month) return std::nullopt;
    c.take('.');
    c.skip_spaces();
    const auto day = c.digits(1, 2);
    if (!day) return std::nullopt;
    c.take(',');
    c.skip_spaces();
    const auto year = c.digits(4, 4);
    if (!year) return std::nullopt;
    y = *year, m = *month, d = static_cast<unsigned>(*day);
  } else {
    std::size_t n = 0;
    const auto first = c.digits(1, 4, &n);
    if (!first) return std::nullopt;
    if (n == 4) {  // 2026-03-01, 2026/03/01, 2026.03.01
      const char sep = c.peek();
      if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
      c.take(sep);
      const auto month = c.digits(1, 2);
      if (!month || !c.take(sep)) return std::nullopt;
      const auto day = c.digits(1, 2);
      if (!day) return std::nullopt;
      y = *first, m = static_cast<unsigned>(*month), d = static_cast<unsigned>(*day);
    } else if (n <= 2 && c.peek() == '.') {  // 01.03.2026, 25. Mai 2012
      c.take('.');
      std::optional<unsigned> month;
      if (c.peek() == ' ') {
        c.skip_spaces();
        month = month_from_word(c.word());
        c.take('.');
        c.skip_spaces();
      } else if (const auto number = c.digits(1, 2); number && c.take('.')) {
        month = static_cast<unsigned>(*number);
      }
      if (!month) return std::nullopt;
      const auto year = c.digits(4, 4);
      if (!year) return std::nullopt;
      y = *year, m = *month, d = static_cast<unsigned>(*first);
    } else if (n <= 2 && (c.peek() == ' ' || c.peek() == '-')) {  // 1 Mar 2026, 01-Mar-2026
      const char sep = c.peek();
      c.skip_spaces();
      c.take('-');
      const auto month = month_from_word(c.word());
      if (!month) return std::nullopt;
      c.take('.');
      c.skip_spaces();
      if (sep == '-' && !c.take('-')) return std::nullopt;
      const auto year = c.digits(4, 4);
      if (!year) return std::nullopt;
      y = *year, m = *month, d = static_cast<unsigned>(*first);
    } else {
      return std::nullopt;
    }
  }
  const date::year_month_day ymd{date::year{y}, date::month{m}, date::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

}  // namespace

std::optional<WrittenTime> parse_written_time(std::string_view text) {
  // ISO 8601 goes through the one reader every format shares.
  if (engine::IsoTime iso; engine::parse_iso8601(text, iso, /*allow_date_only=*/true)) {
    WrittenTime out;
    out.local =
        date::local_time<std::chrono::milliseconds>{std::chrono::milliseconds{iso.local_ms}};
    if (iso.zone != engine::IsoTime::Zone::none) out.offset_s = iso.offset_s;
    return out;
  }
  Cursor c{trim(text)};
  std::optional<date::year_month_day> ymd;
  // A weekday first (`Sun, 3 Oct 2010`, `Fr, 25 Mai 2012`) is skipped; some
  // weekday abbreviations are also months (`mar`, Tuesday in French and
  // Spanish), so without it the date is read again from the start.
  if (starts_word(c.peek())) {
    Cursor after = c;
    if (is_weekday(after.word())) {
      after.take('.');
      after.take(',');
      after.skip_spaces();
      if ((ymd = read_date(after))) c = after;
    }
  }
  if (!ymd) ymd = read_date(c);
  if (!ymd) return std::nullopt;

  WrittenTime out;
  std::chrono::milliseconds time_of_day{0};
  // Between date and time: `T`, spaces, a comma.
  const std::size_t before_time = c.i;
  if (!c.take('T')) {
    c.take(',');
    c.skip_spaces();
  }
  if (!c.done() && is_digit(c.peek())) {
    const auto hour = c.digits(1, 2);
    if (!hour || !c.take(':')) return std::nullopt;
    const auto minute = c.digits(2, 2);
    if (!minute) return std::nullopt;
    int second = 0;
    int millis = 0;
    if (c.take(':')) {
      const auto s = c.digits(2, 2);
      if (!s) return std::nullopt;
      second = *s;
      if (c.peek() == '.' || c.peek() == ',') {
        ++c.i;
        std::size_t n = 0;
        const auto frac = c.digits(1, 3, &n);
        if (!frac) return std::nullopt;
        millis = *frac * (n == 1 ? 100 : n == 2 ? 10 : 1);
        while (!c.done() && is_digit(c.peek())) ++c.i;  // finer than milliseconds
      }
    }
    int h = *hour;
    c.skip_spaces();
    if (is_alpha(c.peek()) && c.peek() != 'Z' && c.peek() != 'z') {
      const std::size_t save = c.i;
      std::string w = c.word();
      if (w == "a" || w == "p") {  // a.m. / p.m.
        if (c.take('.') && c.word() == "m") c.take('.');
        w += "m";
      }
      if (w == "am" || w == "pm") {
        if (h < 1 || h > 12) return std::nullopt;
        h = (h % 12) + (w == "pm" ? 12 : 0);
      } else {
        c.i = save;
      }
    }
    if (h > 23 || *minute > 59 || second > 60) return std::nullopt;
    time_of_day = std::chrono::hours(h) + std::chrono::minutes(*minute) +
                  std::chrono::seconds(second) + std::chrono::milliseconds(millis);
    c.skip_spaces();
    // Zone: Z, UTC, GMT (optionally followed by an offset), +01:00, +0100, +01.
    if (c.take('Z') || c.take('z')) {
      out.offset_s = 0;
    } else if (is_alpha(c.peek())) {
      const std::string w = c.word();
      if (w != "utc" && w != "gmt") return std::nullopt;
      out.offset_s = 0;
    }
    if (c.peek() == '+' || c.peek() == '-') {
      const int sign = c.peek() == '-' ? -1 : 1;
      ++c.i;
      const auto oh = c.digits(2, 2);
      if (!oh) return std::nullopt;
      int om = 0;
      c.take(':');
      if (const auto mm = c.digits(2, 2)) om = *mm;
      if (*oh > 18 || om > 59) return std::nullopt;
      out.offset_s = sign * (*oh * 3600 + om * 60);
    }
  } else {
    c.i = before_time;
  }
  c.skip_spaces();
  if (!c.done()) return std::nullopt;
  out.local = date::local_days{*ymd} + time_of_day;
  return out;
}

std::string normalise_header(std::string_view text) {
  std::string out;
  bool in_tag = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch == '<') {
      in_tag = true;
      continue;
    }
    if (in_tag) {
      if (ch == '>') in_tag = false;
      continue;
    }
    char c = lower(ch);
    if (c == '_' || c == '.' || c == '(' || c == ')' || c == '[' || c == ']' || c == '\t' ||
        c == '-')
      c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  // `\xEF\xBB\xBF` would have been stripped by the reader; a trailing space may remain.
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::optional<engine::Sport> sport_from_name(std::string_view text) {
  using engine::Sport;
  static constexpr std::array<std::pair<std::string_view, Sport>, 62> kNames{{
      {"run", Sport::run},
      {"running", Sport::run},
      {"road running", Sport::run},
      {"street running", Sport::run},
      {"track running", Sport::run},
      {"track run", Sport::run},
      {"ultra running", Sport::run},
      {"ultra run", Sport::run},
      {"obstacle run", Sport::run},
      {"trail run", Sport::trail_run},
      {"trail running", Sport::trail_run},
      {"treadmill run", Sport::treadmill_run},
      {"treadmill running", Sport::treadmill_run},
      {"treadmill", Sport::treadmill_run},
      {"indoor running", Sport::treadmill_run},
      {"indoor run", Sport::treadmill_run},
      {"virtual run", Sport::treadmill_run},
      {"virtual running", Sport::treadmill_run},
      {"walk", Sport::walk},
      {"walking", Sport::walk},
      {"casual walking", Sport::walk},
      {"speed walking", Sport::walk},
      {"hike", Sport::hike},
      {"hiking", Sport::hike},
      {"mountaineering", Sport::hike},
      {"ride", Sport::ride},
      {"cycling", Sport::ride},
      {"bike", Sport::ride},
      {"biking", Sport::ride},
      {"road biking", Sport::ride},
      {"road cycling", Sport::ride},
      {"mountain biking", Sport::ride},
      {"mountain bike ride", Sport::ride},
      {"gravel ride", Sport::ride},
      {"gravel cycling", Sport::ride},
      {"indoor cycling", Sport::ride},
      {"virtual ride", Sport::ride},
      {"e bike ride", Sport::ride},
      {"ebike ride", Sport::ride},
      {"swim", Sport::swim},
      {"swimming", Sport::swim},
      {"pool swim", Sport::swim},
      {"pool swimming", Sport::swim},
      {"lap swimming", Sport::swim},
      {"open water swimming", Sport::swim},
      {"open water swim", Sport::swim},
      {"row", Sport::row},
      {"rowing", Sport::row},
      {"indoor rowing", Sport::row},
      {"elliptical", Sport::elliptical},
      {"strength", Sport::strength},
      {"strength training", Sport::strength},
      {"weight training", Sport::strength},
      {"other", Sport::other},
      {"workout", Sport::other},
      {"yoga", Sport::other},
      {"pilates", Sport::other},
      {"crossfit", Sport::other},
      {"hiit", Sport::other},
      {"cardio", Sport::other},
      {"uncategorized", Sport::other},
      {"uncategorised", Sport::other},
  }};
  const std::string name = normalise_header(text);
  if (name.empty()) return std::nullopt;
  for (const auto& [spelling, sport] : kNames) {
    if (spelling == name) return sport;
  }
  return std::nullopt;
}

}  // namespace stride::import::detail
