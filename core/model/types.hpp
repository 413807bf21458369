#pragma once
// The values that phases exchange through the state file. Every type has
// nlohmann::json to_json/from_json (model/json.cpp): phase outputs are stored
// as JSON payloads, so these field names are also the `show --json` format.
//
// Coordinates: PDF points, origin at the page's top-left, y growing down
// (SPEC §5). Pages are numbered from 1.

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace collproc::model {

struct BBox {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;

  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
  double area() const { return width() > 0 && height() > 0 ? width() * height() : 0.0; }
  double cx() const { return (x0 + x1) / 2; }
  double cy() const { return (y0 + y1) / 2; }
  BBox united(const BBox& o) const;
  BBox intersected(const BBox& o) const; // area() == 0 when disjoint
  bool operator==(const BBox&) const = default;
};

// A staged source document (table `documents`).
enum class DocumentKind { linesheet, po };
struct DocumentRecord {
  std::string document_id; // derived from collection and sha256
  std::string collection_id;
  DocumentKind kind = DocumentKind::linesheet;
  std::string filename; // the name as given to `add`, without directories
  std::string format;   // "pdf", "xlsx" or "csv"
  std::string sha256;   // of the bytes; the blob's name
  int64_t size = 0;
  int pages = 0;        // PDF page count; 0 for spreadsheets
  std::string added_at; // RFC 3339
};
std::string to_string(DocumentKind);
std::optional<DocumentKind> document_kind_from_string(const std::string&);

// Phase 2: words, lines and blocks of one page.
struct Word {
  std::string text;
  BBox bbox;
  double font_size = 0;
  bool bold = false;
};
struct Line {
  BBox bbox;
  std::vector<int> words; // indexes into TextPage::words, left to right
  std::string text;       // the words joined by single spaces
  double font_size = 0;   // the largest word's
};
struct Block {
  BBox bbox;
  std::vector<int> lines; // indexes into TextPage::lines, top to bottom
};
struct TextPage {
  int page = 0;
  double width = 0, height = 0;
  std::vector<Word> words;   // in reading order
  std::vector<Line> lines;   // in reading order
  std::vector<Block> blocks; // in reading order
};
// What a reader of phase 2's pages needs: the words alone (lines and blocks
// are skipped while parsing and stay empty; words are about half of a page's
// parsed size), or everything.
enum class TextDetail { words, full };

// Phase 1: one placement of an image on a page. The same image placed twice
// gives two placements that share sha256.
struct ImagePlacement {
  std::string image_id; // derived from document, page and index; stable
  int page = 0;
  int index = 0;             // drawing order on the page, from 0
  BBox bbox;                 // where it is drawn, clipped to nothing
  int width = 0, height = 0; // pixel size of the image
  std::string sha256;        // of the stored bytes (the blob)
  std::string format;        // file extension of the stored bytes: "jpg" or "png"
  int xref = -1;             // PDF object number; -1 for inline images
};
struct PageImages {
  int page = 0;
  double width = 0, height = 0;
  std::vector<ImagePlacement> placements;
};

// Phase 3: whether a placement is a product photo.
struct ImageDecision {
  std::string image_id;
  bool keep = false;
  std::string reason; // "product photo", "logo repeated on 12 pages", "colour swatch", ...
};

// Phase 5.
struct Product {
  std::string product_id;
  std::string document_id;
  std::string style_number;
  std::string name;
  std::string description;
  std::string category;
  std::vector<std::string> colors;
  std::vector<std::string> sizes;
  std::optional<double> wholesale_price;
  std::optional<double> retail_price;
  std::string currency; // ISO 4217, e.g. "USD"
  int page = 0;
  BBox bbox; // the product's card, row or entry on the page
  // Why each field was read so, one "field: reason" line each (the heuristic
  // engine's; empty from others). Shown by `show extract-products --page N`,
  // not exported.
  std::vector<std::string> evidence;
};

// Phase 6: one kept image assigned to one product.
struct ImageMatch {
  std::string image_id;
  std::string product_id;
  double score = 0; // 0..1
};

void to_json(nlohmann::json&, const BBox&);
void from_json(const nlohmann::json&, BBox&);
void to_json(nlohmann::json&, const DocumentRecord&);
void from_json(const nlohmann::json&, DocumentRecord&);
void to_json(nlohmann::json&, const Word&);
void from_json(const nlohmann::json&, Word&);
void to_json(nlohmann::json&, const Line&);
void from_json(const nlohmann::json&, Line&);
void to_json(nlohmann::json&, const Block&);
void from_json(const nlohmann::json&, Block&);
void to_json(nlohmann::json&, const TextPage&);
void from_json(const nlohmann::json&, TextPage&);
void to_json(nlohmann::json&, const ImagePlacement&);
void from_json(const nlohmann::json&, ImagePlacement&);
void to_json(nlohmann::json&, const PageImages&);
void from_json(const nlohmann::json&, PageImages&);
void to_json(nlohmann::json&, const ImageDecision&);
void from_json(const nlohmann::json&, ImageDecision&);
void to_json(nlohmann::json&, const Product&);
void from_json(const nlohmann::json&, Product&);
void to_json(nlohmann::json&, const ImageMatch&);
void from_json(const nlohmann::json&, ImageMatch&);

// The JSON text of a list, built one element at a time: the bytes of
// nlohmann::json(items).dump() without the whole list's tree in memory.
template <typename T> std::string dump_list(const std::vector<T>& items)
{
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    out += nlohmann::json(items[i]).dump();
  }
  out += ']';
  return out;
}

} // namespace collproc::model
