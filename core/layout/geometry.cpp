// Segments, bands and blocks from word boxes. Thresholds are in units of the
// font size so that they hold for any page size and type scale.

#include "core/layout/geometry.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace collproc::layout {

namespace {

// Union-find over indexes, for grouping by pairwise relations.
class Groups {
public:
  explicit Groups(size_t n) : m_parent(n)
  {
    std::iota(m_parent.begin(), m_parent.end(), size_t{0});
  }
  size_t find(size_t i)
  {
    while (m_parent[i] != i) {
      m_parent[i] = m_parent[m_parent[i]];
      i = m_parent[i];
    }
    return i;
  }
  void join(size_t a, size_t b)
  {
    a = find(a);
    b = find(b);
    if (a != b) {
      m_parent[std::max(a, b)] = std::min(a, b);
    }
  }

private:
  std::vector<size_t> m_parent;
};

} // namespace

double overlap_x(const model::BBox& a, const model::BBox& b)
{
  return std::max(0.0, std::min(a.x1, b.x1) - std::max(a.x0, b.x0));
}

double overlap_y(const model::BBox& a, const model::BBox& b)
{
  return std::max(0.0, std::min(a.y1, b.y1) - std::max(a.y0, b.y0));
}

double distance(const model::BBox& a, const model::BBox& b)
{
  const double dx = std::max({0.0, a.x0 - b.x1, b.x0 - a.x1});
  const double dy = std::max({0.0, a.y0 - b.y1, b.y0 - a.y1});
  return std::hypot(dx, dy);
}

model::BBox united(const std::vector<model::BBox>& boxes)
{
  if (boxes.empty()) {
    return {};
  }
  model::BBox u = boxes.front();
  for (const model::BBox& b : boxes) {
    u = u.united(b);
  }
  return u;
}

std::vector<std::vector<int>> row_bands(const std::vector<model::BBox>& boxes)
{
  std::vector<int> order(boxes.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return boxes[a].cy() < boxes[b].cy(); });
  std::vector<std::vector<int>> bands;
  // Each band is compared with its first box, not its growing union, so that
  // slightly offset lines cannot chain a whole page into one band.
  for (int i : order) {
    const model::BBox& b = boxes[static_cast<size_t>(i)];
    bool placed = false;
    if (!bands.empty()) {
      const model::BBox& first = boxes[static_cast<size_t>(bands.back().front())];
      const double shorter = std::min(first.height(), b.height());
      if (overlap_y(first, b) >= 0.5 * shorter && shorter > 0) {
        bands.back().push_back(i);
        placed = true;
      }
    }
    if (!placed) {
      bands.push_back({i});
    }
  }
  for (auto& band : bands) {
    std::stable_sort(band.begin(), band.end(), [&](int a, int b) {
      return boxes[static_cast<size_t>(a)].x0 < boxes[static_cast<size_t>(b)].x0;
    });
  }
  return bands;
}

std::vector<Segment> segments(const model::TextPage& page)
{
  std::vector<model::BBox> boxes;
  boxes.reserve(page.words.size());
  for (const model::Word& w : page.words) {
    boxes.push_back(w.bbox);
  }
  std::vector<Segment> out;
  for (const std::vector<int>& band : row_bands(boxes)) {
    Segment current;
    for (int i : band) {
      const model::Word& w = page.words[static_cast<size_t>(i)];
      if (w.text.empty()) {
        continue;
      }
      const double em = std::max({w.font_size, current.font_size, w.bbox.height() * 0.8, 4.0});
      if (!current.words.empty() && w.bbox.x0 - current.bbox.x1 > 0.9 * em) {
        out.push_back(std::move(current));
        current = Segment{};
      }
      if (current.words.empty()) {
        current.bbox = w.bbox;
      } else {
        current.bbox = current.bbox.united(w.bbox);
        current.text += ' ';
      }
      current.text += w.text;
      current.font_size =
          std::max(current.font_size, w.font_size > 0 ? w.font_size : w.bbox.height());
      current.bold = current.bold || w.bold;
      current.words.push_back(i);
    }
    if (!current.words.empty()) {
      out.push_back(std::move(current));
    }
  }
  return out;
}

std::vector<std::vector<int>> group_blocks(const std::vector<Segment>& segs)
{
  Groups groups(segs.size());
  for (size_t a = 0; a < segs.size(); ++a) {
    for (size_t b = a + 1; b < segs.size(); ++b) {
      const model::BBox& ba = segs[a].bbox;
      const model::BBox& bb = segs[b].bbox;
      const double narrower = std::min(ba.width(), bb.width());
      if (narrower <= 0 || overlap_x(ba, bb) < 0.3 * narrower) {
        continue;
      }
      const double gap = std::max(ba.y0, bb.y0) - std::min(ba.y1, bb.y1);
      const double smaller_font = std::min(segs[a].font_size, segs[b].font_size);
      if (gap <= std::max(1.5 * smaller_font, 4.0)) {
        groups.join(a, b);
      }
    }
  }
  // A one-line fragment printed beside a block's line ("RRP $98" to the right
  // of "WHS $42") joins the nearest block on that line when it is close.
  std::map<size_t, std::vector<size_t>> members_of;
  for (size_t i = 0; i < segs.size(); ++i) {
    members_of[groups.find(i)].push_back(i);
  }
  for (const auto& [root, members] : members_of) {
    if (members.size() != 1) {
      continue;
    }
    const Segment& s = segs[members.front()];
    size_t best = members.front();
    double best_gap = 4.0 * std::max(s.font_size, 4.0);
    for (size_t o = 0; o < segs.size(); ++o) {
      const Segment& t = segs[o];
      if (groups.find(o) == root || members_of[groups.find(o)].size() < 2 ||
          overlap_y(s.bbox, t.bbox) < 0.5 * std::min(s.bbox.height(), t.bbox.height())) {
        continue;
      }
      const double gap = std::max(s.bbox.x0 - t.bbox.x1, t.bbox.x0 - s.bbox.x1);
      if (gap >= 0 && gap < best_gap) {
        best_gap = gap;
        best = o;
      }
    }
    if (best != members.front()) {
      groups.join(best, members.front());
    }
  }
  std::map<size_t, std::vector<int>> by_root;
  for (size_t i = 0; i < segs.size(); ++i) {
    by_root[groups.find(i)].push_back(static_cast<int>(i));
  }
  std::vector<std::vector<int>> blocks;
  for (auto& [root, members] : by_root) {
    std::stable_sort(members.begin(), members.end(), [&](int a, int b) {
      const model::BBox& x = segs[static_cast<size_t>(a)].bbox;
      const model::BBox& y = segs[static_cast<size_t>(b)].bbox;
      if (overlap_y(x, y) >= 0.5 * std::min(x.height(), y.height())) {
        return x.x0 < y.x0;
      }
      return x.y0 < y.y0;
    });
    blocks.push_back(std::move(members));
  }
  auto box_of = [&](const std::vector<int>& block) {
    model::BBox u = segs[static_cast<size_t>(block.front())].bbox;
    for (int i : block) {
      u = u.united(segs[static_cast<size_t>(i)].bbox);
    }
    return u;
  };
  std::vector<model::BBox> block_boxes;
  for (const auto& block : blocks) {
    block_boxes.push_back(box_of(block));
  }
  // Reading order: blocks whose tops are within a line of each other form a
  // visual row, read left to right.
  std::vector<int> order(blocks.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const model::BBox& x = block_boxes[static_cast<size_t>(a)];
    const model::BBox& y = block_boxes[static_cast<size_t>(b)];
    const double tolerance = 0.5 * std::min(x.height(), y.height());
    if (std::abs(x.y0 - y.y0) > std::min(tolerance, 12.0)) {
      return x.y0 < y.y0;
    }
    return x.x0 < y.x0;
  });
  std::vector<std::vector<int>> sorted;
  for (int i : order) {
    sorted.push_back(std::move(blocks[static_cast<size_t>(i)]));
  }
  return sorted;
}

std::vector<Column> columns(const std::vector<model::BBox>& boxes)
{
  std::vector<Column> spans;
  for (const model::BBox& b : boxes) {
    spans.push_back({b.x0, b.x1});
  }
  std::sort(spans.begin(), spans.end(),
            [](const Column& a, const Column& b) { return a.x0 < b.x0; });
  std::vector<Column> merged;
  for (const Column& s : spans) {
    if (!merged.empty() && s.x0 < merged.back().x1) {
      merged.back().x1 = std::max(merged.back().x1, s.x1);
    } else {
      merged.push_back(s);
    }
  }
  return merged;
}

double body_font_size(const std::vector<Segment>& segs)
{
  std::map<long, size_t> chars_by_size;
  for (const Segment& s : segs) {
    chars_by_size[std::lround(s.font_size * 2)] += s.text.size();
  }
  long best = 20;
  size_t best_count = 0;
  for (const auto& [size, count] : chars_by_size) {
    if (count > best_count) {
      best = size;
      best_count = count;
    }
  }
  return static_cast<double>(best) / 2.0;
}

} // namespace collproc::layout
