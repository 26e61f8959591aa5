// A stand-in for libFuzzer where clang's instrumented build is out of reach: feeds
// random mutations (byte flips, truncations, splices) of one seed file to a harness.
//   g++ -std=c++20 -O1 -I. tests/fuzz/smoke_main.cpp tests/fuzz/fuzz_apple_xml.cpp \
//     build/import/libstride_import.a build/engine/libstride_engine.a -lminizip -lexpat -lz \
//     -lfmt -ldate-tz -lpugixml -pthread -o smoke && ./smoke SEED N
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
int main(int argc, char** argv) {
  std::ifstream in(argv[1], std::ios::binary);
  const std::string seed{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const long n = std::stol(argv[2]);
  std::mt19937_64 rng(42);
  for (long i = 0; i < n; ++i) {
    std::string s = seed;
    const int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits && !s.empty(); ++e) {
      const std::size_t at = rng() % s.size();
      switch (rng() % 4) {
        case 0:
          s[at] = static_cast<char>(rng());
          break;
        case 1:
          s.resize(at);
          break;
        case 2:
          s.insert(at, s.substr(rng() % s.size(), rng() % 64));
          break;
        case 3:
          s.erase(at, rng() % 64);
          break;
      }
    }
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
  }
  std::printf("%ld executions, no crash\n", n);
}
