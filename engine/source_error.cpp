#include "engine/source_error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace stride::engine {
namespace {

constexpr std::size_t kExcerptChars = 120;

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

/// Characters (UTF-8 code points) in `text`.
std::size_t chars_in(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return !is_continuation(c); }));
}

/// Byte index where character `n` of `text` starts (text.size() past the end).
std::size_t byte_of_char(std::string_view text, std::size_t n) {
  std::size_t i = 0;
  for (std::size_t seen = 0; i < text.size(); ++i) {
    if (is_continuation(text[i])) continue;
    if (seen++ == n) return i;
  }
  return text.size();
}

}  // namespace

std::string format_location(std::string_view display_name, const Location& where,
                            std::string_view message) {
  if (where.line > 0 && where.column > 0)
    return fmt::format("{}:{}:{}: {}", display_name, where.line, where.column, message);
  if (where.line > 0) return fmt::format("{}:{}: {}", display_name, where.line, message);
  if (where.byte_offset >= 0)
    return fmt::format("{}: byte {}: {}", display_name, where.byte_offset, message);
  return fmt::format("{}: {}", display_name, message);
}

Location location_of_offset(std::string_view text, std::size_t offset) {
  Location loc;
  loc.line = 1;
  loc.column = 1;
  if (offset > text.size()) offset = text.size();
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++loc.line;
      loc.column = 1;
    } else {
      ++loc.column;
    }
  }
  return loc;
}

std::string source_excerpt(std::string_view source, const Location& where) {
  if (where.line <= 0 || source.empty()) return {};
  std::size_t begin = 0;
  for (std::int64_t line = 1; line < where.line; ++line) {
    const std::size_t nl = source.find('\n', begin);
    if (nl == std::string_view::npos) return {};
    begin = nl + 1;
  }
  std::size_t end = source.find('\n', begin);
  if (end == std::string_view::npos) end = source.size();
  std::string_view line = source.substr(begin, end - begin);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.find_first_not_of(" \t") == std::string_view::npos) return {};

  // Columns count bytes (as the readers report them); the caret goes under
  // the character that byte belongs to.
  const std::size_t column_byte =
      std::min(line.size(), static_cast<std::size_t>(std::max<std::int64_t>(where.column, 1) - 1));
  std::size_t caret = chars_in(line.substr(0, column_byte));
  const std::size_t total = chars_in(line);
  if (total > kExcerptChars) {
    // A window of 120 characters with the column in its middle.
    std::size_t first = caret > kExcerptChars / 2 ? caret - kExcerptChars / 2 : 0;
    first = std::min(first, total - kExcerptChars);
    const std::size_t from = byte_of_char(line, first);
    line = line.substr(from, byte_of_char(line, first + kExcerptChars) - from);
    caret -= first;
  }
  std::string out(line);
  std::replace(out.begin(), out.end(), '\t', ' ');
  if (where.column <= 0) return out;  // a line without a column: no caret to place
  out += '\n';
  out.append(caret, ' ');
  out += '^';
  return out;
}

SourceError::SourceError(std::string display_name, Location where, std::string reason,
                         std::string_view source)
    : std::runtime_error(format_location(display_name, where, reason)),
      display_name_(std::move(display_name)),
      where_(where),
      reason_(std::move(reason)),
      excerpt_(source_excerpt(source, where_)) {}

SourceError::SourceError(std::string display_name, int line, int column, const std::string& reason,
                         std::string_view source)
    : SourceError(std::move(display_name),
                  Location{line > 0 ? line : 0, line > 0 && column > 0 ? column : 0, -1}, reason,
                  source) {}

std::string SourceError::full_text() const {
  if (excerpt_.empty()) return what();
  return fmt::format("{}\n{}", what(), excerpt_);
}

SourceError SourceError::with_source(std::string_view source) const {
  return SourceError(display_name_, where_, reason_, source);
}

}  // namespace stride::engine
