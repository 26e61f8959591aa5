#pragma once
/// The ISO-8601 reader lives in the engine (engine/datetime.hpp) so that the
/// import readers, the plan reader and the CLI share one; this header keeps
/// the readers' spelling.

#include "engine/datetime.hpp"

namespace stride::import::detail {

using engine::IsoTime;
using engine::parse_iso8601;

}  // namespace stride::import::detail
