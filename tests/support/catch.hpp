#pragma once
// The one place that names the Catch2 header, so a move to Catch2 v3
// (<catch2/catch_test_macros.hpp>) touches this file only.
#include <catch2/catch.hpp>
