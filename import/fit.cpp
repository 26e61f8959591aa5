// FIT decoder written by hand: no packaged C++ FIT library exists, and the
// official JS SDK both refuses compressed timestamp headers and is slow. We
// decode straight from the byte span: definitions become small per-local-type
// tables of field offsets, and data messages are read through them without
// allocating. Only the messages stride uses are interpreted (file_id, sport,
// session, record, event, activity); everything else is skipped by size.

#include "import/fit.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <iterator>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "engine/geo.hpp"
#include "engine/load.hpp"

namespace stride::import {
namespace {

using engine::kNoValue;

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
/// Seconds from the Unix epoch to the FIT epoch, 1989-12-31T00:00:00Z.
constexpr std::int64_t kFitEpochUnixS = 631065600;
constexpr double kSemicircleToDeg = 180.0 / 2147483648.0;
/// A local offset beyond this is not a time zone (an unset clock, a bad field).
constexpr std::int64_t kMaxUtcOffsetS = 14 * 3600;

// Global message numbers (FIT profile).
constexpr std::uint16_t kMesgFileId = 0;
constexpr std::uint16_t kMesgSport = 12;
constexpr std::uint16_t kMesgSession = 18;
constexpr std::uint16_t kMesgRecord = 20;
constexpr std::uint16_t kMesgEvent = 21;
constexpr std::uint16_t kMesgActivity = 34;

constexpr std::uint8_t kFieldTimestamp = 253;
/// file_id.type of an activity file.
constexpr double kFileTypeActivity = 4;

// ---------------------------------------------------------------------------
// CRC-16 as in the FIT SDK (CRC-16/ARC, polynomial 0xA001 reflected). The
// SDK's nibble loop would take half the decode time, so this is the slicing
// by 8 form: eight table lookups per eight bytes, independent of each other.

using CrcTables = std::array<std::array<std::uint16_t, 256>, 8>;

constexpr CrcTables make_crc_tables() {
  CrcTables t{};
  for (unsigned i = 0; i < 256; ++i) {
    std::uint16_t crc = static_cast<std::uint16_t>(i);
    for (int bit = 0; bit < 8; ++bit)
      crc = static_cast<std::uint16_t>((crc & 1) ? (crc >> 1) ^ 0xA001 : crc >> 1);
    t[0][i] = crc;
  }
  for (unsigned k = 1; k < 8; ++k)
    for (unsigned i = 0; i < 256; ++i)
      t[k][i] = static_cast<std::uint16_t>((t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xFF]);
  return t;
}
constexpr CrcTables kCrc = make_crc_tables();

std::uint16_t fit_crc(const unsigned char* data, std::size_t size, std::uint16_t crc = 0) {
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    const unsigned x = crc ^ (data[i] | unsigned{data[i + 1]} << 8);
    crc = static_cast<std::uint16_t>(
        kCrc[7][x & 0xFF] ^ kCrc[6][x >> 8] ^ kCrc[5][data[i + 2]] ^ kCrc[4][data[i + 3]] ^
        kCrc[3][data[i + 4]] ^ kCrc[2][data[i + 5]] ^ kCrc[1][data[i + 6]] ^ kCrc[0][data[i + 7]]);
  }
  for (; i < size; ++i)
    crc = static_cast<std::uint16_t>((crc >> 8) ^ kCrc[0][(crc ^ data[i]) & 0xFF]);
  return crc;
}

// ---------------------------------------------------------------------------
// Base types and field reading.

std::uint16_t load_u16(const unsigned char* p, bool big_endian) {
  return big_endian ? static_cast<std::uint16_t>(p[0] << 8 | p[1])
                    : static_cast<std::uint16_t>(p[1] << 8 | p[0]);
}

std::uint32_t load_u32(const unsigned char* p, bool big_endian) {
  return big_endian ? (std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 |
                       std::uint32_t{p[2]} << 8 | std::uint32_t{p[3]})
                    : (std::uint32_t{p[3]} << 24 | std::uint32_t{p[2]} << 16 |
                       std::uint32_t{p[1]} << 8 | std::uint32_t{p[0]});
}

std::uint64_t load_u64(const unsigned char* p, bool big_endian) {
  const std::uint64_t a = load_u32(p, big_endian);
  const std::uint64_t b = load_u32(p + 4, big_endian);
  return big_endian ? (a << 32 | b) : (b << 32 | a);
}

/// Size in bytes of a base type (low five bits of the base type byte); 0 when unknown.
constexpr std::uint8_t base_type_size(std::uint8_t base) {
  switch (base & 0x1F) {
    case 0:   // enum
    case 1:   // sint8
    case 2:   // uint8
    case 7:   // string
    case 10:  // uint8z
    case 13:  // byte
      return 1;
    case 3:   // sint16
    case 4:   // uint16
    case 11:  // uint16z
      return 2;
    case 5:   // sint32
    case 6:   // uint32
    case 8:   // float32
    case 12:  // uint32z
      return 4;
    case 9:   // float64
    case 14:  // sint64
    case 15:  // uint64
    case 16:  // uint64z
      return 8;
    default:
      return 0;
  }
}

/// The first element of a numeric field as a double; NaN when it holds the
/// base type's invalid value or is not a number (string, byte array).
double read_number(const unsigned char* p, std::uint8_t base, bool be) {
  switch (base & 0x1F) {
    case 0:
    case 2:
      return p[0] == 0xFF ? kNan : p[0];
    case 1:
      return p[0] == 0x7F ? kNan : static_cast<std::int8_t>(p[0]);
    case 10:
      return p[0] == 0 ? kNan : p[0];
    case 3: {
      const auto v = load_u16(p, be);
      return v == 0x7FFF ? kNan : static_cast<std::int16_t>(v);
    }
    case 4: {
      const auto v = load_u16(p, be);
      return v == 0xFFFF ? kNan : v;
    }
    case 11: {
      const auto v = load_u16(p, be);
      return v == 0 ? kNan : v;
    }
    case 5: {
      const auto v = load_u32(p, be);
      return v == 0x7FFFFFFF ? kNan : static_cast<std::int32_t>(v);
    }
    case 6: {
      const auto v = load_u32(p, be);
      return v == 0xFFFFFFFF ? kNan : v;
    }
    case 12: {
      const auto v = load_u32(p, be);
      return v == 0 ? kNan : v;
    }
    case 8: {
      const auto v = load_u32(p, be);
      float f;
      std::memcpy(&f, &v, sizeof f);
      return (v == 0xFFFFFFFF || !std::isfinite(f)) ? kNan : f;
    }
    case 9: {
      const auto v = load_u64(p, be);
      double d;
      std::memcpy(&d, &v, sizeof d);
      return (v == ~std::uint64_t{0} || !std::isfinite(d)) ? kNan : d;
    }
    case 14: {
      const auto v = load_u64(p, be);
      return v == 0x7FFFFFFFFFFFFFFF ? kNan : static_cast<double>(static_cast<std::int64_t>(v));
    }
    case 15: {
      const auto v = load_u64(p, be);
      return v == ~std::uint64_t{0} ? kNan : static_cast<double>(v);
    }
    case 16: {
      const auto v = load_u64(p, be);
      return v == 0 ? kNan : static_cast<double>(v);
    }
    default:
      return kNan;
  }
}

/// A date_time is a uint32; a writer that declares it as another type (a
/// float, a signed 64-bit value) gets NaN for anything outside that range.
double time_value(double v) { return v >= 0 && v <= 4294967295.0 ? v : kNan; }

/// An enum value (sport, event type) as an int; -1 when missing or out of range.
int enum_value(double v) { return v >= 0 && v <= 255 ? static_cast<int>(v) : -1; }

// ---------------------------------------------------------------------------
// Definitions.

/// Where one wanted field sits inside a data message of a given definition.
struct FieldSlot {
  std::uint16_t offset = 0;
  std::uint8_t size = 0;  ///< 0: absent or unusable (size does not fit the base type)
  std::uint8_t base = 0;
};

/// Field numbers stride reads, per message: a slot index each so a data
/// message is read through a fixed small table, not a search.
enum class Slot : std::uint8_t {
  kTimestamp,
  // record
  kLat,
  kLon,
  kAltitude,
  kHeartRate,
  kCadence,
  kDistance,
  kSpeed,
  kCompressedSpeedDistance,
  kFractionalCadence,
  kEnhancedSpeed,
  kEnhancedAltitude,
  // session
  kStartTime,
  kSport,
  kSubSport,
  kElapsed,
  kTimer,
  kTotalDistance,
  kAvgHeartRate,
  kMaxHeartRate,
  kAvgCadence,
  kAvgFractionalCadence,
  kTotalAscent,
  // event
  kEventKind,
  kEventType,
  // activity
  kLocalTimestamp,
  // file_id
  kFileType,
  kSlotCount,
};
using enum Slot;
constexpr auto kSlots = static_cast<std::size_t>(kSlotCount);

/// Which slot a field number of a global message fills (kSlotCount: not read).
Slot slot_of(std::uint16_t global, std::uint8_t field) {
  if (field == kFieldTimestamp) return kTimestamp;
  switch (global) {
    case kMesgRecord:
      switch (field) {
        case 0:
          return kLat;
        case 1:
          return kLon;
        case 2:
          return kAltitude;
        case 3:
          return kHeartRate;
        case 4:
          return kCadence;
        case 5:
          return kDistance;
        case 6:
          return kSpeed;
        case 8:
          return kCompressedSpeedDistance;
        case 53:
          return kFractionalCadence;
        case 73:
          return kEnhancedSpeed;
        case 78:
          return kEnhancedAltitude;
        default:
          return kSlotCount;
      }
    case kMesgSession:
      switch (field) {
        case 2:
          return kStartTime;
        case 5:
          return kSport;
        case 6:
          return kSubSport;
        case 7:
          return kElapsed;
        case 8:
          return kTimer;
        case 9:
          return kTotalDistance;
        case 16:
          return kAvgHeartRate;
        case 17:
          return kMaxHeartRate;
        case 18:
          return kAvgCadence;
        case 92:
          return kAvgFractionalCadence;
        case 22:
          return kTotalAscent;
        default:
          return kSlotCount;
      }
    case kMesgSport:
      switch (field) {
        case 0:
          return kSport;
        case 1:
          return kSubSport;
        default:
          return kSlotCount;
      }
    case kMesgEvent:
      switch (field) {
        case 0:
          return kEventKind;
        case 1:
          return kEventType;
        default:
          return kSlotCount;
      }
    case kMesgActivity:
      return field == 5 ? kLocalTimestamp : kSlotCount;
    case kMesgFileId:
      return field == 0 ? kFileType : kSlotCount;
    default:
      return kSlotCount;
  }
}

struct Definition {
  bool defined = false;
  bool big_endian = false;
  std::uint16_t global = 0;
  std::uint32_t data_size = 0;  ///< bytes after the record header byte
  std::array<FieldSlot, kSlots> slots{};

  double number(const unsigned char* msg, Slot slot) const {
    const FieldSlot& f = slots[static_cast<std::size_t>(slot)];
    return f.size == 0 ? kNan : read_number(msg + f.offset, f.base, big_endian);
  }
};

// ---------------------------------------------------------------------------
// What the decoder collects.

struct SessionMsg {
  std::int64_t offset = 0;
  double timestamp = kNan;  ///< FIT seconds (end of the session)
  double start_time = kNan;
  double sport = kNan;
  double sub_sport = kNan;
  double elapsed_s = kNan;
  double timer_s = kNan;
  double distance_m = kNan;
  double avg_hr = kNan;
  double max_hr = kNan;
  double avg_cadence = kNan;
  double avg_fractional_cadence = kNan;
  double ascent_m = kNan;
};

struct RecordMsg {
  double time = kNan;       ///< FIT seconds; NaN when the record has none
  double sort_time = kNan;  ///< time, or the last time seen before it
  double lat_deg = kNan;
  double lon_deg = kNan;
  double ele_m = kNan;
  double hr = kNan;
  double cadence = kNan;  ///< as recorded (rpm / strides), fraction added
  double distance_m = kNan;
  double speed_mps = kNan;
};

struct TimerEvent {
  double time = kNan;
  bool start = false;
};

struct Decoded {
  std::vector<SessionMsg> sessions;
  std::vector<RecordMsg> records;
  std::vector<TimerEvent> timer_events;
  double sport = kNan;  ///< from the sport message, for files without a session
  double sub_sport = kNan;
  double activity_timestamp = kNan;
  double activity_local_timestamp = kNan;
  double file_type = kNan;
};

/// A problem that stops decoding at a byte offset.
struct Stop {
  std::int64_t offset = 0;
  std::string reason;
};

class Decoder {
 public:
  explicit Decoder(std::string_view bytes)
      : data_(reinterpret_cast<const unsigned char*>(bytes.data())), size_(bytes.size()) {}

  /// Decodes every chained FIT file in the input. Returns the first problem
  /// that stopped decoding; everything before it is in `out`.
  std::optional<Stop> run(Decoded& out, std::vector<ImportWarning>& warnings);

 private:
  std::optional<Stop> run_all(Decoded& out, std::vector<ImportWarning>& warnings);
  std::optional<Stop> run_one(std::size_t start, std::size_t& next, Decoded& out);
  void on_data(const Definition& def, const unsigned char* msg, std::int64_t offset,
               double header_time, Decoded& out);

  const unsigned char* data_;
  std::size_t size_;
  std::array<Definition, 16> defs_{};
  double last_timestamp_ = kNan;
  // Accumulated distance of compressed_speed_distance (12-bit, 1/16 m units).
  std::uint64_t accumulated_distance_ = 0;
  bool have_accumulated_ = false;
  // Records whose position is beyond ±90/±180: not a missing fix but bad
  // data, so counted for one warning rather than dropped silently.
  std::size_t bad_positions_ = 0;
  std::int64_t first_bad_position_offset_ = -1;
};

std::optional<Stop> Decoder::run(Decoded& out, std::vector<ImportWarning>& warnings) {
  if (size_ == 0) return Stop{0, "empty file"};
  std::optional<Stop> stop = run_all(out, warnings);
  if (bad_positions_ > 0)
    warnings.push_back({Location{0, 0, first_bad_position_offset_},
                        fmt::format("{} record(s) with positions outside ±90/±180: their "
                                    "positions dropped (the first at this record)",
                                    bad_positions_)});
  return stop;
}

std::optional<Stop> Decoder::run_all(Decoded& out, std::vector<ImportWarning>& warnings) {
  std::size_t pos = 0;
  bool first = true;
  while (pos < size_) {
    // A chained file follows only if a whole FIT header does; anything else
    // after a complete file is padding some writers leave behind.
    if (!first && (size_ - pos < 12 || std::memcmp(data_ + pos + 8, ".FIT", 4) != 0)) {
      warnings.push_back(
          {Location{0, 0, static_cast<std::int64_t>(pos)},
           fmt::format("ignored {} bytes after the end of the FIT data", size_ - pos)});
      break;
    }
    std::size_t next = 0;
    if (auto stop = run_one(pos, next, out)) return stop;
    first = false;
    pos = next;
  }
  return std::nullopt;
}

std::optional<Stop> Decoder::run_one(std::size_t start, std::size_t& next, Decoded& out) {
  const auto at = [&](std::size_t off) { return static_cast<std::int64_t>(off); };
  const std::size_t avail = size_ - start;
  if (avail < 12)
    return Stop{at(start), fmt::format("too short for a FIT header ({} bytes)", avail)};
  const unsigned char* h = data_ + start;
  const std::size_t header_size = h[0];
  if (header_size != 12 && header_size != 14)
    return Stop{at(start), fmt::format("not a FIT file (header size {})", header_size)};
  if (std::memcmp(h + 8, ".FIT", 4) != 0)
    return Stop{at(start + 8), "not a FIT file (no \".FIT\" signature)"};
  if (avail < header_size) return Stop{at(size_), "file ends inside the FIT header"};
  if (header_size == 14) {
    const std::uint16_t stored = load_u16(h + 12, false);
    const std::uint16_t computed = fit_crc(h, 12);
    if (stored != 0 && stored != computed)
      return Stop{at(start + 12), fmt::format("header CRC mismatch (stored 0x{:04X}, computed "
                                              "0x{:04X})",
                                              stored, computed)};
  }
  const std::uint32_t data_size = load_u32(h + 4, false);
  const std::size_t data_begin = start + header_size;
  // Where the header says the messages end; a truncated file ends sooner.
  const std::size_t declared_end = data_begin + data_size;
  const std::size_t data_end = std::min(declared_end, size_);

  defs_ = {};
  std::size_t pos = data_begin;
  while (pos < data_end) {
    const std::size_t msg_start = pos;
    const unsigned char header = data_[pos];
    const auto cut = [&](std::size_t needed_end, std::string_view what) -> Stop {
      if (needed_end > size_)
        return Stop{at(size_),
                    fmt::format("file ends inside a {} that starts at byte {}", what, msg_start)};
      return Stop{at(data_end), fmt::format("{} at byte {} runs past the data size in the "
                                            "header ({} bytes)",
                                            what, msg_start, data_size)};
    };
    if (header & 0x80) {
      // Compressed timestamp header: 2-bit local type, 5-bit time offset
      // rolling over the low five bits of the last full timestamp.
      const Definition& def = defs_[(header >> 5) & 0x03];
      if (!def.defined)
        return Stop{at(msg_start), fmt::format("data message for local type {}, which has no "
                                               "definition",
                                               (header >> 5) & 0x03)};
      if (pos + 1 + def.data_size > data_end) return cut(pos + 1 + def.data_size, "message");
      double time = kNan;
      if (!std::isnan(last_timestamp_)) {
        const auto last = static_cast<std::uint32_t>(last_timestamp_);
        const std::uint32_t offset = header & 0x1F;
        std::uint32_t t = (last & ~std::uint32_t{0x1F}) | offset;
        if (offset < (last & 0x1F)) t += 0x20;
        time = t;
        last_timestamp_ = time;
      }
      on_data(def, data_ + pos + 1, at(msg_start), time, out);
      pos += 1 + def.data_size;
    } else if (header & 0x40) {
      // Definition message.
      if (pos + 6 > data_end) return cut(pos + 6, "definition message");
      const bool big_endian = data_[pos + 2] == 1;
      if (data_[pos + 2] > 1)
        return Stop{at(pos + 2),
                    fmt::format("definition message with unknown byte order {}", data_[pos + 2])};
      const std::uint8_t field_count = data_[pos + 5];
      std::size_t end = pos + 6 + 3 * std::size_t{field_count};
      if (end > data_end) return cut(end, "definition message");
      std::size_t dev_count = 0;
      if (header & 0x20) {
        if (end + 1 > data_end) return cut(end + 1, "definition message");
        dev_count = data_[end];
        end += 1 + 3 * dev_count;
        if (end > data_end) return cut(end, "definition message");
      }
      Definition& def = defs_[header & 0x0F];
      def = Definition{};
      def.defined = true;
      def.big_endian = big_endian;
      def.global = load_u16(data_ + pos + 3, big_endian);
      std::uint32_t offset = 0;
      for (std::size_t i = 0; i < field_count; ++i) {
        const unsigned char* f = data_ + pos + 6 + 3 * i;
        const std::uint8_t size = f[1];
        const std::uint8_t base = f[2];
        const Slot slot = slot_of(def.global, f[0]);
        if (slot != kSlotCount) {
          const std::uint8_t unit = base_type_size(base);
          const bool is_compressed = slot == kCompressedSpeedDistance;
          // A size the base type does not divide (seen from non-Garmin
          // writers) cannot be read as that type: leave the field out.
          const bool usable =
              is_compressed ? size >= 3 : (unit != 0 && size >= unit && size % unit == 0);
          // The first definition of a field wins; offsets beyond 65535 can't occur
          // (255 fields of 255 bytes), so the narrowing is safe.
          if (usable && def.slots[static_cast<std::size_t>(slot)].size == 0)
            def.slots[static_cast<std::size_t>(slot)] =
                FieldSlot{static_cast<std::uint16_t>(offset), size, base};
        }
        offset += size;
      }
      // Developer fields are skipped by size: stride reads only native fields.
      const unsigned char* dev = data_ + pos + 6 + 3 * std::size_t{field_count} + 1;
      for (std::size_t i = 0; i < dev_count; ++i) offset += dev[3 * i + 1];
      def.data_size = offset;
      pos = end;
    } else {
      const Definition& def = defs_[header & 0x0F];
      if (!def.defined)
        return Stop{at(msg_start), fmt::format("data message for local type {}, which has no "
                                               "definition",
                                               header & 0x0F)};
      if (pos + 1 + def.data_size > data_end) return cut(pos + 1 + def.data_size, "message");
      on_data(def, data_ + pos + 1, at(msg_start), kNan, out);
      pos += 1 + def.data_size;
    }
  }
  if (declared_end + 2 > size_) {
    if (declared_end > size_)
      return Stop{at(size_), fmt::format("file is truncated: the header announces {} data "
                                         "bytes, {} are present",
                                         data_size, size_ - data_begin)};
    return Stop{at(size_), "file ends before its CRC"};
  }
  const std::uint16_t stored = load_u16(data_ + declared_end, false);
  const std::uint16_t computed = fit_crc(data_ + start, declared_end - start);
  if (stored != computed)
    return Stop{at(declared_end), fmt::format("file CRC mismatch (stored 0x{:04X}, computed "
                                              "0x{:04X})",
                                              stored, computed)};
  next = declared_end + 2;
  return std::nullopt;
}

void Decoder::on_data(const Definition& def, const unsigned char* msg, std::int64_t offset,
                      double header_time, Decoded& out) {
  double timestamp = time_value(def.number(msg, kTimestamp));
  if (!std::isnan(timestamp)) {
    last_timestamp_ = timestamp;
  } else {
    timestamp = header_time;
  }
  switch (def.global) {
    case kMesgRecord: {
      RecordMsg r;
      r.time = timestamp;
      r.sort_time = !std::isnan(timestamp) ? timestamp : last_timestamp_;
      const double lat = def.number(msg, kLat);
      const double lon = def.number(msg, kLon);
      if (!std::isnan(lat) && !std::isnan(lon)) {
        const double lat_deg = lat * kSemicircleToDeg;
        const double lon_deg = lon * kSemicircleToDeg;
        // (0, 0) comes from devices without a fix: dropped without a word.
        if (std::abs(lat_deg) <= 90 && std::abs(lon_deg) <= 180) {
          if (!(lat == 0 && lon == 0)) {
            r.lat_deg = lat_deg;
            r.lon_deg = lon_deg;
          }
        } else if (bad_positions_++ == 0) {
          first_bad_position_offset_ = offset;
        }
      }
      double alt = def.number(msg, kEnhancedAltitude);
      if (std::isnan(alt)) alt = def.number(msg, kAltitude);
      if (!std::isnan(alt)) r.ele_m = alt / 5.0 - 500.0;
      r.hr = def.number(msg, kHeartRate);
      const double cadence = def.number(msg, kCadence);
      if (!std::isnan(cadence)) {
        const double fraction = def.number(msg, kFractionalCadence);
        r.cadence = cadence + (!std::isnan(fraction) ? fraction / 128.0 : 0.0);
      }
      const double distance = def.number(msg, kDistance);
      if (!std::isnan(distance)) r.distance_m = distance / 100.0;
      double speed = def.number(msg, kEnhancedSpeed);
      if (std::isnan(speed)) speed = def.number(msg, kSpeed);
      if (!std::isnan(speed)) r.speed_mps = speed / 1000.0;
      if (def.slots[static_cast<std::size_t>(kCompressedSpeedDistance)].size != 0) {
        // Three bytes, little-endian bit fields whatever the architecture:
        // speed in 1/100 m/s (12 bits), distance in 1/16 m (12 bits, accumulated).
        const unsigned char* c =
            msg + def.slots[static_cast<std::size_t>(kCompressedSpeedDistance)].offset;
        if (!(c[0] == 0xFF && c[1] == 0xFF && c[2] == 0xFF)) {
          const unsigned speed_raw = c[0] | (c[1] & 0x0Fu) << 8;
          const unsigned dist_raw = (c[1] >> 4) | unsigned{c[2]} << 4;
          if (std::isnan(r.speed_mps)) r.speed_mps = speed_raw / 100.0;
          if (!have_accumulated_) {
            accumulated_distance_ = dist_raw;
            have_accumulated_ = true;
          } else {
            accumulated_distance_ +=
                (dist_raw - static_cast<unsigned>(accumulated_distance_)) & 0xFFFu;
          }
          if (std::isnan(r.distance_m)) r.distance_m = accumulated_distance_ / 16.0;
        }
      }
      out.records.push_back(r);
      break;
    }
    case kMesgSession: {
      SessionMsg s;
      s.offset = offset;
      s.timestamp = timestamp;
      s.start_time = time_value(def.number(msg, kStartTime));
      s.sport = def.number(msg, kSport);
      s.sub_sport = def.number(msg, kSubSport);
      s.elapsed_s = def.number(msg, kElapsed) / 1000.0;
      s.timer_s = def.number(msg, kTimer) / 1000.0;
      s.distance_m = def.number(msg, kTotalDistance) / 100.0;
      s.avg_hr = def.number(msg, kAvgHeartRate);
      s.max_hr = def.number(msg, kMaxHeartRate);
      s.avg_cadence = def.number(msg, kAvgCadence);
      s.avg_fractional_cadence = def.number(msg, kAvgFractionalCadence);
      s.ascent_m = def.number(msg, kTotalAscent);
      out.sessions.push_back(s);
      break;
    }
    case kMesgEvent: {
      // Event 0 is the timer; type 0 start, 1 stop, 4 stop_all.
      if (def.number(msg, kEventKind) == 0 && !std::isnan(timestamp)) {
        const double type = def.number(msg, kEventType);
        if (type == 0) out.timer_events.push_back({timestamp, true});
        if (type == 1 || type == 4) out.timer_events.push_back({timestamp, false});
      }
      break;
    }
    case kMesgActivity:
      out.activity_timestamp = timestamp;
      out.activity_local_timestamp = time_value(def.number(msg, kLocalTimestamp));
      break;
    case kMesgSport:
      out.sport = def.number(msg, kSport);
      out.sub_sport = def.number(msg, kSubSport);
      break;
    case kMesgFileId:
      if (std::isnan(out.file_type)) out.file_type = def.number(msg, kFileType);
      break;
    default:
      break;
  }
}

// ---------------------------------------------------------------------------
// From messages to activities.

// FIT sport and sub_sport values (profile enums).
constexpr int kRunning = 1;
constexpr int kCycling = 2;
constexpr int kTransition = 3;
constexpr int kFitnessEquipment = 4;
constexpr int kSwimming = 5;
constexpr int kTraining = 10;
constexpr int kWalking = 11;
constexpr int kRowing = 15;
constexpr int kMountaineering = 16;
constexpr int kHiking = 17;
constexpr int kEBiking = 21;
constexpr int kSubTreadmill = 1;
constexpr int kSubTrail = 3;
constexpr int kSubSpin = 5;
constexpr int kSubIndoorCycling = 6;
constexpr int kSubIndoorRowing = 14;
constexpr int kSubElliptical = 15;
constexpr int kSubFlexibility = 19;
constexpr int kSubStrength = 20;
constexpr int kSubIndoorWalking = 27;
// Transitions are 32 to 34: bike_to_run, run_to_bike, swim_to_bike.
constexpr int kSubBikeToRun = 32;
constexpr int kSubSwimToBike = 34;
constexpr int kSubYoga = 43;
constexpr int kSubPilates = 44;
constexpr int kSubIndoorRunning = 45;

bool is_transition(double sport, double sub_sport) {
  const int sub = enum_value(sub_sport);
  return enum_value(sport) == kTransition || (sub >= kSubBikeToRun && sub <= kSubSwimToBike);
}

engine::Sport map_sport(double sport_value, double sub_value) {
  const int sport = enum_value(sport_value);
  const int sub = enum_value(sub_value);
  switch (sport) {
    case kRunning:
      if (sub == kSubTreadmill || sub == kSubIndoorRunning) return engine::Sport::treadmill_run;
      if (sub == kSubTrail) return engine::Sport::trail_run;
      return engine::Sport::run;
    case kCycling:
    case kEBiking:
      return engine::Sport::ride;
    case kSwimming:
      return engine::Sport::swim;
    case kRowing:
      return engine::Sport::row;
    case kWalking:
      return engine::Sport::walk;
    case kHiking:
    case kMountaineering:
      return engine::Sport::hike;
    case kTraining:
      // Yoga and stretching are not strength work.
      if (sub == kSubYoga || sub == kSubPilates || sub == kSubFlexibility)
        return engine::Sport::other;
      return engine::Sport::strength;
    case kFitnessEquipment:
      switch (sub) {
        case kSubIndoorRowing:
          return engine::Sport::row;
        case kSubElliptical:
          return engine::Sport::elliptical;
        case kSubTreadmill:
          return engine::Sport::treadmill_run;
        case kSubIndoorCycling:
        case kSubSpin:
          return engine::Sport::ride;
        case kSubIndoorWalking:
          return engine::Sport::walk;
        case kSubStrength:
          return engine::Sport::strength;
        default:
          return engine::Sport::other;
      }
    default:
      return engine::Sport::other;
  }
}

/// FIT counts running cadence per foot (strides/min); stride wants steps.
bool cadence_counts_one_foot(engine::Sport sport) {
  return engine::is_run(sport) || sport == engine::Sport::walk || sport == engine::Sport::hike;
}

engine::UtcTime to_utc(double fit_s) {
  const auto ms = static_cast<std::int64_t>(std::llround(fit_s * 1000.0));
  return engine::UtcTime{std::chrono::milliseconds{ms + kFitEpochUnixS * 1000}};
}

engine::TrackPoint to_point(const RecordMsg& r, bool double_cadence) {
  engine::TrackPoint p;
  if (!std::isnan(r.time)) {
    p.time = to_utc(r.time);
    p.has_time = true;
  }
  p.lat_deg = r.lat_deg;
  p.lon_deg = r.lon_deg;
  p.ele_m = r.ele_m;
  p.hr_bpm = r.hr;
  p.cadence_spm = double_cadence ? r.cadence * 2 : r.cadence;
  p.distance_m = r.distance_m;
  p.speed_mps = r.speed_mps;
  return p;
}

engine::Activity new_activity(const ParseContext& ctx, int index) {
  engine::Activity a;
  a.source.format = "fit";
  a.source.file_name = ctx.display_name;
  a.source.index_in_file = index;
  return a;
}

/// Distance of a stretch of records: the device's cumulative distance where
/// it recorded one, else the track's length.
double record_distance_m(const std::vector<const RecordMsg*>& records) {
  double first = kNan, last = kNan;
  for (const RecordMsg* r : records) {
    if (std::isnan(r->distance_m)) continue;
    if (std::isnan(first)) first = r->distance_m;
    last = r->distance_m;
  }
  if (!std::isnan(last)) return std::max(0.0, last - first);
  double sum = 0;
  const RecordMsg* prev = nullptr;
  for (const RecordMsg* r : records) {
    if (std::isnan(r->lat_deg)) continue;
    if (prev != nullptr)
      sum += engine::haversine_m(prev->lat_deg, prev->lon_deg, r->lat_deg, r->lon_deg);
    prev = r;
  }
  return sum;
}

/// Summary figures from records alone, for files without a session message.
void fill_from_records(engine::Activity& a, const std::vector<const RecordMsg*>& records,
                       const std::vector<TimerEvent>& events) {
  double first = kNan, last = kNan;
  double hr_sum = 0, hr_max = kNan, cad_sum = 0;
  std::size_t hr_n = 0, cad_n = 0;
  for (const RecordMsg* rp : records) {
    const RecordMsg& r = *rp;
    if (!std::isnan(r.time)) {
      if (std::isnan(first)) first = r.time;
      last = r.time;
    }
    if (!std::isnan(r.hr)) {
      hr_sum += r.hr;
      ++hr_n;
      hr_max = !std::isnan(hr_max) ? std::max(hr_max, r.hr) : r.hr;
    }
    if (!std::isnan(r.cadence) && r.cadence > 0) {
      cad_sum += r.cadence;
      ++cad_n;
    }
  }
  a.start_utc = to_utc(first);
  a.elapsed_s = last - first;
  a.distance_m = record_distance_m(records);
  // Timer time from the timer events when the file has them; else no pause is known.
  double moving = 0, running_since = kNan;
  for (const TimerEvent& e : events) {
    if (e.start && std::isnan(running_since)) running_since = e.time;
    if (!e.start && !std::isnan(running_since)) {
      moving += e.time - running_since;
      running_since = kNan;
    }
  }
  if (!std::isnan(running_since) && last > running_since) moving += last - running_since;
  a.moving_s = moving > 0 && moving <= a.elapsed_s ? moving : a.elapsed_s;
  if (hr_n > 0) {
    a.avg_hr_bpm = hr_sum / static_cast<double>(hr_n);
    a.max_hr_bpm = hr_max;
  }
  if (cad_n > 0)
    a.avg_cadence_spm =
        cad_sum / static_cast<double>(cad_n) * (cadence_counts_one_foot(a.sport) ? 2 : 1);
}

}  // namespace

ParseResult parse_fit(std::string_view bytes, const ParseContext& ctx) {
  ParseResult result;
  Decoded d;
  Decoder decoder(bytes);
  const std::optional<Stop> stop = decoder.run(d, result.warnings);
  const auto fail = [&](std::int64_t offset, std::string reason) -> ParseError {
    return ParseError(ctx.display_name, Location{0, 0, offset}, std::move(reason));
  };
  if (stop) {
    // A broken file is usable only as far as it is whole, and only if that
    // part reaches a session: records alone might be any prefix of the run.
    if (d.sessions.empty()) throw fail(stop->offset, stop->reason);
    result.warnings.push_back(
        {Location{0, 0, stop->offset},
         fmt::format("{}; imported the {} session(s) before it", stop->reason, d.sessions.size())});
  }

  // The device's own offset, when it recorded one that is a plausible zone.
  std::optional<std::int32_t> source_offset;
  if (!std::isnan(d.activity_timestamp) && !std::isnan(d.activity_local_timestamp)) {
    const auto offset =
        static_cast<std::int64_t>(d.activity_local_timestamp - d.activity_timestamp);
    if (std::abs(offset) <= kMaxUtcOffsetS) source_offset = static_cast<std::int32_t>(offset);
  }
  const auto finish = [&](engine::Activity& a) {
    if (source_offset) {
      a.utc_offset_s = *source_offset;
      a.offset_from_source = true;
    }
    assign_local_date(a, ctx);
    result.activities.push_back(std::move(a));
  };

  if (d.sessions.empty()) {
    std::size_t timed = 0;
    for (const RecordMsg& r : d.records) timed += !std::isnan(r.time);
    if (d.records.empty() && !std::isnan(d.file_type) && d.file_type != kFileTypeActivity)
      throw fail(-1, fmt::format("not an activity file (FIT file type {})", d.file_type));
    if (timed == 0)
      throw fail(-1, d.records.empty() ? "no session and no record messages: not an activity"
                                       : "no session message and no timed records");
    engine::Activity a = new_activity(ctx, 0);
    a.sport = map_sport(d.sport, d.sub_sport);
    const bool double_cadence = cadence_counts_one_foot(a.sport);
    std::vector<const RecordMsg*> all(d.records.size());
    for (std::size_t i = 0; i < d.records.size(); ++i) all[i] = &d.records[i];
    fill_from_records(a, all, d.timer_events);
    a.points.reserve(d.records.size());
    for (const RecordMsg& r : d.records) a.points.push_back(to_point(r, double_cadence));
    finish(a);
    finish_activities(result, ctx);
    return result;
  }

  // Each session owns the records from its start to the next session's start
  // (sessions of a multisport file follow each other; some devices keep
  // recording past a session's stated end, so that end is not a bound).
  const std::size_t n = d.sessions.size();
  std::vector<double> starts(n);
  for (std::size_t i = 0; i < n; ++i) {
    const SessionMsg& s = d.sessions[i];
    starts[i] = !std::isnan(s.start_time) ? s.start_time
                : (!std::isnan(s.timestamp) && !std::isnan(s.elapsed_s))
                    ? time_value(s.timestamp - s.elapsed_s)
                    : kNan;
  }
  // (start, session) of the sessions with a start, in time order. Records
  // before the first start, or without any time, go to the first session.
  std::vector<std::pair<double, std::size_t>> timeline;
  for (std::size_t i = 0; i < n; ++i)
    if (starts[i] == starts[i]) timeline.emplace_back(starts[i], i);
  std::stable_sort(timeline.begin(), timeline.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  const std::size_t first_owner = timeline.empty() ? 0 : timeline.front().second;
  std::vector<std::vector<const RecordMsg*>> owned(n);
  if (timeline.size() <= 1) {
    owned[first_owner].reserve(d.records.size());
    for (const RecordMsg& r : d.records) owned[first_owner].push_back(&r);
  } else {
    for (const RecordMsg& r : d.records) {
      std::size_t owner = first_owner;
      if (!std::isnan(r.sort_time)) {
        const auto after = std::upper_bound(
            timeline.begin(), timeline.end(), r.sort_time,
            [](double t, const std::pair<double, std::size_t>& e) { return t < e.first; });
        if (after != timeline.begin()) owner = std::prev(after)->second;
      }
      owned[owner].push_back(&r);
    }
  }

  for (std::size_t i = 0; i < n; ++i) {
    const SessionMsg& s = d.sessions[i];
    if (is_transition(s.sport, s.sub_sport)) continue;
    engine::Activity a = new_activity(ctx, static_cast<int>(i));
    a.sport = map_sport(s.sport, s.sub_sport);
    const bool double_cadence = cadence_counts_one_foot(a.sport);

    const std::vector<const RecordMsg*>& mine = owned[i];
    double first_time = kNan, last_time = kNan;
    for (const RecordMsg* r : mine)
      if (!std::isnan(r->time)) {
        if (std::isnan(first_time)) first_time = r->time;
        last_time = r->time;
      }

    const double start = starts[i] == starts[i] ? starts[i] : first_time;
    if (std::isnan(start)) {
      result.warnings.push_back(
          {Location{0, 0, s.offset}, fmt::format("session {} has no start time and no timed "
                                                 "records: skipped",
                                                 i)});
      continue;
    }
    a.start_utc = to_utc(start);

    double elapsed = s.elapsed_s;
    double timer = s.timer_s;
    if (std::isnan(elapsed))
      elapsed = !std::isnan(timer) ? timer : (!std::isnan(last_time) ? last_time - start : 0);
    if (std::isnan(timer)) timer = elapsed;
    a.elapsed_s = elapsed;
    a.moving_s = timer;
    if (timer > elapsed + 1.0) {
      a.moving_s = elapsed;
      a.warnings.push_back(fmt::format(
          "timer time ({:.0f} s) exceeds elapsed time ({:.0f} s): moving time capped at elapsed",
          timer, elapsed));
    }
    a.distance_m = !std::isnan(s.distance_m) ? s.distance_m : record_distance_m(mine);
    a.avg_hr_bpm = s.avg_hr;
    a.max_hr_bpm = s.max_hr;
    a.elevation_gain_m = s.ascent_m;
    if (!std::isnan(s.avg_cadence)) {
      const double cadence =
          s.avg_cadence +
          (!std::isnan(s.avg_fractional_cadence) ? s.avg_fractional_cadence / 128.0 : 0.0);
      a.avg_cadence_spm = double_cadence ? cadence * 2 : cadence;
    }
    a.points.reserve(mine.size());
    for (const RecordMsg* r : mine) a.points.push_back(to_point(*r, double_cadence));
    // Some devices write a session without heart-rate summaries over records
    // that carry it (seen on real files): the records' own figures stand in.
    if (std::isnan(a.avg_hr_bpm)) {
      if (const auto mean = engine::mean_hr(a.points)) a.avg_hr_bpm = *mean;
    }
    if (std::isnan(a.max_hr_bpm)) {
      for (const auto& p : a.points)
        if (!std::isnan(p.hr_bpm) && p.hr_bpm > 0 &&
            (std::isnan(a.max_hr_bpm) || p.hr_bpm > a.max_hr_bpm))
          a.max_hr_bpm = p.hr_bpm;
    }
    finish(a);
  }
  if (result.activities.empty())
    throw fail(-1, "no session with a sport and a start time: nothing to import");
  finish_activities(result, ctx);
  return result;
}

}  // namespace stride::import
