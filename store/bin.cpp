// The bin: `stride delete` marks an activity, `stride undelete` clears the mark.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "store/detail/rows.hpp"
#include "store/store.hpp"

namespace stride::store {

using detail::binned;

bool Store::remove(std::int64_t id) {
  // Only a mark: the row, its points and its sources stay, so `undelete`
  // brings back the same activity and undo-import still knows it.
  SQLite::Statement st(*db_,
                       "UPDATE activities SET deleted_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                       "WHERE id=? AND deleted_at IS NULL");
  st.bind(1, id);
  return st.exec() == 1;
}

bool Store::undelete(std::int64_t id) {
  SQLite::Statement st(*db_,
                       "UPDATE activities SET deleted_at = NULL WHERE id=? AND deleted_at IS NOT "
                       "NULL");
  st.bind(1, id);
  return st.exec() == 1;
}

bool Store::in_bin(std::int64_t id) const { return binned(*db_, id); }

std::optional<std::string> Store::deleted_at(std::int64_t id) const {
  SQLite::Statement st(*db_,
                       "SELECT deleted_at FROM activities WHERE id=? AND deleted_at IS NOT NULL");
  st.bind(1, id);
  if (!st.executeStep()) return std::nullopt;
  return st.getColumn(0).getString();
}

std::vector<std::int64_t> Store::binned_from(const std::string& content_hash,
                                             const std::string& old_hash) const {
  std::vector<std::int64_t> out;
  if (content_hash.empty() && old_hash.empty()) return out;
  // A source imported before schema 6 and not read since is known only by
  // its old-kind hash.
  SQLite::Statement st(*db_,
                       "SELECT DISTINCT a.id, a.deleted_at IS NULL FROM activity_sources s JOIN "
                       "activities a ON a.id = s.activity_id WHERE (?1 <> '' AND "
                       "s.content_hash=?1) OR (?2 <> '' AND s.old_hash=?2) ORDER BY a.id");
  st.bind(1, content_hash);
  st.bind(2, old_hash);
  while (st.executeStep()) {
    if (st.getColumn(1).getInt() != 0) return {};  // something of the file is live
    out.push_back(st.getColumn(0).getInt64());
  }
  return out;
}

std::vector<std::int64_t> Store::binned_from(const FileStamp& stamp) const {
  SQLite::Statement st(*db_,
                       "SELECT content_hash, old_hash FROM files_seen WHERE path=? AND size=? AND "
                       "mtime_ns=? LIMIT 1");
  st.bind(1, stamp.path);
  st.bind(2, stamp.size);
  st.bind(3, stamp.mtime_ns);
  if (!st.executeStep()) return {};
  return binned_from(st.getColumn(0).getString(), st.getColumn(1).getString());
}

}  // namespace stride::store
