#pragma once
/// What every file of the store shares below the Store class: value
/// conversions to and from columns, and a fast read-only statement.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <date/date.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <cmath>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "engine/activity.hpp"
#include "engine/datetime.hpp"

namespace stride::store::detail {

inline std::string day_text(engine::Day day) { return engine::format_day(day); }

inline std::int64_t ms_of(engine::UtcTime t) { return t.time_since_epoch().count(); }

// By hand rather than sscanf: listing a 10-year history parses thousands.
inline engine::Day parse_day(std::string_view text) {
  auto digits = [&](std::size_t from, std::size_t n) {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      const char c = text[i];
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return v;
  };
  const int y = text.size() == 10 && text[4] == '-' && text[7] == '-' ? digits(0, 4) : -1;
  const int m = y < 0 ? -1 : digits(5, 2);
  const int d = m < 0 ? -1 : digits(8, 2);
  const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                                 date::day{static_cast<unsigned>(d)}};
  if (d < 0 || !ymd.ok()) {
    throw std::runtime_error(fmt::format("store: bad date '{}' in the database", text));
  }
  return engine::Day{ymd};
}

inline engine::Sport sport_of(std::string_view text) {
  if (auto s = engine::parse_sport(text)) return *s;
  throw std::runtime_error(fmt::format("store: unknown sport '{}' in the database", text));
}

inline std::string join(const std::vector<std::string>& parts, char sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

inline std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  while (true) {
    const auto at = text.find(sep, start);
    out.push_back(text.substr(start, at - start));
    if (at == std::string::npos) break;
    start = at + 1;
  }
  return out;
}

/// NaN (unknown) binds as NULL.
inline void bind_real(SQLite::Statement& st, int index, double v) {
  if (std::isnan(v)) {
    st.bind(index);
  } else {
    st.bind(index, v);
  }
}

// A read-only statement on the raw C API. Listing a long history reads tens of
// thousands of values; SQLiteCpp's per-value Column objects (a shared_ptr copy
// each) cost more than the reads themselves.
class Query {
 public:
  Query(SQLite::Database& db, const std::string& sql) : db_(db) {
    const int rc = sqlite3_prepare_v2(db.getHandle(), sql.c_str(), -1, &st_, nullptr);
    if (rc != SQLITE_OK) throw SQLite::Exception(db.getHandle(), rc);
  }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query() { sqlite3_finalize(st_); }

  void bind(const char* name, const std::string& value) {
    check(sqlite3_bind_text(st_, index(name), value.c_str(), static_cast<int>(value.size()),
                            SQLITE_TRANSIENT));
  }
  void bind(const char* name, std::int64_t value) {
    check(sqlite3_bind_int64(st_, index(name), value));
  }

  bool step() {
    const int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw SQLite::Exception(db_.getHandle(), rc);
  }

  bool null(int c) const { return sqlite3_column_type(st_, c) == SQLITE_NULL; }
  std::int64_t i64(int c) const { return sqlite3_column_int64(st_, c); }
  int i32(int c) const { return sqlite3_column_int(st_, c); }
  double real(int c) const { return sqlite3_column_double(st_, c); }
  /// NULL reads as NaN (unknown).
  double maybe_real(int c) const { return null(c) ? engine::kNoValue : real(c); }
  std::string text(int c) const {
    const auto* p = sqlite3_column_text(st_, c);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(st_, c)))
             : std::string();
  }
  /// Valid until the next step; no copy.
  std::string_view view(int c) const {
    const auto* p = sqlite3_column_text(st_, c);
    return p ? std::string_view(reinterpret_cast<const char*>(p),
                                static_cast<std::size_t>(sqlite3_column_bytes(st_, c)))
             : std::string_view();
  }
  std::span<const std::uint8_t> blob(int c) const {
    const void* p = sqlite3_column_blob(st_, c);
    return {static_cast<const std::uint8_t*>(p),
            static_cast<std::size_t>(sqlite3_column_bytes(st_, c))};
  }

 private:
  int index(const char* name) const {
    const int i = sqlite3_bind_parameter_index(st_, name);
    if (i == 0) throw std::logic_error(fmt::format("store: no parameter {}", name));
    return i;
  }
  void check(int rc) const {
    if (rc != SQLITE_OK) throw SQLite::Exception(db_.getHandle(), rc);
  }

  SQLite::Database& db_;
  sqlite3_stmt* st_ = nullptr;
};

}  // namespace stride::store::detail
