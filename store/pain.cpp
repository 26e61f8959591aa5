// Pain notes (`stride log pain`, `stride pain`).
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "store/detail/columns.hpp"
#include "store/detail/sql.hpp"
#include "store/store.hpp"

namespace stride::store {

using detail::field;

namespace {

std::string flags_text(const std::vector<engine::MedicalFlag>& flags) {
  std::string out;
  for (engine::MedicalFlag f : flags) {
    if (!out.empty()) out += ',';
    out += engine::to_string(f);
  }
  return out;
}

std::vector<engine::MedicalFlag> parse_flags(const std::string& text) {
  std::vector<engine::MedicalFlag> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = std::min(text.find(',', start), text.size());
    if (auto f = engine::parse_medical_flag(std::string_view(text).substr(start, end - start)))
      out.push_back(*f);
    start = end + 1;
  }
  return out;
}

struct SiteCodec {  ///< PRODUCT.md's spelling; one this build does not know reads as other
  static void read(const detail::Query& q, int c, engine::PainSite& v) {
    v = engine::parse_pain_site(q.view(c)).value_or(engine::PainSite::other);
  }
  static void bind(SQLite::Statement& st, int i, engine::PainSite v) {
    st.bind(i, std::string(engine::to_string(v)));
  }
};
struct FlagsCodec {  ///< comma-separated (`chest-pain,fever`), '' for none
  static void read(const detail::Query& q, int c, std::vector<engine::MedicalFlag>& v) {
    v = parse_flags(q.text(c));
  }
  static void bind(SQLite::Statement& st, int i, const std::vector<engine::MedicalFlag>& v) {
    st.bind(i, flags_text(v));
  }
};

// The pain_notes table's columns but id (the key, read first, never bound).
constexpr std::tuple kPainColumns{
    field<detail::DayCodec>("date", [](auto& n) { return &n.date; }),
    field<SiteCodec>("site", [](auto& n) { return &n.site; }),
    field<detail::IntCodec>("level", [](auto& n) { return &n.level; }),
    field<detail::BoolCodec>("during_run", [](auto& n) { return &n.during_run; }),
    field<detail::BoolCodec>("changes_gait", [](auto& n) { return &n.changes_gait; }),
    field<detail::TextCodec>("note", [](auto& n) { return &n.note; }),
    field<FlagsCodec>("flags", [](auto& n) { return &n.flags; }),
};
constexpr int kPainColumnsBound = detail::kColumnCount<decltype(kPainColumns)>;

// Every note `where` selects (with its own parameters bound by `bind`).
template <class Bind>
std::vector<engine::PainNote> read_pain(SQLite::Database& db, const std::string& where,
                                        const Bind& bind) {
  detail::Query q(db, fmt::format("SELECT id, {} FROM pain_notes {}",
                                  detail::column_names(kPainColumns), where));
  bind(q);
  std::vector<engine::PainNote> out;
  while (q.step()) {
    auto& n = out.emplace_back();
    n.id = q.i64(0);
    detail::read_columns(q, 1, kPainColumns, n);
  }
  return out;
}

}  // namespace

std::int64_t Store::add_pain(const engine::PainNote& note) {
  static const std::string sql =
      fmt::format("INSERT INTO pain_notes ({}) VALUES ({})", detail::column_names(kPainColumns),
                  detail::placeholders(kPainColumnsBound));
  SQLite::Statement st(*db_, sql);
  detail::bind_columns(st, kPainColumns, note);
  st.exec();
  return db_->getLastInsertRowid();
}

std::vector<engine::PainNote> Store::pain_notes() const {
  return read_pain(*db_, "ORDER BY date, id", [](detail::Query&) {});
}

std::optional<engine::PainNote> Store::pain_note(std::int64_t id) const {
  auto found = read_pain(*db_, "WHERE id = :id", [id](detail::Query& q) { q.bind(":id", id); });
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

bool Store::update_pain(const engine::PainNote& note) {
  static const std::string sql =
      fmt::format("UPDATE pain_notes SET {} WHERE id=?{}", detail::column_assignments(kPainColumns),
                  kPainColumnsBound + 1);
  SQLite::Statement st(*db_, sql);
  detail::bind_columns(st, kPainColumns, note);
  st.bind(kPainColumnsBound + 1, note.id);
  return st.exec() > 0;
}

bool Store::delete_pain(std::int64_t id) {
  SQLite::Statement st(*db_, "DELETE FROM pain_notes WHERE id=?");
  st.bind(1, id);
  return st.exec() > 0;
}

}  // namespace stride::store
