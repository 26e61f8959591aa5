#include "store/detail/snapshots.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "store/detail/sql.hpp"
#include "store/schema.hpp"

namespace stride::store::detail {
namespace {

std::vector<std::string> columns_of(SQLite::Database& db, const std::string& table) {
  std::vector<std::string> cols;
  SQLite::Statement st(db, "SELECT name FROM pragma_table_info(?) ORDER BY cid");
  st.bind(1, table);
  while (st.executeStep()) cols.push_back(st.getColumn(0).getString());
  return cols;
}

}  // namespace

// Copies an activity's rows into the batch_prev_* tables, once per batch, so
// undo can put them back as they were before this batch touched them.
void snapshot_before_merge(SQLite::Database& db, std::int64_t batch, std::int64_t id) {
  {
    SQLite::Statement st(db, "SELECT 1 FROM batch_changes WHERE batch_id=? AND activity_id=?");
    st.bind(1, batch);
    st.bind(2, id);
    // Added or already snapshotted by this batch: undo deletes or restores it anyway.
    if (st.executeStep()) return;
  }
  {
    SQLite::Statement st(
        db, "INSERT INTO batch_prev_activities SELECT ?, * FROM activities WHERE id=?");
    st.bind(1, batch);
    st.bind(2, id);
    st.exec();
  }
  for (const auto& table : detail::activity_child_tables()) {
    SQLite::Statement st(db, fmt::format("INSERT INTO batch_prev_{0} SELECT ?, * FROM {0} "
                                         "WHERE activity_id=?",
                                         table));
    st.bind(1, batch);
    st.bind(2, id);
    st.exec();
  }
  SQLite::Statement st(db,
                       "INSERT INTO batch_changes (batch_id, activity_id, kind) "
                       "VALUES (?, ?, 'merged')");
  st.bind(1, batch);
  st.bind(2, id);
  st.exec();
}

void restore_snapshot(SQLite::Database& db, std::int64_t batch, std::int64_t id) {
  // Binned after the merge: the activity comes back as it was, still in the bin.
  std::optional<std::string> deleted_at;
  {
    SQLite::Statement st(db, "SELECT deleted_at FROM activities WHERE id=?");
    st.bind(1, id);
    if (st.executeStep() && !st.getColumn(0).isNull()) deleted_at = st.getColumn(0).getString();
  }
  {
    SQLite::Statement del(db, "DELETE FROM activities WHERE id=?");
    del.bind(1, id);
    del.exec();
  }
  auto copy_back = [&](const std::string& table, const char* key) {
    const std::string cols = join(columns_of(db, table), ',');
    SQLite::Statement st(db, fmt::format("INSERT INTO {0} ({1}) SELECT {1} FROM batch_prev_{0} "
                                         "WHERE undo_batch_id=? AND {2}=?",
                                         table, cols, key));
    st.bind(1, batch);
    st.bind(2, id);
    st.exec();
  };
  copy_back("activities", "id");
  for (const auto& table : detail::activity_child_tables()) copy_back(table, "activity_id");
  if (deleted_at) {
    SQLite::Statement st(db, "UPDATE activities SET deleted_at=? WHERE id=?");
    st.bind(1, *deleted_at);
    st.bind(2, id);
    st.exec();
  }
}

// Drops snapshot rows: those of one batch (`batch_id`) or of one activity
// (`id` in batch_prev_activities, `activity_id` in the others).
void forget_snapshots(SQLite::Database& db, const char* activity_key, const char* child_key,
                      std::int64_t key) {
  {
    SQLite::Statement st(db,
                         fmt::format("DELETE FROM batch_prev_activities WHERE {}=?", activity_key));
    st.bind(1, key);
    st.exec();
  }
  for (const auto& table : detail::activity_child_tables()) {
    SQLite::Statement st(db, fmt::format("DELETE FROM batch_prev_{} WHERE {}=?", table, child_key));
    st.bind(1, key);
    st.exec();
  }
}

}  // namespace stride::store::detail
