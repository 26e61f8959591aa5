// The floor for reading Apple Health's export.xml: one expat pass with no
// handlers over the file, in 1 MiB pieces, as stride's reader feeds it.
// Prints the seconds and MB/s; stride's import of the same file is compared
// with this in the same run (bench/apple_health_bench.sh).
#include <expat.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: expat_floor export.xml\n");
    return 2;
  }
  const auto t0 = std::chrono::steady_clock::now();
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 1;
  }
  XML_Parser parser = XML_ParserCreate(nullptr);
  std::vector<char> buffer(std::size_t{1} << 20);
  std::size_t total = 0;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<int>(in.gcount());
    total += static_cast<std::size_t>(got);
    if (XML_Parse(parser, buffer.data(), got, 0) != XML_STATUS_OK) {
      std::fprintf(stderr, "%s\n", XML_ErrorString(XML_GetErrorCode(parser)));
      return 1;
    }
  }
  XML_Parse(parser, "", 0, 1);
  XML_ParserFree(parser);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("RESULT expat_floor bytes=%zu seconds=%.2f MBps=%.1f\n", total, s,
              static_cast<double>(total) / 1e6 / s);
  return 0;
}
