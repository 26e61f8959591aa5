// libFuzzer harness for the GPX readers: any input must parse or throw
// ParseError; anything else (a crash, a sanitizer report, another exception)
// is a bug. parse_gpx only streams from 32 MiB on, beyond what the fuzzer
// generates, so both readers behind it (DOM and expat stream) get each input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "import/detail/gpx_readers.hpp"
#include "import/gpx.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  stride::import::ParseContext ctx;
  ctx.display_name = "fuzz.gpx";
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    (void)stride::import::parse_gpx(bytes, ctx);
  } catch (const stride::import::ParseError&) {
  }
  try {
    (void)stride::import::detail::parse_gpx_stream(bytes, ctx);
  } catch (const stride::import::ParseError&) {
  }
  return 0;
}
