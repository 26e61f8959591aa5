// Import batches: listing them, dropping an empty one, undoing one.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <utility>

#include "store/detail/snapshots.hpp"
#include "store/store.hpp"

namespace stride::store {

using detail::forget_snapshots;
using detail::restore_snapshot;

std::int64_t Store::begin_batch(const std::string& description) {
  SQLite::Statement st(*db_, "INSERT INTO import_batches (description) VALUES (?)");
  st.bind(1, description);
  st.exec();
  return db_->getLastInsertRowid();
}

bool Store::drop_batch_if_empty(std::int64_t batch_id) {
  SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
  SQLite::Statement changes(*db_, "SELECT 1 FROM batch_changes WHERE batch_id=? LIMIT 1");
  changes.bind(1, batch_id);
  if (changes.executeStep()) return false;
  for (const char* sql :
       {"DELETE FROM files_seen WHERE batch_id=?", "DELETE FROM import_batches WHERE id=?"}) {
    SQLite::Statement st(*db_, sql);
    st.bind(1, batch_id);
    st.exec();
  }
  tx.commit();
  return true;
}

std::optional<std::int64_t> Store::undo_batch(std::optional<std::int64_t> batch_id) {
  SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
  std::int64_t batch = 0;
  if (batch_id) {
    SQLite::Statement st(*db_, "SELECT id FROM import_batches WHERE id=?");
    st.bind(1, *batch_id);
    if (!st.executeStep()) return std::nullopt;
    batch = *batch_id;
  } else {
    SQLite::Statement st(*db_, "SELECT MAX(id) FROM import_batches");
    if (!st.executeStep() || st.getColumn(0).isNull()) return std::nullopt;
    batch = st.getColumn(0).getInt64();
  }
  {
    SQLite::Statement st(*db_,
                         "SELECT MIN(l.batch_id) FROM batch_changes c JOIN batch_changes l "
                         "ON l.activity_id = c.activity_id AND l.batch_id > c.batch_id "
                         "WHERE c.batch_id = ?");
    st.bind(1, batch);
    if (st.executeStep() && !st.getColumn(0).isNull()) {
      throw std::runtime_error(fmt::format(
          "batch {0} cannot be undone before batch {1}, which merged into what batch {0} "
          "stored; undo batch {1} first",
          batch, st.getColumn(0).getInt64()));
    }
  }
  std::vector<std::pair<std::int64_t, std::string>> changes;
  {
    SQLite::Statement st(*db_, "SELECT activity_id, kind FROM batch_changes WHERE batch_id=?");
    st.bind(1, batch);
    while (st.executeStep()) {
      changes.emplace_back(st.getColumn(0).getInt64(), st.getColumn(1).getString());
    }
  }
  for (const auto& [id, kind] : changes) {
    if (kind == "added") {
      SQLite::Statement del(*db_, "DELETE FROM activities WHERE id=?");
      del.bind(1, id);
      del.exec();
    } else {
      restore_snapshot(*db_, batch, id);
    }
  }
  forget_snapshots(*db_, batch);
  for (const char* sql :
       {"DELETE FROM batch_changes WHERE batch_id=?", "DELETE FROM files_seen WHERE batch_id=?",
        "DELETE FROM import_batches WHERE id=?"}) {
    SQLite::Statement st(*db_, sql);
    st.bind(1, batch);
    st.exec();
  }
  tx.commit();
  return batch;
}

std::vector<BatchInfo> Store::batches() const {
  SQLite::Statement st(*db_,
                       "SELECT b.id, b.started_at, b.description, "
                       "(SELECT COUNT(*) FROM batch_changes c WHERE c.batch_id=b.id AND "
                       "c.kind='added'), "
                       "(SELECT COUNT(*) FROM batch_changes c WHERE c.batch_id=b.id AND "
                       "c.kind='merged'), "
                       "(SELECT COUNT(*) FROM files_seen f WHERE f.batch_id=b.id) "
                       "FROM import_batches b ORDER BY b.id");
  std::vector<BatchInfo> out;
  while (st.executeStep()) {
    out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(),
                   st.getColumn(2).getString(), st.getColumn(3).getInt64(),
                   st.getColumn(4).getInt64(), st.getColumn(5).getInt64()});
  }
  return out;
}

}  // namespace stride::store
