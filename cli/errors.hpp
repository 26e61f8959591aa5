#pragma once
/// The CLI's own failures. main() maps each to an exit code.

#include <stdexcept>
#include <string>

namespace stride::cli {

/// A bad value found after CLI11 parsed the line (a date word, a distance): exit 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A command that cannot do what was asked (no such activity, no database): exit 1.
class CommandError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace stride::cli
