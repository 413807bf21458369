// Photo-anchored segmentation. Each segment goes to the photo it is nearest to
// in one of three relations, with no other photo between them:
//   below  - in the photo's grid cell, under it (a card's text);
//   above  - in the photo's grid cell, just over it (a card titled on top);
//   beside - in the photo's band, to its right or left (a row layout).
// Lines that continue a claimed block (a card's text taller than its photo)
// follow it.

#include "core/ai/heuristic_regions.hpp"

#include "core/ai/heuristic_text.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace collproc::ai::heuristic {

namespace {

using layout::overlap_x;
using layout::overlap_y;
using layout::Segment;

// A photo's grid cell: its x-range widened halfway to the nearest photo on
// each side in its row, or by half its width where it has none (a card's
// text is rarely much wider than its photo; text further out is beside it).
struct Cell {
  double x0 = 0, x1 = 0;
  bool holds(double x) const { return x >= x0 && x <= x1; }
};

std::vector<Cell> cells_of(const std::vector<model::BBox>& photos, double page_width)
{
  std::vector<Cell> cells;
  for (const model::BBox& p : photos) {
    Cell c{std::max(0.0, p.x0 - p.width() / 2), std::min(page_width, p.x1 + p.width() / 2)};
    for (const model::BBox& q : photos) {
      if (&q == &p || overlap_y(p, q) < 0.3 * std::min(p.height(), q.height())) {
        continue;
      }
      if (q.x1 <= p.x0 + 1) {
        c.x0 = std::max(c.x0, (q.x1 + p.x0) / 2);
      } else if (q.x0 >= p.x1 - 1) {
        c.x1 = std::min(c.x1, (p.x1 + q.x0) / 2);
      }
    }
    c.x0 = std::min(c.x0, p.x0);
    c.x1 = std::max(c.x1, p.x1);
    cells.push_back(c);
  }
  return cells;
}

struct Claim {
  int photo = -1;
  double distance = 0;
};

class Claims {
public:
  Claims(const std::vector<model::BBox>& photos, double page_width, double page_height, double body)
      : m_photos(photos), m_cells(cells_of(photos, page_width)), m_page_width(page_width),
        m_page_height(page_height), m_body(body)
  {
  }

  // The nearest photo that claims the box under it or beside it; photo -1
  // when none does.
  Claim nearest(const model::BBox& s) const { return nearest_by(s, &Claims::distance); }
  // The photo that has the box just over it (a title); photo -1 when none.
  Claim title_of(const model::BBox& s) const { return nearest_by(s, &Claims::above); }

private:
  Claim nearest_by(const model::BBox& s,
                   double (Claims::*relation)(int, const model::BBox&) const) const
  {
    Claim best;
    for (size_t i = 0; i < m_photos.size(); ++i) {
      const double d = (this->*relation)(static_cast<int>(i), s);
      if (d >= 0 && (best.photo < 0 || d < best.distance)) {
        best = {static_cast<int>(i), d};
      }
    }
    return best;
  }

  // The gap from the box down to photo i when the box is just over it, in its
  // cell, -1 otherwise.
  double above(int i, const model::BBox& s) const
  {
    const model::BBox& p = m_photos[static_cast<size_t>(i)];
    const double gap = p.y0 - s.y1;
    if (!m_cells[static_cast<size_t>(i)].holds(s.cx()) || gap < -2 || gap > 2 * m_body ||
        blocked_vertically(i, s.y1, p.y0, s.cx())) {
      return -1;
    }
    return std::max(0.0, gap);
  }

  // Distance of a relation between photo i and the box, -1 when they have none.
  double distance(int i, const model::BBox& s) const
  {
    const model::BBox& p = m_photos[static_cast<size_t>(i)];
    const Cell& cell = m_cells[static_cast<size_t>(i)];
    const double slack = 2;
    double best = -1;
    auto consider = [&](double d) {
      if (d >= 0 && (best < 0 || d < best)) {
        best = d;
      }
    };
    if (cell.holds(s.cx())) {
      const double below = s.y0 - p.y1;
      // Far under the photo, the page's bottom margin holds its footer.
      // A card's text fills its cell down to the next photo, however loosely
      // spaced; far under the photo, the page's bottom margin holds its footer.
      const double reach = s.y0 > 0.94 * m_page_height ? 4 * m_body : 1.5 * p.height() + 6 * m_body;
      if (below >= -slack && below <= reach && !blocked_vertically(i, p.y1, s.y0, s.cx()) &&
          !in_later_band(i, s)) {
        consider(std::max(0.0, below));
      }
    }
    // Beside: on the photo's band (a first line may start a little above the
    // photo's top edge), or under it in its band, a little further.
    const bool level = s.y1 >= p.y0 + 0.25 * s.height() && s.y0 <= p.y1 - 0.25 * s.height();
    const double overshoot = level ? 0.0 : s.y0 - p.y1;
    if (level || in_band(i, s)) {
      const double right = s.x0 - p.x1;
      const double left = p.x0 - s.x1;
      const double reach = 0.45 * m_page_width;
      if (right >= -slack && right <= reach && !blocked_horizontally(i, p.x1, s.x0, s)) {
        consider(std::max(0.0, right) + overshoot);
      } else if (left >= -slack && left <= reach && !blocked_horizontally(i, s.x1, p.x0, s)) {
        consider(1.2 * std::max(0.0, left) + overshoot); // text reads after its photo
      }
    }
    return best;
  }

  // Whether the box lies in the band of photo i below the photo's bottom edge
  // (a row's text taller than its photo), down to the next photo under it or
  // three quarters of its height, and in no photo's cell (text under a card's
  // photo is that card's, not its neighbour's).
  bool in_band(int i, const model::BBox& s) const
  {
    const model::BBox& p = m_photos[static_cast<size_t>(i)];
    double end = p.y1 + 0.75 * p.height();
    for (size_t q = 0; q < m_photos.size(); ++q) {
      const model::BBox& b = m_photos[q];
      if (static_cast<int>(q) != i && b.y0 >= p.y1 - 1 && overlap_x(b, p) > 0) {
        end = std::min(end, b.y0 - m_body);
      }
      if (m_cells[q].holds(s.cx()) && s.y0 >= b.y1 - 1 && s.y0 <= b.y1 + 1.5 * b.height()) {
        return false;
      }
    }
    return s.y0 >= p.y1 - 1 && s.y0 <= end;
  }

  // Whether the box sits beside a photo that starts below photo i: in a
  // layout of alternating rows, the text under one photo is the next one's.
  bool in_later_band(int i, const model::BBox& s) const
  {
    const model::BBox& p = m_photos[static_cast<size_t>(i)];
    for (size_t q = 0; q < m_photos.size(); ++q) {
      const model::BBox& b = m_photos[q];
      if (static_cast<int>(q) != i && b.y0 >= p.y1 - 1 && overlap_x(b, s) <= 0 &&
          overlap_y(b, s) >= 0.5 * s.height()) {
        return true;
      }
    }
    return false;
  }

  bool blocked_vertically(int i, double y_from, double y_to, double x) const
  {
    for (size_t q = 0; q < m_photos.size(); ++q) {
      const model::BBox& b = m_photos[q];
      if (static_cast<int>(q) != i && b.cy() > y_from && b.cy() < y_to && m_cells[q].holds(x)) {
        return true;
      }
    }
    return false;
  }

  bool blocked_horizontally(int i, double x_from, double x_to, const model::BBox& s) const
  {
    for (size_t q = 0; q < m_photos.size(); ++q) {
      const model::BBox& b = m_photos[q];
      if (static_cast<int>(q) != i && b.cx() > x_from && b.cx() < x_to && overlap_y(b, s) > 0) {
        return true;
      }
    }
    return false;
  }

  const std::vector<model::BBox>& m_photos;
  std::vector<Cell> m_cells;
  double m_page_width, m_page_height, m_body;
};

// Whether b continues the text block a ends: just under it, overlapping it
// horizontally, or on its line close beside it.
bool continues(const Segment& a, const Segment& b)
{
  const double font = std::max({a.font_size, b.font_size, 4.0});
  const double gap = b.bbox.y0 - a.bbox.y1;
  if (gap >= -0.5 * font && gap <= 1.8 * font && overlap_x(a.bbox, b.bbox) > 0) {
    return true;
  }
  const bool same_line =
      overlap_y(a.bbox, b.bbox) >= 0.5 * std::min(a.bbox.height(), b.bbox.height());
  const double h_gap = std::max(b.bbox.x0 - a.bbox.x1, a.bbox.x0 - b.bbox.x1);
  return same_line && h_gap <= 4 * font;
}

} // namespace

PageLayout analyse(const model::TextPage& page)
{
  PageLayout out;
  out.segments = layout::segments(page);
  out.body = layout::body_font_size(out.segments);
  for (const layout::Segment& s : out.segments) {
    out.anchor.push_back(find_style_number(s.text).has_value());
    out.priced.push_back(out.anchor.back() || !find_prices(s.text).empty());
  }
  return out;
}

Segmentation photo_regions(const std::vector<Segment>& segments, const std::vector<bool>& usable,
                           const std::vector<model::BBox>& photos, double page_width,
                           double page_height, double body)
{
  Segmentation out;
  std::vector<int> owner(segments.size(), -1);
  if (!photos.empty()) {
    const Claims claims(photos, page_width, page_height, body);
    for (size_t s = 0; s < segments.size(); ++s) {
      if (usable[s]) {
        owner[s] = claims.nearest(segments[s].bbox).photo;
      }
    }
    // A title just over a photo is that photo's, unless it is the last line of
    // the block above (a card's price line over the next row's photo).
    std::vector<int> titled = owner;
    for (size_t s = 0; s < segments.size(); ++s) {
      const int q = usable[s] ? claims.title_of(segments[s].bbox).photo : -1;
      if (q < 0 || q == owner[s]) {
        continue;
      }
      bool block_end = false;
      for (size_t o = 0; o < segments.size() && owner[s] >= 0; ++o) {
        block_end = block_end || (o != s && owner[o] == owner[s] &&
                                  segments[o].bbox.y1 <= segments[s].bbox.y0 + 1 &&
                                  continues(segments[o], segments[s]));
      }
      if (!block_end) {
        titled[s] = q;
      }
    }
    owner = std::move(titled);
    // A claimed block's continuation lines follow it, however far below the
    // photo the block runs. Segments are top to bottom, so one pass in order
    // carries a claim down a block; a few passes settle side-by-side lines.
    for (int pass = 0; pass < 3; ++pass) {
      bool changed = false;
      for (size_t s = 0; s < segments.size(); ++s) {
        if (!usable[s] || owner[s] >= 0) {
          continue;
        }
        for (size_t o = 0; o < segments.size(); ++o) {
          if (owner[o] >= 0 && o != s && continues(segments[o], segments[s])) {
            owner[s] = owner[o];
            changed = true;
            break;
          }
        }
      }
      if (!changed) {
        break;
      }
    }
  }
  out.regions.resize(photos.size());
  for (size_t i = 0; i < photos.size(); ++i) {
    out.regions[i].photo = photos[i];
  }
  for (size_t s = 0; s < segments.size(); ++s) {
    if (!usable[s]) {
      continue;
    }
    if (owner[s] < 0) {
      out.unclaimed.push_back(static_cast<int>(s));
      continue;
    }
    Region& r = out.regions[static_cast<size_t>(owner[s])];
    r.text = r.members.empty() ? segments[s].bbox : r.text.united(segments[s].bbox);
    r.members.push_back(static_cast<int>(s));
  }
  return out;
}

std::optional<Furniture::Key> Furniture::key_of(double page_height, const Segment& s)
{
  const double margin = 0.12 * page_height;
  if (s.bbox.y1 > margin && s.bbox.y0 < page_height - margin) {
    return std::nullopt;
  }
  // Page numbers change from page to page: fold the digits of "Page 3 of 12"
  // and "3 / 12", but not of a style number printed high on each page.
  std::string lowered;
  bool letters = false;
  for (char c : s.text) {
    lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    letters = letters || std::isalpha(static_cast<unsigned char>(c));
  }
  size_t run = 0;
  size_t longest_run = 0;
  for (char c : s.text) {
    run = std::isdigit(static_cast<unsigned char>(c)) ? run + 1 : 0;
    longest_run = std::max(longest_run, run);
  }
  const bool page_number = lowered.find("page") != std::string::npos ||
                           (!letters && longest_run <= 3 && s.text.find('#') == std::string::npos);
  Key k;
  for (char c : s.text) {
    k.text += page_number && std::isdigit(static_cast<unsigned char>(c)) ? '#' : c;
  }
  k.x = std::lround(s.bbox.x0 / 4);
  k.y = std::lround(s.bbox.y0 / 4);
  return k;
}

void Furniture::add(int page, double page_height, const std::vector<Segment>& segments)
{
  m_pages.insert(page);
  for (const Segment& s : segments) {
    if (std::optional<Key> k = key_of(page_height, s)) {
      m_pages_of[*k].insert(page);
    }
  }
}

bool Furniture::contains(double page_height, const Segment& segment) const
{
  if (m_pages.size() < 3) {
    return false;
  }
  const std::optional<Key> k = key_of(page_height, segment);
  if (!k) {
    return false;
  }
  const auto it = m_pages_of.find(*k);
  return it != m_pages_of.end() && it->second.size() * 2 > m_pages.size();
}

} // namespace collproc::ai::heuristic
