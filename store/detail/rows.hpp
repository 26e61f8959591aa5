#pragma once
/// Activity rows and their child tables (surfaces, exercises, points,
/// sources): writing, reading and filtering them, for every file of the store.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/activity.hpp"
#include "store/detail/sql.hpp"
#include "store/store.hpp"

namespace stride::store::detail {

/// "id, start_utc_ms, …": what read_row_into reads, id first. A load-only
/// listing reads a prefix (what load needs) and skips the text.
const std::string& activity_select_list(bool load_fields_only);

struct Row {
  engine::Activity activity;
  std::int64_t point_count = 0;
};

/// Fills `a` from a row of activity_select_list(load_fields_only) and returns
/// the row's point count.
std::int64_t read_row_into(const Query& q, engine::Activity& a, bool load_fields_only);

/// Inserts the row and its child tables; `batch` is nullopt for a manual entry.
std::int64_t insert_activity(SQLite::Database& db, const engine::Activity& a,
                             std::optional<std::int64_t> batch);
/// Rewrites the row (not its child tables).
void update_row(SQLite::Database& db, std::int64_t id, const engine::Activity& a,
                std::int64_t point_count);
void write_surfaces(SQLite::Database& db, std::int64_t id,
                    const std::vector<engine::SurfaceShare>& shares);
void write_exercises(SQLite::Database& db, std::int64_t id,
                     const std::vector<engine::Exercise>& exercises);
void write_points(SQLite::Database& db, std::int64_t id,
                  const std::vector<engine::TrackPoint>& points);
/// Appends a source to the activity's list.
void add_source(SQLite::Database& db, std::int64_t id, const engine::Source& source);

// Where rows of the child tables go, keyed by activity id.
struct ActivityIndex {
  std::vector<engine::Activity>* activities;
  std::unordered_map<std::int64_t, std::size_t> by_id;

  engine::Activity* find(std::int64_t id) {
    const auto it = by_id.find(id);
    return it == by_id.end() ? nullptr : &(*activities)[it->second];
  }
};

// The WHERE clause over `activities a` that a filter makes; bind_filter binds it.
std::string filter_where(const Filter& f);
void bind_filter(Query& q, const Filter& f);

// Fills surfaces, exercises and (when asked) points of the activities that
// `where` (over `activities a`, bound by `bind`) selects; one query per table,
// not one per activity.
void load_children(SQLite::Database& db, ActivityIndex& index, const std::string& where,
                   const std::function<void(Query&)>& bind, bool with_points);

std::optional<Row> load_row(SQLite::Database& db, std::int64_t id);
// Surfaces and exercises (and points when asked) of one activity already read.
void load_children_of(SQLite::Database& db, engine::Activity& activity, bool with_points);
std::optional<engine::Activity> load_activity(SQLite::Database& db, std::int64_t id,
                                              bool with_points);
bool exists(SQLite::Database& db, std::int64_t id);
/// True when the activity is in the bin.
bool binned(SQLite::Database& db, std::int64_t id);

}  // namespace stride::store::detail
