#include "import/pipeline.hpp"

#include <atomic>
#include <chrono>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "tests/support/catch.hpp"

using namespace stride;

namespace {

/// An input whose parse sleeps a little (out of order across threads) and
/// returns one activity with the input's number as its distance.
import::Input fake(int number, std::function<void()> body = nullptr){import::Input in;
in.display_name = "file" + std::to_string(number) + ".gpx";
in.format = import::Format::gpx;
in.parse = [number, body](const import::ParseContext& ctx) {
  std::mt19937 rng(static_cast<unsigned>(number));
  std::this_thread::sleep_for(std::chrono::microseconds(rng() % 3000));
  if (body) body();
  import::ParsedInput out;
  engine::Activity a;
  a.distance_m = number;
  a.name = ctx.display_name;
  out.result.activities.push_back(a);
  out.content_hash = std::to_string(number);
  return out;
};
return in;
}  // namespace

}  // namespace

TEST_CASE("pipeline: outcomes reach the consumer in input order, on the calling thread",
          "[import][pipeline]") {
  std::vector<import::Input> inputs;
  for (int i = 0; i < 60; ++i) inputs.push_back(fake(i));
  const auto caller = std::this_thread::get_id();
  std::vector<int> order;
  std::set<std::thread::id> parse_threads;
  import::PipelineOptions options;
  options.threads = 4;
  import::run_pipeline(
      inputs, {}, nullptr,
      [&](import::ParsedFile&& f) {
        CHECK(std::this_thread::get_id() == caller);
  REQUIRE(f.status == import::ParseStatus::parsed);
  CHECK(f.result->activities.at(0).name == f.input->display_name);
  CHECK(f.content_hash == std::to_string(static_cast<int>(f.input - inputs.data())));
  order.push_back(static_cast<int>(f.result->activities.at(0).distance_m));
},
      options);
std::vector<int> expected(60);
for (int i = 0; i < 60; ++i) expected[static_cast<std::size_t>(i)] = i;
CHECK(order == expected);
}

TEST_CASE("pipeline: skip() runs on the calling thread and skipped files are not read",
          "[import][pipeline]") {
  std::atomic<int> parsed{0};
  std::vector<import::Input> inputs;
  for (int i = 0; i < 10; ++i) inputs.push_back(fake(i, [&] { ++parsed; }));
  inputs[4].kind = import::InputKind::skipped;
  inputs[4].skip_reason = "not a GPX, TCX, FIT or CSV file";
  const auto caller = std::this_thread::get_id();
  std::vector<import::ParseStatus> statuses;
  import::run_pipeline(
      inputs, {},
      [&](const import::Input& in) {
        CHECK(std::this_thread::get_id() == caller);
  return in.display_name == "file1.gpx" || in.display_name == "file7.gpx";
},
      [&](import::ParsedFile&& f) {
  statuses.push_back(f.status); });
using S = import::ParseStatus;
CHECK(statuses == std::vector<S>{S::parsed, S::seen_before, S::parsed, S::parsed, S::unsupported,
                                 S::parsed, S::parsed, S::seen_before, S::parsed, S::parsed});
CHECK(parsed == 7);
}

TEST_CASE("pipeline: a failing file fails alone, with its message", "[import][pipeline]") {
  std::vector<import::Input> inputs;
  inputs.push_back(fake(0));
  inputs.push_back(fake(1, [] { throw import::ParseError("file1.gpx", {3, 7, -1}, "bad time"); }));
  inputs.push_back(fake(2, [] { throw std::runtime_error("vector::reserve"); }));
  inputs.push_back(fake(3, [] { throw 42; }));
  inputs.push_back(fake(4));
  std::vector<import::ParsedFile> files;
  import::run_pipeline(inputs, {}, nullptr,
                       [&](import::ParsedFile&& f) { files.push_back(std::move(f));
});
REQUIRE(files.size() == 5);
CHECK(files[0].status == import::ParseStatus::parsed);
CHECK(files[1].status == import::ParseStatus::failed);
CHECK(files[1].message == "file1.gpx:3:7: bad time");
CHECK(files[1].reason == "bad time");
CHECK(files[1].where.line == 3);
CHECK_FALSE(files[1].result.has_value());
CHECK(files[2].message == "file2.gpx: vector::reserve");
CHECK_FALSE(files[2].where.known());
CHECK(files[3].message == "file3.gpx: unknown error");
CHECK(files[4].status == import::ParseStatus::parsed);
}

TEST_CASE("pipeline: no more than max_ahead parsed files wait for the consumer",
          "[import][pipeline]") {
  std::atomic<int> waiting{0};
  int most_waiting = 0;
  std::vector<import::Input> inputs;
  for (int i = 0; i < 40; ++i)
    inputs.push_back(fake(i, [&] {
      // Counted when the parse is done; the consumer counts it off.
      ++waiting;
    }));
  import::PipelineOptions options;
  options.threads = 3;
  options.max_ahead = 4;
  import::run_pipeline(
      inputs, {}, nullptr,
      [&](import::ParsedFile&&) {
        // A slow consumer: workers would run ahead if nothing held them.
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
  most_waiting = std::max(most_waiting, waiting.load());
  --waiting;
},
      options);
CHECK(most_waiting <= 4);
}

TEST_CASE("pipeline: an exception from the consumer stops the run", "[import][pipeline]") {
  std::vector<import::Input> inputs;
  for (int i = 0; i < 20; ++i) inputs.push_back(fake(i));
  int consumed = 0;
  CHECK_THROWS_WITH(import::run_pipeline(inputs, {}, nullptr,
                                         [&](import::ParsedFile&&) {
                                           if (++consumed == 3)
                                             throw std::runtime_error("disk full");
                                         }),
                    "disk full");
  CHECK(consumed == 3);
}

TEST_CASE("pipeline: no inputs, no calls", "[import][pipeline]") {
  int calls = 0;
  import::run_pipeline({}, {}, nullptr, [&](import::ParsedFile&&) { ++calls;
});
CHECK(calls == 0);
}
