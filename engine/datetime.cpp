#include "engine/datetime.hpp"

#include <fmt/format.h>

namespace stride::engine {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Reads `n` digits at `p` (the caller checked there are n bytes); false if
/// any is not a digit.
bool digits(const char* p, int n, int& value) {
  int v = 0;
  for (int i = 0; i < n; ++i) {
    if (!is_digit(p[i])) return false;
    v = v * 10 + (p[i] - '0');
  }
  value = v;
  return true;
}

/// `YYYY-MM-DD` at p (10 bytes available); sets ymd.
bool read_date(const char* p, date::year_month_day& ymd) {
  int year = 0, month = 0, day = 0;
  if (!digits(p, 4, year) || p[4] != '-' || !digits(p + 5, 2, month) || p[7] != '-' ||
      !digits(p + 8, 2, day) || month < 1 || month > 12 || day < 1)
    return false;
  ymd = date::year_month_day{date::year{year}, date::month{static_cast<unsigned>(month)},
                             date::day{static_cast<unsigned>(day)}};
  return ymd.ok();
}

}  // namespace

bool parse_iso8601(std::string_view text, IsoTime& out, bool allow_date_only) {
  const char* p = text.data();
  const char* e = p + text.size();
  while (p < e && is_space(*p)) ++p;
  while (e > p && is_space(e[-1])) --e;
  date::year_month_day ymd;
  if (e - p < 10 || !read_date(p, ymd)) return false;
  p += 10;
  const std::int64_t days = date::sys_days{ymd}.time_since_epoch().count();

  out.zone = IsoTime::Zone::none;
  out.has_offset = false;
  out.offset_s = 0;
  if (p == e) {
    if (!allow_date_only) return false;
    out.has_time = false;
    out.local_ms = out.ms_since_epoch = days * 86'400'000;
    return true;
  }
  out.has_time = true;

  int hour = 0, minute = 0, second = 0;
  if (e - p < 6 || !(*p == 'T' || *p == 't' || *p == ' ') || !digits(p + 1, 2, hour) ||
      p[3] != ':' || !digits(p + 4, 2, minute))
    return false;
  p += 6;
  if (p < e && *p == ':') {
    if (e - p < 3 || !digits(p + 1, 2, second)) return false;
    p += 3;
  }
  if (hour > 24 || minute > 59 || second > 60) return false;
  if (hour == 24 && (minute != 0 || second != 0)) return false;  // 24:00:00 is midnight

  int ms = 0;
  if (p < e && (*p == '.' || *p == ',')) {
    ++p;
    if (p == e || !is_digit(*p)) return false;
    int scale = 100;
    for (; p < e && is_digit(*p); ++p) {
      ms += (*p - '0') * scale;
      scale /= 10;
    }
  }

  // Apple Health writes a space before the offset: `07:00:00 +0200`.
  while (p < e && *p == ' ') ++p;
  if (p < e) {
    if (*p == 'Z' || *p == 'z') {
      ++p;
      out.zone = IsoTime::Zone::utc;
    } else if (*p == '+' || *p == '-') {
      const int sign = *p == '+' ? 1 : -1;
      ++p;
      int oh = 0, om = 0;
      if (e - p < 2 || !digits(p, 2, oh)) return false;
      p += 2;
      if (p < e && *p == ':') {
        ++p;
        if (e - p < 2 || !digits(p, 2, om)) return false;
        p += 2;
      } else if (e - p >= 2 && digits(p, 2, om)) {
        p += 2;
      }
      if (oh > 18 || om > 59) return false;
      out.offset_s = sign * (oh * 3600 + om * 60);
      out.has_offset = out.offset_s != 0;
      out.zone = out.has_offset ? IsoTime::Zone::offset : IsoTime::Zone::utc;
    }
  }
  if (p != e) return false;

  out.local_ms = (days * 86400 + hour * 3600 + minute * 60 + second) * 1000 + ms;
  out.ms_since_epoch = out.local_ms - std::int64_t{out.offset_s} * 1000;
  return true;
}

std::optional<Day> parse_day(std::string_view text) {
  date::year_month_day ymd;
  if (text.size() != 10 || !read_date(text.data(), ymd)) return std::nullopt;
  return Day{ymd};
}

std::string format_day(Day day) {
  const date::year_month_day ymd{day};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

}  // namespace stride::engine
