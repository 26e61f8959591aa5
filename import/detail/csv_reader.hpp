#pragma once
/// An RFC 4180 record reader: quoted fields with delimiters, doubled quotes and
/// line breaks (spaces before the opening quote allowed), CRLF or LF, a UTF-8
/// byte order mark, and `,` `;` or tab as the delimiter (detected from the
/// header). Each field keeps where it starts so
/// the layers above can say `name:line:col: reason`.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace stride::import::detail {

struct CsvField {
  std::string text;
  std::int64_t line = 0;    ///< physical line (1-based) where the field starts
  std::int64_t column = 0;  ///< byte column (1-based) on that line
};

struct CsvRecord {
  std::vector<CsvField> fields;
  std::int64_t line = 0;  ///< physical line where the record starts

  /// The text of field i, empty when the record is shorter.
  std::string_view at(std::size_t i) const {
    return i < fields.size() ? std::string_view(fields[i].text) : std::string_view();
  }
};

struct CsvTable {
  char delimiter = ',';
  /// All records, header first. Blank lines are skipped.
  std::vector<CsvRecord> records;
};

/// The delimiter the first record uses: whichever of `,` `;` tab occurs most
/// outside quotes (`,` on a tie). Lines holding none of them are passed over.
char detect_delimiter(std::string_view text);

/// Reads every record. Throws ParseError (with the line and column of the
/// opening quote) for a quoted field that never ends, and for UTF-16 text.
CsvTable read_csv(std::string_view bytes, std::string_view display_name);

/// Quotes a field when it holds the delimiter, a quote, a line break or
/// leading/trailing spaces.
std::string quote_csv_field(std::string_view text, char delimiter = ',');

}  // namespace stride::import::detail
