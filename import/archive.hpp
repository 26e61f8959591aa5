#pragma once
/// gzip and zip, read into memory (never unpacked to disk), with limits that
/// stop decompression bombs: a member that expands past a size or a ratio
/// fails with a clear reason, the rest of the import goes on.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/parse.hpp"

namespace stride::import {

struct Limits {
  /// No member (or gzip stream) may expand beyond this.
  std::uint64_t max_member_bytes = std::uint64_t{1} << 30;  // 1 GiB
  /// Expansion ratio (decompressed : compressed) past which a member fails...
  double max_ratio = 200;
  /// ...once it has produced more than this: small files compress well legitimately.
  std::uint64_t ratio_floor_bytes = std::uint64_t{1} << 20;  // 1 MiB
};

/// Decompresses gzip data (concatenated members too). Throws ParseError naming
/// `display_name` when the data is not gzip, corrupt, truncated or past the limits.
std::string gunzip(std::string_view bytes, std::string_view display_name, const Limits& limits);

/// True when the bytes start with the gzip magic number.
bool looks_like_gzip(std::string_view bytes);

struct ZipMember {
  std::string name;                    ///< path inside the archive, `/`-separated
  std::uint64_t index = 0;             ///< order in the central directory
  std::uint64_t directory_offset = 0;  ///< where minizip finds the entry again
  std::uint64_t directory_entry = 0;   ///< likewise
  std::uint64_t size_bytes = 0;        ///< as the central directory declares it
  std::uint64_t compressed_bytes = 0;  ///< likewise
  std::int64_t mtime_s = 0;            ///< the entry's date and time as seconds, 0 when unknown
  bool is_directory = false;
};

/// A zip archive on disk, read member by member. read() may be called from
/// several threads (minizip keeps one current member, so reads take turns).
class ZipReader {
 public:
  /// Throws ParseError when the file is not a readable zip.
  ZipReader(const std::filesystem::path& path, std::string display_name, Limits limits = {});
  /// A zip held in memory (a zip inside a zip: Garmin's UploadedFiles_*.zip).
  /// Throws ParseError when the bytes are not a readable zip.
  ZipReader(std::shared_ptr<const std::string> bytes, std::string display_name, Limits limits = {});
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  const std::string& display_name() const { return display_name_; }
  const std::vector<ZipMember>& members() const { return members_; }
  /// The member with exactly this name.
  const ZipMember* find(std::string_view name) const;
  /// The member's bytes. Throws ParseError (named `archive!member`) on corrupt
  /// data or when a limit is passed.
  std::string read(const ZipMember& member) const;
  /// The member's bytes in pieces, never held whole (Apple's export.xml runs
  /// to gigabytes). Only the ratio limit and `max_bytes` apply. Throws ParseError.
  void read_chunks(const ZipMember& member, std::uint64_t max_bytes,
                   const std::function<void(std::string_view)>& chunk) const;

 private:
  std::string display_name_;
  Limits limits_;
  void* archive_ = nullptr;                    ///< minizip's unzFile
  std::shared_ptr<const std::string> memory_;  ///< the bytes of an in-memory zip
  struct MemoryStream;
  std::unique_ptr<MemoryStream> stream_;
  void list_members();
  std::vector<ZipMember> members_;
  mutable std::mutex mutex_;
};

}  // namespace stride::import
