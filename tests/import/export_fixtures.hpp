#pragma once
// Runs the walk and the pipeline over one path and collects what came out,
// for the account-export tests (Garmin, Apple).
#include <filesystem>
#include <string>
#include <vector>

#include "import/pipeline.hpp"
#include "import/walk.hpp"

namespace stride::test {

struct Collected {
  std::vector<engine::Activity> activities;
  std::vector<std::string> names;     ///< the input's display name, per activity
  std::vector<std::string> inputs;    ///< every parsed input's display name
  std::vector<std::string> skipped;   ///< display names
  std::vector<std::string> warnings;  ///< `display: message`
  std::vector<std::string> failures;  ///< whole messages

  const engine::Activity* starting_at(std::int64_t unix_s) const {
    for (const auto& a : activities)
      if (a.start_utc.time_since_epoch() == std::chrono::seconds(unix_s)) return &a;
    return nullptr;
  }
};

inline Collected collect(const std::filesystem::path& path, import::ParseContext ctx = {}) {
  const std::vector<std::filesystem::path> paths{path};
  import::WalkOptions options;
  options.ctx = ctx;
  const auto inputs = import::walk_inputs(paths, options);
  Collected out;
  import::run_pipeline(inputs, ctx, nullptr, [&](import::ParsedFile&& f) {
    switch (f.status) {
      case import::ParseStatus::parsed:
        out.inputs.push_back(f.input->display_name);
  for (auto& a : f.result->activities) {
    out.activities.push_back(std::move(a));
    out.names.push_back(f.input->display_name);
  }
  for (const auto& w : f.result->warnings)
    out.warnings.push_back(f.input->display_name + ": " + w.message);
  break;
  case import::ParseStatus::unsupported:
    out.skipped.push_back(f.input->display_name);
    break;
  default:
    out.failures.push_back(f.message);
}
}  // namespace stride::test
);
return out;
}

inline std::filesystem::path exports_dir() {
  return std::filesystem::path(STRIDE_TEST_DATA_DIR) / "exports";
}

}  // namespace stride::test
