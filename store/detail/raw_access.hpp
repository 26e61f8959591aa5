#pragma once
/// The connection behind a Store, for tests that read or damage tables
/// directly (tests/store). Code outside store/ uses Store's methods instead.

#include <SQLiteCpp/Database.h>

#include "store/store.hpp"

namespace stride::store::detail {

struct RawAccess {
  static SQLite::Database& db(Store& store) { return *store.db_; }
};

}  // namespace stride::store::detail
