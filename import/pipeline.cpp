#include "import/pipeline.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

namespace stride::import {
namespace {

ParsedFile process(const Input& input, const ParseContext& base_ctx) {
  ParsedFile out;
  out.input = &input;
  ParseContext ctx = base_ctx;
  ctx.display_name = input.display_name;
  try {
    if (!input.parse) throw std::logic_error("input has no reader");
    ParsedInput parsed = input.parse(ctx);
    // Readers end with it already; account exports (Garmin, Apple) build
    // activities themselves, so every input gets it here too (idempotent).
    finish_activities(parsed.result, ctx);
    out.result = std::move(parsed.result);
    out.content_hash = std::move(parsed.content_hash);
    out.old_hash = std::move(parsed.old_hash);
    out.status = ParseStatus::parsed;
  } catch (const ParseError& e) {
    out.status = ParseStatus::failed;
    out.message = e.what();
    out.reason = e.reason();
    out.where = e.where();
    out.excerpt = e.excerpt();
  } catch (const std::exception& e) {
    // A reader bug or a resource error: this file fails, the batch goes on.
    out.status = ParseStatus::failed;
    out.reason = e.what();
    out.message = format_location(input.display_name, {}, e.what());
  } catch (...) {
    out.status = ParseStatus::failed;
    out.reason = "unknown error";
    out.message = format_location(input.display_name, {}, out.reason);
  }
  return out;
}

}  // namespace

void run_pipeline(const std::vector<Input>& inputs, const ParseContext& ctx,
                  const std::function<bool(const Input&)>& skip,
                  const std::function<void(ParsedFile&&)>& consume,
                  const PipelineOptions& options) {
  const std::size_t n = inputs.size();
  if (n == 0) return;
  unsigned threads = options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(n)));
  const std::size_t max_ahead = std::max<std::size_t>(
      options.max_ahead != 0 ? options.max_ahead : 2 * std::size_t{threads}, 1);

  std::mutex mutex;
  std::condition_variable work_ready;  // workers wait for queue entries
  std::condition_variable file_done;   // the consumer waits for its next slot
  std::deque<std::size_t> queue;
  std::vector<std::optional<ParsedFile>> slots(n);
  bool stop = false;

  auto worker = [&] {
    while (true) {
      std::size_t index = 0;
      {
        std::unique_lock lock(mutex);
        work_ready.wait(lock, [&] { return stop || !queue.empty(); });
        if (stop) return;
        index = queue.front();
        queue.pop_front();
      }
      ParsedFile file = process(inputs[index], ctx);
      {
        std::lock_guard lock(mutex);
        slots[index] = std::move(file);
      }
      file_done.notify_one();
    }
  };

  std::vector<std::thread> pool;
  pool.reserve(threads);
  struct Joiner {
    std::vector<std::thread>& pool;
    std::mutex& mutex;
    bool& stop;
    std::condition_variable& cv;
    ~Joiner() {
      {
        std::lock_guard lock(mutex);
        stop = true;
      }
      cv.notify_all();
      for (auto& t : pool) t.join();
    }
  } joiner{pool, mutex, stop, work_ready};
  for (unsigned i = 0; i < threads; ++i) pool.emplace_back(worker);

  std::size_t dispatched = 0;
  for (std::size_t consumed = 0; consumed < n; ++consumed) {
    // Hand out work up to the window; skip() runs here, on the caller's thread.
    while (dispatched < n && dispatched - consumed < max_ahead) {
      const Input& input = inputs[dispatched];
      std::optional<ParsedFile> ready;
      if (input.kind == InputKind::skipped) {
        ready.emplace();
        ready->input = &input;
        ready->status = ParseStatus::unsupported;
        ready->reason = input.skip_reason;
      } else if (skip && skip(input)) {
        ready.emplace();
        ready->input = &input;
        ready->status = ParseStatus::seen_before;
      }
      {
        std::lock_guard lock(mutex);
        if (ready)
          slots[dispatched] = std::move(ready);
        else
          queue.push_back(dispatched);
      }
      if (!ready) work_ready.notify_one();
      ++dispatched;
    }
    ParsedFile file;
    {
      std::unique_lock lock(mutex);
      file_done.wait(lock, [&] { return slots[consumed].has_value(); });
      file = std::move(*slots[consumed]);
      slots[consumed].reset();
    }
    consume(std::move(file));
  }
}

}  // namespace stride::import
