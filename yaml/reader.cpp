#include "yaml/reader.hpp"

#include "yaml/words.hpp"

namespace stride::yaml {

YAML::Node Reader::load() const {
  try {
    return YAML::Load(std::string(source_));
  } catch (const YAML::ParserException& e) {
    // Syntax errors in words, at the place to fix (which may be before
    // where yaml-cpp noticed, as for an unclosed bracket).
    if (e.mark.is_null() || e.mark.line < 0) throw engine::SourceError(name_, 0, 0, e.msg);
    const SyntaxError w = explain_syntax_error(source_, e.mark.line + 1, e.mark.column + 1, e.msg);
    throw engine::SourceError(name_, w.line, w.column, w.message, source_);
  }
}

void Reader::fail(const YAML::Node& node, const std::string& message) const {
  fail_at(node.Mark(), message);
}

void Reader::fail_at(const YAML::Mark& mark, const std::string& message) const {
  // yaml-cpp counts from 0 and marks "no position" with -1; people count from 1.
  if (mark.is_null() || mark.line < 0) throw engine::SourceError(name_, 0, 0, message);
  throw engine::SourceError(name_, mark.line + 1, mark.column + 1, message, source_);
}

}  // namespace stride::yaml
