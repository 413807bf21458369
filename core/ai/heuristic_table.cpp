// Table rows: columns from the header row, rows from the style cells.

#include "core/ai/heuristic_table.hpp"

#include "core/ai/heuristic_record.hpp"
#include "core/ai/heuristic_text.hpp"

#include <algorithm>
#include <cmath>

namespace collproc::ai::heuristic {

namespace {

using layout::Segment;

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
      if (a != Field::none && b != Field::none && a != b) {
        return {{left, lbox}, {right, rbox}};
      }
    }
  }
  return {{s.text, s.bbox}};
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

} // namespace

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
  std::vector<bool> section_band(bands.size(), false);
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
      section_band[k] = true;
    }
  }
  for (size_t k = 0; k < bands.size(); ++k) {
    if (section_band[k]) {
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
        p.evidence.push_back("style_number: the \"" + t.columns[c].header + "\" column");
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
    p.evidence.insert(p.evidence.begin(), "region: a row of the table under the header row at y " +
                                              std::to_string(std::lround(t.header.y0)));
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

} // namespace collproc::ai::heuristic
