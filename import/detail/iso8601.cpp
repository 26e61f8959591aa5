#include "import/detail/iso8601.hpp"

#include <date/date.h>

namespace stride::import::detail {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Reads `n` digits at `p`; false if any is not a digit.
bool digits(const char* p, int n, int& value) {
  int v = 0;
  for (int i = 0; i < n; ++i) {
    if (!is_digit(p[i])) return false;
    v = v * 10 + (p[i] - '0');
  }
  value = v;
  return true;
}

}  // namespace

bool parse_iso8601(std::string_view text, IsoTime& out) {
  const char* p = text.data();
  const char* e = p + text.size();
  while (p < e && is_space(*p)) ++p;
  while (e > p && is_space(e[-1])) --e;
  if (e - p < 19) return false;

  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!digits(p, 4, year) || p[4] != '-' || !digits(p + 5, 2, month) || p[7] != '-' ||
      !digits(p + 8, 2, day) || !(p[10] == 'T' || p[10] == 't' || p[10] == ' ') ||
      !digits(p + 11, 2, hour) || p[13] != ':' || !digits(p + 14, 2, minute) || p[16] != ':' ||
      !digits(p + 17, 2, second))
    return false;
  if (month < 1 || month > 12 || day < 1 || hour > 24 || minute > 59 || second > 60) return false;
  if (hour == 24 && (minute != 0 || second != 0)) return false;  // 24:00:00 is midnight
  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return false;
  p += 19;

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

  out.has_offset = false;
  out.offset_s = 0;
  if (p < e) {
    if (*p == 'Z' || *p == 'z') {
      ++p;
    } else if (*p == '+' || *p == '-') {
      const int sign = *p == '+' ? 1 : -1;
      ++p;
      int oh = 0, om = 0;
      if (e - p >= 2 && digits(p, 2, oh)) {
        p += 2;
        if (p < e && *p == ':') ++p;
        if (e - p >= 2 && digits(p, 2, om)) p += 2;
      } else {
        return false;
      }
      if (oh > 14 || om > 59) return false;
      out.offset_s = sign * (oh * 3600 + om * 60);
      // +00:00 says "UTC" and nothing about where the runner was: like Z.
      out.has_offset = out.offset_s != 0;
    }
  }
  if (p != e) return false;

  const std::int64_t days = date::sys_days{ymd}.time_since_epoch().count();
  const std::int64_t s = days * 86400 + hour * 3600 + minute * 60 + second - out.offset_s;
  out.ms_since_epoch = s * 1000 + ms;
  return true;
}

}  // namespace stride::import::detail
