// stride: the binary. Thin on purpose: the command table is in cli/commands.cpp,
// each command in cli/cmd_<name>.cpp; here every failure becomes one line on
// stderr and a stable exit code (cli/exit_code.hpp).

#include <SQLiteCpp/Exception.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "cli/app.hpp"
#include "cli/errors.hpp"
#include "engine/source_error.hpp"

namespace {

int code(stride::cli::ExitCode c) { return static_cast<int>(c); }

}  // namespace

int main(int argc, char** argv) try {
  return code(stride::cli::run(argc, argv));
} catch (const stride::cli::UsageError& e) {
  std::cerr << "stride: " << e.what() << "\nRun with --help for more information.\n";
  return code(stride::cli::ExitCode::usage);
} catch (const CLI::Error& e) {
  // Raised from an option callback after parsing began: still a usage error.
  std::cerr << "stride: " << e.what() << "\nRun with --help for more information.\n";
  return code(stride::cli::ExitCode::usage);
} catch (const stride::cli::CommandError& e) {
  std::cerr << "stride: " << e.what() << '\n';
  return code(stride::cli::ExitCode::failure);
} catch (const stride::engine::SourceError& e) {
  // A plan, the profile or an input file: the message, the line, a caret.
  std::cerr << "stride: " << e.full_text() << '\n';
  return code(stride::cli::ExitCode::failure);
} catch (const SQLite::Exception& e) {
  std::cerr << "stride: database error: " << e.what() << '\n';
  return code(stride::cli::ExitCode::failure);
} catch (const std::filesystem::filesystem_error& e) {
  std::cerr << "stride: " << e.what() << '\n';
  return code(stride::cli::ExitCode::failure);
} catch (const std::exception& e) {
  std::cerr << "stride: " << e.what() << '\n';
  return code(stride::cli::ExitCode::failure);
}
