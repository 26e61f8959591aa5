#include "import/archive.hpp"

#include <date/date.h>
#include <fmt/format.h>
#include <unzip.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstring>

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

namespace {

// Zip's DOS date-time (no zone) as seconds of that civil time: only compared
// with itself, to tell whether a member changed since the last import.
std::int64_t dos_time_s(const tm_unz& t) {
  using namespace date;
  const year_month_day ymd{year{static_cast<int>(t.tm_year)}, month{t.tm_mon + 1}, day{t.tm_mday}};
  if (!ymd.ok()) return 0;
  const auto s = sys_days{ymd} + std::chrono::hours{t.tm_hour} + std::chrono::minutes{t.tm_min} +
                 std::chrono::seconds{t.tm_sec};
  return s.time_since_epoch().count();
}

std::string unzip_error(int code) {
  switch (code) {
    case UNZ_ERRNO:
      return "read error";
    case UNZ_BADZIPFILE:
      return "bad zip data";
    case UNZ_CRCERROR:
      return "CRC mismatch";
    case UNZ_INTERNALERROR:
      return "internal error";
    case UNZ_PARAMERROR:
      return "bad parameter";
    default:
      // zlib's codes come through unzReadCurrentFile as they are.
      return code == Z_DATA_ERROR ? "invalid compressed data" : fmt::format("error {}", code);
  }
}

}  // namespace

ZipReader::ZipReader(const std::filesystem::path& path, std::string display_name, Limits limits)
    : display_name_(std::move(display_name)), limits_(limits) {
  archive_ = unzOpen64(path.c_str());
  if (archive_ == nullptr) {
    std::error_code ec;
    const bool readable = std::filesystem::is_regular_file(path, ec);
    throw ParseError(display_name_, {},
                     readable ? "not a readable zip archive (Not a zip archive)"
                              : "not a readable zip archive (cannot open the file)");
  }
  list_members();
}

// minizip reads through these callbacks; the opaque pointer is the stream.
struct ZipReader::MemoryStream {
  const std::string* bytes = nullptr;
  std::uint64_t pos = 0;

  static voidpf ZCALLBACK open(voidpf opaque, const void*, int) { return opaque; }
  static uLong ZCALLBACK read(voidpf, voidpf stream, void* buf, uLong size) {
    auto* s = static_cast<MemoryStream*>(stream);
    const std::uint64_t left = s->bytes->size() - std::min<std::uint64_t>(s->pos, s->bytes->size());
    const auto n = static_cast<uLong>(std::min<std::uint64_t>(left, size));
    std::memcpy(buf, s->bytes->data() + s->pos, n);
    s->pos += n;
    return n;
  }
  static uLong ZCALLBACK write(voidpf, voidpf, const void*, uLong) { return 0; }
  static ZPOS64_T ZCALLBACK tell(voidpf, voidpf stream) {
    return static_cast<MemoryStream*>(stream)->pos;
  }
  static long ZCALLBACK seek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
    auto* s = static_cast<MemoryStream*>(stream);
    std::uint64_t base = 0;
    if (origin == ZLIB_FILEFUNC_SEEK_CUR) base = s->pos;
    if (origin == ZLIB_FILEFUNC_SEEK_END) base = s->bytes->size();
    if (base + offset > s->bytes->size()) return -1;
    s->pos = base + offset;
    return 0;
  }
  static int ZCALLBACK close(voidpf, voidpf) { return 0; }
  static int ZCALLBACK error(voidpf, voidpf) { return 0; }
};

ZipReader::ZipReader(std::shared_ptr<const std::string> bytes, std::string display_name,
                     Limits limits)
    : display_name_(std::move(display_name)),
      limits_(limits),
      memory_(std::move(bytes)),
      stream_(std::make_unique<MemoryStream>()) {
  stream_->bytes = memory_.get();
  zlib_filefunc64_def io{};
  io.zopen64_file = &MemoryStream::open;
  io.zread_file = &MemoryStream::read;
  io.zwrite_file = &MemoryStream::write;
  io.ztell64_file = &MemoryStream::tell;
  io.zseek64_file = &MemoryStream::seek;
  io.zclose_file = &MemoryStream::close;
  io.zerror_file = &MemoryStream::error;
  io.opaque = stream_.get();
  archive_ = unzOpen2_64("memory", &io);
  if (archive_ == nullptr)
    throw ParseError(display_name_, {}, "not a readable zip archive (Not a zip archive)");
  list_members();
}

void ZipReader::list_members() {
  std::uint64_t ordinal = 0;
  for (int rc = unzGoToFirstFile(archive_); rc == UNZ_OK; rc = unzGoToNextFile(archive_)) {
    unz_file_info64 info{};
    char name[4096];
    if (unzGetCurrentFileInfo64(archive_, &info, name, sizeof name, nullptr, 0, nullptr, 0) !=
        UNZ_OK)
      continue;
    unz64_file_pos pos{};
    if (unzGetFilePos64(archive_, &pos) != UNZ_OK) continue;
    ZipMember m;
    m.name.assign(name, std::min<std::size_t>(info.size_filename, sizeof name - 1));
    m.index = ordinal++;
    m.directory_offset = pos.pos_in_zip_directory;
    m.directory_entry = pos.num_of_file;
    m.size_bytes = info.uncompressed_size;
    m.compressed_bytes = info.compressed_size;
    m.mtime_s = dos_time_s(info.tmu_date);
    m.is_directory = !m.name.empty() && m.name.back() == '/';
    members_.push_back(std::move(m));
  }
}

ZipReader::~ZipReader() {
  if (archive_ != nullptr) unzClose(archive_);
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
  std::string out;
  out.reserve(static_cast<std::size_t>(
      std::min<std::uint64_t>(member.size_bytes, limits_.max_member_bytes)));
  read_chunks(member, limits_.max_member_bytes, [&](std::string_view chunk) { out += chunk; });
  return out;
}

void ZipReader::read_chunks(const ZipMember& member, std::uint64_t max_bytes,
                            const std::function<void(std::string_view)>& chunk) const {
  const std::string name = fmt::format("{}!{}", display_name_, member.name);
  Limits limits = limits_;
  limits.max_member_bytes = max_bytes;
  check_limits(member.size_bytes, member.compressed_bytes, limits, name);

  std::lock_guard lock(mutex_);
  const unz64_file_pos pos{member.directory_offset, member.directory_entry};
  if (const int rc = unzGoToFilePos64(archive_, &pos); rc != UNZ_OK)
    throw ParseError(name, {}, fmt::format("cannot find the member ({})", unzip_error(rc)));
  if (const int rc = unzOpenCurrentFile(archive_); rc != UNZ_OK)
    throw ParseError(name, {}, fmt::format("cannot open the member ({})", unzip_error(rc)));
  struct Closer {
    void* archive;
    ~Closer() {
      if (archive != nullptr) unzCloseCurrentFile(archive);
    }
  } closer{archive_};

  std::uint64_t total = 0;
  std::vector<char> buffer(std::size_t{1} << 18);
  while (true) {
    const int got =
        unzReadCurrentFile(archive_, buffer.data(), static_cast<unsigned>(buffer.size()));
    if (got < 0)
      throw ParseError(name, {0, 0, static_cast<std::int64_t>(total)},
                       fmt::format("corrupt zip member ({})", unzip_error(got)));
    if (got == 0) break;
    total += static_cast<std::uint64_t>(got);
    check_limits(total, member.compressed_bytes, limits, name);
    chunk(std::string_view(buffer.data(), static_cast<std::size_t>(got)));
  }
  // Only closing checks the CRC, once the member has been read to its end.
  closer.archive = nullptr;
  if (const int rc = unzCloseCurrentFile(archive_); rc != UNZ_OK)
    throw ParseError(name, {}, fmt::format("corrupt zip member ({})", unzip_error(rc)));
}

}  // namespace stride::import
