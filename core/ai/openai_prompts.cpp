#include "core/ai/openai_prompts.hpp"

#include "core/ai/heuristic_products.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace collproc::ai::openai {

namespace {

using nlohmann::json;

const std::vector<std::string> k_fields = {
    "style_number", "color",        "size",        "quantity", "size_run",
    "unit_cost",    "retail_price", "description", "upc",      "ignore"};

std::string trim(const std::string& s)
{
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) {
    return "";
  }
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string box(const model::BBox& b)
{
  return fmt::format("[{:.1f}, {:.1f}, {:.1f}, {:.1f}]", b.x0, b.y0, b.x1, b.y1);
}

// Instructions end with the schema, so a server without response_format
// still gets the exact shape asked for.
std::string with_schema(const std::string& instructions, const json& schema)
{
  return instructions +
         "\nReply with one JSON object only, no prose and no code fences, matching this JSON "
         "schema:\n" +
         schema.dump();
}

json string_array()
{
  return {{"type", "array"}, {"items", {{"type", "string"}}}};
}

json object_of(const json& properties)
{
  json required = json::array();
  for (const auto& [key, _] : properties.items()) {
    required.push_back(key);
  }
  return {{"type", "object"},
          {"additionalProperties", false},
          {"required", required},
          {"properties", properties}};
}

// Words of a line split where the gap is wider than the font: a table row's
// cells, or a card's label and value, stay apart with their own boxes.
struct Group {
  model::BBox bbox;
  double font_size = 0;
  std::string text;
};

std::vector<Group> word_groups(const model::TextPage& page, const model::Line& line)
{
  std::vector<Group> groups;
  const model::Word* prev = nullptr;
  for (const int index : line.words) {
    if (index < 0 || static_cast<size_t>(index) >= page.words.size()) {
      continue;
    }
    const model::Word& w = page.words[static_cast<size_t>(index)];
    const double em = std::max({w.font_size, line.font_size, 4.0});
    if (prev == nullptr || w.bbox.x0 - prev->bbox.x1 > em) {
      groups.push_back({w.bbox, w.font_size, w.text});
    } else {
      Group& g = groups.back();
      g.bbox = g.bbox.united(w.bbox);
      g.font_size = std::max(g.font_size, w.font_size);
      g.text += " " + w.text;
    }
    prev = &w;
  }
  return groups;
}

std::string describe_line(const model::TextPage& page, const model::Line& line)
{
  std::string out;
  for (const auto& g : word_groups(page, line)) {
    out += fmt::format("  {} {:.1f} {}\n", box(g.bbox), g.font_size, json(g.text).dump());
  }
  return out;
}

} // namespace

std::string describe_page(const model::TextPage& page, const model::PageImages* kept)
{
  std::string out = fmt::format("Linesheet page {} ({:.0f} x {:.0f} points).\n", page.page,
                                page.width, page.height);
  out += "Text in layout blocks; each word group is [x0, y0, x1, y1] font-size \"text\":\n";
  std::vector<bool> shown(page.lines.size(), false);
  int n = 0;
  for (const auto& block : page.blocks) {
    out += fmt::format("block {} {}\n", ++n, box(block.bbox));
    for (const int li : block.lines) {
      if (li >= 0 && static_cast<size_t>(li) < page.lines.size()) {
        out += describe_line(page, page.lines[static_cast<size_t>(li)]);
        shown[static_cast<size_t>(li)] = true;
      }
    }
  }
  for (size_t li = 0; li < page.lines.size(); ++li) {
    if (!shown[li]) {
      out += fmt::format("block {} {}\n", ++n, box(page.lines[li].bbox));
      out += describe_line(page, page.lines[li]);
    }
  }
  const size_t photos = kept != nullptr ? kept->placements.size() : 0;
  out += photos == 0 ? "No product photos on this page.\n" : "Product photos on this page:\n";
  for (size_t i = 0; i < photos; ++i) {
    out += fmt::format("  photo {} {}\n", i + 1, box(kept->placements[i].bbox));
  }
  return out;
}

Question categories_question(const CategoryRequest& request)
{
  Question q;
  q.name = "categories";
  q.subject = "categories";
  q.schema = object_of({{"categories", string_array()}});
  q.system = with_schema("You name the product categories of a fashion wholesale collection. When "
                         "the linesheets have section "
                         "headings, the categories are those headings in title case (DRESSES "
                         "becomes Dresses). Otherwise group the "
                         "product names into short plural category names such as Dresses, "
                         "Knitwear, Tops, Trousers, Outerwear. "
                         "List each category once, in order of first appearance.",
                         q.schema);
  for (const auto& sheet : request.linesheets) {
    const std::vector<heuristic::Heading> found = heuristic::find_headings(sheet.pages);
    json headings = json::array();
    for (const auto& h : found) {
      headings.push_back(h.text);
    }
    json names = json::array();
    std::set<std::string> seen;
    try {
      for (const auto& p : heuristic::products(sheet.pages, {}, {}, found, [] {})) {
        if (!p.name.empty() && seen.insert(p.name).second) {
          names.push_back(p.name);
        }
      }
    } catch (const std::exception&) {
      // Names are a help, not a need: the headings or the lines below still tell.
    }
    if (names.empty()) {
      // No product rows recognised: the most prominent lines stand in for names.
      for (const auto& page : sheet.pages) {
        for (const auto& line : page.lines) {
          if (names.size() < 200 && seen.insert(line.text).second) {
            names.push_back(line.text);
          }
        }
      }
    }
    q.user += fmt::format("Linesheet {}\nHeadings: {}\nProduct names: {}\n",
                          json(sheet.document.filename).dump(), headings.dump(), names.dump());
  }
  q.check = [](const json& answer) -> std::optional<std::string> {
    std::set<std::string> seen;
    for (const auto& c : answer["categories"]) {
      const std::string name = trim(c.get<std::string>());
      if (name.empty()) {
        return "$.categories: an empty category name";
      }
      if (!seen.insert(name).second) {
        return fmt::format("$.categories: {} is listed twice", json(name).dump());
      }
    }
    return std::nullopt;
  };
  return q;
}

std::vector<Question> product_questions(const ProductRequest& request,
                                        std::vector<int>& page_numbers)
{
  json category = {{"type", "string"}};
  if (!request.categories.empty()) {
    category["enum"] = request.categories;
  }
  const json price = {{"type", json::array({"number", "null"})}};
  const json number = {{"type", "number"}};
  const json product = object_of(
      {{"style_number", {{"type", "string"}}},
       {"name", {{"type", "string"}}},
       {"description", {{"type", "string"}}},
       {"category", category},
       {"colors", string_array()},
       {"sizes", string_array()},
       {"wholesale_price", price},
       {"retail_price", price},
       {"currency", {{"type", "string"}}},
       {"bbox", object_of({{"x0", number}, {"y0", number}, {"x1", number}, {"y1", number}})}});
  const json schema = object_of({{"products", {{"type", "array"}, {"items", product}}}});
  const std::string currency = heuristic::document_currency(request.pages);
  const std::string system =
      with_schema("You read one page of a fashion wholesale linesheet and list every product on "
                  "it, in reading order. "
                  "style_number is the product's style code exactly as printed. name is its "
                  "product name; description is its "
                  "other descriptive text, or \"\". category is one of the given categories. "
                  "colors and sizes list each colour "
                  "and size as printed, one entry each. wholesale_price and retail_price are "
                  "numbers without currency signs "
                  "(of two unlabelled prices the lower is wholesale), or null when not printed. "
                  "currency is the ISO 4217 code "
                  "of the prices. bbox encloses the product's text and its photo, in the page's "
                  "points with the origin at the "
                  "top-left and y growing down. A page without products gives an empty list.",
                  schema);

  std::vector<Question> questions;
  for (const auto& page : request.pages) {
    if (page.words.empty()) {
      continue;
    }
    const model::PageImages* kept = nullptr;
    for (const auto& k : request.kept) {
      if (k.page == page.page) {
        kept = &k;
      }
    }
    Question q;
    q.name = "products";
    q.subject = fmt::format("page {}", page.page);
    q.schema = schema;
    q.system = system;
    q.user = fmt::format("Categories: {}\nCurrency of the document: {}\n",
                         json(request.categories).dump(), currency.empty() ? "unknown" : currency) +
             describe_page(page, kept);
    const double width = page.width, height = page.height;
    q.check = [width, height](const json& answer) -> std::optional<std::string> {
      const double slack = 2.0;
      for (size_t i = 0; i < answer["products"].size(); ++i) {
        const json& p = answer["products"][i];
        const std::string at = fmt::format("$.products[{}]", i);
        if (trim(p["style_number"].get<std::string>()).empty()) {
          return at + ".style_number: empty";
        }
        const json& b = p["bbox"];
        const double x0 = b["x0"].get<double>(), y0 = b["y0"].get<double>();
        const double x1 = b["x1"].get<double>(), y1 = b["y1"].get<double>();
        if (!(x0 < x1 && y0 < y1)) {
          return at + ".bbox: x0 < x1 and y0 < y1 expected";
        }
        if (width > 0 && height > 0 &&
            (x0 < -slack || y0 < -slack || x1 > width + slack || y1 > height + slack)) {
          return fmt::format("{}.bbox: outside the {:.0f} x {:.0f} page", at, width, height);
        }
        for (const char* key : {"wholesale_price", "retail_price"}) {
          if (p[key].is_number() &&
              (p[key].get<double>() < 0 || !std::isfinite(p[key].get<double>()))) {
            return fmt::format("{}.{}: negative", at, key);
          }
        }
        const std::string cur = p["currency"].get<std::string>();
        if (!cur.empty() && (cur.size() != 3 ||
                             !std::all_of(cur.begin(), cur.end(),
                                          [](unsigned char c) { return std::isupper(c) != 0; }))) {
          return fmt::format("{}.currency: {} is not an ISO 4217 code", at, json(cur).dump());
        }
      }
      return std::nullopt;
    };
    questions.push_back(std::move(q));
    page_numbers.push_back(page.page);
  }
  return questions;
}

Question columns_question(const ColumnRequest& request)
{
  const model::PoTable& table = request.table;
  Question q;
  q.name = "columns";
  q.subject = "columns";
  q.schema = object_of({{"columns",
                         {{"type", "array"},
                          {"items", object_of({{"column", {{"type", "integer"}}},
                                               {"field", {{"type", "string"}, {"enum", k_fields}}},
                                               {"size_label", {{"type", "string"}}},
                                               {"evidence", {{"type", "string"}}}})}}}});
  q.system = with_schema("You map the columns of a fashion purchase order table to fields. Columns "
                         "are numbered from 0 in header "
                         "order. Fields: style_number (the style code), color, size (one row per "
                         "size), quantity (units ordered, "
                         "with a size column), size_run (one column per size holding its quantity: "
                         "give its size in size_label), "
                         "unit_cost (wholesale price per unit), retail_price, description, upc "
                         "(barcode), ignore (anything else, "
                         "such as a total of the size columns). size_label is \"\" except for "
                         "size_run. evidence says briefly why. "
                         "Name each column at most once; columns you leave out are ignored.",
                         q.schema);
  q.user = fmt::format("Header: {}\n", json(table.header).dump());
  size_t shown = 0, data_rows = 0;
  for (const auto& row : table.rows) {
    const bool blank = std::all_of(row.cells.begin(), row.cells.end(),
                                   [](const std::string& c) { return trim(c).empty(); });
    data_rows += blank ? 0 : 1;
    if (!blank && shown < k_sample_rows) {
      q.user += fmt::format("Row {}: {}\n", row.source_row, json(row.cells).dump());
      ++shown;
    }
  }
  q.user += fmt::format("({} of {} data rows shown)\n", shown, data_rows);
  const size_t columns = table.header.size();
  q.check = [columns](const json& answer) -> std::optional<std::string> {
    std::set<int64_t> seen;
    bool style = false, quantity = false;
    for (size_t i = 0; i < answer["columns"].size(); ++i) {
      const json& c = answer["columns"][i];
      const auto index = c["column"].get<int64_t>();
      const std::string field = c["field"].get<std::string>();
      if (index < 0 || static_cast<size_t>(index) >= columns) {
        return fmt::format("$.columns[{}].column: {} is not a column (the table has {})", i, index,
                           columns);
      }
      if (!seen.insert(index).second) {
        return fmt::format("$.columns[{}].column: column {} is named twice", i, index);
      }
      if (field == "size_run" && trim(c["size_label"].get<std::string>()).empty()) {
        return fmt::format("$.columns[{}].size_label: a size_run column needs its size", i);
      }
      style = style || field == "style_number";
      quantity = quantity || field == "quantity" || field == "size_run";
    }
    if (!style) {
      return std::string("$.columns: no style_number column");
    }
    if (!quantity) {
      return std::string("$.columns: no quantity or size_run column");
    }
    return std::nullopt;
  };
  return q;
}

std::vector<std::string> read_categories(const json& answer)
{
  std::vector<std::string> out;
  for (const auto& c : answer["categories"]) {
    out.push_back(trim(c.get<std::string>()));
  }
  return out;
}

std::vector<model::Product> read_products(const json& answer, int page, const std::string& currency)
{
  std::vector<model::Product> out;
  for (const auto& p : answer["products"]) {
    model::Product product;
    product.style_number = trim(p["style_number"].get<std::string>());
    product.name = trim(p["name"].get<std::string>());
    product.description = trim(p["description"].get<std::string>());
    product.category = trim(p["category"].get<std::string>());
    for (const auto& c : p["colors"]) {
      if (!trim(c.get<std::string>()).empty()) {
        product.colors.push_back(trim(c.get<std::string>()));
      }
    }
    for (const auto& s : p["sizes"]) {
      if (!trim(s.get<std::string>()).empty()) {
        product.sizes.push_back(trim(s.get<std::string>()));
      }
    }
    if (p["wholesale_price"].is_number()) {
      product.wholesale_price = p["wholesale_price"].get<double>();
    }
    if (p["retail_price"].is_number()) {
      product.retail_price = p["retail_price"].get<double>();
    }
    product.currency =
        p["currency"].get<std::string>().empty() ? currency : p["currency"].get<std::string>();
    product.page = page;
    const json& b = p["bbox"];
    product.bbox = {b["x0"].get<double>(), b["y0"].get<double>(), b["x1"].get<double>(),
                    b["y1"].get<double>()};
    out.push_back(std::move(product));
  }
  return out;
}

model::ColumnMapping read_columns(const json& answer, const model::PoTable& table,
                                  const std::string& engine)
{
  model::ColumnMapping mapping;
  mapping.engine = engine;
  for (size_t i = 0; i < table.header.size(); ++i) {
    mapping.columns.push_back(
        {static_cast<int>(i), table.header[i], "ignore", "", "not named by the model"});
  }
  for (const auto& c : answer["columns"]) {
    auto& a = mapping.columns[static_cast<size_t>(c["column"].get<int64_t>())];
    a.field = c["field"].get<std::string>();
    a.size_label = a.field == "size_run" ? trim(c["size_label"].get<std::string>()) : "";
    a.evidence = trim(c["evidence"].get<std::string>());
  }
  return mapping;
}

} // namespace collproc::ai::openai
