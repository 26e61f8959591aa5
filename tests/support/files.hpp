#pragma once
// Small file and environment helpers shared by the end-to-end test programs.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace stride::test {

/// An environment variable, else the value compiled in by tests/CMakeLists.txt
/// (catch_discover_tests passes only the first ENVIRONMENT entry).
inline std::string env_or(const char* name, const char* compiled_in) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : compiled_in;
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace stride::test
