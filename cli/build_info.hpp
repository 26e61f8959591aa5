#pragma once
/// What `stride --version` prints: the project version and the git commit the
/// binary was built from (cmake/build_info.cmake writes the definitions at
/// every build; "unknown" outside a git checkout, "-dirty" with local edits).

#include <string_view>

namespace stride::cli {

std::string_view build_version();
std::string_view build_commit();

}  // namespace stride::cli
