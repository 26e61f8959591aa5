#pragma once
/// The batch_prev_* tables: an activity as it was before a batch first merged
/// into it, so undo can put it back.

#include <cstdint>
#include <string_view>

namespace SQLite {
class Database;
}

namespace stride::store::detail {

// Copies an activity's rows into the batch_prev_* tables, once per batch, so
// undo can put them back as they were before this batch touched them.
void snapshot_before_merge(SQLite::Database& db, std::int64_t batch, std::int64_t id);

/// What a batch did to an activity (`added` or `merged`), for undo-import.
void record_change(SQLite::Database& db, std::int64_t batch, std::int64_t id,
                   std::string_view kind);
/// Puts the activity back as batch `batch` found it (still in the bin when it
/// was binned since).
void restore_snapshot(SQLite::Database& db, std::int64_t batch, std::int64_t id);
/// Drops the snapshots batch `batch` kept.
void forget_snapshots(SQLite::Database& db, std::int64_t batch);

}  // namespace stride::store::detail
