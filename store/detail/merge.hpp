#pragma once
/// Deduplicating and merging one imported activity against what is stored.

#include <cstdint>

#include "engine/activity.hpp"
#include "store/store.hpp"

namespace SQLite {
class Database;
}

namespace stride::store::detail {

/// Stores `a` as new, reports it as a duplicate (or as binned earlier), or
/// merges it into the stored recording of the same activity, inside the
/// caller's transaction; `batch` records what changed for undo.
ActivityOutcome import_one(SQLite::Database& db, std::int64_t batch, engine::Activity a);

}  // namespace stride::store::detail
