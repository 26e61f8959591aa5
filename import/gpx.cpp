#include "import/gpx.hpp"

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
  if (bytes.size() >= detail::kGpxStreamingThresholdBytes)
    return detail::parse_gpx_stream(bytes, ctx);
  return detail::parse_gpx_dom(bytes, ctx);
}

namespace detail {
namespace {

/// Prefix bindings in scope (xmlns / xmlns:p). Elements are matched by their
/// namespace URI, never by prefix: Garmin Connect writes ns3:, Strava gpxtpx:,
/// TCX converters tp1:, and nothing stops a file from binding gpx: to GPX.
class Scopes {
 public:
  std::size_t mark() const { return bindings_.size(); }
  void reset(std::size_t mark) { bindings_.resize(mark); }

  /// Reads the element's own xmlns attributes, if any.
  void declare(pugi::xml_node element) {
    for (pugi::xml_attribute a = element.first_attribute(); a; a = a.next_attribute()) {
      const char* n = a.name();
      if (std::strncmp(n, "xmlns", 5) != 0) continue;
      if (n[5] == '\0')
        bindings_.push_back({"", namespace_of(a.value())});
      else if (n[5] == ':')
        bindings_.push_back({n + 6, namespace_of(a.value())});
    }
  }

  QName resolve(const char* name) const {
    const char* colon = std::strchr(name, ':');
    if (colon == nullptr) return {lookup({}), name};
    return {lookup({name, static_cast<std::size_t>(colon - name)}), colon + 1};
  }

 private:
  struct Binding {
    std::string_view prefix;
    Ns ns;
  };
  Ns lookup(std::string_view prefix) const {
    for (auto it = bindings_.rbegin(); it != bindings_.rend(); ++it)
      if (it->prefix == prefix) return it->ns;
    return prefix.empty() ? Ns::none : Ns::other;  // an undeclared prefix: not ours
  }
  std::vector<Binding> bindings_;
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

class DomWalker {
 public:
  DomWalker(GpxBuilder& b, const char* buffer) : b_(b), buffer_(buffer) {}

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
      if (!is_element(c)) continue;
      const std::size_t m = scopes_.mark();
      const QName q = scopes_.resolve(c.name());
      if (is_gpx(q.ns) && q.local == "trkpt") point(c);
      scopes_.reset(m);
    }
    b_.end_segment();
  }

  void point(pugi::xml_node pt) {
    b_.begin_point(0);
    std::string_view lat, lon;
    for (pugi::xml_attribute a = pt.first_attribute(); a; a = a.next_attribute()) {
      const char* n = a.name();
      if (n[0] == 'l' && n[1] == 'a' && n[2] == 't' && n[3] == '\0')
        lat = a.value();
      else if (n[0] == 'l' && n[1] == 'o' && n[2] == 'n' && n[3] == '\0')
        lon = a.value();
      else if (n[0] == 'x')
        scopes_.declare(pt);  // rare: bindings on the point itself
    }
    b_.position(lat, lon);
    for (pugi::xml_node c = pt.first_child(); c; c = c.next_sibling()) {
      if (!is_element(c)) continue;
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
      if (!is_element(x)) continue;
      const std::size_t m = scopes_.mark();
      if (x.first_attribute()) scopes_.declare(x);
      const QName q = scopes_.resolve(x.name());
      if (q.ns == Ns::tpx && q.local == "TrackPointExtension") {
        for (pugi::xml_node y = x.first_child(); y; y = y.next_sibling()) {
          if (!is_element(y)) continue;
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

  /// The '<' of the element (pugixml points at its name).
  std::size_t offset_of(pugi::xml_node n) const {
    return static_cast<std::size_t>(n.name() - buffer_) - 1;
  }

  GpxBuilder& b_;
  const char* buffer_;
  Scopes scopes_;
};

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
  // kept only so we can refuse it.
  auto buffer = std::make_unique_for_overwrite<char[]>(bytes.size() + 1);
  std::memcpy(buffer.get(), bytes.data(), bytes.size());
  buffer[bytes.size()] = '\0';
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_buffer_inplace(
      buffer.get(), bytes.size(), pugi::parse_minimal | pugi::parse_doctype, pugi::encoding_utf8);

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
  DomWalker walker(builder, buffer.get());
  walker.scopes().declare(root);
  const QName q = walker.scopes().resolve(root.name());
  if (!(is_gpx(q.ns) && q.local == "gpx"))
    fail_at(bytes, ctx, static_cast<std::size_t>(root.name() - buffer.get()) - 1,
            not_gpx_reason(q.local));
  walker.gpx(root);
  return builder.finish();
}

}  // namespace detail
}  // namespace stride::import
