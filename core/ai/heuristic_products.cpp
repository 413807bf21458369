// Products from layout: tables first (a header row is unmistakable), then
// text blocks anchored on style numbers. Section headings found over the
// whole document give categories across page breaks.

#include "core/ai/heuristic_products.hpp"

#include "core/ai/heuristic_regions.hpp"
#include "core/ai/heuristic_text.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

namespace collproc::ai::heuristic {

namespace {

using layout::Segment;

bool has_digit(std::string_view s)
{
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool mostly_upper(std::string_view s)
{
  int up = 0;
  int letters = 0;
  for (char c : s) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      ++letters;
      up += std::isupper(static_cast<unsigned char>(c)) ? 1 : 0;
    }
  }
  return letters > 0 && up * 10 >= letters * 8;
}

size_t word_count(std::string_view s)
{
  size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    const bool space = c == ' ';
    n += (!space && !in_word) ? 1 : 0;
    in_word = !space;
  }
  return n;
}

// Words that make a prominent line a document title rather than a section.
bool is_title_text(const std::string& text)
{
  const std::string l = lower(text);
  for (std::string_view w :
       {"linesheet", "line sheet",   "collection", "wholesale",  "price list", "lookbook",
        "catalog",   "order",        "season",     "spring",     "summer",     "autumn",
        "fall",      "winter",       "resort",     "page",       "contents",   "confidential",
        "prices",    "delivery",     "womenswear", "menswear",   "showroom",   "contact",
        "terms",     "new arrivals", "pre-",       "categories", "index",      "overview"}) {
    if (l.find(w) != std::string::npos) {
      return true;
    }
  }
  return false;
}

// Text that could be a section heading, judged on the words alone.
bool heading_text(const std::string& text)
{
  const std::string t = trim(text);
  if (t.size() < 3 || t.size() > 40 || word_count(t) > 5 || has_digit(t)) {
    return false;
  }
  if (!std::any_of(t.begin(), t.end(),
                   [](char c) { return std::isalpha(static_cast<unsigned char>(c)); })) {
    return false;
  }
  if (t.find('@') != std::string::npos || lower(t).find("www") != std::string::npos ||
      lower(t).find(".com") != std::string::npos) {
    return false;
  }
  return !is_title_text(t) && !starts_with_field_label(t) && parse_sizes(t).empty() &&
         !is_badge_text(t) && find_prices(t).empty();
}

struct PageLayout {
  std::vector<Segment> segments;
  double body = 10;
  std::vector<bool> anchor; // segment holds a style number
  std::vector<bool> priced; // segment holds a price: product text, whatever identifies it
};

PageLayout analyse(const model::TextPage& page)
{
  PageLayout out;
  out.segments = layout::segments(page);
  out.body = layout::body_font_size(out.segments);
  for (const Segment& s : out.segments) {
    out.anchor.push_back(find_style_number(s.text).has_value());
    out.priced.push_back(out.anchor.back() || !find_prices(s.text).empty());
  }
  return out;
}

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

// Table header fields.
enum class Field { none, style, name, colors, sizes, wholesale, retail, price, image, category };

Field header_field(const std::string& text)
{
  const std::string l = lower(trim(text));
  if (l.empty() || l.size() > 30 || has_digit(l)) {
    return Field::none; // a header names a field; a value holds digits
  }
  const PriceRole role = price_role_of(l);
  if (role == PriceRole::wholesale) {
    return Field::wholesale;
  }
  if (role == PriceRole::retail) {
    return Field::retail;
  }
  auto starts = [&](std::string_view p) { return l.rfind(p, 0) == 0; };
  if (starts("style name") || starts("description") || starts("name") || starts("product") ||
      starts("item name") || starts("item description")) {
    return Field::name;
  }
  if (starts("style") || starts("art") || starts("ref") || starts("sku") || starts("item") ||
      starts("code") || starts("model")) {
    return Field::style;
  }
  if (starts("colo") || starts("shade")) {
    return Field::colors;
  }
  if (starts("size")) {
    return Field::sizes;
  }
  if (starts("price") || starts("unit price")) {
    return Field::price;
  }
  if (starts("image") || starts("photo") || starts("picture")) {
    return Field::image;
  }
  if (starts("category") || starts("department") || starts("collection") || starts("type")) {
    return Field::category;
  }
  return Field::none;
}

struct TableColumn {
  Field field = Field::none;
  double x0 = 0, x1 = 0; // the column's region, gaps split between neighbours
  std::string header;
  double header_x0 = 0; // where its header starts
};

struct Table {
  std::vector<TableColumn> columns;
  model::BBox header;
};

// Header words that name one field together; any other header segment made
// of two field names ("Item No Description", "MSRP Size": a narrow gutter
// printed no gap between them) is two columns.
bool one_header(const std::string& text)
{
  const std::string l = lower(trim(text));
  for (std::string_view h :
       {"style name",   "style no",   "style no.",     "style number",     "style #",
        "item no",      "item no.",   "item name",     "item description", "item #",
        "art no",       "art. no.",   "product name",  "product code",     "wholesale price",
        "retail price", "unit price", "price each",    "size range",       "available sizes",
        "colour way",   "color way",  "article number"}) {
    if (l == h) {
      return true;
    }
  }
  return false;
}

struct HeaderCell {
  std::string text;
  model::BBox box;
};

std::vector<HeaderCell> header_cells(const model::TextPage& page, const Segment& s)
{
  const size_t n = s.words.size();
  if (n >= 2 && !one_header(s.text)) {
    for (size_t k = 1; k < n; ++k) {
      std::string left;
      std::string right;
      model::BBox lbox = page.words[static_cast<size_t>(s.words[0])].bbox;
      model::BBox rbox = page.words[static_cast<size_t>(s.words[k])].bbox;
      for (size_t w = 0; w < n; ++w) {
        const model::Word& word = page.words[static_cast<size_t>(s.words[w])];
        std::string& side = w < k ? left : right;
        side += (side.empty() ? "" : " ") + word.text;
        (w < k ? lbox : rbox) = (w < k ? lbox : rbox).united(word.bbox);
      }
      const Field a = header_field(left);
      const Field b = header_field(right);
      if (a != Field::none && b != Field::none && a != b && !one_header(s.text)) {
        return {{left, lbox}, {right, rbox}};
      }
    }
  }
  return {{s.text, s.bbox}};
}

std::optional<Table> find_table(const PageLayout& pl, const model::TextPage& page)
{
  std::vector<model::BBox> boxes;
  for (const Segment& s : pl.segments) {
    boxes.push_back(s.bbox);
  }
  for (const std::vector<int>& band : layout::row_bands(boxes)) {
    int known = 0;
    bool has_key = false;
    for (int i : band) {
      const Field f = header_field(pl.segments[static_cast<size_t>(i)].text);
      known += f != Field::none ? 1 : 0;
      has_key = has_key || f == Field::style || f == Field::wholesale || f == Field::retail ||
                f == Field::price;
    }
    if (known < 3 || !has_key) {
      continue;
    }
    Table t;
    for (int i : band) {
      for (const HeaderCell& cell : header_cells(page, pl.segments[static_cast<size_t>(i)])) {
        t.columns.push_back(
            {header_field(cell.text), cell.box.x0, cell.box.x1, cell.text, cell.box.x0});
        t.header = t.columns.size() == 1 ? cell.box : t.header.united(cell.box);
      }
    }
    for (size_t c = 0; c + 1 < t.columns.size(); ++c) {
      const double mid = (t.columns[c].x1 + t.columns[c + 1].x0) / 2;
      t.columns[c].x1 = mid;
      t.columns[c + 1].x0 = mid;
    }
    t.columns.front().x0 = -1e9;
    t.columns.back().x1 = 1e9;
    return t;
  }
  return std::nullopt;
}

int column_of(const Table& t, const model::BBox& b)
{
  int best = -1;
  double best_overlap = 0;
  for (size_t c = 0; c < t.columns.size(); ++c) {
    const double o = std::min(b.x1, t.columns[c].x1) - std::max(b.x0, t.columns[c].x0);
    if (o > best_overlap) {
      best_overlap = o;
      best = static_cast<int>(c);
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

struct Found {
  model::Product product;
  double text_y0 = 0; // where its text starts, for the heading in effect
};

// A segment that runs over a column boundary ("1 Slub Cotton Tee", "$42.00
// XS-XL": a narrow gutter printed no gap) split into one piece per column,
// by its words' centres.
std::vector<Segment> split_at_columns(const Table& t, const model::TextPage& page, const Segment& s)
{
  std::vector<Segment> out;
  int current = -2;
  for (int w : s.words) {
    const model::Word& word = page.words[static_cast<size_t>(w)];
    // A word belongs to the last column whose header starts left of it: text
    // overflows a column to the right, into the gutter, rarely past the next
    // header's left edge.
    int c = 0;
    for (size_t k = 1; k < t.columns.size(); ++k) {
      if (word.bbox.x0 >= t.columns[k].header_x0 - 2) {
        c = static_cast<int>(k);
      }
    }
    if (c != current || out.empty()) {
      Segment piece;
      piece.bbox = word.bbox;
      piece.text = word.text;
      piece.font_size = s.font_size;
      piece.bold = s.bold;
      out.push_back(std::move(piece));
      current = c;
    } else {
      out.back().bbox = out.back().bbox.united(word.bbox);
      out.back().text += " " + word.text;
    }
    out.back().words.push_back(w);
  }
  if (out.empty()) {
    out.push_back(s);
  }
  return out;
}

std::vector<Found> table_products(const Table& t, const PageLayout& pl, const model::TextPage& page,
                                  const model::PageImages* images, const std::string& currency,
                                  const std::vector<bool>& usable, std::string& running_section)
{
  std::vector<int> below;
  std::vector<model::BBox> boxes;
  for (size_t i = 0; i < pl.segments.size(); ++i) {
    if (usable[i] && pl.segments[i].bbox.y0 >= t.header.y1 - 1) {
      below.push_back(static_cast<int>(i));
      boxes.push_back(pl.segments[i].bbox);
    }
  }
  // Of several style-like columns, the one its header names most surely: a
  // running "Item No" beside a "SKU" column counts rows, not styles.
  int style_col = -1;
  int style_rank = -1;
  for (size_t c = 0; c < t.columns.size(); ++c) {
    if (t.columns[c].field != Field::style) {
      continue;
    }
    const std::string l = lower(t.columns[c].header);
    const int rank = l.rfind("style", 0) == 0  ? 3
                     : l.rfind("sku", 0) == 0  ? 2
                     : l.rfind("item", 0) == 0 ? 0
                                               : 1;
    if (rank > style_rank) {
      style_col = static_cast<int>(c);
      style_rank = rank;
    }
  }
  struct Row {
    std::vector<std::vector<int>> cells; // segment indexes per column, top to bottom
    model::BBox text;
    bool has_text = false;
  };
  // Rows are anchored on the bands whose style cell holds a style number; the
  // other bands go to the nearest anchor (cells of several lines are centred
  // on their row, so a row's first line may come before its style number).
  // Bands further from every anchor than most of a row pitch are no rows'.
  const std::vector<std::vector<int>> bands = layout::row_bands(boxes);
  std::vector<model::BBox> band_boxes;
  std::vector<size_t> anchors;
  for (size_t k = 0; k < bands.size(); ++k) {
    model::BBox band_box = boxes[static_cast<size_t>(bands[k].front())];
    bool starts_row = false;
    for (int bi : bands[k]) {
      const Segment& s = pl.segments[static_cast<size_t>(below[static_cast<size_t>(bi)])];
      band_box = band_box.united(s.bbox);
      const int c = column_of(t, s.bbox);
      starts_row = starts_row || ((style_col < 0 || c == style_col) && find_style_number(s.text)) ||
                   (c == style_col && is_style_number(s.text, Labelled::yes));
    }
    band_boxes.push_back(band_box);
    if (starts_row) {
      anchors.push_back(k);
    }
  }
  std::vector<Row> rows(anchors.size(),
                        Row{std::vector<std::vector<int>>(t.columns.size()), {}, false});
  std::vector<Segment> pieces; // the bands' segments, split where they straddle columns
  if (anchors.empty()) {
    return {};
  }
  std::vector<double> pitches;
  for (size_t r = 1; r < anchors.size(); ++r) {
    pitches.push_back(band_boxes[anchors[r]].cy() - band_boxes[anchors[r - 1]].cy());
  }
  std::sort(pitches.begin(), pitches.end());
  const double pitch = pitches.empty() ? 3 * pl.body : pitches[pitches.size() / 2];
  // A band of one short heading-like cell and no style number is a section
  // row ("KNITWEAR", "Tops"): the category of the rows under it.
  std::vector<std::pair<double, std::string>> sections; // y, heading
  for (size_t k = 0; k < bands.size(); ++k) {
    if (bands[k].size() != 1 || std::find(anchors.begin(), anchors.end(), k) != anchors.end()) {
      continue;
    }
    const Segment& s = pl.segments[static_cast<size_t>(below[static_cast<size_t>(bands[k][0])])];
    // Apart from the rows: a cell's first line centred over its row (a
    // breadcrumb "Women >") sits close to the row's style number.
    double apart = 1e9;
    for (size_t a : anchors) {
      apart = std::min(apart, std::fabs(band_boxes[a].cy() - band_boxes[k].cy()));
    }
    if (heading_text(s.text) && (s.bold || mostly_upper(s.text) || word_count(s.text) <= 2) &&
        parse_colors(s.text).empty() && s.text.find('>') == std::string::npos &&
        apart >= 0.35 * pitch) {
      sections.emplace_back(s.bbox.y0, trim(s.text));
    }
  }
  auto section_band = [&](size_t k) {
    const Segment& s = pl.segments[static_cast<size_t>(below[static_cast<size_t>(bands[k][0])])];
    return bands[k].size() == 1 &&
           std::any_of(sections.begin(), sections.end(),
                       [&](const auto& sec) { return sec.first == s.bbox.y0; });
  };
  for (size_t k = 0; k < bands.size(); ++k) {
    if (section_band(k)) {
      continue;
    }
    size_t nearest = 0;
    for (size_t r = 1; r < anchors.size(); ++r) {
      if (std::fabs(band_boxes[anchors[r]].cy() - band_boxes[k].cy()) <
          std::fabs(band_boxes[anchors[nearest]].cy() - band_boxes[k].cy())) {
        nearest = r;
      }
    }
    if (std::fabs(band_boxes[anchors[nearest]].cy() - band_boxes[k].cy()) >
        std::max(0.6 * pitch, 2.5 * pl.body)) {
      continue; // a footer, a note under the table
    }
    Row& row = rows[nearest];
    row.text = row.has_text ? row.text.united(band_boxes[k]) : band_boxes[k];
    row.has_text = true;
    for (int bi : bands[k]) {
      const int seg = below[static_cast<size_t>(bi)];
      for (const Segment& piece :
           split_at_columns(t, page, pl.segments[static_cast<size_t>(seg)])) {
        const int c = column_of(t, piece.bbox);
        if (c >= 0) {
          row.cells[static_cast<size_t>(c)].push_back(static_cast<int>(pieces.size()));
          pieces.push_back(piece);
        }
      }
    }
  }
  std::vector<Found> out;
  for (size_t r = 0; r < rows.size(); ++r) {
    const Row& row = rows[r];
    model::Product p;
    p.page = page.page;
    std::vector<Price> prices;
    for (size_t c = 0; c < t.columns.size(); ++c) {
      // The cell as a record: wrapped lines joined, a name apart from the
      // line of another type under it.
      const std::vector<TextUnit> cell = read_record(pieces, row.cells[c]);
      if (cell.empty()) {
        continue;
      }
      std::string joined;
      for (const TextUnit& u : cell) {
        joined += (joined.empty() ? "" : " ") + u.text;
      }
      switch (t.columns[c].field) {
      case Field::style:
        if (static_cast<int>(c) != style_col) {
          break; // a second style-like column (a running item number)
        }
        if (auto s = find_style_number(joined)) {
          p.style_number = *s;
        } else {
          p.style_number = trim(joined);
        }
        break;
      case Field::name:
        p.name = trim(cell.front().text);
        // "Slub Cotton Pocket Tee: Relaxed fit, garment dyed." - a name and
        // its teaser in one cell.
        if (const size_t colon = p.name.find(": ");
            colon != std::string::npos && colon > 0 && !starts_with_field_label(p.name)) {
          p.description = trim(p.name.substr(colon + 2));
          p.name = trim(p.name.substr(0, colon));
        }
        for (size_t i = 1; i < cell.size(); ++i) {
          if (!p.description.empty()) {
            p.description += ' ';
          }
          p.description += trim(cell[i].text);
        }
        break;
      case Field::colors:
        p.colors = parse_colors("Colours: " + joined);
        break;
      case Field::sizes:
        p.sizes = parse_sizes("Sizes: " + joined);
        break;
      case Field::wholesale:
      case Field::retail:
      case Field::price: {
        const PriceRole role = t.columns[c].field == Field::wholesale ? PriceRole::wholesale
                               : t.columns[c].field == Field::retail  ? PriceRole::retail
                                                                      : PriceRole::unknown;
        for (Price price : find_prices(
                 joined + (has_digit(joined) && find_prices(joined).empty() ? ".00" : ""))) {
          if (price.role == PriceRole::unknown) {
            price.role = role;
          }
          if (price.currency.empty()) {
            price.currency = currency_in(t.columns[c].header);
          }
          prices.push_back(price);
        }
        break;
      }
      case Field::category: {
        // A breadcrumb names the category last: "Women > Knitwear".
        const size_t at = joined.rfind('>');
        p.category = title_case(trim(at == std::string::npos ? joined : joined.substr(at + 1)));
        break;
      }
      case Field::image:
      case Field::none:
        break;
      }
    }
    assign_prices(prices, p, currency);
    if (p.category.empty()) {
      // The section row in effect: the last one above, else the one that
      // ran on from an earlier page.
      std::string section = running_section;
      for (const auto& [y, heading] : sections) {
        if (y < row.text.y0) {
          section = heading;
        }
      }
      p.category = section.empty() ? "" : title_case(section);
    }
    // The row's band reaches halfway to its neighbours, so a thumbnail taller
    // than the text still falls inside it.
    const double top =
        r == 0 ? std::max(t.header.y1,
                          row.text.y0 -
                              (rows.size() > 1 ? (rows[1].text.y0 - row.text.y1) / 2 : pl.body))
               : (rows[r - 1].text.y1 + row.text.y0) / 2;
    const double bottom = r + 1 < rows.size() ? (row.text.y1 + rows[r + 1].text.y0) / 2
                                              : row.text.y1 + (row.text.y0 - top);
    model::BBox box{std::min(t.header.x0, row.text.x0), top, std::max(t.header.x1, row.text.x1),
                    bottom};
    if (images != nullptr) {
      for (const model::ImagePlacement& im : images->placements) {
        if (im.bbox.cy() >= top && im.bbox.cy() <= bottom) {
          box = box.united(im.bbox);
        }
      }
    }
    p.bbox = box;
    out.push_back({std::move(p), row.text.y0});
  }
  if (!sections.empty()) {
    running_section = sections.back().second;
  }
  return out;
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
    const PageLayout pl = analyse(page);
    const std::vector<bool> usable = usable_segments(page, pl, headings, scan.furniture);
    const model::PageImages* images = images_of(kept, page.page);
    const std::vector<model::BBox> photos = photos_of(images);
    std::vector<Found> found;
    if (scan.has_photos && photos.empty()) {
      continue; // a cover, a table of contents, an index: products come with photos
    }
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
      if (!f.product.category.empty() && !heading) {
        heading = f.product.category; // printed on the product ("Category: Rings")
      }
      f.product.category.clear();
      if (auto c = category_for(heading, f.product, categories)) {
        f.product.category = *c;
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
