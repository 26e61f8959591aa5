// libFuzzer harness for parse_fit: any input must parse or throw ParseError;
// anything else (a crash, a sanitizer report, another exception) is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "import/fit.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  stride::import::ParseContext ctx;
  ctx.display_name = "fuzz.fit";
  try {
    (void)stride::import::parse_fit(std::string_view(reinterpret_cast<const char*>(data), size),
                                    ctx);
  } catch (const stride::import::ParseError&) {
  }
  return 0;
}
