// Speed of parse_fit over a folder of FIT files, for comparison with the
// official SDK (`node fit_decode_bench.mjs DIR` in ../shared/bench/node).
//   fit_decode_bench DIR|FILE... [--repeat N] [--summary]
// Files are read into memory first, so only decoding is timed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "engine/activity.hpp"
#include "import/fit.hpp"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  std::vector<fs::path> paths;
  int repeat = 3;
  bool summary = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--repeat" && i + 1 < argc) {
      repeat = std::stoi(argv[++i]);
    } else if (arg == "--summary") {
      summary = true;
    } else if (fs::is_directory(arg)) {
      for (const auto& e : fs::recursive_directory_iterator(arg))
        if (e.is_regular_file() && e.path().extension() == ".fit") paths.push_back(e.path());
    } else {
      paths.push_back(arg);
    }
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> contents;
  std::size_t bytes = 0;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    contents.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    bytes += contents.back().size();
  }
  std::vector<double> runs;
  std::size_t points = 0, activities = 0, failed = 0;
  double distance_m = 0;
  for (int r = 0; r < repeat; ++r) {
    points = activities = failed = 0;
    distance_m = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < contents.size(); ++i) {
      stride::import::ParseContext ctx;
      ctx.display_name = paths[i].filename().string();
      try {
        const auto result = stride::import::parse_fit(contents[i], ctx);
        for (const auto& a : result.activities) {
          points += a.points.size();
          distance_m += a.distance_m;
          ++activities;
          if (summary && r == 0)
            std::printf("%s #%d %s start=%lld dist=%.2f elapsed=%.3f moving=%.3f points=%zu\n",
                        ctx.display_name.c_str(), a.source.index_in_file,
                        std::string(stride::engine::to_string(a.sport)).c_str(),
                        static_cast<long long>(a.start_utc.time_since_epoch().count() / 1000),
                        a.distance_m, a.elapsed_s, a.moving_s, a.points.size());
        }
        if (summary && r == 0)
          for (const auto& w : result.warnings)
            std::printf("%s warning: byte %lld: %s\n", ctx.display_name.c_str(),
                        static_cast<long long>(w.where.byte_offset), w.message.c_str());
      } catch (const std::exception& e) {
        ++failed;
        if (summary && r == 0) std::printf("FAILED %s\n", e.what());
      }
    }
    runs.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(runs.begin(), runs.end());
  const double s = runs[runs.size() / 2];
  std::printf(
      "{\"name\": \"stride_parse_fit\", \"files\": %zu, \"failed\": %zu, \"activities\": %zu, "
      "\"points\": %zu, \"dist_m\": %.1f, \"bytes\": %zu, \"median_s\": %.4f, \"MB_per_s\": "
      "%.1f, \"points_per_s\": %.0f}\n",
      paths.size(), failed, activities, points, distance_m, bytes, s, bytes / s / 1e6, points / s);
  return failed == 0 ? 0 : 1;
}
