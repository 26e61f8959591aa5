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

// An activity's state: its `activities` row (keyed by id) and its rows in
// every child table (keyed by activity_id). Each has a batch_prev_ twin with
// the same columns after a leading undo_batch_id.
struct Table {
  std::string name;
  const char* key;
};

const std::vector<Table>& snapshot_tables() {
  static const std::vector<Table> kTables = [] {
    std::vector<Table> out{{"activities", "id"}};
    for (const auto& child : activity_child_tables()) out.push_back({child, "activity_id"});
    return out;
  }();
  return kTables;
}

// "a,b,c": by name, not `*`, so the copy never depends on the two tables
// having added their columns in the same order.
std::string column_list(SQLite::Database& db, const std::string& table) {
  std::vector<std::string> cols;
  SQLite::Statement st(db, "SELECT name FROM pragma_table_info(?) ORDER BY cid");
  st.bind(1, table);
  while (st.executeStep()) cols.push_back(st.getColumn(0).getString());
  return join(cols, ',');
}

enum class Copy { to_snapshot, back };

// Copies activity `id`'s rows of `table` into batch `batch`'s snapshot, or
// back out of it.
void copy_rows(SQLite::Database& db, const Table& table, std::int64_t batch, std::int64_t id,
               Copy way) {
  const std::string cols = column_list(db, table.name);
  const std::string sql =
      way == Copy::to_snapshot
          ? fmt::format(
                "INSERT INTO batch_prev_{0} (undo_batch_id, {1}) SELECT ?1, {1} FROM {0} "
                "WHERE {2}=?2",
                table.name, cols, table.key)
          : fmt::format(
                "INSERT INTO {0} ({1}) SELECT {1} FROM batch_prev_{0} "
                "WHERE undo_batch_id=?1 AND {2}=?2",
                table.name, cols, table.key);
  SQLite::Statement st(db, sql);
  st.bind(1, batch);
  st.bind(2, id);
  st.exec();
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
  for (const auto& table : snapshot_tables()) copy_rows(db, table, batch, id, Copy::to_snapshot);
  record_change(db, batch, id, "merged");
}

void record_change(SQLite::Database& db, std::int64_t batch, std::int64_t id,
                   std::string_view kind) {
  SQLite::Statement st(db,
                       "INSERT INTO batch_changes (batch_id, activity_id, kind) VALUES (?, ?, ?)");
  st.bind(1, batch);
  st.bind(2, id);
  st.bind(3, std::string(kind));
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
    // The child rows go with it (ON DELETE CASCADE).
    SQLite::Statement del(db, "DELETE FROM activities WHERE id=?");
    del.bind(1, id);
    del.exec();
  }
  for (const auto& table : snapshot_tables()) copy_rows(db, table, batch, id, Copy::back);
  if (deleted_at) {
    SQLite::Statement st(db, "UPDATE activities SET deleted_at=? WHERE id=?");
    st.bind(1, *deleted_at);
    st.bind(2, id);
    st.exec();
  }
}

void forget_snapshots(SQLite::Database& db, std::int64_t batch) {
  for (const auto& table : snapshot_tables()) {
    SQLite::Statement st(
        db, fmt::format("DELETE FROM batch_prev_{} WHERE undo_batch_id=?", table.name));
    st.bind(1, batch);
    st.exec();
  }
}

}  // namespace stride::store::detail
