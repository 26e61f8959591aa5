#include "import/archive.hpp"

#include <fmt/format.h>
#include <zip.h>
#include <zlib.h>

#include <algorithm>

namespace stride::import {
namespace {

std::string size_limit_reason(const Limits& limits) {
  return fmt::format("expands beyond {} bytes, the limit for one file (decompression bomb?)",
                     limits.max_member_bytes);
}

std::string ratio_reason(const Limits& limits) {
  return fmt::format("expands more than {:g}:1 (decompression bomb?)", limits.max_ratio);
}

/// Throws when `out_bytes` produced from `in_bytes` passes a limit.
void check_limits(std::uint64_t out_bytes, std::uint64_t in_bytes, const Limits& limits,
                  std::string_view name) {
  if (out_bytes > limits.max_member_bytes)
    throw ParseError(std::string(name), {}, size_limit_reason(limits));
  if (out_bytes > limits.ratio_floor_bytes &&
      static_cast<double>(out_bytes) >
          limits.max_ratio * static_cast<double>(std::max<std::uint64_t>(in_bytes, 1)))
    throw ParseError(std::string(name), {}, ratio_reason(limits));
}

}  // namespace

bool looks_like_gzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

std::string gunzip(std::string_view bytes, std::string_view display_name, const Limits& limits) {
  const std::string name(display_name);
  if (!looks_like_gzip(bytes)) throw ParseError(name, {0, 0, 0}, "not gzip data");

  z_stream zs{};
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) throw std::bad_alloc();
  struct Guard {
    z_stream* zs;
    ~Guard() { inflateEnd(zs); }
  } guard{&zs};

  std::string out;
  constexpr std::size_t kChunk = 1 << 16;
  std::size_t pos = 0;  // bytes of input consumed
  while (true) {
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data() + pos));
    const std::size_t avail = std::min<std::size_t>(bytes.size() - pos, 1u << 30);
    zs.avail_in = static_cast<uInt>(avail);
    const std::size_t before_in = zs.avail_in;
    const std::size_t old_size = out.size();
    out.resize(old_size + kChunk);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + old_size);
    zs.avail_out = static_cast<uInt>(kChunk);
    const int rc = inflate(&zs, Z_NO_FLUSH);
    out.resize(old_size + (kChunk - zs.avail_out));
    pos += before_in - zs.avail_in;
    check_limits(out.size(), bytes.size(), limits, name);

    if (rc == Z_STREAM_END) {
      // Concatenated members (`cat a.gz b.gz`) are one stream to gzip(1).
      if (pos < bytes.size() && looks_like_gzip(bytes.substr(pos))) {
        inflateReset(&zs);
        continue;
      }
      break;  // trailing zeros or junk after the last member are ignored, as gzip(1) does
    }
    if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT)
      throw ParseError(name, {0, 0, static_cast<std::int64_t>(pos)},
                       fmt::format("corrupt gzip data ({})", zs.msg ? zs.msg : "invalid data"));
    if (rc == Z_MEM_ERROR) throw std::bad_alloc();
    // No progress possible with room to write: the input ended mid-stream.
    if (rc == Z_BUF_ERROR)
      throw ParseError(name, {0, 0, static_cast<std::int64_t>(pos)}, "truncated gzip data");
  }
  return out;
}

ZipReader::ZipReader(const std::filesystem::path& path, std::string display_name, Limits limits)
    : display_name_(std::move(display_name)), limits_(limits) {
  int error = 0;
  archive_ = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (archive_ == nullptr) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, error);
    std::string reason = fmt::format("not a readable zip archive ({})", zip_error_strerror(&ze));
    zip_error_fini(&ze);
    throw ParseError(display_name_, {}, std::move(reason));
  }
  const zip_int64_t n = zip_get_num_entries(archive_, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive_, static_cast<zip_uint64_t>(i), 0, &st) != 0 ||
        !(st.valid & ZIP_STAT_NAME))
      continue;
    ZipMember m;
    m.name = st.name;
    m.index = static_cast<std::uint64_t>(i);
    if (st.valid & ZIP_STAT_SIZE) m.size_bytes = st.size;
    if (st.valid & ZIP_STAT_COMP_SIZE) m.compressed_bytes = st.comp_size;
    if (st.valid & ZIP_STAT_MTIME) m.mtime_s = static_cast<std::int64_t>(st.mtime);
    m.is_directory = !m.name.empty() && m.name.back() == '/';
    members_.push_back(std::move(m));
  }
}

ZipReader::~ZipReader() {
  if (archive_ != nullptr) zip_discard(archive_);
}

const ZipMember* ZipReader::find(std::string_view name) const {
  for (const auto& m : members_)
    if (m.name == name) return &m;
  return nullptr;
}

std::string ZipReader::read(const ZipMember& member) const {
  const std::string name = fmt::format("{}!{}", display_name_, member.name);
  // The central directory can lie; the declared sizes only let a bomb fail early.
  check_limits(member.size_bytes, member.compressed_bytes, limits_, name);

  std::lock_guard lock(mutex_);
  zip_file_t* file = zip_fopen_index(archive_, member.index, 0);
  if (file == nullptr)
    throw ParseError(name, {}, fmt::format("cannot open the member ({})", zip_strerror(archive_)));
  struct Closer {
    zip_file_t* f;
    ~Closer() { zip_fclose(f); }
  } closer{file};

  std::string out;
  out.reserve(static_cast<std::size_t>(
      std::min<std::uint64_t>(member.size_bytes, limits_.max_member_bytes)));
  char buffer[1 << 16];
  while (true) {
    const zip_int64_t got = zip_fread(file, buffer, sizeof buffer);
    if (got < 0)
      throw ParseError(name, {0, 0, static_cast<std::int64_t>(out.size())},
                       fmt::format("corrupt zip member ({})", zip_file_strerror(file)));
    if (got == 0) break;
    out.append(buffer, static_cast<std::size_t>(got));
    check_limits(out.size(), member.compressed_bytes, limits_, name);
  }
  return out;
}

}  // namespace stride::import
