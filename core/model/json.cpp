// JSON forms of the model types. Optional numbers are null when absent, so a
// payload always has every key.

#include "core/model/order.hpp"
#include "core/model/types.hpp"

#include <algorithm>

namespace collproc::model {

using nlohmann::json;

namespace {

template <typename T> void put_optional(json& j, const char* key, const std::optional<T>& value)
{
  j[key] = value ? json(*value) : json(nullptr);
}

template <typename T> void get_optional(const json& j, const char* key, std::optional<T>& value)
{
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    value.reset();
  } else {
    value = it->get<T>();
  }
}

template <typename T> void get_or(const json& j, const char* key, T& value)
{
  auto it = j.find(key);
  if (it != j.end() && !it->is_null()) {
    it->get_to(value);
  }
}

} // namespace

BBox BBox::united(const BBox& o) const
{
  return {std::min(x0, o.x0), std::min(y0, o.y0), std::max(x1, o.x1), std::max(y1, o.y1)};
}

BBox BBox::intersected(const BBox& o) const
{
  BBox r{std::max(x0, o.x0), std::max(y0, o.y0), std::min(x1, o.x1), std::min(y1, o.y1)};
  if (r.x1 < r.x0 || r.y1 < r.y0) {
    return {r.x0, r.y0, r.x0, r.y0};
  }
  return r;
}

std::string to_string(DocumentKind kind)
{
  return kind == DocumentKind::po ? "po" : "linesheet";
}

std::optional<DocumentKind> document_kind_from_string(const std::string& s)
{
  if (s == "linesheet") {
    return DocumentKind::linesheet;
  }
  if (s == "po") {
    return DocumentKind::po;
  }
  return std::nullopt;
}

void to_json(json& j, const BBox& b)
{
  j = json::array({b.x0, b.y0, b.x1, b.y1});
}
void from_json(const json& j, BBox& b)
{
  b = {j.at(0).get<double>(), j.at(1).get<double>(), j.at(2).get<double>(), j.at(3).get<double>()};
}

void to_json(json& j, const DocumentRecord& d)
{
  j = json{{"document_id", d.document_id},
           {"collection_id", d.collection_id},
           {"kind", to_string(d.kind)},
           {"filename", d.filename},
           {"format", d.format},
           {"sha256", d.sha256},
           {"size", d.size},
           {"pages", d.pages},
           {"added_at", d.added_at}};
}
void from_json(const json& j, DocumentRecord& d)
{
  get_or(j, "document_id", d.document_id);
  get_or(j, "collection_id", d.collection_id);
  d.kind =
      document_kind_from_string(j.value("kind", "linesheet")).value_or(DocumentKind::linesheet);
  get_or(j, "filename", d.filename);
  get_or(j, "format", d.format);
  get_or(j, "sha256", d.sha256);
  get_or(j, "size", d.size);
  get_or(j, "pages", d.pages);
  get_or(j, "added_at", d.added_at);
}

void to_json(json& j, const Word& w)
{
  j = json{{"text", w.text}, {"bbox", w.bbox}, {"font_size", w.font_size}, {"bold", w.bold}};
}
void from_json(const json& j, Word& w)
{
  get_or(j, "text", w.text);
  get_or(j, "bbox", w.bbox);
  get_or(j, "font_size", w.font_size);
  get_or(j, "bold", w.bold);
}

void to_json(json& j, const Line& l)
{
  j = json{{"bbox", l.bbox}, {"words", l.words}, {"text", l.text}, {"font_size", l.font_size}};
}
void from_json(const json& j, Line& l)
{
  get_or(j, "bbox", l.bbox);
  get_or(j, "words", l.words);
  get_or(j, "text", l.text);
  get_or(j, "font_size", l.font_size);
}

void to_json(json& j, const Block& b)
{
  j = json{{"bbox", b.bbox}, {"lines", b.lines}};
}
void from_json(const json& j, Block& b)
{
  get_or(j, "bbox", b.bbox);
  get_or(j, "lines", b.lines);
}

void to_json(json& j, const TextPage& p)
{
  j = json{{"page", p.page},   {"width", p.width}, {"height", p.height},
           {"words", p.words}, {"lines", p.lines}, {"blocks", p.blocks}};
}
void from_json(const json& j, TextPage& p)
{
  get_or(j, "page", p.page);
  get_or(j, "width", p.width);
  get_or(j, "height", p.height);
  get_or(j, "words", p.words);
  get_or(j, "lines", p.lines);
  get_or(j, "blocks", p.blocks);
}

void to_json(json& j, const ImagePlacement& p)
{
  j = json{{"image_id", p.image_id}, {"page", p.page},     {"index", p.index},
           {"bbox", p.bbox},         {"width", p.width},   {"height", p.height},
           {"sha256", p.sha256},     {"format", p.format}, {"xref", p.xref}};
}
void from_json(const json& j, ImagePlacement& p)
{
  get_or(j, "image_id", p.image_id);
  get_or(j, "page", p.page);
  get_or(j, "index", p.index);
  get_or(j, "bbox", p.bbox);
  get_or(j, "width", p.width);
  get_or(j, "height", p.height);
  get_or(j, "sha256", p.sha256);
  get_or(j, "format", p.format);
  get_or(j, "xref", p.xref);
}

void to_json(json& j, const PageImages& p)
{
  j = json{
      {"page", p.page}, {"width", p.width}, {"height", p.height}, {"placements", p.placements}};
}
void from_json(const json& j, PageImages& p)
{
  get_or(j, "page", p.page);
  get_or(j, "width", p.width);
  get_or(j, "height", p.height);
  get_or(j, "placements", p.placements);
}

void to_json(json& j, const ImageDecision& d)
{
  j = json{{"image_id", d.image_id}, {"keep", d.keep}, {"reason", d.reason}};
}
void from_json(const json& j, ImageDecision& d)
{
  get_or(j, "image_id", d.image_id);
  get_or(j, "keep", d.keep);
  get_or(j, "reason", d.reason);
}

void to_json(json& j, const Product& p)
{
  j = json{{"product_id", p.product_id},
           {"document_id", p.document_id},
           {"style_number", p.style_number},
           {"name", p.name},
           {"description", p.description},
           {"category", p.category},
           {"colors", p.colors},
           {"sizes", p.sizes},
           {"currency", p.currency},
           {"page", p.page},
           {"bbox", p.bbox}};
  put_optional(j, "wholesale_price", p.wholesale_price);
  put_optional(j, "retail_price", p.retail_price);
  if (!p.evidence.empty()) {
    j["evidence"] = p.evidence;
  }
}
void from_json(const json& j, Product& p)
{
  get_or(j, "product_id", p.product_id);
  get_or(j, "document_id", p.document_id);
  get_or(j, "style_number", p.style_number);
  get_or(j, "name", p.name);
  get_or(j, "description", p.description);
  get_or(j, "category", p.category);
  get_or(j, "colors", p.colors);
  get_or(j, "sizes", p.sizes);
  get_optional(j, "wholesale_price", p.wholesale_price);
  get_optional(j, "retail_price", p.retail_price);
  get_or(j, "currency", p.currency);
  get_or(j, "page", p.page);
  get_or(j, "bbox", p.bbox);
  get_or(j, "evidence", p.evidence);
}

void to_json(json& j, const ImageMatch& m)
{
  j = json{{"image_id", m.image_id}, {"product_id", m.product_id}, {"score", m.score}};
}
void from_json(const json& j, ImageMatch& m)
{
  get_or(j, "image_id", m.image_id);
  get_or(j, "product_id", m.product_id);
  get_or(j, "score", m.score);
}

void to_json(json& j, const PoRow& r)
{
  j = json{{"source_row", r.source_row}, {"cells", r.cells}};
}
void from_json(const json& j, PoRow& r)
{
  get_or(j, "source_row", r.source_row);
  get_or(j, "cells", r.cells);
}

void to_json(json& j, const PoTable& t)
{
  j = json{{"sheet", t.sheet},
           {"header_row", t.header_row},
           {"header", t.header},
           {"rows", t.rows},
           {"notes", t.notes}};
}
void from_json(const json& j, PoTable& t)
{
  get_or(j, "sheet", t.sheet);
  get_or(j, "header_row", t.header_row);
  get_or(j, "header", t.header);
  get_or(j, "rows", t.rows);
  get_or(j, "notes", t.notes);
}

void to_json(json& j, const ColumnAssignment& c)
{
  j = json{{"column", c.column},
           {"header", c.header},
           {"field", c.field},
           {"size_label", c.size_label},
           {"evidence", c.evidence}};
}
void from_json(const json& j, ColumnAssignment& c)
{
  get_or(j, "column", c.column);
  get_or(j, "header", c.header);
  get_or(j, "field", c.field);
  get_or(j, "size_label", c.size_label);
  get_or(j, "evidence", c.evidence);
}

void to_json(json& j, const ColumnMapping& m)
{
  j = json{{"columns", m.columns}, {"engine", m.engine}};
}
void from_json(const json& j, ColumnMapping& m)
{
  get_or(j, "columns", m.columns);
  get_or(j, "engine", m.engine);
}

void to_json(json& j, const Sku& s)
{
  j = json{{"style_number", s.style_number},
           {"color", s.color},
           {"size", s.size},
           {"quantity", s.quantity},
           {"description", s.description},
           {"upc", s.upc},
           {"rows", s.rows}};
  put_optional(j, "unit_cost", s.unit_cost);
  put_optional(j, "retail_price", s.retail_price);
}
void from_json(const json& j, Sku& s)
{
  get_or(j, "style_number", s.style_number);
  get_or(j, "color", s.color);
  get_or(j, "size", s.size);
  get_or(j, "quantity", s.quantity);
  get_optional(j, "unit_cost", s.unit_cost);
  get_optional(j, "retail_price", s.retail_price);
  get_or(j, "description", s.description);
  get_or(j, "upc", s.upc);
  get_or(j, "rows", s.rows);
}

void to_json(json& j, const EnrichedSku& e)
{
  j = json{{"sku", e.sku}, {"match", e.match}};
  put_optional(j, "product_id", e.product_id);
}
void from_json(const json& j, EnrichedSku& e)
{
  get_or(j, "sku", e.sku);
  get_optional(j, "product_id", e.product_id);
  get_or(j, "match", e.match);
}

void to_json(json& j, const Item& i)
{
  j = json{{"item_id", i.item_id},
           {"style_number", i.style_number},
           {"name", i.name},
           {"color", i.color},
           {"category", i.category},
           {"sizes", i.sizes},
           {"total_quantity", i.total_quantity},
           {"currency", i.currency},
           {"on_linesheet", i.on_linesheet},
           {"images", i.images},
           {"source", json{{"po_document_id", i.po_document_id}, {"rows", i.rows}}}};
  put_optional(j, "unit_cost", i.unit_cost);
  put_optional(j, "retail_price", i.retail_price);
}
void from_json(const json& j, Item& i)
{
  get_or(j, "item_id", i.item_id);
  get_or(j, "style_number", i.style_number);
  get_or(j, "name", i.name);
  get_or(j, "color", i.color);
  get_or(j, "category", i.category);
  get_or(j, "sizes", i.sizes);
  get_or(j, "total_quantity", i.total_quantity);
  get_optional(j, "unit_cost", i.unit_cost);
  get_optional(j, "retail_price", i.retail_price);
  get_or(j, "currency", i.currency);
  get_or(j, "on_linesheet", i.on_linesheet);
  get_or(j, "images", i.images);
  if (auto it = j.find("source"); it != j.end()) {
    get_or(*it, "po_document_id", i.po_document_id);
    get_or(*it, "rows", i.rows);
  }
}

} // namespace collproc::model
