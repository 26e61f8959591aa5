#pragma once
/// Small string helpers every layer uses (one copy, not one per reader).

#include <string>
#include <string_view>

namespace stride::engine {

/// Without leading and trailing ASCII whitespace (space, tab, CR, LF, VT, FF).
std::string_view trim(std::string_view text);

/// ASCII lower case; other bytes (UTF-8 included) unchanged.
std::string to_lower(std::string_view text);

/// True when `a` and `b` are equal ignoring ASCII case.
bool iequals(std::string_view a, std::string_view b);

}  // namespace stride::engine
