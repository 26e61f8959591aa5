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

/// Brings the schema up to latest_schema_version(), one transaction per step.
/// Throws std::runtime_error naming `display_name` when the database is newer.
void migrate(SQLite::Database& db, const std::string& display_name);
/// Brings the schema up to `version` only: tests build a database of an older
/// release with it, fill it, and open it with the Store to test a migration.
void migrate_to(SQLite::Database& db, const std::string& display_name, int version);

/// Tables an activity's state lives in, keyed by `activity_id` (besides
/// `activities` itself, keyed by `id`): what undo snapshots and restores.
const std::vector<std::string>& activity_child_tables();

}  // namespace stride::store::detail
