// `stride report` in a real terminal: colour only when stdout is a terminal,
// never with --no-color or NO_COLOR, and the plain characters either way.
// The case files cannot give a command a terminal; util-linux `script`
// (Debian's essential bsdutils) runs it on a pseudo-terminal.
#include <stdlib.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "tests/support/catch.hpp"
#include "tests/support/files.hpp"
#include "tests/support/process.hpp"

namespace {

namespace fs = std::filesystem;
using stride::test::env_or;
using stride::test::read_file;
using stride::test::shell_quote;

class Box {
 public:
  /// `stride ARGS` with the example profile; on a pseudo-terminal when `tty`.
  std::string run(const std::string& args, bool tty, const std::string& env = "") const {
    const std::string examples = env_or("STRIDE_EXAMPLES", STRIDE_E2E_EXAMPLES);
    const std::string stride = "env TZ=UTC STRIDE_TODAY=2026-11-25 " +
                               shell_quote("HOME=" + dir().string()) + " " +
                               shell_quote("STRIDE_DB=" + (dir() / "stride.db").string()) + " " +
                               env + " " + shell_quote(env_or("STRIDE_BIN", STRIDE_E2E_BIN)) +
                               " --profile " + shell_quote(examples + "/profile.yaml") + " " + args;
    const fs::path out = dir() / ".stdout";
    const std::string cmd = (tty ? "script -qec " + shell_quote(stride) + " /dev/null" : stride) +
                            " >" + shell_quote(out.string()) + " 2>&1 </dev/null";
    const int status = std::system(cmd.c_str());
    INFO(cmd);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    std::string text = read_file(out);
    text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());  // added by the tty
    return text;
  }

 private:
  const fs::path& dir() const { return folder_.dir(); }
  stride::test::TempFolder folder_{"stride-e2e-terminal"};
};

std::string strip_ansi(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b') {
      while (i < s.size() && s[i] != 'm') ++i;
      continue;
    }
    out += s[i];
  }
  return out;
}

}  // namespace

TEST_CASE("cli: report colours a terminal only, never with --no-color or NO_COLOR", "[e2e]") {
  Box box;
  const std::string examples = env_or("STRIDE_EXAMPLES", STRIDE_E2E_EXAMPLES);
  box.run("init", false);  // every command but init needs a database
  box.run("import " + shell_quote(examples + "/history"), false);
  const std::string piped = box.run("report --weeks 4", false);
  const std::string tty = box.run("report --weeks 4", true);
  CHECK(piped.find('\x1b') == std::string::npos);
  CHECK(tty.find("\x1b[31m#") != std::string::npos);  // hard surface in red
  CHECK(tty.find("\x1b[32m=") != std::string::npos);  // other surfaces in green
  CHECK(strip_ansi(tty) == piped);
  CHECK(box.run("report --weeks 4 --no-color", true) == piped);
  CHECK(box.run("report --weeks 4", true, "NO_COLOR=1") == piped);
}
