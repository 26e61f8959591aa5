#include "cli/import_inputs.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "cli/content_hash.hpp"
#include "import/csv.hpp"
#include "import/fit.hpp"
#include "import/gpx.hpp"
#include "import/tcx.hpp"

namespace stride::cli {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// Fills format and gzip from the name (`run.gpx.gz` -> gpx, gzip).
void classify(InputFile& f) {
  std::string name = lower(f.path.filename().string());
  if (name.size() > 3 && name.ends_with(".gz")) {
    f.gzip = true;
    name.resize(name.size() - 3);
  }
  for (const char* ext : {"gpx", "tcx", "fit", "csv"})
    if (name.ends_with(std::string(".") + ext)) f.format = ext;
}

void stamp(InputFile& f) {
  struct stat st {};
  std::error_code ec;
  const auto absolute = std::filesystem::absolute(f.path, ec);
  f.stamp.path = (ec ? f.path : absolute.lexically_normal()).string();
  if (::stat(f.path.c_str(), &st) == 0) {
    f.stamp.size = static_cast<std::int64_t>(st.st_size);
    f.stamp.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 +
                       static_cast<std::int64_t>(st.st_mtim.tv_nsec);
  }
}

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw import::ParseError(path.string(), {}, "cannot open the file");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw import::ParseError(path.string(), {}, "cannot read the file");
  return std::move(ss).str();
}

std::string gunzip(const std::string& bytes, const std::string& display) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 32) != Z_OK)
    throw import::ParseError(display, {}, "cannot start the gzip decoder");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  char buffer[1 << 16];
  int rc = Z_OK;
  do {
    zs.next_out = reinterpret_cast<Bytef*>(buffer);
    zs.avail_out = sizeof buffer;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    out.append(buffer, sizeof buffer - zs.avail_out);
  } while (rc != Z_STREAM_END);
  const auto consumed = static_cast<std::int64_t>(zs.total_in);
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) {
    import::Location where;
    where.byte_offset = consumed;
    throw import::ParseError(display, where, "corrupt or truncated gzip data");
  }
  return out;
}

}  // namespace

std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths) {
  std::vector<InputFile> out;
  for (const auto& given : paths) {
    const std::filesystem::path p(given);
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      std::vector<InputFile> found;
      for (auto it = std::filesystem::recursive_directory_iterator(
               p, std::filesystem::directory_options::skip_permission_denied, ec);
           it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        if (!it->is_regular_file(ec)) continue;
        InputFile f;
        f.path = it->path();
        f.display = it->path().string();
        classify(f);
        if (f.format.empty()) continue;  // a folder's other files are not ours to judge
        stamp(f);
        found.push_back(std::move(f));
      }
      std::sort(found.begin(), found.end(),
                [](const InputFile& a, const InputFile& b) { return a.display < b.display; });
      for (auto& f : found) out.push_back(std::move(f));
      continue;
    }
    InputFile f;
    f.path = p;
    f.display = given;
    classify(f);
    if (!std::filesystem::exists(p, ec)) {
      f.problem = "no such file or directory";
    } else if (f.format.empty()) {
      f.problem = "unknown file type (expected .gpx, .tcx, .fit or .csv, optionally .gz)";
    } else {
      stamp(f);
    }
    out.push_back(std::move(f));
  }
  return out;
}

ParsedFile read_and_parse(const InputFile& input, const import::ParseContext& base) {
  ParsedFile out;
  try {
    std::string bytes = read_all(input.path);
    out.content_hash = content_hash(bytes);
    if (input.gzip) bytes = gunzip(bytes, input.display);
    import::ParseContext ctx = base;
    ctx.display_name = input.display;
    if (input.format == "gpx") {
      out.result = import::parse_gpx(bytes, ctx);
    } else if (input.format == "tcx") {
      out.result = import::parse_tcx(bytes, ctx);
    } else if (input.format == "fit") {
      out.result = import::parse_fit(bytes, ctx);
    } else {
      out.result = import::parse_csv(bytes, ctx);
    }
  } catch (const import::ParseError& e) {
    out.error = e;
  } catch (const std::exception& e) {
    // A parser bug or an allocation failure must not take the batch down.
    out.error = import::ParseError(input.display, {}, e.what());
  }
  return out;
}

}  // namespace stride::cli
