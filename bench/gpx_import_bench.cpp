// parse_gpx over files or folders: read each file, parse it, fold the figures.
// Not a test and not built by default (STRIDE_BUILD_BENCH=ON).
//   gpx_import_bench [--threads N] [--mode auto|dom|stream] [--print] DIR|FILE...
// Prints one RESULT line (files, bytes, points, distance, seconds, MB/s) in the
// shape of ../shared/bench's floors, so their totals can be compared.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "import/detail/gpx_readers.hpp"
#include "import/gpx.hpp"

namespace fs = std::filesystem;
using namespace stride;

namespace {

std::vector<std::string> collect(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const auto& a : args) {
    if (fs::is_directory(a)) {
      std::vector<std::string> dir;
      for (const auto& e : fs::directory_iterator(a))
        if (e.is_regular_file() && e.path().extension() == ".gpx") dir.push_back(e.path());
      std::sort(dir.begin(), dir.end());
      out.insert(out.end(), dir.begin(), dir.end());
    } else {
      out.push_back(a);
    }
  }
  return out;
}

bool read_all(const std::string& path, std::string& buf) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  in.seekg(0, std::ios::end);
  buf.resize(static_cast<std::size_t>(in.tellg()));
  in.seekg(0);
  in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
  return static_cast<bool>(in);
}

struct Totals {
  long files = 0, failed = 0, bytes = 0, points = 0;
  double dist_m = 0, elapsed_s = 0, moving_s = 0;
};

}  // namespace

int main(int argc, char** argv) {
  int threads = 1;
  std::string mode = "auto";
  bool print = false;
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--threads" && i + 1 < argc)
      threads = std::max(1, std::atoi(argv[++i]));
    else if (a == "--mode" && i + 1 < argc)
      mode = argv[++i];
    else if (a == "--print")
      print = true;
    else
      args.push_back(a);
  }
  const auto files = collect(args);
  std::vector<Totals> per(static_cast<std::size_t>(threads));
  std::atomic<std::size_t> next{0};
  const auto t0 = std::chrono::steady_clock::now();
  auto worker = [&](std::size_t w) {
    std::string buf;
    for (std::size_t i; (i = next.fetch_add(1)) < files.size();) {
      if (!read_all(files[i], buf)) {
        ++per[w].failed;
        continue;
      }
      import::ParseContext ctx;
      ctx.display_name = fs::path(files[i]).filename().string();
      per[w].bytes += static_cast<long>(buf.size());
      try {
        const import::ParseResult r = mode == "dom" ? import::detail::parse_gpx_dom(buf, ctx)
                                      : mode == "stream"
                                          ? import::detail::parse_gpx_stream(buf, ctx)
                                          : import::parse_gpx(buf, ctx);
        for (const auto& act : r.activities) {
          ++per[w].files;
          per[w].points += static_cast<long>(act.points.size());
          per[w].dist_m += act.distance_m;
          per[w].elapsed_s += act.elapsed_s;
          per[w].moving_s += act.moving_s;
          if (print)
            std::printf(
                "%s points=%zu dist_m=%.1f elapsed_s=%.3f moving_s=%.1f gain_m=%.1f "
                "hr=%.1f cad=%.1f\n",
                ctx.display_name.c_str(), act.points.size(), act.distance_m, act.elapsed_s,
                act.moving_s, act.elevation_gain_m, act.avg_hr_bpm, act.avg_cadence_spm);
        }
      } catch (const std::exception& e) {
        ++per[w].failed;
        if (print) std::printf("%s FAILED %s\n", ctx.display_name.c_str(), e.what());
      }
    }
  };
  std::vector<std::thread> pool;
  for (int w = 1; w < threads; ++w) pool.emplace_back(worker, static_cast<std::size_t>(w));
  worker(0);
  for (auto& t : pool) t.join();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  Totals tot;
  for (const auto& p : per) {
    tot.files += p.files, tot.failed += p.failed, tot.bytes += p.bytes, tot.points += p.points;
    tot.dist_m += p.dist_m, tot.elapsed_s += p.elapsed_s, tot.moving_s += p.moving_s;
  }
  std::printf(
      "RESULT tool=stride_gpx_%s_t%d files=%ld failed=%ld bytes=%ld points=%ld "
      "dist_m=%.3f dur_s=%.0f moving_s=%.0f seconds=%.3f MB_per_s=%.1f\n",
      mode.c_str(), threads, tot.files, tot.failed, tot.bytes, tot.points, tot.dist_m,
      tot.elapsed_s, tot.moving_s, secs, static_cast<double>(tot.bytes) / 1e6 / secs);
  return tot.failed > 0 ? 1 : 0;
}
