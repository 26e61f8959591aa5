#include "import/garmin_export.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>

#include "import/detail/csv_values.hpp"
#include "import/detail/export_inputs.hpp"
#include "import/formats.hpp"

namespace stride::import {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::string_view kFitnessDir = "DI_CONNECT/DI-Connect-Fitness/";
constexpr std::string_view kUploadsDir = "DI_CONNECT/DI-Connect-Uploaded-Files/";
constexpr std::string_view kSummariesSuffix = "summarizedactivities.json";
/// An offset from startTimeLocal beyond this is not an offset but bad data.
constexpr std::int64_t kMaxOffsetMs = 14LL * 3600 * 1000;

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool is_zip_name(std::string_view name) { return ends_with(detail::lower(name), ".zip"); }

std::optional<double> number(const json& entry, const char* key) {
  const auto it = entry.find(key);
  if (it == entry.end() || !it->is_number()) return std::nullopt;
  const double v = it->get<double>();
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<std::int64_t> epoch_ms(const json& entry, const char* key) {
  const auto v = number(entry, key);
  if (!v || std::abs(*v) > 1e15) return std::nullopt;
  return static_cast<std::int64_t>(std::llround(*v));
}

std::string text(const json& entry, const char* key) {
  const auto it = entry.find(key);
  return it != entry.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string type_key_of(const json& entry) {
  // A string in the account export; an object with typeKey in Connect's API.
  const auto it = entry.find("activityType");
  if (it == entry.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_object()) return text(*it, "typeKey");
  return {};
}

GarminSummary summary_of(const json& entry, const ParseContext& ctx) {
  GarminSummary s;
  if (const auto id = epoch_ms(entry, "activityId")) s.activity_id = *id;
  if (const auto id = epoch_ms(entry, "parentId")) s.parent_id = *id;
  s.type_key = type_key_of(entry);
  const auto parent = entry.find("parent");
  s.multisport_parent = s.type_key == "multi_sport" ||
                        (parent != entry.end() && parent->is_boolean() && parent->get<bool>());

  engine::Activity& a = s.activity;
  a.summary_only = true;
  a.source.format = "garmin";
  a.sport = garmin_sport(s.type_key);
  a.name = text(entry, "name");
  auto start = epoch_ms(entry, "beginTimestamp");
  if (!start) start = epoch_ms(entry, "startTimeGmt");
  if (!start) {
    s.error =
        fmt::format("activity {} has no start time (beginTimestamp, startTimeGmt)", s.activity_id);
    return s;
  }
  a.start_utc = engine::UtcTime(std::chrono::milliseconds(*start));
  if (const auto local = epoch_ms(entry, "startTimeLocal");
      local && std::abs(*local - *start) <= kMaxOffsetMs) {
    // Whole minutes: the two stamps are rounded separately.
    const std::int64_t offset_min =
        static_cast<std::int64_t>(std::llround(static_cast<double>(*local - *start) / 60000.0));
    a.utc_offset_s = static_cast<std::int32_t>(offset_min * 60);
    a.offset_from_source = true;
  }
  assign_local_date(a, ctx);

  const auto cm = [&](const char* key) {
    const auto v = number(entry, key);
    return v && *v >= 0 ? *v / 100.0 : engine::kNoValue;
  };
  const auto ms = [&](const char* key) {
    const auto v = number(entry, key);
    return v && *v >= 0 ? *v / 1000.0 : engine::kNoValue;
  };
  if (const double d = cm("distance"); d == d) a.distance_m = d;
  // Garmin's `duration` is the timer time (pauses excluded), what FIT and
  // stride call moving time; `elapsedDuration` is the wall clock.
  if (const double t = ms("duration"); t == t) a.moving_s = t;
  if (const double t = ms("elapsedDuration"); t == t) a.elapsed_s = t;
  if (!(a.elapsed_s > 0)) a.elapsed_s = a.moving_s;
  a.elevation_gain_m = cm("elevationGain");
  if (const auto hr = number(entry, "avgHr"); hr && *hr > 0) a.avg_hr_bpm = *hr;
  if (const auto hr = number(entry, "maxHr"); hr && *hr > 0) a.max_hr_bpm = *hr;
  // avgDoubleCadence counts both feet; avgRunCadence one (like FIT's cadence).
  if (const auto c = number(entry, "avgDoubleCadence"); c && *c > 0)
    a.avg_cadence_spm = *c;
  else if (const auto c1 = number(entry, "avgRunCadence"); c1 && *c1 > 0)
    a.avg_cadence_spm = 2 * *c1;
  // A treadmill run is all treadmill, as the CSV readers have it.
  if (a.sport == engine::Sport::treadmill_run && a.distance_m > 0)
    a.surface_m.push_back({engine::Surface::treadmill, a.distance_m});
  return s;
}

/// The FIT (or GPX/TCX) activity takes what the athlete set on Connect.
void apply_summary(engine::Activity& a, const GarminSummary& s) {
  if (s.activity.sport != engine::Sport::other) a.sport = s.activity.sport;
  if (a.sport == engine::Sport::treadmill_run && a.surface_m.empty() && a.distance_m > 0)
    a.surface_m.push_back({engine::Surface::treadmill, a.distance_m});
  if (!s.activity.name.empty()) a.name = s.activity.name;
  const auto& from = s.activity;
  if (!(a.distance_m > 0) && from.distance_m > 0) a.distance_m = from.distance_m;
  if (!(a.moving_s > 0) && from.moving_s > 0) a.moving_s = from.moving_s;
  if (!(a.elapsed_s > 0) && from.elapsed_s > 0) a.elapsed_s = from.elapsed_s;
  if (std::isnan(a.avg_hr_bpm)) a.avg_hr_bpm = from.avg_hr_bpm;
  if (std::isnan(a.max_hr_bpm)) a.max_hr_bpm = from.max_hr_bpm;
  if (std::isnan(a.avg_cadence_spm)) a.avg_cadence_spm = from.avg_cadence_spm;
  if (std::isnan(a.elevation_gain_m)) a.elevation_gain_m = from.elevation_gain_m;
}

std::chrono::milliseconds gap(engine::UtcTime a, engine::UtcTime b) {
  const auto d = a - b;
  return d < d.zero() ? -d : d;
}

std::string summary_hash(const GarminSummary& s) {
  const auto& a = s.activity;
  return content_hash(fmt::format("garmin-summary|{}|{}|{}|{}|{}|{}", s.activity_id,
                                  a.start_utc.time_since_epoch().count(), s.type_key, a.distance_m,
                                  a.moving_s, a.name));
}

/// Where a summaries file or an uploaded file lives, for inputs' stamps.
struct Origin {
  std::string display;
  fs::path path;
  std::string stamp;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
};

struct SummaryEntry {
  GarminSummary summary;
  Origin json;
  bool claimed = false;
};

class GarminWalk {
 public:
  GarminWalk(const Limits& limits, const ParseContext& ctx, std::vector<Input>& out)
      : limits_(limits), ctx_(ctx), out_(out) {}

  void add_summaries(const Origin& origin, const std::function<std::string()>& load) {
    try {
      ParseContext ctx = ctx_;
      ctx.display_name = origin.display;
      for (auto& s : parse_garmin_summaries(load(), ctx))
        summaries_.push_back({std::move(s), origin, false});
    } catch (const ParseError&) {
      out_.push_back(detail::failing_input(origin.display, origin.path, origin.stamp,
                                           std::current_exception()));
    } catch (const std::exception& e) {
      // Anything else fails this file only, never the whole walk.
      out_.push_back(
          detail::failing_input(origin.display, origin.path, origin.stamp,
                                std::make_exception_ptr(ParseError(origin.display, {}, e.what()))));
    }
  }

  /// An uploaded file, parsed once now for its activities' (FIT: sessions') starts.
  void add_upload(const Origin& origin, Format format, std::function<std::string()> load) {
    std::vector<GarminSummary> claimed;
    {
      try {
        ParseContext ctx = ctx_;
        ctx.display_name = origin.display;
        const ParseResult scan = parse_bytes(format, load(), ctx);
        for (const auto& a : scan.activities)
          if (SummaryEntry* e = claim(a.start_utc)) claimed.push_back(e->summary);
      } catch (const std::exception&) {
        // It fails again, with its reason, when the input is parsed.
      }
    }
    Input in;
    in.display_name = origin.display;
    in.path = origin.path;
    in.stamp_path = origin.stamp;
    in.size_bytes = origin.size;
    in.mtime_ns = origin.mtime_ns;
    in.format = format;
    in.load = load;
    in.parse = [load, format, claimed = std::move(claimed),
                display = origin.display](const ParseContext& ctx) {
      ParsedInput out;
      std::string bytes;
      try {
        bytes = load();
        out.content_hash = content_hash(bytes);
        out.result = parse_bytes(format, bytes, ctx);
      } catch (const ParseError& e) {
        if (claimed.empty()) throw;
        // The summaries still know the activity: keep it, say why.
        out.result = {};
        out.result.warnings.push_back(
            {{}, fmt::format("{} (imported from the Garmin summary alone)", e.what())});
        if (out.content_hash.empty()) out.content_hash = summary_hash(claimed.front());
      }
      std::vector<bool> used(claimed.size(), false);
      for (auto& a : out.result.activities) {
        for (std::size_t k = 0; k < claimed.size(); ++k) {
          if (!used[k] && gap(a.start_utc, claimed[k].activity.start_utc) <= kGarminMatchWindow) {
            apply_summary(a, claimed[k]);
            used[k] = true;
            break;
          }
        }
      }
      for (std::size_t k = 0; k < claimed.size(); ++k) {
        if (used[k]) continue;
        engine::Activity alone = claimed[k].activity;
        alone.source.file_name = display;
        alone.source.index_in_file = static_cast<int>(out.result.activities.size());
        out.result.activities.push_back(std::move(alone));
      }
      return out;
    };
    out_.push_back(std::move(in));
  }

  /// Inputs for the summaries no uploaded file matched.
  void finish() {
    for (auto& e : summaries_) {
      if (e.claimed) continue;
      const GarminSummary& s = e.summary;
      if (s.multisport_parent && (has_child(s.activity_id) || near_claimed(s)))
        continue;  // its legs are the activities
      const std::string display = fmt::format("{}#{}", e.json.display, s.activity_id);
      Input in;
      in.display_name = display;
      in.path = e.json.path;
      in.stamp_path = fmt::format("{}#{}", e.json.stamp, s.activity_id);
      in.size_bytes = e.json.size;
      in.mtime_ns = e.json.mtime_ns;
      if (!s.error.empty()) {
        out_.push_back(detail::failing_input(
            display, e.json.path, in.stamp_path,
            std::make_exception_ptr(ParseError(e.json.display, {}, s.error))));
        continue;
      }
      in.parse = [s, file = e.json.display](const ParseContext&) {
        ParsedInput out;
        out.content_hash = summary_hash(s);
        engine::Activity a = s.activity;
        a.source.file_name = file;
        out.result.activities.push_back(std::move(a));
        return out;
      };
      out_.push_back(std::move(in));
    }
  }

  const Limits& limits() const { return limits_; }

 private:
  SummaryEntry* claim(engine::UtcTime start) {
    SummaryEntry* best = nullptr;
    for (auto& e : summaries_) {
      if (e.claimed || e.summary.multisport_parent || !e.summary.error.empty()) continue;
      const auto g = gap(e.summary.activity.start_utc, start);
      if (g <= kGarminMatchWindow &&
          (best == nullptr || g < gap(best->summary.activity.start_utc, start)))
        best = &e;
    }
    if (best != nullptr) best->claimed = true;
    return best;
  }

  bool has_child(std::int64_t id) const {
    return id != 0 && std::any_of(summaries_.begin(), summaries_.end(),
                                  [&](const auto& e) { return e.summary.parent_id == id; });
  }

  bool near_claimed(const GarminSummary& s) const {
    return std::any_of(summaries_.begin(), summaries_.end(), [&](const auto& e) {
      return e.claimed &&
             gap(e.summary.activity.start_utc, s.activity.start_utc) <= kGarminMatchWindow;
    });
  }

  const Limits& limits_;
  const ParseContext& ctx_;
  std::vector<Input>& out_;
  std::vector<SummaryEntry> summaries_;
};

/// The members of one nested uploads zip, as inputs.
void add_nested_zip(GarminWalk& walk, const std::shared_ptr<ZipReader>& nested, const Origin& outer,
                    std::vector<Input>& out) {
  std::vector<const ZipMember*> members;
  for (const auto& m : nested->members())
    if (!m.is_directory && !detail::hidden_member(m.name)) members.push_back(&m);
  std::sort(members.begin(), members.end(),
            [](const ZipMember* a, const ZipMember* b) { return a->name < b->name; });
  for (const ZipMember* m : members) {
    Origin o;
    o.display = fmt::format("{}!{}", outer.display, m->name);
    o.path = outer.path;
    o.stamp = fmt::format("{}!{}", outer.stamp, m->name);
    o.size = m->size_bytes;
    o.mtime_ns = outer.mtime_ns;
    const auto format = detect_format(m->name);
    if (!format) {
      out.push_back(detail::skipped_input(o.display, o.path, "not a GPX, TCX or FIT file"));
      continue;
    }
    walk.add_upload(o, *format, [nested, m, display = o.display, limits = walk.limits()] {
      std::string bytes = nested->read(*m);
      if (looks_like_gzip(bytes)) return gunzip(bytes, display, limits);
      return bytes;
    });
  }
}

}  // namespace

engine::Sport garmin_sport(std::string_view type_key) {
  if (type_key.empty()) return engine::Sport::other;
  if (auto s = detail::sport_from_name(type_key)) return *s;
  // Keys stride has no row for still say what they are.
  const std::string k = detail::lower(type_key);
  const auto has = [&](std::string_view part) { return k.find(part) != std::string::npos; };
  if (has("trail")) return engine::Sport::trail_run;
  if (has("treadmill") || has("indoor_running") || has("virtual_run"))
    return engine::Sport::treadmill_run;
  if (has("running") || has("_run")) return engine::Sport::run;
  if (has("hiking")) return engine::Sport::hike;
  if (has("walking")) return engine::Sport::walk;
  if (has("cycling") || has("biking") || has("ride")) return engine::Sport::ride;
  if (has("swim")) return engine::Sport::swim;
  if (has("rowing")) return engine::Sport::row;
  if (has("elliptical")) return engine::Sport::elliptical;
  if (has("strength")) return engine::Sport::strength;
  return engine::Sport::other;
}

std::vector<GarminSummary> parse_garmin_summaries(std::string_view bytes, const ParseContext& ctx) {
  json doc;
  try {
    doc = json::parse(bytes.begin(), bytes.end());
  } catch (const json::parse_error& e) {
    throw ParseError(ctx.display_name, {0, 0, static_cast<std::int64_t>(e.byte)},
                     "not JSON (a Garmin summarizedActivities file is a JSON list)");
  } catch (const json::exception& e) {
    // A number past a double's range (found by fuzzing: `1E12529000000`).
    throw ParseError(ctx.display_name, {}, fmt::format("unreadable JSON ({})", e.what()));
  }
  // [{"summarizedActivitiesExport": [...]}]; some tools save the inner list.
  std::vector<const json*> entries;
  const auto take_list = [&](const json& list) {
    for (const auto& e : list)
      if (e.is_object()) entries.push_back(&e);
  };
  bool shaped = false;
  if (doc.is_array()) {
    for (const auto& chunk : doc) {
      if (chunk.is_object() && chunk.contains("summarizedActivitiesExport")) {
        const auto& list = chunk["summarizedActivitiesExport"];
        if (list.is_array()) {
          take_list(list);
          shaped = true;
        }
      }
    }
    if (!shaped && !doc.empty() && doc.front().is_object() && doc.front().contains("activityId")) {
      take_list(doc);
      shaped = true;
    }
    if (doc.empty()) shaped = true;
  } else if (doc.is_object() && doc.contains("summarizedActivitiesExport") &&
             doc["summarizedActivitiesExport"].is_array()) {
    take_list(doc["summarizedActivitiesExport"]);
    shaped = true;
  }
  if (!shaped)
    throw ParseError(ctx.display_name, {},
                     "no summarizedActivitiesExport list (not a Garmin activity summary file)");
  std::vector<GarminSummary> out;
  out.reserve(entries.size());
  for (const json* e : entries) out.push_back(summary_of(*e, ctx));
  return out;
}

bool is_garmin_export_dir(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir / "DI_CONNECT" / "DI-Connect-Fitness", ec) ||
         fs::is_directory(dir / "DI_CONNECT" / "DI-Connect-Uploaded-Files", ec);
}

std::optional<std::string> garmin_export_prefix(const ZipReader& zip) {
  std::optional<std::string> best;
  for (const auto& m : zip.members()) {
    for (const auto dir : {kFitnessDir, kUploadsDir}) {
      const std::size_t at = m.name.find(dir);
      if (at == std::string::npos) continue;
      if (at != 0 && m.name[at - 1] != '/') continue;
      std::string prefix = m.name.substr(0, at);
      if (prefix.find("__MACOSX") != std::string::npos) continue;
      if (!best || prefix.size() < best->size()) best = std::move(prefix);
    }
  }
  return best;
}

void walk_garmin_export_dir(const fs::path& root, const Limits& limits, const ParseContext& ctx,
                            std::vector<Input>& out) {
  GarminWalk walk(limits, ctx, out);
  const auto files_in = [&](const fs::path& dir) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_regular_file(ec) && !detail::hidden_member(it->path().filename().string()))
        files.push_back(it->path());
    std::sort(files.begin(), files.end());
    return files;
  };
  const auto origin_of = [](const fs::path& p) {
    std::error_code ec;
    Origin o;
    o.display = p.string();
    o.path = p;
    o.stamp = detail::absolute_string(p);
    o.size = fs::file_size(p, ec);
    o.mtime_ns = detail::mtime_ns_of(p);
    return o;
  };
  for (const auto& p : files_in(root / "DI_CONNECT" / "DI-Connect-Fitness")) {
    if (!ends_with(detail::lower(p.filename().string()), kSummariesSuffix)) continue;
    const Origin o = origin_of(p);
    walk.add_summaries(o, [&] { return detail::read_whole_file(p, o.display); });
  }
  for (const auto& p : files_in(root / "DI_CONNECT" / "DI-Connect-Uploaded-Files")) {
    const Origin o = origin_of(p);
    if (is_zip_name(p.filename().string())) {
      std::shared_ptr<ZipReader> nested;
      try {
        nested = std::make_shared<ZipReader>(p, o.display, limits);
      } catch (const ParseError&) {
        out.push_back(detail::failing_input(o.display, p, o.stamp, std::current_exception()));
        continue;
      }
      add_nested_zip(walk, nested, o, out);
    } else if (const auto format = detect_format(p.filename().string())) {
      walk.add_upload(o, *format, [p, display = o.display, limits] {
        std::string bytes = detail::read_whole_file(p, display);
        if (looks_like_gzip(bytes)) return gunzip(bytes, display, limits);
        return bytes;
      });
    }
  }
  walk.finish();
}

void walk_garmin_export_zip(const fs::path& path, const std::shared_ptr<ZipReader>& zip,
                            const std::string& prefix, const Limits& limits,
                            const ParseContext& ctx, std::vector<Input>& out) {
  GarminWalk walk(limits, ctx, out);
  const std::string abs = detail::absolute_string(path);
  const std::int64_t mtime = detail::mtime_ns_of(path);
  std::vector<const ZipMember*> members;
  for (const auto& m : zip->members())
    if (!m.is_directory && !detail::hidden_member(m.name)) members.push_back(&m);
  std::sort(members.begin(), members.end(),
            [](const ZipMember* a, const ZipMember* b) { return a->name < b->name; });
  const auto origin_of = [&](const ZipMember& m) {
    Origin o;
    o.display = fmt::format("{}!{}", zip->display_name(), m.name);
    o.path = path;
    o.stamp = fmt::format("{}!{}", abs, m.name);
    o.size = m.size_bytes;
    o.mtime_ns = mtime;
    return o;
  };
  const std::string fitness = prefix + std::string(kFitnessDir);
  const std::string uploads = prefix + std::string(kUploadsDir);
  for (const ZipMember* m : members) {
    if (m->name.compare(0, fitness.size(), fitness) != 0) continue;
    if (m->name.find('/', fitness.size()) != std::string::npos) continue;
    if (!ends_with(detail::lower(m->name), kSummariesSuffix)) continue;
    walk.add_summaries(origin_of(*m), [&] { return zip->read(*m); });
  }
  for (const ZipMember* m : members) {
    if (m->name.compare(0, uploads.size(), uploads) != 0) continue;
    const Origin o = origin_of(*m);
    if (is_zip_name(m->name)) {
      // Read into memory through the same limits as any member, then opened there.
      std::shared_ptr<ZipReader> nested;
      try {
        auto bytes = std::make_shared<const std::string>(zip->read(*m));
        nested = std::make_shared<ZipReader>(bytes, o.display, limits);
      } catch (const ParseError&) {
        out.push_back(detail::failing_input(o.display, path, o.stamp, std::current_exception()));
        continue;
      }
      add_nested_zip(walk, nested, o, out);
    } else if (const auto format = detect_format(m->name)) {
      walk.add_upload(o, *format, [zip, m, display = o.display, limits] {
        std::string bytes = zip->read(*m);
        if (looks_like_gzip(bytes)) return gunzip(bytes, display, limits);
        return bytes;
      });
    }
  }
  walk.finish();
}

}  // namespace stride::import
