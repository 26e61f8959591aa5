#pragma once
/// Small helpers the whole-account export walkers (Garmin, Apple) share for
/// building inputs: reading a file, its stamp, an input that fails or is
/// listed as skipped. (walk.cpp keeps its own copies in an anonymous
/// namespace; these mirror them.)

#include <cstdint>
#include <exception>
#include <filesystem>
#include <string>

#include "import/walk.hpp"

namespace stride::import::detail {

/// The whole file. Throws ParseError naming `display_name`.
std::string read_whole_file(const std::filesystem::path& path, const std::string& display_name);

/// Modification time in ns since the epoch, 0 when unknown.
std::int64_t mtime_ns_of(const std::filesystem::path& path);

/// Absolute and normalised, for stamps.
std::string absolute_string(const std::filesystem::path& path);

/// An input whose load and parse rethrow `error`.
Input failing_input(std::string display_name, const std::filesystem::path& path,
                    std::string stamp_path, std::exception_ptr error);

/// An input listed as skipped with its reason.
Input skipped_input(std::string display_name, const std::filesystem::path& path,
                    std::string reason);

/// True when any `/`-separated part of a member name is hidden or `__MACOSX`.
bool hidden_member(std::string_view name);

/// Lower-case ASCII copy.
std::string lower(std::string_view text);

}  // namespace stride::import::detail
