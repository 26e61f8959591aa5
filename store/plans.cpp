// The plan in force (`stride plan use`).
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <date/date.h>

#include <cstdio>

#include "store/store.hpp"

namespace stride::store {

void Store::set_active_plan(const std::string& text, engine::UtcTime activated_at,
                            const std::string& path) {
  SQLite::Statement st(*db_, "INSERT INTO active_plan (text, activated_at, path) VALUES (?,?,?)");
  st.bind(1, text);
  st.bind(2, date::format("%FT%TZ", date::floor<std::chrono::seconds>(activated_at)));
  st.bind(3, path);
  st.exec();
}

void Store::update_active_plan_text(const std::string& text) {
  SQLite::Statement st(*db_,
                       "UPDATE active_plan SET text=? WHERE id=(SELECT MAX(id) FROM active_plan)");
  st.bind(1, text);
  st.exec();
}

std::optional<ActivePlan> Store::active_plan() const {
  SQLite::Statement st(*db_,
                       "SELECT text, activated_at, path FROM active_plan ORDER BY id DESC LIMIT 1");
  if (!st.executeStep()) return std::nullopt;
  ActivePlan out;
  out.text = st.getColumn(0).getString();
  out.path = st.getColumn(2).getString();
  // Read back by hand: date::parse trips GCC 12's -Wmaybe-uninitialized.
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (std::sscanf(st.getColumn(1).getText(), "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &sec) == 6)
    out.activated_at =
        engine::UtcTime{date::sys_days{date::year{y} / mo / d} + std::chrono::hours{h} +
                        std::chrono::minutes{mi} + std::chrono::seconds{sec}};
  return out;
}

}  // namespace stride::store
