// The streaming GPX reader (expat) for files too big for a DOM; see
// kGpxStreamingThresholdBytes. Same vocabulary and builder as the DOM walk.
#include <expat.h>

#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "import/detail/gpx_builder.hpp"
#include "import/detail/gpx_readers.hpp"
#include "import/detail/gpx_xml.hpp"

namespace stride::import::detail {
namespace {

// expat reports a namespaced name as "URI\x01local".
constexpr char kNsSeparator = '\x01';
// Fed to expat in pieces so that its own buffer stays small.
constexpr std::size_t kChunkBytes = std::size_t{1} << 20;

enum class Kind : std::uint8_t {
  other,
  gpx,
  metadata,
  metadata_name,
  gpx_name,
  trk,
  trk_name,
  trk_type,
  trkseg,
  trkpt,
  ele,
  time,
  extensions,
  tpx,
  hr,
  cadence,
};

bool keeps_text(Kind k) {
  switch (k) {
    case Kind::metadata_name:
    case Kind::gpx_name:
    case Kind::trk_name:
    case Kind::trk_type:
    case Kind::ele:
    case Kind::time:
    case Kind::hr:
    case Kind::cadence:
      return true;
    default:
      return false;
  }
}

QName split(const XML_Char* name) {
  const char* sep = std::strchr(name, kNsSeparator);
  if (sep == nullptr) return {Ns::none, name};
  return {namespace_of({name, static_cast<std::size_t>(sep - name)}), sep + 1};
}

Kind child_kind(Kind parent, const QName& q, bool at_root) {
  if (at_root) return is_gpx(q.ns) && q.local == "gpx" ? Kind::gpx : Kind::other;
  if (q.ns == Ns::other) return Kind::other;
  const bool g = is_gpx(q.ns);
  switch (parent) {
    case Kind::gpx:
      if (g && q.local == "trk") return Kind::trk;
      if (g && q.local == "metadata") return Kind::metadata;
      if (g && q.local == "name") return Kind::gpx_name;
      break;
    case Kind::metadata:
      if (g && q.local == "name") return Kind::metadata_name;
      break;
    case Kind::trk:
      if (g && q.local == "trkseg") return Kind::trkseg;
      if (g && q.local == "name") return Kind::trk_name;
      if (g && q.local == "type") return Kind::trk_type;
      break;
    case Kind::trkseg:
      if (g && q.local == "trkpt") return Kind::trkpt;
      break;
    case Kind::trkpt:
      if (g && q.local == "ele") return Kind::ele;
      if (g && q.local == "time") return Kind::time;
      if (g && q.local == "extensions") return Kind::extensions;
      break;
    case Kind::extensions:
      if (q.ns == Ns::tpx && q.local == "TrackPointExtension") return Kind::tpx;
      if (q.ns == Ns::gpxdata) {
        const Channel c = extension_channel(q);
        if (c == Channel::hr) return Kind::hr;
        if (c == Channel::cadence) return Kind::cadence;
      }
      break;
    case Kind::tpx: {
      const Channel c = extension_channel(q);
      if (c == Channel::hr) return Kind::hr;
      if (c == Channel::cadence) return Kind::cadence;
      break;
    }
    default:
      break;
  }
  return Kind::other;
}

class StreamReader {
 public:
  StreamReader(std::string_view bytes, const ParseContext& ctx)
      : bytes_(bytes), ctx_(ctx), builder_(bytes, ctx, count_trkpt(bytes)) {
    stack_.reserve(16);
  }

  ParseResult run() {
    XML_Parser p = XML_ParserCreateNS(nullptr, kNsSeparator);
    if (p == nullptr) throw std::bad_alloc();
    parser_ = p;
    XML_SetUserData(p, this);
    XML_SetElementHandler(p, &StreamReader::on_start, &StreamReader::on_end);
    XML_SetCharacterDataHandler(p, &StreamReader::on_text);
    XML_SetStartDoctypeDeclHandler(p, &StreamReader::on_doctype);
    XML_SetEntityDeclHandler(p, &StreamReader::on_entity);

    std::size_t at = 0;
    bool ok = true;
    do {
      const std::size_t n = std::min(kChunkBytes, bytes_.size() - at);
      const bool last = at + n == bytes_.size();
      if (XML_Parse(p, bytes_.data() + at, static_cast<int>(n), last) != XML_STATUS_OK) {
        ok = false;
        break;
      }
      at += n;
    } while (at < bytes_.size());

    const auto error_at =
        static_cast<std::size_t>(std::max<XML_Index>(0, XML_GetCurrentByteIndex(p)));
    const std::string message = ok ? std::string() : XML_ErrorString(XML_GetErrorCode(p));
    XML_ParserFree(p);
    if (error_) std::rethrow_exception(error_);
    if (!ok) fail_at(bytes_, ctx_, error_at, message);
    if (!saw_root_) fail_at(bytes_, ctx_, 0, "no root element");
    return builder_.finish();
  }

 private:
  static std::size_t count_trkpt(std::string_view bytes) {
    std::size_t n = 0;
    const char* p = bytes.data();
    const char* e = p + bytes.size();
    while (const void* hit = memmem(p, static_cast<std::size_t>(e - p), "trkpt ", 6)) {
      ++n;
      p = static_cast<const char*>(hit) + 6;
    }
    return n;
  }

  std::size_t here() const {
    return static_cast<std::size_t>(std::max<XML_Index>(0, XML_GetCurrentByteIndex(parser_)));
  }

  // expat is C: nothing may unwind through it. Handlers park the exception
  // and stop the parser; run() rethrows it once XML_Parse has returned.
  template <typename F>
  void guarded(F&& f) {
    if (error_) return;
    try {
      f();
    } catch (...) {
      error_ = std::current_exception();
      XML_StopParser(parser_, XML_FALSE);
    }
  }

  static void on_start(void* self_v, const XML_Char* name, const XML_Char** attrs) {
    auto* self = static_cast<StreamReader*>(self_v);
    self->guarded([&] { self->start(name, attrs); });
  }
  static void on_end(void* self_v, const XML_Char* /*name*/) {
    auto* self = static_cast<StreamReader*>(self_v);
    self->guarded([&] { self->end(); });
  }
  static void on_text(void* self_v, const XML_Char* s, int len) {
    auto* self = static_cast<StreamReader*>(self_v);
    if (!self->stack_.empty() && keeps_text(self->stack_.back()))
      self->text_.append(s, static_cast<std::size_t>(len));
  }
  static void on_doctype(void* self_v, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    auto* self = static_cast<StreamReader*>(self_v);
    // expat is past the name here; point at the declaration itself.
    self->guarded(
        [&] { fail_at(self->bytes_, self->ctx_, doctype_offset(self->bytes_), kDoctypeRefused); });
  }
  static void on_entity(void* self_v, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
                        const XML_Char*, const XML_Char*, const XML_Char*) {
    on_doctype(self_v, nullptr, nullptr, nullptr, 0);
  }

  void start(const XML_Char* name, const XML_Char** attrs) {
    const QName q = split(name);
    const bool at_root = stack_.empty();
    const Kind k = child_kind(at_root ? Kind::other : stack_.back(), q, at_root);
    if (at_root) {
      saw_root_ = true;
      if (k != Kind::gpx) fail_at(bytes_, ctx_, here(), not_gpx_reason(q.local));
    }
    stack_.push_back(k);
    if (keeps_text(k)) text_.clear();
    switch (k) {
      case Kind::trk:
        builder_.begin_track();
        break;
      case Kind::trkseg:
        builder_.begin_segment();
        break;
      case Kind::trkpt: {
        builder_.begin_point();
        std::string_view lat, lon;
        for (const XML_Char** a = attrs; *a != nullptr; a += 2) {
          if (std::strcmp(a[0], "lat") == 0)
            lat = a[1];
          else if (std::strcmp(a[0], "lon") == 0)
            lon = a[1];
        }
        builder_.position(lat, lon, here());
        break;
      }
      case Kind::time:
        time_offset_ = here();
        break;
      default:
        break;
    }
  }

  void end() {
    const Kind k = stack_.back();
    stack_.pop_back();
    switch (k) {
      case Kind::trk:
        builder_.end_track();
        break;
      case Kind::trkseg:
        builder_.end_segment();
        break;
      case Kind::trk_name:
        builder_.track_name(text_);
        break;
      case Kind::trk_type:
        builder_.track_type(text_);
        break;
      case Kind::metadata_name:
      case Kind::gpx_name:
        builder_.file_name(text_);
        break;
      case Kind::ele:
        builder_.elevation(text_);
        break;
      case Kind::time:
        builder_.time(text_, time_offset_);
        break;
      case Kind::hr:
        builder_.heart_rate(text_);
        break;
      case Kind::cadence:
        builder_.cadence_one_foot(text_);
        break;
      default:
        break;
    }
  }

  std::string_view bytes_;
  const ParseContext& ctx_;
  GpxBuilder builder_;
  XML_Parser parser_ = nullptr;
  std::exception_ptr error_;
  std::vector<Kind> stack_;
  std::string text_;
  std::size_t time_offset_ = 0;
  bool saw_root_ = false;
};

}  // namespace

ParseResult parse_gpx_stream(std::string_view bytes, const ParseContext& ctx) {
  StreamReader reader(bytes, ctx);
  return reader.run();
}

}  // namespace stride::import::detail
