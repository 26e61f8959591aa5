#pragma once
/// What every format parser shares: the error with its position, per-file
/// warnings, and the context a parser needs (time zone, units for CSV).
/// Parsers take bytes, never paths (HOUSE-STYLE: "parsers take contents").

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "engine/activity.hpp"
#include "engine/quantity.hpp"

namespace date {
class time_zone;
}

namespace stride::import {

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

/// Bad user data found while parsing. what() is the formatted message.
class ParseError : public std::runtime_error {
 public:
  ParseError(std::string display_name, Location where, std::string reason);

  const std::string& display_name() const { return display_name_; }
  const Location& where() const { return where_; }
  /// The message without the file and position.
  const std::string& reason() const { return reason_; }

 private:
  std::string display_name_;
  Location where_;
  std::string reason_;
};

/// Something odd that did not stop the file (a skipped point, a clock that was
/// never set): data, listed per file.
struct ImportWarning {
  Location where;
  std::string message;
};

struct ParseContext {
  std::string display_name = "input";
  /// The profile's time zone: for sources without their own offset. Never null
  /// when given by the import layer; parsers fall back to UTC if it is.
  const date::time_zone* tz = nullptr;
  /// Unit of CSV distances that carry no unit.
  engine::Units csv_units = engine::Units::km;
};

struct ParseResult {
  std::vector<engine::Activity> activities;
  std::vector<ImportWarning> warnings;
};

/// Line and column (1-based) of a byte offset in a text.
Location location_of_offset(std::string_view text, std::size_t offset);

/// Fills utc_offset_s (from ctx.tz unless the source gave one) and local_date.
void assign_local_date(engine::Activity& activity, const ParseContext& ctx);

}  // namespace stride::import
