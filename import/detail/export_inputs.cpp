#include "import/detail/export_inputs.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace stride::import::detail {
namespace fs = std::filesystem;

std::string read_whole_file(const fs::path& path, const std::string& display_name) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ParseError(display_name, {}, fmt::format("cannot read: {}", std::strerror(errno)));
  std::string bytes;
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (!ec) bytes.reserve(static_cast<std::size_t>(size));
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) throw ParseError(display_name, {}, "read error");
  return bytes;
}

std::int64_t mtime_ns_of(const fs::path& path) {
  std::error_code ec;
  const auto t = fs::last_write_time(path, ec);
  if (ec) return 0;
  const auto sys = std::chrono::file_clock::to_sys(t);
  return std::chrono::duration_cast<std::chrono::nanoseconds>(sys.time_since_epoch()).count();
}

std::string absolute_string(const fs::path& path) {
  std::error_code ec;
  const fs::path abs = fs::absolute(path, ec);
  return (ec ? path : abs).lexically_normal().string();
}

Input failing_input(std::string display_name, const fs::path& path, std::string stamp_path,
                    std::exception_ptr error) {
  Input in;
  in.display_name = std::move(display_name);
  in.path = path;
  in.stamp_path = std::move(stamp_path);
  in.load = [error]() -> std::string { std::rethrow_exception(error); };
  in.parse = [error](const ParseContext&) -> ParsedInput { std::rethrow_exception(error); };
  return in;
}

Input skipped_input(std::string display_name, const fs::path& path, std::string reason) {
  Input in;
  in.kind = InputKind::skipped;
  in.display_name = std::move(display_name);
  in.path = path;
  in.stamp_path = absolute_string(path);
  in.skip_reason = std::move(reason);
  return in;
}

bool hidden_member(std::string_view name) {
  std::size_t start = 0;
  while (start < name.size()) {
    std::size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    const std::string_view part = name.substr(start, end - start);
    if ((!part.empty() && part.front() == '.') || part == "__MACOSX") return true;
    start = end + 1;
  }
  return false;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace stride::import::detail
