#include "import/gpx.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "import/detail/gpx_builder.hpp"
#include "import/detail/gpx_readers.hpp"
#include "import/detail/gpx_xml.hpp"

namespace stride::import {

ParseResult parse_gpx(std::string_view bytes, const ParseContext& ctx) {
  ParseResult result = bytes.size() >= detail::kGpxStreamingThresholdBytes
                           ? detail::parse_gpx_stream(bytes, ctx)
                           : detail::parse_gpx_dom(bytes, ctx);
  finish_activities(result, ctx);
  return result;
}

namespace detail {
namespace {

/// Prefix bindings in scope (xmlns / xmlns:p). Elements are matched by their
/// namespace URI, never by prefix: Garmin Connect writes ns3:, Strava gpxtpx:,
/// TCX converters tp1:, and nothing stops a file from binding gpx: to GPX.
class Scopes {
 public:
  std::size_t mark() const { return bindings_.size(); }
  void reset(std::size_t mark) {
    if (mark == bindings_.size()) return;  // the common case: nothing declared
    bindings_.resize(mark);
    changed();
  }

  static bool is_xmlns(const char* attribute_name) {
    return attribute_name[0] == 'x' && std::strncmp(attribute_name, "xmlns", 5) == 0 &&
           (attribute_name[5] == '\0' || attribute_name[5] == ':');
  }

  /// Reads the element's own xmlns attributes, if any.
  void declare(pugi::xml_node element) {
    bool any = false;
    for (pugi::xml_attribute a = element.first_attribute(); a; a = a.next_attribute()) {
      const char* n = a.name();
      if (!is_xmlns(n)) continue;
      bindings_.push_back({n[5] == '\0' ? "" : n + 6, namespace_of(a.value())});
      any = true;
    }
    if (any) changed();
  }

  QName resolve(const char* name) const {
    // One pass for both the colon and the length (names are short; strchr
    // plus strlen showed up in profiles).
    const char* colon = nullptr;
    const char* p = name;
    for (; *p != '\0'; ++p)
      if (*p == ':' && colon == nullptr) colon = p;
    if (colon == nullptr) return {lookup({}), {name, static_cast<std::size_t>(p - name)}};
    return {lookup({name, static_cast<std::size_t>(colon - name)}),
            {colon + 1, static_cast<std::size_t>(p - colon - 1)}};
  }

 private:
  struct Binding {
    std::string_view prefix;
    Ns ns;
  };
  Ns lookup(std::string_view prefix) const {
    if (prefix.empty()) return default_ns_;
    // Files repeat one extension prefix on every point (ns3:, gpxtpx:).
    if (prefix != cached_prefix_) cached_prefix_ = prefix, cached_ns_ = find(prefix);
    return cached_ns_;
  }
  void changed() {
    default_ns_ = find({});
    cached_prefix_ = {};
    cached_ns_ = Ns::none;
  }
  Ns find(std::string_view prefix) const {
    for (auto it = bindings_.rbegin(); it != bindings_.rend(); ++it)
      if (it->prefix == prefix) return it->ns;
    return prefix.empty() ? Ns::none : Ns::other;  // an undeclared prefix: not ours
  }
  std::vector<Binding> bindings_;
  Ns default_ns_ = Ns::none;  // most names have no prefix
  mutable std::string_view cached_prefix_;
  mutable Ns cached_ns_ = Ns::none;
};

/// With pugi::parse_minimal entities are left as written; names are the only
/// text we keep, so they are decoded here instead of paying for it everywhere.
std::string decode_entities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const std::size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += s[i];
      continue;
    }
    const std::string_view ent = s.substr(i + 1, semi - i - 1);
    std::uint32_t cp = 0;
    if (ent == "amp")
      cp = '&';
    else if (ent == "lt")
      cp = '<';
    else if (ent == "gt")
      cp = '>';
    else if (ent == "quot")
      cp = '"';
    else if (ent == "apos")
      cp = '\'';
    else if (ent.size() > 1 && ent[0] == '#') {
      const bool hex = ent[1] == 'x' || ent[1] == 'X';
      for (char c : ent.substr(hex ? 2 : 1)) {
        int d = -1;
        if (c >= '0' && c <= '9')
          d = c - '0';
        else if (hex && c >= 'a' && c <= 'f')
          d = c - 'a' + 10;
        else if (hex && c >= 'A' && c <= 'F')
          d = c - 'A' + 10;
        if (d < 0 || cp > 0x10FFFF) {
          cp = 0;
          break;
        }
        cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
      }
    }
    if (cp == 0 || cp > 0x10FFFF) {
      out += s[i];
      continue;
    }
    append_utf8(out, cp);
    i = semi;
  }
  return out;
}

bool is_element(pugi::xml_node n) { return n.type() == pugi::node_element; }

// Text nodes have an empty name and match no element, so the hot loops
// (segments, points, extensions) skip the node type check.
class DomWalker {
 public:
  explicit DomWalker(GpxBuilder& b) : b_(b) {}

  void gpx(pugi::xml_node root) {
    for (pugi::xml_node c = root.first_child(); c; c = c.next_sibling()) {
      if (!is_element(c)) continue;
      const std::size_t m = scopes_.mark();
      scopes_.declare(c);
      const QName q = scopes_.resolve(c.name());
      if (is_gpx(q.ns)) {
        if (q.local == "trk") {
          track(c);
        } else if (q.local == "metadata") {
          if (pugi::xml_node name = gpx_child(c, "name")) b_.file_name(decode_entities(text(name)));
        } else if (q.local == "name") {
          b_.file_name(decode_entities(text(c)));
        }
      }
      scopes_.reset(m);
    }
  }

  Scopes& scopes() { return scopes_; }

 private:
  static std::string_view text(pugi::xml_node n) { return n.child_value(); }

  pugi::xml_node gpx_child(pugi::xml_node parent, std::string_view local) {
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
      if (!is_element(c)) continue;
      const QName q = scopes_.resolve(c.name());
      if (is_gpx(q.ns) && q.local == local) return c;
    }
    return {};
  }

  void track(pugi::xml_node trk) {
    b_.begin_track();
    for (pugi::xml_node c = trk.first_child(); c; c = c.next_sibling()) {
      if (!is_element(c)) continue;
      const std::size_t m = scopes_.mark();
      if (c.first_attribute()) scopes_.declare(c);
      const QName q = scopes_.resolve(c.name());
      if (is_gpx(q.ns)) {
        if (q.local == "trkseg")
          segment(c);
        else if (q.local == "type")
          b_.track_type(decode_entities(text(c)));
        else if (q.local == "name")
          b_.track_name(decode_entities(text(c)));
      }
      scopes_.reset(m);
    }
    b_.end_track();
  }

  void segment(pugi::xml_node seg) {
    b_.begin_segment();
    for (pugi::xml_node c = seg.first_child(); c; c = c.next_sibling()) {
      const std::size_t m = scopes_.mark();
      if (scopes_.resolve(c.name()).local == "trkpt") point(c);
      scopes_.reset(m);
    }
    b_.end_segment();
  }

  /// A `trkpt` by its local name; its namespace is checked once its own
  /// attributes (lat, lon, rarely xmlns) have been read in one pass.
  void point(pugi::xml_node pt) {
    std::string_view lat, lon;
    bool declares = false;
    for (pugi::xml_attribute a = pt.first_attribute(); a; a = a.next_attribute()) {
      const char* n = a.name();
      if (n[0] == 'l' && n[1] == 'a' && n[2] == 't' && n[3] == '\0')
        lat = a.value();
      else if (n[0] == 'l' && n[1] == 'o' && n[2] == 'n' && n[3] == '\0')
        lon = a.value();
      else
        declares = declares || Scopes::is_xmlns(n);
    }
    if (declares) scopes_.declare(pt);
    if (!is_gpx(scopes_.resolve(pt.name()).ns)) return;
    b_.begin_point();
    b_.position(lat, lon, offset_of(pt));
    for (pugi::xml_node c = pt.first_child(); c; c = c.next_sibling()) {
      const std::size_t m = scopes_.mark();
      if (c.first_attribute()) scopes_.declare(c);
      const QName q = scopes_.resolve(c.name());
      if (is_gpx(q.ns)) {
        if (q.local == "ele")
          b_.elevation(text(c));
        else if (q.local == "time")
          b_.time(text(c), offset_of(c));
        else if (q.local == "extensions")
          extensions(c);
      }
      scopes_.reset(m);
    }
  }

  void extensions(pugi::xml_node ext) {
    for (pugi::xml_node x = ext.first_child(); x; x = x.next_sibling()) {
      const std::size_t m = scopes_.mark();
      if (x.first_attribute()) scopes_.declare(x);
      const QName q = scopes_.resolve(x.name());
      if (q.ns == Ns::tpx && q.local == "TrackPointExtension") {
        for (pugi::xml_node y = x.first_child(); y; y = y.next_sibling()) {
          const std::size_t m2 = scopes_.mark();
          if (y.first_attribute()) scopes_.declare(y);
          const QName v = scopes_.resolve(y.name());
          if (v.ns == Ns::tpx) extension_value(v, text(y));
          scopes_.reset(m2);
        }
      } else if (q.ns == Ns::gpxdata) {
        extension_value(q, text(x));
      }
      scopes_.reset(m);
    }
  }

  void extension_value(const QName& q, std::string_view value) {
    switch (extension_channel(q)) {
      case Channel::hr:
        b_.heart_rate(value);
        break;
      case Channel::cadence:
        b_.cadence_one_foot(value);
        break;
      case Channel::none:
        break;
    }
  }

  /// The '<' of the element (pugixml points at its name); unknown when
  /// pugixml had to convert the encoding (Latin-1, UTF-16) into a new buffer.
  static std::size_t offset_of(pugi::xml_node n) {
    const std::ptrdiff_t at = n.offset_debug();
    return at > 0 ? static_cast<std::size_t>(at - 1) : kUnknownOffset;
  }

  GpxBuilder& b_;
  Scopes scopes_;
};

constexpr std::size_t kKeptBufferBytes = std::size_t{8} << 20;

std::size_t count_points(pugi::xml_node root) {
  std::size_t n = 0;
  for (pugi::xml_node trk = root.first_child(); trk; trk = trk.next_sibling())
    for (pugi::xml_node seg = trk.first_child(); seg; seg = seg.next_sibling())
      for (pugi::xml_node pt = seg.first_child(); pt; pt = pt.next_sibling()) ++n;
  return n;
}

}  // namespace

ParseResult parse_gpx_dom(std::string_view bytes, const ParseContext& ctx) {
  // In situ: pugixml cuts the buffer into its strings instead of copying
  // them, so the private copy is the only one. parse_minimal skips comments,
  // PIs, entity and end-of-line processing we do not need; the DOCTYPE is
  // kept only so we can refuse it. encoding_auto honours a BOM or a declared
  // Latin-1/UTF-16 (converting into a new buffer); UTF-8 stays in place.
  // The copy reuses one buffer per thread: a fresh megabyte per file cost
  // more in page faults than the parse of its points (perf, 1,000-file run).
  // Files reaching here are below kGpxStreamingThresholdBytes, which bounds
  // what a thread keeps.
  thread_local std::unique_ptr<char[]> buffer;  // not a vector: no zero-filling
  thread_local std::size_t capacity = 0;
  struct Release {  // but a thread does not keep a big one for ever
    ~Release() {
      if (capacity > kKeptBufferBytes) buffer.reset(), capacity = 0;
    }
  } release;
  if (capacity < bytes.size() + 1) {
    buffer.reset();
    capacity = std::max(bytes.size() + 1, std::size_t{1} << 20);
    buffer = std::make_unique_for_overwrite<char[]>(capacity);
  }
  std::memcpy(buffer.get(), bytes.data(), bytes.size());
  buffer[bytes.size()] = '\0';
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_buffer_inplace(
      buffer.get(), bytes.size(), pugi::parse_minimal | pugi::parse_doctype, pugi::encoding_auto);

  if (!parsed) fail_at(bytes, ctx, static_cast<std::size_t>(parsed.offset), parsed.description());

  pugi::xml_node root;
  for (pugi::xml_node n = doc.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_doctype) fail_at(bytes, ctx, doctype_offset(bytes), kDoctypeRefused);
    if (n.type() == pugi::node_element) {
      root = n;
      break;
    }
  }
  if (!root) fail_at(bytes, ctx, 0, "no root element");

  GpxBuilder builder(bytes, ctx, count_points(root));
  DomWalker walker(builder);
  walker.scopes().declare(root);
  const QName q = walker.scopes().resolve(root.name());
  if (!(is_gpx(q.ns) && q.local == "gpx"))
    fail_at(bytes, ctx,
            static_cast<std::size_t>(std::max<std::ptrdiff_t>(root.offset_debug() - 1, 0)),
            not_gpx_reason(q.local));
  walker.gpx(root);
  return builder.finish();
}

}  // namespace detail
}  // namespace stride::import
