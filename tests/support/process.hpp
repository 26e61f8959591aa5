#pragma once
// Running a shell command for the end-to-end tests: quoting, and capturing
// stdout, stderr and the exit code in one place.
#include <stdlib.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "tests/support/files.hpp"

namespace stride::test {

/// `s` as one word for /bin/sh.
inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct RunOutput {
  int exit = -1;
  std::string out;
  std::string err;
};

/// Runs `cmd` through the shell with stdin from /dev/null, stdout and stderr
/// captured through files in `dir`.
inline RunOutput run_captured(std::string cmd, const std::filesystem::path& dir) {
  const std::filesystem::path out = dir / ".stdout", err = dir / ".stderr";
  cmd += " >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string()) + " </dev/null";
  const int status = std::system(cmd.c_str());
  RunOutput r;
  r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

/// A fresh folder under /tmp named `prefix-XXXXXX`, removed with the object.
class TempFolder {
 public:
  explicit TempFolder(const std::string& prefix) {
    std::string tmpl = "/tmp/" + prefix + "-XXXXXX";
    if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = tmpl;
  }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

}  // namespace stride::test
