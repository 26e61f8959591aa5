#pragma once
/// The one error type for bad input text: activity files, plans, the
/// profile. It names the file, line and column and can show the offending
/// line with a caret under the column (PRODUCT.md "Errors show the line"):
///
///     plan.yaml:7:18: unknown surface 'lava' (road, track, ...)
///           - {type: run, surface: lava}
///                                  ^
///
/// Pure text work, so it lives with the engine that every reader links.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace stride::engine {

/// A position in the input: line/column (1-based) for text formats, a byte
/// offset for binary ones. Zero / -1 mean "not known".
struct Location {
  std::int64_t line = 0;
  std::int64_t column = 0;
  std::int64_t byte_offset = -1;

  bool known() const { return line > 0 || byte_offset >= 0; }
};

/// `name:line:col: message`, `name:line: message` or `name: byte N: message`.
std::string format_location(std::string_view display_name, const Location& where,
                            std::string_view message);

/// Line and column (1-based) of a byte offset in a text.
Location location_of_offset(std::string_view text, std::size_t offset);

/// The line `where` points into, cut to at most 120 characters around the
/// column, then a line with a caret under the column (the line alone when
/// the column is unknown); empty when the line is unknown, blank or not in
/// `source`. Tabs become spaces so the caret lines up.
std::string source_excerpt(std::string_view source, const Location& where);

/// Bad user data. what() is the one-line `file:line:col: message`;
/// full_text() adds the excerpt when the source text was given.
class SourceError : public std::runtime_error {
 public:
  SourceError(std::string display_name, Location where, std::string reason,
              std::string_view source = {});
  /// Plan and profile readers' spelling: 1-based line and column, 0 unknown.
  SourceError(std::string display_name, int line, int column, const std::string& reason,
              std::string_view source = {});

  const std::string& display_name() const { return display_name_; }
  const Location& where() const { return where_; }
  int line() const { return static_cast<int>(where_.line); }
  int column() const { return static_cast<int>(where_.column); }
  /// The message without the file and position.
  const std::string& reason() const { return reason_; }
  const std::string& message() const { return reason_; }
  /// The offending line and its caret (two lines), or empty.
  const std::string& excerpt() const { return excerpt_; }
  /// what(), then the excerpt on the following lines when there is one.
  std::string full_text() const;

  /// The same error with the excerpt taken from `source` (the text the
  /// position refers to).
  SourceError with_source(std::string_view source) const;

 private:
  std::string display_name_;
  Location where_;
  std::string reason_;
  std::string excerpt_;
};

}  // namespace stride::engine
