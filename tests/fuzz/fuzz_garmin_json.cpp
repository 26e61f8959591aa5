// libFuzzer harness for parse_garmin_summaries (Garmin's summarizedActivities
// JSON): any input must parse or throw ParseError; anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "import/garmin_export.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  stride::import::ParseContext ctx;
  ctx.display_name = "fuzz_summarizedActivities.json";
  try {
    (void)stride::import::parse_garmin_summaries(
        std::string_view(reinterpret_cast<const char*>(data), size), ctx);
  } catch (const stride::import::ParseError&) {
  }
  return 0;
}
