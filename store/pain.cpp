// Pain notes (`stride log pain`, `stride pain`).
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <algorithm>

#include "store/detail/sql.hpp"
#include "store/store.hpp"

namespace stride::store {

using detail::day_text;
using detail::parse_day;
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

constexpr const char* kPainColumns =
    "SELECT id, date, site, level, during_run, changes_gait, note, flags FROM pain_notes ";

engine::PainNote pain_from_row(SQLite::Statement& st) {
  engine::PainNote n;
  n.id = st.getColumn(0).getInt64();
  n.date = parse_day(st.getColumn(1).getString());
  n.site = engine::parse_pain_site(st.getColumn(2).getString()).value_or(engine::PainSite::other);
  n.level = st.getColumn(3).getInt();
  n.during_run = st.getColumn(4).getInt() != 0;
  n.changes_gait = st.getColumn(5).getInt() != 0;
  n.note = st.getColumn(6).getString();
  n.flags = parse_flags(st.getColumn(7).getString());
  return n;
}

void bind_pain(SQLite::Statement& st, const engine::PainNote& note) {
  st.bind(1, day_text(note.date));
  st.bind(2, std::string(engine::to_string(note.site)));
  st.bind(3, note.level);
  st.bind(4, note.during_run ? 1 : 0);
  st.bind(5, note.changes_gait ? 1 : 0);
  st.bind(6, note.note);
  st.bind(7, flags_text(note.flags));
}

}  // namespace

std::int64_t Store::add_pain(const engine::PainNote& note) {
  SQLite::Statement st(*db_,
                       "INSERT INTO pain_notes (date, site, level, during_run, changes_gait, note, "
                       "flags) VALUES (?,?,?,?,?,?,?)");
  bind_pain(st, note);
  st.exec();
  return db_->getLastInsertRowid();
}

std::vector<engine::PainNote> Store::pain_notes() const {
  std::vector<engine::PainNote> out;
  SQLite::Statement st(*db_, std::string(kPainColumns) + "ORDER BY date, id");
  while (st.executeStep()) out.push_back(pain_from_row(st));
  return out;
}

std::optional<engine::PainNote> Store::pain_note(std::int64_t id) const {
  SQLite::Statement st(*db_, std::string(kPainColumns) + "WHERE id = ?");
  st.bind(1, id);
  if (!st.executeStep()) return std::nullopt;
  return pain_from_row(st);
}

bool Store::update_pain(const engine::PainNote& note) {
  SQLite::Statement st(*db_,
                       "UPDATE pain_notes SET date=?, site=?, level=?, during_run=?, "
                       "changes_gait=?, note=?, flags=? WHERE id=?");
  bind_pain(st, note);
  st.bind(8, note.id);
  return st.exec() > 0;
}

bool Store::delete_pain(std::int64_t id) {
  SQLite::Statement st(*db_, "DELETE FROM pain_notes WHERE id=?");
  st.bind(1, id);
  return st.exec() > 0;
}

}  // namespace stride::store
