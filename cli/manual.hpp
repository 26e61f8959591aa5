#pragma once
/// stride(1) and the shell completions, generated from the CLI11 tree that
/// `--help` prints, so each command's and option's text lives in one place
/// (its cmd_<name>.cpp) and a new command or option appears everywhere
/// without an edit here. The build runs `stride __generate KIND FILE`
/// (cli/CMakeLists.txt); what cannot come from the tree (exit codes,
/// environment, files, examples, which options take a path or a surface)
/// is in cli/manual.cpp.

#include <string>
#include <string_view>

namespace CLI {
class App;
}

namespace stride::cli {

/// The man page in man(7) markup. `date` goes in the title line (YYYY-MM-DD).
std::string man_page(const CLI::App& app, std::string_view date);
std::string bash_completion(const CLI::App& app);
std::string zsh_completion(const CLI::App& app);
std::string fish_completion(const CLI::App& app);

/// The hidden entry point: argv is `stride __generate man|bash|zsh|fish
/// [FILE] [DATE]`. Writes to FILE (stdout without one); returns the exit code.
int generate(const CLI::App& app, int argc, char** argv);

}  // namespace stride::cli
