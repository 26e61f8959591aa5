#pragma once
/// yaml-cpp's syntax errors ("illegal block entry") in words a person editing
/// a plan or profile can act on, at the place to fix. Shared by the plan and
/// profile readers through yaml::Reader::load.

#include <string>
#include <string_view>

namespace stride::yaml {

struct SyntaxError {
  int line = 0;    ///< 1-based
  int column = 0;  ///< 1-based
  std::string message;
};

/// `text` is the whole document; `line` and `column` (1-based) and `what` are
/// yaml-cpp's. A tab in the line's indentation is named at the tab; an
/// unclosed `[` or `{` at the bracket; other errors keep yaml-cpp's place.
SyntaxError explain_syntax_error(std::string_view text, int line, int column,
                                 std::string_view what);

}  // namespace stride::yaml
