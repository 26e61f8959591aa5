#pragma once
/// The YAML reading the plan and profile readers share: loading the text,
/// turning yaml-cpp's 0-based marks into 1-based positions, and failing with
/// the one error type (engine::SourceError) that shows the offending line.

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

#include "engine/source_error.hpp"

namespace stride::yaml {

class Reader {
 public:
  /// `source` must outlive the reader: errors quote its lines.
  Reader(std::string_view display_name, std::string_view source)
      : name_(display_name), source_(source) {}

  const std::string& display_name() const { return name_; }

  /// The document; a syntax error becomes a SourceError at its position.
  YAML::Node load() const;

  /// Throws SourceError at `node` (no position when the node has none).
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const;
  /// Throws SourceError at a yaml-cpp mark (0-based).
  [[noreturn]] void fail_at(const YAML::Mark& mark, const std::string& message) const;

  /// Runs `read(root)` and turns yaml-cpp's own exceptions (shapes a reader
  /// did not foresee) into a SourceError with their position.
  template <typename F>
  auto guarded(F&& read) const -> decltype(read()) {
    try {
      return read();
    } catch (const YAML::Exception& e) {
      fail_at(e.mark, e.msg);
    }
  }

 private:
  std::string name_;
  std::string_view source_;
};

}  // namespace stride::yaml
