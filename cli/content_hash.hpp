#pragma once
/// The fast content hash that decides whether a file was imported before.
/// SHA-256 over every file costs as much as parsing them (bench FIGURES.md);
/// accidental collisions are all dedup has to survive, so XXH64 is enough.

#include <cstdint>
#include <string>
#include <string_view>

namespace stride::cli {

/// XXH64 (Yann Collet's algorithm, written from its specification) of `bytes`.
std::uint64_t xxh64(std::string_view bytes, std::uint64_t seed = 0);

/// `xxh64:` followed by 16 lower-case hex digits: the prefix names the
/// algorithm so a later change cannot be mistaken for a match.
std::string content_hash(std::string_view bytes);

}  // namespace stride::cli
