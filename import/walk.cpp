#include "import/walk.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <fstream>
#include <memory>
#include <set>

#include "import/apple_health.hpp"
#include "import/garmin_export.hpp"
#include "import/strava.hpp"

namespace stride::import {
namespace fs = std::filesystem;

std::string content_hash(std::string_view bytes) {
  // CRC-32 alone collides too often for a dedup key over thousands of files;
  // with Adler-32 and the length it is 96 bits, at the speed of a CRC.
  uLong crc = crc32(0L, Z_NULL, 0);
  uLong adler = adler32(0L, Z_NULL, 0);
  for (std::size_t pos = 0; pos < bytes.size();) {
    const auto n = static_cast<uInt>(std::min<std::size_t>(bytes.size() - pos, 1u << 30));
    const auto* p = reinterpret_cast<const Bytef*>(bytes.data() + pos);
    crc = crc32(crc, p, n);
    adler = adler32(adler, p, n);
    pos += n;
  }
  return fmt::format("{:08x}{:08x}-{:x}", crc, adler, bytes.size());
}

namespace {

std::string read_file(const fs::path& path, const std::string& display_name) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ParseError(display_name, {}, fmt::format("cannot read: {}", std::strerror(errno)));
  std::string bytes;
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (!ec) bytes.reserve(static_cast<std::size_t>(size));
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) throw ParseError(display_name, {}, "read error");
  return bytes;
}

std::string maybe_gunzip(std::string bytes, const std::string& display_name, const Limits& limits) {
  // By content, not name: some tools name plain files `.gz` and the reverse.
  if (looks_like_gzip(bytes)) return gunzip(bytes, display_name, limits);
  return bytes;
}

std::int64_t mtime_ns_of(const fs::path& path) {
  std::error_code ec;
  const auto t = fs::last_write_time(path, ec);
  if (ec) return 0;
  const auto sys = std::chrono::file_clock::to_sys(t);
  return std::chrono::duration_cast<std::chrono::nanoseconds>(sys.time_since_epoch()).count();
}

std::string absolute_string(const fs::path& path) {
  std::error_code ec;
  const fs::path abs = fs::absolute(path, ec);
  return (ec ? path : abs).lexically_normal().string();
}

bool hidden(std::string_view name) { return !name.empty() && name.front() == '.'; }

/// Any component of a `/`-separated member name hidden, or a macOS resource fork folder.
bool hidden_member(std::string_view name) {
  std::size_t start = 0;
  while (start < name.size()) {
    std::size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    const std::string_view part = name.substr(start, end - start);
    if (hidden(part) || part == "__MACOSX") return true;
    start = end + 1;
  }
  return false;
}

bool is_zip_name(std::string_view name) {
  if (name.size() < 4) return false;
  std::string tail(name.substr(name.size() - 4));
  for (auto& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return tail == ".zip";
}

Input failing(std::string display_name, const fs::path& path, std::exception_ptr error) {
  Input in;
  in.display_name = std::move(display_name);
  in.path = path;
  in.stamp_path = absolute_string(path);
  in.load = [error]() -> std::string { std::rethrow_exception(error); };
  in.parse = [error](const ParseContext&) -> ParsedInput { std::rethrow_exception(error); };
  return in;
}

Input skipped(std::string display_name, const fs::path& path, std::string reason) {
  Input in;
  in.kind = InputKind::skipped;
  in.display_name = std::move(display_name);
  in.path = path;
  in.stamp_path = absolute_string(path);
  in.skip_reason = std::move(reason);
  return in;
}

/// Load + hash + the reader for `format`.
std::function<ParsedInput(const ParseContext&)> file_parser(std::function<std::string()> load,
                                                            Format format) {
  return [load = std::move(load), format](const ParseContext& ctx) {
    const std::string bytes = load();
    ParsedInput out;
    out.content_hash = content_hash(bytes);
    out.result = parse_bytes(format, bytes, ctx);
    return out;
  };
}

/// A Strava row with no file hashes what identifies it.
std::string row_hash(const StravaRow& row) {
  const auto& a = row.activity;
  return content_hash(fmt::format("strava-row|{}|{}|{}|{}|{}",
                                  a.start_utc.time_since_epoch().count(),
                                  engine::to_string(a.sport), a.distance_m, a.moving_s, a.name));
}

class Walker {
 public:
  explicit Walker(const WalkOptions& options) : options_(options) {}

  void add_path(const fs::path& path) {
    const std::string display = path.string();
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      out_.push_back(
          failing(display, path,
                  std::make_exception_ptr(ParseError(display, {}, "no such file or directory"))));
      return;
    }
    if (fs::is_directory(status))
      add_dir(path);
    else
      add_file(path, display);
  }

  std::vector<Input> take() { return std::move(out_); }

 private:
  void add_dir(const fs::path& dir) {
    if (is_strava_export_dir(dir)) {
      add_strava_dir(dir);
      return;
    }
    if (is_garmin_export_dir(dir)) {
      walk_garmin_export_dir(dir, options_.limits, options_.ctx, out_);
      return;
    }
    if (looks_like_apple_health(dir / "export.xml")) {
      walk_apple_health_file(dir / "export.xml", options_.limits, options_.ctx, out_);
      return;
    }
    std::vector<fs::directory_entry> entries;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      if (!hidden(it->path().filename().string())) entries.push_back(*it);
    if (ec) {
      out_.push_back(failing(dir.string(), dir,
                             std::make_exception_ptr(ParseError(
                                 dir.string(), {}, fmt::format("cannot list: {}", ec.message())))));
      return;
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      return a.path().filename() < b.path().filename();
    });
    for (const auto& e : entries) {
      std::error_code sec;
      // Symlinked folders are not followed: a link back up would never end.
      if (e.is_directory(sec) && !e.is_symlink(sec))
        add_dir(e.path());
      else if (e.is_regular_file(sec))
        add_file(e.path(), e.path().string());
    }
  }

  void add_file(const fs::path& path, const std::string& display) {
    const std::string name = path.filename().string();
    if (is_zip_name(name)) {
      add_zip(path, display);
      return;
    }
    if (name == "export.xml" && looks_like_apple_health(path)) {
      walk_apple_health_file(path, options_.limits, options_.ctx, out_);
      return;
    }
    Input in;
    in.display_name = display;
    in.path = path;
    in.stamp_path = absolute_string(path);
    std::error_code ec;
    in.size_bytes = fs::file_size(path, ec);
    in.mtime_ns = mtime_ns_of(path);
    in.format = detect_format(name);
    if (!in.format) {
      out_.push_back(skipped(display, path, "not a GPX, TCX, FIT or CSV file"));
      return;
    }
    in.load = [path, display, limits = options_.limits] {
      return maybe_gunzip(read_file(path, display), display, limits);
    };
    in.parse = file_parser(in.load, *in.format);
    out_.push_back(std::move(in));
  }

  void add_zip(const fs::path& path, const std::string& display) {
    std::shared_ptr<ZipReader> zip;
    try {
      zip = std::make_shared<ZipReader>(path, display, options_.limits);
    } catch (const ParseError&) {
      out_.push_back(failing(display, path, std::current_exception()));
      return;
    }
    if (auto prefix = strava_export_prefix(*zip)) {
      add_strava_zip(path, zip, *prefix);
      return;
    }
    if (auto prefix = garmin_export_prefix(*zip)) {
      walk_garmin_export_zip(path, zip, *prefix, options_.limits, options_.ctx, out_);
      return;
    }
    if (const ZipMember* xml = apple_health_member(*zip)) {
      walk_apple_health_zip(path, zip, *xml, options_.limits, options_.ctx, out_);
      return;
    }
    std::vector<const ZipMember*> members;
    for (const auto& m : zip->members())
      if (!m.is_directory && !hidden_member(m.name)) members.push_back(&m);
    std::sort(members.begin(), members.end(),
              [](const ZipMember* a, const ZipMember* b) { return a->name < b->name; });
    const std::string abs = absolute_string(path);
    const std::int64_t mtime = mtime_ns_of(path);
    for (const ZipMember* m : members) {
      const std::string member_display = fmt::format("{}!{}", display, m->name);
      if (is_zip_name(m->name)) {
        out_.push_back(skipped(member_display, path, "a zip inside a zip is not read"));
        continue;
      }
      Input in;
      in.display_name = member_display;
      in.path = path;
      in.stamp_path = fmt::format("{}!{}", abs, m->name);
      in.size_bytes = m->size_bytes;
      in.mtime_ns = mtime;
      in.format = detect_format(m->name);
      if (!in.format) {
        out_.push_back(skipped(member_display, path, "not a GPX, TCX, FIT or CSV file"));
        continue;
      }
      in.load = [zip, m, member_display, limits = options_.limits] {
        return maybe_gunzip(zip->read(*m), member_display, limits);
      };
      in.parse = file_parser(in.load, *in.format);
      out_.push_back(std::move(in));
    }
  }

  /// Parses activities.csv; on failure adds one failing input and returns nullopt.
  std::optional<std::vector<StravaRow>> strava_rows(const std::string& csv_display,
                                                    const fs::path& path,
                                                    const std::function<std::string()>& load) {
    try {
      ParseContext ctx = options_.ctx;
      ctx.display_name = csv_display;
      return parse_strava_activities_csv(load(), ctx);
    } catch (const ParseError&) {
      out_.push_back(failing(csv_display, path, std::current_exception()));
      return std::nullopt;
    }
  }

  Input row_input(StravaRowInput row_input, const std::string& display, const fs::path& path,
                  std::string stamp_path, std::uint64_t size, std::int64_t mtime_ns) {
    Input in;
    in.kind = InputKind::strava_row;
    in.display_name = display;
    in.path = path;
    in.stamp_path = std::move(stamp_path);
    in.size_bytes = size;
    in.mtime_ns = mtime_ns;
    in.format = detect_format(row_input.row.filename);
    if (row_input.load_file) in.load = row_input.load_file;
    in.parse = [row = std::move(row_input)](const ParseContext& ctx) {
      std::string bytes;
      ParsedInput out;
      out.result = import_strava_row(row, ctx, &bytes);
      out.content_hash = bytes.empty() ? row_hash(row.row) : content_hash(bytes);
      return out;
    };
    return in;
  }

  void add_strava_dir(const fs::path& root) {
    const std::string root_display = root.string();
    const fs::path csv_path = root / "activities.csv";
    const std::string csv_display = csv_path.string();
    auto rows =
        strava_rows(csv_display, csv_path, [&] { return read_file(csv_path, csv_display); });
    if (!rows) return;
    std::error_code ec;
    const std::uint64_t csv_size = fs::file_size(csv_path, ec);
    const std::int64_t csv_mtime = mtime_ns_of(csv_path);
    const std::string csv_abs = absolute_string(csv_path);
    std::set<std::string> listed;
    for (auto& row : *rows) {
      StravaRowInput ri;
      ri.csv_display_name = csv_display;
      std::string display = fmt::format("{}:{}", csv_display, row.line);
      std::string stamp = fmt::format("{}:{}", csv_abs, row.line);
      std::uint64_t size = csv_size;
      std::int64_t mtime = csv_mtime;
      fs::path path = csv_path;
      if (!row.filename.empty()) {
        const fs::path file = root / row.filename;
        ri.file_display_name = file.string();
        listed.insert(fs::path(row.filename).lexically_normal().string());
        if (fs::is_regular_file(file, ec)) {
          display = ri.file_display_name;
          stamp = absolute_string(file);
          size = fs::file_size(file, ec);
          mtime = mtime_ns_of(file);
          path = file;
          ri.load_file = [file, display, limits = options_.limits] {
            return maybe_gunzip(read_file(file, display), display, limits);
          };
        }
      }
      ri.row = std::move(row);
      out_.push_back(row_input(std::move(ri), display, path, std::move(stamp), size, mtime));
    }
    // The export's other files (routes, media, files no row names) are not
    // activities of their own: listed, never imported twice.
    std::vector<fs::path> rest;
    for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      const fs::path rel = it->path().lexically_relative(root);
      const std::string rel_s = rel.lexically_normal().string();
      if (rel_s == "activities.csv" || listed.count(rel_s) != 0 || hidden_member(rel_s)) continue;
      rest.push_back(it->path());
    }
    std::sort(rest.begin(), rest.end());
    for (const auto& p : rest)
      out_.push_back(skipped(p.string(), p,
                             fmt::format("in the Strava export {} but not listed "
                                         "in its activities.csv",
                                         root_display)));
  }

  void add_strava_zip(const fs::path& path, const std::shared_ptr<ZipReader>& zip,
                      const std::string& prefix) {
    const std::string& display = zip->display_name();
    const ZipMember* csv = zip->find(prefix + "activities.csv");
    const std::string csv_display = fmt::format("{}!{}activities.csv", display, prefix);
    auto rows = strava_rows(csv_display, path, [&] { return zip->read(*csv); });
    if (!rows) return;
    const std::string abs = absolute_string(path);
    const std::int64_t mtime = mtime_ns_of(path);
    std::set<std::string> listed;
    for (auto& row : *rows) {
      StravaRowInput ri;
      ri.csv_display_name = csv_display;
      std::string display_name = fmt::format("{}:{}", csv_display, row.line);
      std::string stamp = fmt::format("{}!{}activities.csv:{}", abs, prefix, row.line);
      std::uint64_t size = csv->size_bytes;
      if (!row.filename.empty()) {
        const std::string member_name = prefix + row.filename;
        listed.insert(member_name);
        ri.file_display_name = fmt::format("{}!{}", display, member_name);
        if (const ZipMember* m = zip->find(member_name)) {
          display_name = ri.file_display_name;
          stamp = fmt::format("{}!{}", abs, member_name);
          size = m->size_bytes;
          ri.load_file = [zip, m, display_name, limits = options_.limits] {
            return maybe_gunzip(zip->read(*m), display_name, limits);
          };
        }
      }
      ri.row = std::move(row);
      out_.push_back(row_input(std::move(ri), display_name, path, std::move(stamp), size, mtime));
    }
    std::vector<const ZipMember*> rest;
    for (const auto& m : zip->members())
      if (!m.is_directory && m.name != csv->name && listed.count(m.name) == 0 &&
          !hidden_member(m.name))
        rest.push_back(&m);
    std::sort(rest.begin(), rest.end(),
              [](const ZipMember* a, const ZipMember* b) { return a->name < b->name; });
    for (const ZipMember* m : rest)
      out_.push_back(skipped(fmt::format("{}!{}", display, m->name), path,
                             fmt::format("in the Strava export {} but not listed in its "
                                         "activities.csv",
                                         display)));
  }

  const WalkOptions& options_;
  std::vector<Input> out_;
};

}  // namespace

std::vector<Input> walk_inputs(std::span<const fs::path> paths, const WalkOptions& options) {
  Walker walker(options);
  for (const auto& p : paths) walker.add_path(p);
  return walker.take();
}

}  // namespace stride::import
