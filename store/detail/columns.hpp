#pragma once
/// A table's columns, each written once: its name, how a row reads it and how
/// a statement binds it. The SELECT, INSERT and UPDATE texts and the per-row
/// read and bind loops are all made from that one list, so a new column is one
/// entry rather than six edits kept in step by hand.
///
/// The list is a std::tuple, not an array of function pointers: each entry
/// keeps its own lambda types, so the loops below inline to the straight-line
/// code a hand-written read would be (listing reads every row of a history).

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "engine/activity.hpp"
#include "store/detail/sql.hpp"

namespace stride::store::detail {

/// `read(const Query&, int column, Row&)` stores the value of the row's
/// `column` in Row; `bind(SQLite::Statement&, int index, const Source&)`
/// binds Source's value at `index`.
template <class Read, class Bind>
struct Column {
  std::string_view name;
  Read read;
  Bind bind;
};
// Spelled out: Clang 14 (the fuzz builds) lacks C++20's aggregate deduction.
template <class Read, class Bind>
Column(std::string_view, Read, Bind) -> Column<Read, Bind>;

/// One field mapped both ways through `Codec` (static `read(q, c, field)` and
/// `bind(st, i, field)`); `access(row)` points to the field, in the row read
/// into and in the row bound from alike.
template <class Codec, class Access>
constexpr auto field(std::string_view name, Access access) {
  return Column{name,
                [access](const Query& q, int c, auto& row) { Codec::read(q, c, *access(row)); },
                [access](SQLite::Statement& st, int i, const auto& row) {
                  Codec::bind(st, i, *access(row));
                }};
}

/// Calls f(i, column) for each column of the tuple `columns`, i from 0.
template <class Columns, class F>
void for_each_column(const Columns& columns, F&& f) {
  std::apply(
      [&](const auto&... column) {
        int i = 0;
        (f(i++, column), ...);
      },
      columns);
}

template <class Columns>
constexpr int kColumnCount = static_cast<int>(std::tuple_size_v<Columns>);

/// "a, b, c"
template <class Columns>
std::string column_names(const Columns& columns) {
  std::string out;
  for_each_column(columns, [&](int i, const auto& column) {
    if (i > 0) out += ", ";
    out += column.name;
  });
  return out;
}

/// "a=?1, b=?2, c=?3": an UPDATE's SET list, binding as the INSERT does.
template <class Columns>
std::string column_assignments(const Columns& columns) {
  std::string out;
  for_each_column(columns, [&](int i, const auto& column) {
    if (i > 0) out += ", ";
    out += fmt::format("{}=?{}", column.name, i + 1);
  });
  return out;
}

/// "?1, ?2, …, ?n"
inline std::string placeholders(int n) {
  std::string out;
  for (int i = 1; i <= n; ++i) out += fmt::format("{}?{}", i > 1 ? ", " : "", i);
  return out;
}

/// Binds every column of `columns` from `row`, at indexes 1 to n.
template <class Columns, class Row>
void bind_columns(SQLite::Statement& st, const Columns& columns, const Row& row) {
  for_each_column(columns, [&](int i, const auto& column) { column.bind(st, i + 1, row); });
}

/// Reads every column of `columns` into `row`, from the query's column `first` on.
template <class Columns, class Row>
void read_columns(const Query& q, int first, const Columns& columns, Row& row) {
  for_each_column(columns, [&](int i, const auto& column) { column.read(q, first + i, row); });
}

// --- codecs: how a C++ value is held in a column ------------------------------

struct RealCodec {  ///< double, NOT NULL
  static void read(const Query& q, int c, double& v) { v = q.real(c); }
  static void bind(SQLite::Statement& st, int i, double v) { st.bind(i, v); }
};
struct MaybeRealCodec {  ///< double, NaN (unknown) as NULL
  static void read(const Query& q, int c, double& v) { v = q.maybe_real(c); }
  static void bind(SQLite::Statement& st, int i, double v) { bind_real(st, i, v); }
};
struct IntCodec {
  static void read(const Query& q, int c, int& v) { v = q.i32(c); }
  static void bind(SQLite::Statement& st, int i, int v) { st.bind(i, v); }
};
struct Int64Codec {
  static void read(const Query& q, int c, std::int64_t& v) { v = q.i64(c); }
  static void bind(SQLite::Statement& st, int i, std::int64_t v) { st.bind(i, v); }
};
struct BoolCodec {  ///< 0 or 1
  static void read(const Query& q, int c, bool& v) { v = q.i32(c) != 0; }
  static void bind(SQLite::Statement& st, int i, bool v) { st.bind(i, v ? 1 : 0); }
};
struct TextCodec {
  static void read(const Query& q, int c, std::string& v) { v = q.text(c); }
  static void bind(SQLite::Statement& st, int i, const std::string& v) { st.bind(i, v); }
};
struct DayCodec {  ///< `YYYY-MM-DD`
  static void read(const Query& q, int c, engine::Day& v) { v = parse_day(q.view(c)); }
  static void bind(SQLite::Statement& st, int i, engine::Day v) { st.bind(i, day_text(v)); }
};

}  // namespace stride::store::detail
