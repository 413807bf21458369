#pragma once
// Segmentation of table pages, the heuristic product reader's other kind of
// region: a header row naming style, description, colours, sizes and prices
// gives the columns (header cells run together by a narrow gutter are split),
// and each row is anchored on the band whose style cell holds a style number;
// bands of a row's centred multi-line cells go to the nearest anchor. A row of
// one heading-like cell is a section row: the category of the rows under it.

#include "core/ai/heuristic_fields.hpp"
#include "core/ai/heuristic_regions.hpp"
#include "core/model/types.hpp"

#include <optional>
#include <string>
#include <vector>

namespace collproc::ai::heuristic {

// Table header fields.
enum class Field { none, style, name, colors, sizes, wholesale, retail, price, image, category };

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

// The field a header cell names ("Style No" -> style), none when it names none.
Field header_field(const std::string& text);

// The page's product table: the first row band that names three fields, one of
// them a style or a price. nullopt when the page has none.
std::optional<Table> find_table(const PageLayout& pl, const model::TextPage& page);

// The products of the table's rows, among the segments `usable` allows.
// running_section is the section row in effect from earlier pages; it is
// updated to the last one of this page.
std::vector<Found> table_products(const Table& t, const PageLayout& pl, const model::TextPage& page,
                                  const model::PageImages* images, const std::string& currency,
                                  const std::vector<bool>& usable, std::string& running_section);

} // namespace collproc::ai::heuristic
