#pragma once
/// Reading the values of activity-list CSVs: localised numbers, distances and
/// durations with or without units, dates in the spellings exporters use,
/// header names and sport names.

#include <date/date.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/activity.hpp"
#include "engine/quantity.hpp"
#include "engine/text.hpp"
#include "import/detail/csv_reader.hpp"

namespace stride::import::detail {

using engine::trim;

/// Empty, `--`, `-`, `n/a`, `null`: the exporter had no value.
bool is_missing(std::string_view text);

/// Which character separates decimals: `3.40` (point, `,` groups thousands) or
/// `3,40` (comma, `.` groups thousands).
enum class NumberStyle { decimal_point, decimal_comma };

/// Votes over the data fields of the given (numeric) columns: a separator
/// followed by other than three digits can only be the decimal one. Ties go to
/// decimal commas when the delimiter is `;` (the usual pairing in European
/// spreadsheets).
NumberStyle detect_number_style(const CsvTable& table, const std::vector<int>& columns);

/// A whole field as a number (thousands groups must have three digits).
std::optional<double> parse_number(std::string_view text, NumberStyle style);

/// Splits `1,762 Meters` into its number and the unit text after it.
struct NumberWithUnit {
  double value = 0;
  std::string unit;  ///< lower case, trimmed; empty when bare
};
std::optional<NumberWithUnit> parse_number_with_unit(std::string_view text, NumberStyle style);

/// Metres per unit for `m`, `meters`, `km`, `kilometres`, `mi`, `miles`, `ft`,
/// `feet`, `yd`; nullopt for anything else.
std::optional<double> metres_per_unit(std::string_view unit);

/// Seconds in `1:05:26`, `17:01` (m:ss), `00:28:10.5`, `00:01:39,6`, `1h30m`,
/// `45min`, or a bare number times `bare_factor_s`.
std::optional<double> parse_duration_value(std::string_view text, NumberStyle style,
                                           double bare_factor_s = 1.0);

/// A date and time as written, with its offset when it carried one.
struct WrittenTime {
  date::local_time<std::chrono::milliseconds> local;
  std::optional<std::int32_t> offset_s;
};

/// ISO 8601 (`2026-03-01T07:30:00+01:00`, `2026-03-01 07:30`, `2026-03-01`,
/// `Z`), `01.03.2026 07:30`, `Mar 1, 2026, 7:30:00 AM`, `Sun, 1 Mar 2026 7:30`,
/// `1 Mar 2026`. Day/month order with slashes is ambiguous: not accepted.
std::optional<WrittenTime> parse_written_time(std::string_view text);

/// Header text made comparable: lower case, HTML tags, `_` `.` and brackets
/// removed, spaces collapsed (`Max. Heart Rate (bpm)` -> `max heart rate bpm`).
std::string normalise_header(std::string_view text);

/// The sport a type name stands for (`Running`, `Trail Run`, `Pool Swim`,
/// `trail_run`...); nullopt when unknown.
std::optional<engine::Sport> sport_from_name(std::string_view text);

}  // namespace stride::import::detail
