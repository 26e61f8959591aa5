// libFuzzer harness for the CSV readers (parse_csv and the Strava export's
// activities.csv rows): any input must parse or throw ParseError; anything
// else (a crash, a sanitizer report, another exception) is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "import/csv.hpp"
#include "import/strava_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  stride::import::ParseContext ctx;
  ctx.display_name = "fuzz.csv";
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    (void)stride::import::parse_csv(bytes, ctx);
  } catch (const stride::import::ParseError&) {
  }
  try {
    (void)stride::import::parse_strava_activities_csv(bytes, ctx);
  } catch (const stride::import::ParseError&) {
  }
  return 0;
}
