#include "import/detail/csv_reader.hpp"

#include "import/parse.hpp"

namespace stride::import::detail {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string_view strip_bom(std::string_view text) {
  if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());
  return text;
}

}  // namespace

char detect_delimiter(std::string_view text) {
  text = strip_bom(text);
  std::size_t commas = 0, semicolons = 0, tabs = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      quoted = !quoted;  // a doubled quote toggles twice: no harm
    } else if (!quoted) {
      // A line without any (an old Garmin export's title line) says nothing:
      // the next one decides.
      if (c == '\n' || c == '\r') {
        if (commas + semicolons + tabs > 0) break;
        continue;
      }
      if (c == ',') ++commas;
      if (c == ';') ++semicolons;
      if (c == '\t') ++tabs;
    }
  }
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

CsvTable read_csv(std::string_view bytes, std::string_view display_name) {
  if (bytes.size() >= 2 &&
      ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
    throw ParseError(std::string(display_name), Location{1, 0, -1},
                     "UTF-16 text is not supported (save the file as UTF-8)");
  }
  const std::size_t bom = bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom ? kUtf8Bom.size() : 0;
  const std::string_view text = bytes.substr(bom);

  CsvTable table;
  table.delimiter = detect_delimiter(text);
  const char delim = table.delimiter;

  std::int64_t line = 1;
  std::size_t line_start = 0;  // offset in text where the current physical line begins
  std::size_t i = 0;
  const std::size_t n = text.size();

  // The column of the first line counts the BOM bytes too, so a caret printed
  // under the raw line lands right; it only matters for line 1.
  auto column_of = [&](std::size_t pos) {
    return static_cast<std::int64_t>(pos - line_start + 1 + (line == 1 ? bom : 0));
  };
  auto newline_at = [&](std::size_t pos) -> std::size_t {  // length of a line break at pos
    if (pos >= n) return 0;
    if (text[pos] == '\n') return 1;
    if (text[pos] == '\r') return (pos + 1 < n && text[pos + 1] == '\n') ? 2 : 1;
    return 0;
  };

  while (i < n) {
    CsvRecord record;
    record.line = line;
    bool record_done = false;
    while (!record_done) {
      CsvField field;
      // Spaces before an opening quote (old Garmin exports write `, "12,34"`)
      // belong to no field: the quoted text is the value.
      std::size_t quote = i;
      while (quote < n && (text[quote] == ' ' || text[quote] == '\t') && text[quote] != delim)
        ++quote;
      if (quote < n && text[quote] == '"') i = quote;
      field.line = line;
      field.column = column_of(i);
      if (i < n && text[i] == '"') {
        const std::int64_t open_line = line, open_column = field.column;
        ++i;
        bool closed = false;
        while (i < n) {
          const char c = text[i];
          if (c == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field.text += '"';
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (const std::size_t nl = newline_at(i)) {
            // Line breaks inside quotes are kept as written (CRLF stays CRLF).
            field.text.append(text.substr(i, nl));
            i += nl;
            ++line;
            line_start = i;
            continue;
          }
          field.text += c;
          ++i;
        }
        if (!closed) {
          throw ParseError(std::string(display_name), Location{open_line, open_column, -1},
                           "quoted field is never closed");
        }
        // Lenient: text between the closing quote and the delimiter is kept.
        while (i < n && text[i] != delim && newline_at(i) == 0) field.text += text[i++];
      } else {
        while (i < n && text[i] != delim && newline_at(i) == 0) field.text += text[i++];
      }
      record.fields.push_back(std::move(field));
      if (i < n && text[i] == delim) {
        ++i;
        continue;
      }
      if (const std::size_t nl = newline_at(i)) {
        i += nl;
        ++line;
        line_start = i;
      }
      record_done = true;
    }
    const bool blank = record.fields.size() == 1 && record.fields[0].text.empty();
    if (!blank) table.records.push_back(std::move(record));
  }
  return table;
}

std::string quote_csv_field(std::string_view text, char delimiter) {
  const bool needs =
      text.find_first_of(std::string{'"', '\n', '\r', delimiter}) != std::string_view::npos ||
      (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!needs) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace stride::import::detail
