#include "yaml/words.hpp"

#include <fmt/format.h>

#include <cstddef>
#include <vector>

namespace stride::yaml {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

/// The 1-based line `line` of `text`, without its newline.
std::string_view line_of(std::string_view text, int line) {
  std::size_t begin = 0;
  for (int i = 1; i < line; ++i) {
    const std::size_t nl = text.find('\n', begin);
    if (nl == std::string_view::npos) return {};
    begin = nl + 1;
  }
  const std::size_t end = text.find('\n', begin);
  std::string_view out =
      text.substr(begin, end == std::string_view::npos ? text.npos : end - begin);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return out;
}

struct Bracket {
  char open;
  int line, column;
};

/// The innermost `[` or `{` still open where yaml-cpp stopped (line, column),
/// skipping quoted text and comments.
std::vector<Bracket> open_brackets(std::string_view text, int stop_line, int stop_column) {
  std::vector<Bracket> stack;
  int line = 1, column = 1;
  char quote = 0;
  bool comment = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (line > stop_line || (line == stop_line && column >= stop_column)) break;
    const char c = text[i];
    if (c == '\n') {
      ++line, column = 1, comment = false;
      continue;
    }
    if (comment) {
    } else if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t')) {
      comment = true;
    } else if (c == '[' || c == '{') {
      stack.push_back({c, line, column});
    } else if ((c == ']' || c == '}') && !stack.empty()) {
      stack.pop_back();
    }
    ++column;
  }
  return stack;
}

}  // namespace

SyntaxError explain_syntax_error(std::string_view text, int line, int column,
                                 std::string_view what) {
  // A tab where YAML wants spaces gives "illegal block entry", "illegal
  // tab..." or "end of map not found" depending on where it sits; the tab is
  // the thing to fix.
  const std::string_view here = line_of(text, line);
  for (std::size_t i = 0; i < here.size() && (here[i] == ' ' || here[i] == '\t'); ++i)
    if (here[i] == '\t')
      return {line, static_cast<int>(i) + 1,
              "a tab in the indentation: YAML indents with spaces only (replace the tab with "
              "spaces)"};
  if (starts_with(what, "end of map flow not found") ||
      starts_with(what, "end of sequence flow not found")) {
    const char open = what[7] == 'm' ? '{' : '[';
    const char close = open == '{' ? '}' : ']';
    const auto stack = open_brackets(text, line, column);
    for (auto it = stack.rbegin(); it != stack.rend(); ++it)
      if (it->open == open)
        return {it->line, it->column,
                fmt::format("this '{}' is never closed: add the '{}' after its last entry", open,
                            close)};
    return {line, column, fmt::format("a '{}' is never closed with '{}'", open, close)};
  }
  struct Words {
    std::string_view yaml_cpp, words;
  };
  static constexpr Words kWords[] = {
      {"illegal tab when looking for indentation",
       "a tab in the indentation: YAML indents with spaces only (replace the tab with spaces)"},
      {"illegal block entry",
       "a list item ('- ') where none can start: indent it like the other items of its list"},
      {"illegal map value",
       "a ':' where no key can start: indent this line like the keys above it, or put a value "
       "that holds ': ' in quotes"},
      {"illegal map key", "a key where none can start: indent it like the keys above it"},
      {"end of map not found",
       "this line is indented differently from the keys before it: line it up with them"},
      {"end of sequence not found",
       "this line is indented differently from the list before it: line it up with its items"},
      {"illegal flow end", "a ']' or '}' that closes nothing: remove it or add its '[' or '{'"},
      {"unknown token",
       "a value cannot start with this character ('@', '`' or '%'): put the value in quotes"},
      {"illegal EOF in scalar", "a quoted value is never closed: add the closing quote"},
      {"illegal document indicator in scalar",
       "'---' or '...' inside a quoted value: close the quote before it"},
      {"unknown escape character",
       "an unknown escape after '\\' in a double-quoted value: use single quotes, or '\\\\' "
       "for a backslash"},
      {"the referenced anchor is not defined",
       "'*' refers to an anchor ('&name') that is not defined above it"},
  };
  for (const auto& w : kWords)
    if (starts_with(what, w.yaml_cpp)) return {line, column, std::string(w.words)};
  return {line, column, fmt::format("not valid YAML: {}", what)};
}

}  // namespace stride::yaml
