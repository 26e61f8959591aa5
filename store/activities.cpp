// Activity rows: adding, listing, reading and editing them, their points and surfaces.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include <algorithm>

#include "store/detail/rows.hpp"
#include "store/points_blob.hpp"
#include "store/store.hpp"

namespace stride::store {

using detail::activity_select_list;
using detail::ActivityIndex;
using detail::bind_filter;
using detail::day_text;
using detail::exists;
using detail::filter_where;
using detail::insert_activity;
using detail::load_activity;
using detail::load_children;
using detail::ms_of;
using detail::Query;
using detail::read_row_into;
using detail::write_surfaces;
using engine::Activity;

std::int64_t Store::add_activity(const engine::Activity& activity) {
  SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
  const std::int64_t id = insert_activity(*db_, activity, std::nullopt);
  tx.commit();
  return id;
}

std::vector<engine::Activity> Store::list(const Filter& filter) const {
  const std::string where = filter_where(filter);
  std::vector<Activity> out;
  ActivityIndex index{&out, {}};
  {
    // Sized up front: an Activity is large, and growing the vector (moving
    // every element, faulting in fresh pages) cost more than the rows.
    Query count(*db_, "SELECT COUNT(*) FROM activities a" + where);
    bind_filter(count, filter);
    count.step();
    out.reserve(static_cast<std::size_t>(count.i64(0)));
    index.by_id.reserve(out.capacity());
  }
  {
    // No ORDER BY: walking the start index costs a table seek per row, more
    // than reading the rows in storage order and sorting them here.
    Query q(*db_, fmt::format("SELECT {} FROM activities a{}",
                              activity_select_list(filter.load_fields_only), where));
    bind_filter(q, filter);
    while (q.step()) read_row_into(q, out.emplace_back(), filter.load_fields_only);
  }
  auto earlier = [](const Activity& x, const Activity& y) {
    return std::pair(x.start_utc, x.id) < std::pair(y.start_utc, y.id);
  };
  if (!std::is_sorted(out.begin(), out.end(), earlier)) {
    // Sort positions, then put each activity in place by following the
    // permutation's cycles: no second vector of large Activities to fault in.
    std::vector<std::size_t> order(out.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t x, std::size_t y) { return earlier(out[x], out[y]); });
    for (std::size_t start = 0; start < order.size(); ++start) {
      if (order[start] == start) continue;
      Activity held = std::move(out[start]);
      std::size_t at = start;
      while (order[at] != start) {
        const std::size_t from = order[at];
        out[at] = std::move(out[from]);
        order[at] = at;
        at = from;
      }
      out[at] = std::move(held);
      order[at] = at;
    }
  }
  for (std::size_t i = 0; i < out.size(); ++i) index.by_id.emplace(out[i].id, i);
  if (out.empty()) return out;
  load_children(
      *db_, index, where, [&filter](Query& q) { bind_filter(q, filter); }, filter.with_points);
  return out;
}

std::optional<engine::Activity> Store::get(std::int64_t id, bool with_points) const {
  return load_activity(*db_, id, with_points);
}

bool Store::edit(std::int64_t id, const Edit& edit) {
  SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
  if (!exists(*db_, id)) return false;
  auto set = [&](const char* column, const auto& bind_value) {
    SQLite::Statement st(*db_, fmt::format("UPDATE activities SET {}=?1 WHERE id=?2", column));
    bind_value(st);
    st.bind(2, id);
    st.exec();
  };
  if (edit.sport) {
    set("sport", [&](SQLite::Statement& st) { st.bind(1, std::string(to_string(*edit.sport))); });
  }
  if (edit.shoe) set("shoe", [&](SQLite::Statement& st) { st.bind(1, *edit.shoe); });
  if (edit.rpe) set("rpe", [&](SQLite::Statement& st) { st.bind(1, *edit.rpe); });
  if (edit.name) set("name", [&](SQLite::Statement& st) { st.bind(1, *edit.name); });
  if (edit.notes) set("notes", [&](SQLite::Statement& st) { st.bind(1, *edit.notes); });
  if (edit.distance_m)
    set("distance_m", [&](SQLite::Statement& st) { st.bind(1, *edit.distance_m); });
  if (edit.moving_s) set("moving_s", [&](SQLite::Statement& st) { st.bind(1, *edit.moving_s); });
  if (edit.elapsed_s) set("elapsed_s", [&](SQLite::Statement& st) { st.bind(1, *edit.elapsed_s); });
  if (edit.local_date)
    set("local_date", [&](SQLite::Statement& st) { st.bind(1, day_text(*edit.local_date)); });
  if (edit.start_utc)
    set("start_utc_ms", [&](SQLite::Statement& st) { st.bind(1, ms_of(*edit.start_utc)); });
  if (edit.surface_m) {
    write_surfaces(*db_, id, *edit.surface_m);
    set("surface_fixed", [](SQLite::Statement& st) { st.bind(1, 1); });
  }
  tx.commit();
  return true;
}

std::vector<std::string> Store::shoe_names() const {
  std::vector<std::string> out;
  SQLite::Statement st(*db_, "SELECT DISTINCT shoe FROM activities WHERE shoe <> '' ORDER BY shoe");
  while (st.executeStep()) out.push_back(st.getColumn(0).getString());
  return out;
}

std::int64_t Store::activity_count() const {
  return db_->execAndGet("SELECT COUNT(*) FROM activities WHERE deleted_at IS NULL").getInt64();
}

void Store::for_each_points(
    const Filter& filter,
    const std::function<void(std::int64_t, const std::vector<engine::TrackPoint>&)>& visit) const {
  Query q(*db_,
          "SELECT p.activity_id, p.blob FROM activity_points p JOIN activities a ON a.id = "
          "p.activity_id" +
              filter_where(filter) + " ORDER BY a.start_utc_ms, a.id");
  bind_filter(q, filter);
  while (q.step()) visit(q.i64(0), decode_points(q.blob(1)));
}

std::vector<std::pair<std::int64_t, std::vector<engine::TrackPoint>>> Store::points_for(
    const Filter& filter) const {
  std::vector<std::pair<std::int64_t, std::vector<engine::TrackPoint>>> out;
  for_each_points(filter, [&out](std::int64_t id, const std::vector<engine::TrackPoint>& points) {
    out.emplace_back(id, points);
  });
  return out;
}

bool Store::set_surfaces(std::int64_t id, const std::vector<engine::SurfaceShare>& shares) {
  SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
  if (!exists(*db_, id)) return false;
  write_surfaces(*db_, id, shares);
  tx.commit();
  return true;
}

void Store::set_surfaces(
    const std::vector<std::pair<std::int64_t, std::vector<engine::SurfaceShare>>>& splits) {
  SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
  for (const auto& [id, shares] : splits)
    if (exists(*db_, id)) write_surfaces(*db_, id, shares);
  tx.commit();
}

void Store::set_surface_fixed(std::int64_t id, bool fixed) {
  SQLite::Statement st(*db_, "UPDATE activities SET surface_fixed=?1 WHERE id=?2");
  st.bind(1, fixed ? 1 : 0);
  st.bind(2, id);
  st.exec();
}

std::vector<std::int64_t> Store::surface_fixed_ids() const {
  std::vector<std::int64_t> out;
  SQLite::Statement st(*db_, "SELECT id FROM activities WHERE surface_fixed=1 ORDER BY id");
  while (st.executeStep()) out.push_back(st.getColumn(0).getInt64());
  return out;
}

}  // namespace stride::store
