// Products from layout: tables first (a header row is unmistakable), then
// text blocks anchored on style numbers. Section headings found over the
// whole document give categories across page breaks.

#include "core/ai/heuristic_products.hpp"

#include "core/ai/heuristic_regions.hpp"
#include "core/ai/heuristic_table.hpp"
#include "core/ai/heuristic_text.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

namespace collproc::ai::heuristic {

namespace {

using layout::Segment;

// Whether the page prints other text in the same type as s and shares a line
// with it: the type of product names (the last card of a grid stands alone on
// its line), not of section headings, which are alone on theirs.
bool repeated_style(const PageLayout& pl, const Segment& s)
{
  int same = 0;
  for (const Segment& o : pl.segments) {
    if (&o == &s || std::fabs(o.font_size - s.font_size) > 0.2 || o.bold != s.bold ||
        mostly_upper(o.text) != mostly_upper(s.text)) {
      continue;
    }
    for (const Segment& n : pl.segments) {
      if (&n != &o &&
          layout::overlap_y(n.bbox, o.bbox) >= 0.5 * std::min(n.bbox.height(), o.bbox.height())) {
        ++same;
        break;
      }
    }
  }
  return same >= 2;
}

// Headings of one page before the document-level filters.
std::vector<Heading> heading_candidates(const model::TextPage& page, const PageLayout& pl)
{
  std::vector<Heading> out;
  const std::vector<std::vector<int>> blocks = layout::group_blocks(pl.segments);
  for (const std::vector<int>& block : blocks) {
    // A heading stands alone, or among smaller text that is no product's (a
    // page number over it, an introduction under it).
    size_t top = 0;
    for (size_t k = 1; k < block.size(); ++k) {
      if (pl.segments[static_cast<size_t>(block[k])].font_size >
          pl.segments[static_cast<size_t>(block[top])].font_size) {
        top = k;
      }
    }
    const Segment& s = pl.segments[static_cast<size_t>(block[top])];
    bool apart = true;
    for (size_t k = 0; k < block.size() && apart; ++k) {
      const Segment& o = pl.segments[static_cast<size_t>(block[k])];
      apart = k == top ||
              (o.font_size * 1.3 <= s.font_size && !pl.priced[static_cast<size_t>(block[k])]);
    }
    if (!apart) {
      continue;
    }
    const bool prominent = s.font_size >= 1.3 * pl.body ||
                           (mostly_upper(s.text) && (s.bold || s.font_size >= 1.15 * pl.body));
    if (!prominent || !heading_text(s.text)) {
      continue;
    }
    // Alone on its line: a product name in a grid shares its band.
    bool alone = true;
    for (const Segment& o : pl.segments) {
      if (&o != &s &&
          layout::overlap_y(o.bbox, s.bbox) >= 0.5 * std::min(o.bbox.height(), s.bbox.height())) {
        alone = false;
        break;
      }
    }
    if (alone && !repeated_style(pl, s)) {
      out.push_back({page.page, s.bbox, trim(s.text)});
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Heading& a, const Heading& b) { return a.bbox.y0 < b.bbox.y0; });
  return out;
}

// Document position for "comes after": page, then top edge.
bool before(int page_a, double y_a, int page_b, double y_b)
{
  return page_a != page_b ? page_a < page_b : y_a < y_b;
}

std::vector<Heading> filter_headings(const std::vector<Heading>& candidates,
                                     const std::vector<std::pair<int, double>>& anchors,
                                     size_t page_count)
{
  std::map<std::string, std::set<int>> pages_of;
  for (const Heading& h : candidates) {
    pages_of[lower(h.text)].insert(h.page);
  }
  std::vector<Heading> kept;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Heading& h = candidates[i];
    if (page_count >= 3 && pages_of[lower(h.text)].size() * 2 > page_count) {
      continue; // a running header
    }
    // A section holds products: some style number lies between this heading
    // and the next candidate.
    const Heading* next = i + 1 < candidates.size() ? &candidates[i + 1] : nullptr;
    const bool has_products = std::any_of(anchors.begin(), anchors.end(), [&](const auto& a) {
      return before(h.page, h.bbox.y0, a.first, a.second) &&
             (next == nullptr || before(a.first, a.second, next->page, next->bbox.y0));
    });
    if (has_products) {
      kept.push_back(h);
    }
  }
  return kept;
}

// Kept images of one page.
const model::PageImages* images_of(const std::vector<model::PageImages>& kept, int page)
{
  for (const model::PageImages& pi : kept) {
    if (pi.page == page) {
      return &pi;
    }
  }
  return nullptr;
}

// The photo that belongs to a card's text: the nearest kept image directly
// above it in the same column, or beside it in the same band.
std::optional<model::BBox> card_photo(const model::BBox& text, const model::PageImages* images,
                                      double page_height)
{
  if (images == nullptr) {
    return std::nullopt;
  }
  std::optional<model::BBox> best;
  double best_gap = 0;
  for (const model::ImagePlacement& im : images->placements) {
    const model::BBox& b = im.bbox;
    double gap = -1;
    if (layout::overlap_x(b, text) >= 0.5 * std::min(b.width(), text.width()) &&
        b.y1 <= text.y0 + 4 && text.y0 - b.y1 <= 0.3 * page_height) {
      gap = std::max(0.0, text.y0 - b.y1);
    } else if (layout::overlap_y(b, text) >= 0.5 * std::min(b.height(), text.height()) &&
               layout::overlap_x(b, text) <= 4) {
      const double g = std::max(text.x0 - b.x1, b.x0 - text.x1);
      if (g <= 72) {
        gap = std::max(0.0, g);
      }
    }
    if (gap >= 0 && (!best || gap < best_gap)) {
      best = b;
      best_gap = gap;
    }
  }
  return best;
}

std::optional<std::string> category_for(const std::optional<std::string>& heading,
                                        const model::Product& p,
                                        const std::vector<std::string>& categories)
{
  if (heading) {
    if (auto c = match_category(*heading, categories)) {
      return c;
    }
    return title_case(*heading);
  }
  for (const std::string& text : {p.name, p.description}) {
    if (auto c = match_category(text, categories)) {
      return c;
    }
  }
  if (categories.empty()) {
    return taxonomy_category(p.name);
  }
  if (categories.size() == 1) {
    return categories.front(); // a collection of one kind of goods
  }
  return std::nullopt;
}

std::vector<Found> card_products(const PageLayout& pl, const std::vector<bool>& usable,
                                 const model::TextPage& page, const model::PageImages* images,
                                 const std::string& currency)
{
  std::vector<Segment> segs;
  std::vector<bool> anchor;
  for (size_t i = 0; i < pl.segments.size(); ++i) {
    if (usable[i]) {
      segs.push_back(pl.segments[i]);
      anchor.push_back(pl.anchor[i]);
    }
  }
  std::vector<Found> out;
  for (const std::vector<int>& block : layout::group_blocks(segs)) {
    // Lines of the block: its segments grouped by band.
    std::vector<model::BBox> boxes;
    for (int i : block) {
      boxes.push_back(segs[static_cast<size_t>(i)].bbox);
    }
    std::vector<std::vector<int>> lines;
    for (const std::vector<int>& band : layout::row_bands(boxes)) {
      std::vector<int> line;
      for (int b : band) {
        line.push_back(block[static_cast<size_t>(b)]);
      }
      lines.push_back(std::move(line));
    }
    std::vector<size_t> anchor_lines;
    for (size_t l = 0; l < lines.size(); ++l) {
      if (std::any_of(lines[l].begin(), lines[l].end(),
                      [&](int i) { return anchor[static_cast<size_t>(i)]; })) {
        anchor_lines.push_back(l);
      }
    }
    if (anchor_lines.empty()) {
      continue;
    }
    // Entries stacked in one block repeat the first entry's shape: as many
    // lines before each style number as the first has.
    const size_t lead = anchor_lines.front();
    for (size_t a = 0; a < anchor_lines.size(); ++a) {
      const size_t from =
          a == 0 ? 0 : anchor_lines[a] - std::min(lead, anchor_lines[a] - anchor_lines[a - 1] - 1);
      const size_t to =
          a + 1 < anchor_lines.size()
              ? anchor_lines[a + 1] - std::min(lead, anchor_lines[a + 1] - anchor_lines[a] - 1)
              : lines.size();
      std::vector<TextUnit> units;
      model::BBox text;
      bool first = true;
      for (size_t l = from; l < to; ++l) {
        std::string pending_label;
        for (int i : lines[l]) {
          const Segment& s = segs[static_cast<size_t>(i)];
          text = first ? s.bbox : text.united(s.bbox);
          first = false;
          // A label printed apart from its value ("Colours:   Black / Ivory").
          if (!s.text.empty() && s.text.back() == ':' && word_count(s.text) <= 2) {
            pending_label = s.text + " ";
            continue;
          }
          units.push_back({pending_label + s.text, s.font_size});
          pending_label.clear();
        }
        if (!pending_label.empty()) {
          units.push_back({pending_label, 0});
        }
      }
      model::Product p = read_fields(units, currency);
      p.evidence.insert(p.evidence.begin(), "region: a text block anchored on its style number");
      if (p.style_number.empty()) {
        continue;
      }
      p.page = page.page;
      p.bbox = text;
      if (auto photo = card_photo(text, images, page.height)) {
        p.bbox = text.united(*photo);
      }
      out.push_back({std::move(p), text.y0});
    }
  }
  return out;
}

} // namespace

std::string document_currency(const std::vector<model::TextPage>& pages)
{
  std::map<std::string, int> counts;
  std::vector<std::string> order;
  for (const model::TextPage& page : pages) {
    for (const model::Word& w : page.words) {
      const std::string c = currency_in(w.text);
      if (!c.empty()) {
        if (counts[c]++ == 0) {
          order.push_back(c);
        }
      }
    }
  }
  std::string best;
  for (const std::string& c : order) {
    if (best.empty() || counts[c] > counts[best]) {
      best = c;
    }
  }
  return best;
}

namespace {

// Heading candidates and product text (style numbers, prices), gathered a page at a time so
// that no page's layout outlives it; the filters then need the whole list.
class HeadingScan {
public:
  void add(const model::TextPage& page, const PageLayout& pl)
  {
    for (Heading& h : heading_candidates(page, pl)) {
      m_candidates.push_back(std::move(h));
    }
    for (size_t s = 0; s < pl.segments.size(); ++s) {
      if (pl.priced[s]) {
        m_anchors.emplace_back(page.page, pl.segments[s].bbox.y0);
      }
    }
    ++m_pages;
  }
  std::vector<Heading> headings() const
  {
    return filter_headings(m_candidates, m_anchors, m_pages);
  }

private:
  std::vector<Heading> m_candidates;
  std::vector<std::pair<int, double>> m_anchors;
  size_t m_pages = 0;
};

} // namespace

std::vector<Heading> find_headings(const std::vector<model::TextPage>& pages)
{
  HeadingScan scan;
  for (const model::TextPage& page : pages) {
    scan.add(page, analyse(page));
  }
  return scan.headings();
}

std::vector<model::Product> products(const ProductRequest& request, const UnitCallback& on_unit)
{
  return products(request.pages, request.kept, request.categories, find_headings(request.pages),
                  on_unit);
}

namespace {

// What the whole document says before any product is read: its running
// headers and footers, its currency, whether it has product photos, and
// whether its records are identified by bare numbers.
struct DocumentScan {
  Furniture furniture;
  DocumentFacts facts;
  bool has_photos = false;
};

std::vector<model::BBox> photos_of(const model::PageImages* images)
{
  std::vector<model::BBox> out;
  if (images != nullptr) {
    for (const model::ImagePlacement& im : images->placements) {
      out.push_back(im.bbox);
    }
  }
  return out;
}

// Segments of a page that product text may come from: no section heading, no
// running header or footer.
std::vector<bool> usable_segments(const model::TextPage& page, const PageLayout& pl,
                                  const std::vector<Heading>& headings, const Furniture& furniture)
{
  std::vector<bool> usable(pl.segments.size(), true);
  for (size_t s = 0; s < pl.segments.size(); ++s) {
    for (const Heading& h : headings) {
      if (h.page == page.page && h.bbox == pl.segments[s].bbox) {
        usable[s] = false;
      }
    }
    if (furniture.contains(page.height, pl.segments[s])) {
      usable[s] = false;
    }
  }
  return usable;
}

DocumentScan scan_document(const std::vector<model::TextPage>& pages,
                           const std::vector<model::PageImages>& kept,
                           const std::vector<Heading>& headings)
{
  DocumentScan scan;
  scan.facts.currency = document_currency(pages);
  for (const model::TextPage& page : pages) {
    scan.furniture.add(page.page, page.height, layout::segments(page));
    const model::PageImages* images = images_of(kept, page.page);
    scan.has_photos = scan.has_photos || (images != nullptr && !images->placements.empty());
  }
  // Bare numbers identify the products when most photo regions without a
  // lettered style number hold one, and no two share it.
  int without_style = 0;
  std::set<std::string> codes;
  int with_code = 0;
  for (const model::TextPage& page : pages) {
    const std::vector<model::BBox> photos = photos_of(images_of(kept, page.page));
    if (photos.empty()) {
      continue;
    }
    const PageLayout pl = analyse(page);
    const std::vector<bool> usable = usable_segments(page, pl, headings, scan.furniture);
    for (const Region& r :
         photo_regions(pl.segments, usable, photos, page.width, page.height, pl.body).regions) {
      if (r.members.empty() || std::any_of(r.members.begin(), r.members.end(), [&](int m) {
            return pl.anchor[static_cast<size_t>(m)];
          })) {
        continue;
      }
      ++without_style;
      std::vector<std::string> found;
      for (const TextUnit& u : read_record(pl.segments, r.members)) {
        for (const std::string& c : numeric_codes(u.text)) {
          found.push_back(c);
        }
      }
      if (!found.empty()) {
        ++with_code;
        codes.insert(found.front());
      }
    }
  }
  scan.facts.numeric_styles = with_code >= 2 && with_code * 2 >= without_style &&
                              static_cast<int>(codes.size()) * 10 >= with_code * 9;
  return scan;
}

// How much of a product was read, to choose between two readings of a style.
int filled(const model::Product& p)
{
  return (p.name.empty() ? 0 : 1) + (p.colors.empty() ? 0 : 1) + (p.sizes.empty() ? 0 : 1) +
         (p.wholesale_price ? 1 : 0) + (p.retail_price ? 1 : 0);
}

// Products of the photo regions of a page; the text no photo claims is read
// as style-anchored blocks.
std::string box_text(const model::BBox& b)
{
  return "[" + std::to_string(std::lround(b.x0)) + "," + std::to_string(std::lround(b.y0)) + "," +
         std::to_string(std::lround(b.x1)) + "," + std::to_string(std::lround(b.y1)) + "]";
}

std::vector<Found> photo_products(const PageLayout& pl, const std::vector<bool>& usable,
                                  const model::TextPage& page,
                                  const std::vector<model::BBox>& photos,
                                  const model::PageImages* images, const DocumentFacts& facts)
{
  const Segmentation seg =
      photo_regions(pl.segments, usable, photos, page.width, page.height, pl.body);
  std::vector<Found> out;
  std::vector<bool> left(pl.segments.size(), false);
  for (int s : seg.unclaimed) {
    left[static_cast<size_t>(s)] = true;
  }
  for (const Region& r : seg.regions) {
    if (r.members.empty()) {
      continue;
    }
    // A region that holds several style numbers is several products whose
    // photos were not kept: read it as style-anchored blocks.
    std::set<std::string> styles;
    for (int m : r.members) {
      if (auto s = find_style_number(pl.segments[static_cast<size_t>(m)].text)) {
        styles.insert(*s);
      }
    }
    if (styles.size() > 1) {
      for (int m : r.members) {
        left[static_cast<size_t>(m)] = true;
      }
      continue;
    }
    model::Product p = read_fields(read_record(pl.segments, r.members), facts);
    if (p.style_number.empty()) {
      continue;
    }
    p.page = page.page;
    p.bbox = r.text.united(r.photo);
    p.evidence.insert(p.evidence.begin(),
                      "region: the text under, over or beside the photo at " + box_text(r.photo));
    out.push_back({std::move(p), std::min(r.text.y0, r.photo.y0)});
  }
  for (Found& f : card_products(pl, left, page, images, facts.currency)) {
    out.push_back(std::move(f));
  }
  return out;
}

} // namespace

std::vector<model::Product> products(const std::vector<model::TextPage>& pages,
                                     const std::vector<model::PageImages>& kept,
                                     const std::vector<std::string>& categories,
                                     const std::vector<Heading>& headings,
                                     const UnitCallback& on_unit)
{
  const DocumentScan scan = scan_document(pages, kept, headings);
  std::vector<model::Product> out;
  std::map<std::string, size_t> by_style; // normalised style -> index in out
  std::string table_section;              // a table's section row runs on across pages
  for (const model::TextPage& page : pages) {
    if (on_unit) {
      on_unit();
    }
    // The headings were filtered over the whole document first (find_headings).
    // Each page's layout is computed here again rather than held: holding
    // every page's layout took 2 MB at 200 pages.
    const model::PageImages* images = images_of(kept, page.page);
    const std::vector<model::BBox> photos = photos_of(images);
    if (scan.has_photos && photos.empty()) {
      continue; // a cover, a table of contents, an index: products come with photos
    }
    const PageLayout pl = analyse(page);
    const std::vector<bool> usable = usable_segments(page, pl, headings, scan.furniture);
    std::vector<Found> found;
    if (std::optional<Table> table = find_table(pl, page)) {
      found = table_products(*table, pl, page, images, scan.facts.currency, usable, table_section);
    } else if (!photos.empty()) {
      found = photo_products(pl, usable, page, photos, images, scan.facts);
    } else {
      found = card_products(pl, usable, page, images, scan.facts.currency);
    }
    for (Found& f : found) {
      std::optional<std::string> heading;
      for (const Heading& h : headings) {
        if (before(h.page, h.bbox.y0, page.page, f.text_y0)) {
          heading = h.text;
        }
      }
      std::string why = heading ? "under the section heading \"" + *heading + "\"" : "";
      if (!f.product.category.empty() && !heading) {
        heading = f.product.category; // printed on the product ("Category: Rings")
        why = "printed on the product";
      }
      f.product.category.clear();
      if (auto c = category_for(heading, f.product, categories); c && c != heading) {
        f.product.category = *c;
        f.product.evidence.push_back(
            "category: " + *c + " (" +
            (why.empty() ? std::string("the kind of goods its name or description names") : why) +
            ")");
      } else if (c) {
        f.product.category = *c; // as printed: the label's own evidence line says where
        if (why != "printed on the product") {
          f.product.evidence.push_back("category: " + *c + " (" + why + ")");
        }
      }
      std::string key;
      for (char c : f.product.style_number) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
          key += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
      }
      if (auto it = by_style.find(key); it != by_style.end()) {
        // One product per style: the fuller reading wins.
        if (filled(f.product) > filled(out[it->second])) {
          out[it->second] = std::move(f.product);
        }
        continue;
      }
      by_style[key] = out.size();
      out.push_back(std::move(f.product));
    }
  }
  return out;
}

} // namespace collproc::ai::heuristic
