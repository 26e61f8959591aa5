// libFuzzer harness for Apple Health's export.xml reader: the input is fed in
// two pieces (as the streaming walk does), then every workout is built. Any
// input must parse or throw ParseError; anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "import/apple_health.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  stride::import::ParseContext ctx;
  ctx.display_name = "export.xml";
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    stride::import::AppleHealthReader reader(ctx);
    reader.feed(bytes.substr(0, size / 2));
    reader.feed(bytes.substr(size / 2));
    const auto scan = reader.finish();
    for (const auto& w : scan.workouts) {
      try {
        (void)stride::import::apple_workout_activity(w, std::nullopt, ctx);
      } catch (const stride::import::ParseError&) {
      }
    }
  } catch (const stride::import::ParseError&) {
  }
  return 0;
}
