#pragma once
// Where ../shared/data/real is: CTest sets STRIDE_REAL_DATA for tests tagged [real].
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace stride::test {

inline std::filesystem::path real_data_dir() {
  const char* dir = std::getenv("STRIDE_REAL_DATA");
#ifdef STRIDE_REAL_DATA_DIR
  if (dir == nullptr || *dir == '\0') dir = STRIDE_REAL_DATA_DIR;
#endif
  if (dir == nullptr || *dir == '\0')
    throw std::runtime_error("STRIDE_REAL_DATA is not set (run through ctest)");
  return dir;
}

/// The tests/data folder of this repository.
inline std::filesystem::path test_data_dir() {
  const char* dir = std::getenv("STRIDE_TEST_DATA");
#ifdef STRIDE_TEST_DATA_DIR
  if (dir == nullptr || *dir == '\0') dir = STRIDE_TEST_DATA_DIR;
#endif
  if (dir == nullptr || *dir == '\0')
    throw std::runtime_error("STRIDE_TEST_DATA is not set (run through ctest)");
  return dir;
}

}  // namespace stride::test
