#pragma once
/// The database schema and its forward migrations (internal to the store).

#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace stride::store::detail {

/// The schema version this build writes (`PRAGMA user_version`).
int latest_schema_version();

/// Brings the schema up to `target` (default latest_schema_version()), one
/// transaction per step; tests stop earlier to build an older database.
/// Throws std::runtime_error naming `display_name` when the database is newer.
void migrate(SQLite::Database& db, const std::string& display_name, int target = -1);

/// Tables an activity's state lives in, keyed by `activity_id` (besides
/// `activities` itself, keyed by `id`): what undo snapshots and restores.
const std::vector<std::string>& activity_child_tables();

}  // namespace stride::store::detail
