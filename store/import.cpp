// Importing a file: the files seen (the re-import shortcut) and one
// transaction per file.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "store/detail/merge.hpp"
#include "store/store.hpp"

namespace stride::store {

using detail::import_one;

bool Store::seen_stamp(const FileStamp& stamp) const {
  SQLite::Statement st(*db_, "SELECT 1 FROM files_seen WHERE path=? AND size=? AND mtime_ns=?");
  st.bind(1, stamp.path);
  st.bind(2, stamp.size);
  st.bind(3, stamp.mtime_ns);
  return st.executeStep();
}

bool Store::seen_hash(const std::string& content_hash, const std::string& old_hash, bool rehash) {
  SQLite::Statement st(*db_, "SELECT 1 FROM files_seen WHERE content_hash=?");
  st.bind(1, content_hash);
  if (st.executeStep()) return true;
  if (old_hash.empty() || content_hash.empty()) return false;
  SQLite::Statement old(*db_, "SELECT 1 FROM files_seen WHERE old_hash=?");
  old.bind(1, old_hash);
  if (!old.executeStep()) return false;
  old.reset();
  if (!rehash) return true;
  SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
  for (const char* sql :
       {"UPDATE files_seen SET content_hash=?1, old_hash='' WHERE old_hash=?2",
        "UPDATE activity_sources SET content_hash=?1, old_hash='' WHERE old_hash=?2",
        "UPDATE batch_prev_activity_sources SET content_hash=?1, old_hash='' WHERE old_hash=?2",
        "UPDATE activities SET source_hash=?1 WHERE source_hash=?2",
        "UPDATE batch_prev_activities SET source_hash=?1 WHERE source_hash=?2"}) {
    SQLite::Statement up(*db_, sql);
    up.bind(1, content_hash);
    up.bind(2, old_hash);
    up.exec();
  }
  tx.commit();
  return true;
}

bool Store::has_old_hashes() const {
  return db_->execAndGet("SELECT EXISTS (SELECT 1 FROM files_seen WHERE old_hash <> '')")
             .getInt() != 0;
}
std::vector<ActivityOutcome> Store::import_file(std::int64_t batch_id, const FileStamp& stamp,
                                                const std::string& content_hash,
                                                std::vector<engine::Activity> activities,
                                                const std::vector<bool>& surface_fixed) {
  // IMMEDIATE: take the write lock up front, so a second writer waits (busy
  // timeout) instead of failing when its read turns into a write.
  SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
  std::vector<ActivityOutcome> outcomes;
  outcomes.reserve(activities.size());
  for (std::size_t k = 0; k < activities.size(); ++k) {
    auto& a = activities[k];
    if (a.source.content_hash.empty()) a.source.content_hash = content_hash;
    if (a.source.file_name.empty()) a.source.file_name = stamp.path;
    outcomes.push_back(import_one(*db_, batch_id, std::move(a)));
    if (k < surface_fixed.size() && surface_fixed[k] &&
        outcomes.back().outcome == Outcome::imported)
      set_surface_fixed(outcomes.back().id, true);
  }
  // The same file read again adds no second row, so a repeated import changes nothing.
  SQLite::Statement st(*db_,
                       "INSERT INTO files_seen (path, size, mtime_ns, content_hash, batch_id) "
                       "SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT EXISTS (SELECT 1 FROM files_seen "
                       "WHERE path=?1 AND size=?2 AND mtime_ns=?3 AND content_hash=?4)");
  st.bind(1, stamp.path);
  st.bind(2, stamp.size);
  st.bind(3, stamp.mtime_ns);
  st.bind(4, content_hash);
  st.bind(5, batch_id);
  st.exec();
  tx.commit();
  return outcomes;
}

}  // namespace stride::store
