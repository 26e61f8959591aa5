#pragma once
/// FIT reader: bytes -> activities. See README "Import" for what it accepts.

#include <string_view>

#include "import/parse.hpp"

namespace stride::import {

/// Throws ParseError (with line/column or byte offset) when the file is unusable.
ParseResult parse_fit(std::string_view bytes, const ParseContext& ctx);

}  // namespace stride::import
