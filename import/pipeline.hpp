#pragma once
/// Parses inputs on several threads and hands each outcome, in input order,
/// to a consumer on the calling thread (so the store writes from one thread).

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "import/parse.hpp"
#include "import/walk.hpp"

namespace stride::import {

/// How far the pipeline got with a file. What became of it (imported,
/// duplicate, ...) is decided later, against the store: ingest::Status.
enum class ParseStatus {
  parsed,       ///< `result` holds the activities
  failed,       ///< `reason`/`where`/`message` say why
  seen_before,  ///< skip() said so: not read
  unsupported,  ///< the walk listed it as skipped (`input.skip_reason`)
};

struct ParsedFile {
  const Input* input = nullptr;
  ParseStatus status = ParseStatus::parsed;
  std::optional<ParseResult> result;
  std::string content_hash;
  std::string old_hash;  ///< when ParseContext::old_hashes
  /// Failures: the whole message (`name:line:col: reason`), the reason alone
  /// and the position (unknown for errors that are not ParseError).
  std::string message;
  std::string reason;
  Location where;
  /// The offending line and a caret under the column (empty when unknown).
  std::string excerpt;
};

struct PipelineOptions {
  /// Worker threads; 0: the hardware concurrency.
  unsigned threads = 0;
  /// How many parsed files may wait for the consumer; 0: twice the threads.
  std::size_t max_ahead = 0;
};

/// Parses every input and calls consume() for each, in order, on this thread.
/// skip(), also called on this thread before an input is read, lets the
/// caller pass over files seen before. An exception from a reader becomes
/// that file's failure; one from consume() stops the run and is rethrown.
void run_pipeline(const std::vector<Input>& inputs, const ParseContext& ctx,
                  const std::function<bool(const Input&)>& skip,
                  const std::function<void(ParsedFile&&)>& consume,
                  const PipelineOptions& options = {});

}  // namespace stride::import
