#include "store/points_blob.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

// Layout of version 1:
//   u8      version
//   varint  point count
//   u8      channel mask (bit i set: channel i has at least one value)
//   then, for each channel present in mask order, one entry per point:
//     varint 0                          the point has no value on this channel
//     varint (zigzag(delta) << 1) | 1   value = previous present value + delta
// Values are integers at the channel's resolution; deltas keep consecutive
// samples (1 s apart, a few metres) to one or two bytes each. Columns rather
// than rows so that a channel that is absent everywhere costs nothing.

namespace stride::store {
namespace {

enum Channel : unsigned {
  kTime,
  kLat,
  kLon,
  kEle,
  kHr,
  kCadence,
  kDistance,
  kSpeed,
  kChannelCount,
};

// Units per stored integer step of each channel.
constexpr double kScale[kChannelCount] = {1, 1e7, 1e7, 100, 100, 100, 100, 1000};
// Larger magnitudes would overflow the zigzag delta; no real sample gets near.
constexpr double kMaxMagnitude = 4.0e15;

struct Sample {
  bool present = false;
  std::int64_t value = 0;
};

Sample quantize(double v, Channel c) {
  if (!std::isfinite(v)) return {};
  const double scaled = std::round(v * kScale[c]);
  if (std::fabs(scaled) > kMaxMagnitude) return {};
  return {true, static_cast<std::int64_t>(scaled)};
}

Sample sample_of(const engine::TrackPoint& p, Channel c) {
  switch (c) {
    case kTime:
      if (!p.has_time) return {};
      return {true, static_cast<std::int64_t>(p.time.time_since_epoch().count())};
    case kLat:
      return quantize(p.lat_deg, c);
    case kLon:
      return quantize(p.lon_deg, c);
    case kEle:
      return quantize(p.ele_m, c);
    case kHr:
      return quantize(p.hr_bpm, c);
    case kCadence:
      return quantize(p.cadence_spm, c);
    case kDistance:
      return quantize(p.distance_m, c);
    case kSpeed:
      return quantize(p.speed_mps, c);
    case kChannelCount:
      break;
  }
  return {};
}

void apply(engine::TrackPoint& p, Channel c, std::int64_t value) {
  const double v = static_cast<double>(value) / kScale[c];
  switch (c) {
    case kTime:
      p.time = engine::UtcTime{std::chrono::milliseconds{value}};
      p.has_time = true;
      break;
    case kLat:
      p.lat_deg = v;
      break;
    case kLon:
      p.lon_deg = v;
      break;
    case kEle:
      p.ele_m = v;
      break;
    case kHr:
      p.hr_bpm = v;
      break;
    case kCadence:
      p.cadence_spm = v;
      break;
    case kDistance:
      p.distance_m = v;
      break;
    case kSpeed:
      p.speed_mps = v;
      break;
    case kChannelCount:
      break;
  }
}

void put_varint(std::vector<std::uint8_t>& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<std::uint8_t>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<std::uint8_t>(v));
}

std::uint64_t zigzag(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}

std::int64_t unzigzag(std::uint64_t v) {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> blob) : blob_(blob) {}

  std::uint8_t byte() {
    if (pos_ >= blob_.size()) truncated();
    return blob_[pos_++];
  }

  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      const std::uint8_t b = byte();
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return v;
    }
    throw std::runtime_error("points blob: varint longer than 64 bits at byte " +
                             std::to_string(pos_));
  }

  std::size_t remaining() const { return blob_.size() - pos_; }
  std::size_t pos() const { return pos_; }

 private:
  [[noreturn]] void truncated() const {
    throw std::runtime_error("points blob: truncated at byte " + std::to_string(pos_));
  }

  std::span<const std::uint8_t> blob_;
  std::size_t pos_ = 0;
};

std::uint8_t checked_version(Reader& r) {
  const std::uint8_t version = r.byte();
  if (version == 0 || version > kPointsBlobVersion) {
    throw std::runtime_error("points blob: version " + std::to_string(version) +
                             " is not one this build reads (1 to " +
                             std::to_string(kPointsBlobVersion) + ")");
  }
  return version;
}

}  // namespace

std::vector<std::uint8_t> encode_points(const std::vector<engine::TrackPoint>& points) {
  std::vector<std::uint8_t> out;
  out.reserve(8 + points.size() * 12);
  out.push_back(kPointsBlobVersion);
  put_varint(out, points.size());

  std::uint8_t mask = 0;
  for (unsigned c = 0; c < kChannelCount; ++c) {
    for (const auto& p : points) {
      if (sample_of(p, static_cast<Channel>(c)).present) {
        mask |= static_cast<std::uint8_t>(1u << c);
        break;
      }
    }
  }
  out.push_back(mask);

  for (unsigned c = 0; c < kChannelCount; ++c) {
    if ((mask & (1u << c)) == 0) continue;
    std::int64_t previous = 0;
    for (const auto& p : points) {
      const Sample s = sample_of(p, static_cast<Channel>(c));
      if (!s.present) {
        put_varint(out, 0);
        continue;
      }
      put_varint(out, (zigzag(s.value - previous) << 1) | 1);
      previous = s.value;
    }
  }
  return out;
}

std::vector<engine::TrackPoint> decode_points(std::span<const std::uint8_t> blob) {
  Reader r(blob);
  checked_version(r);
  const std::uint64_t count = r.varint();
  // Every point takes at least one byte per present channel, so a count larger
  // than the blob is corrupt; checking it first avoids a huge allocation.
  const std::uint8_t mask = r.byte();
  if (mask != 0 && count > r.remaining()) {
    throw std::runtime_error("points blob: " + std::to_string(count) + " points cannot fit in " +
                             std::to_string(blob.size()) + " bytes");
  }
  if (mask >> kChannelCount) {
    throw std::runtime_error("points blob: unknown channels in mask " + std::to_string(mask));
  }
  // Points with no channel at all carry nothing; a huge count of them is corrupt.
  if (mask == 0 && count > 1'000'000) {
    throw std::runtime_error("points blob: implausible point count " + std::to_string(count));
  }
  std::vector<engine::TrackPoint> points(static_cast<std::size_t>(count));
  for (unsigned c = 0; c < kChannelCount; ++c) {
    if ((mask & (1u << c)) == 0) continue;
    std::int64_t previous = 0;
    for (auto& p : points) {
      const std::uint64_t v = r.varint();
      if ((v & 1) == 0) continue;
      // Unsigned so a corrupt blob wraps instead of overflowing.
      previous = static_cast<std::int64_t>(static_cast<std::uint64_t>(previous) +
                                           static_cast<std::uint64_t>(unzigzag(v >> 1)));
      apply(p, static_cast<Channel>(c), previous);
    }
  }
  if (r.remaining() != 0) {
    throw std::runtime_error("points blob: " + std::to_string(r.remaining()) +
                             " bytes left over after " + std::to_string(count) + " points");
  }
  return points;
}

std::size_t count_points(std::span<const std::uint8_t> blob) {
  Reader r(blob);
  checked_version(r);
  return static_cast<std::size_t>(r.varint());
}

}  // namespace stride::store
