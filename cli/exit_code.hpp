#pragma once
/// The process exit codes PRODUCT.md promises. Append-only: scripts depend on
/// these numbers (OSRM error_codes.hpp is the model).

#include <array>
#include <cstddef>
#include <string_view>

namespace stride::cli {

enum class ExitCode : int {
  ok = 0,       ///< success, nothing at or above the failing severity
  failure = 1,  ///< bad input, unreadable file, database error
  usage = 2,    ///< the command line itself is wrong
  caution = 3,  ///< check / plan check found a caution (with --fail-on caution)
  danger = 4,   ///< check / plan check found a danger
};

inline constexpr std::array<std::string_view, 5> kExitCodeMessages = {
    "ok", "failure", "usage error", "caution found", "danger found",
};
static_assert(kExitCodeMessages.size() == static_cast<std::size_t>(ExitCode::danger) + 1,
              "every ExitCode needs a message; the enum is append-only");

/// A short description of an exit code.
constexpr std::string_view message_of(ExitCode code) {
  return kExitCodeMessages[static_cast<std::size_t>(code)];
}

}  // namespace stride::cli
