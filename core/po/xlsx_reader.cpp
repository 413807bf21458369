#include "core/po/xlsx_reader.hpp"
#include "core/util/limits.hpp"

#include "core/po/text.hpp"
#include "core/util/error.hpp"

#include <pugixml.hpp>
#include <zip.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <set>

namespace collproc::po {

namespace {

constexpr int k_max_columns = 1024;
constexpr size_t k_max_sheets = 64;

Error bad(const std::string& display_name, const std::string& what, std::string hint = {})
{
  return Error(ExitCode::bad_input, display_name + ": " + what,
               hint.empty() ? "open it in a spreadsheet program and save it again as .xlsx"
                            : std::move(hint));
}

// The archive and a running total of inflated bytes.
class Archive {
public:
  Archive(const std::filesystem::path& path, std::string display_name)
      : m_display(std::move(display_name))
  {
    int err = 0;
    m_zip = zip_open(path.c_str(), ZIP_RDONLY, &err);
    if (m_zip == nullptr) {
      zip_error_t ze;
      zip_error_init_with_code(&ze, err);
      std::string why = zip_error_strerror(&ze);
      zip_error_fini(&ze);
      std::ifstream in(path, std::ios::binary);
      char magic[4] = {};
      in.read(magic, 4);
      if (std::string_view(magic, 4) == "\xD0\xCF\x11\xE0") {
        throw bad(m_display, "not a zip archive: a password-protected workbook or an old .xls",
                  "remove the password or save it as .xlsx, then add it again");
      }
      throw bad(m_display, "not a readable XLSX (zip): " + lower_ascii(why));
    }
  }
  ~Archive() { zip_discard(m_zip); }
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  bool has(const std::string& name) const
  {
    return zip_name_locate(m_zip, name.c_str(), ZIP_FL_NOCASE) >= 0;
  }

  // The entry's bytes; nullopt when absent. Throws for zip bombs and broken
  // entries: the size is checked before inflating and while inflating,
  // since a crafted header can lie about it.
  std::optional<std::string> read(const std::string& name)
  {
    const zip_int64_t index = zip_name_locate(m_zip, name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) {
      return std::nullopt;
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(m_zip, static_cast<zip_uint64_t>(index), 0, &st) != 0) {
      throw bad(m_display, "broken zip entry '" + name + "'");
    }
    if ((st.valid & ZIP_STAT_SIZE) != 0 && st.size > k_max_xlsx_entry_bytes) {
      throw too_large(name, st.size);
    }
    zip_file_t* file = zip_fopen_index(m_zip, static_cast<zip_uint64_t>(index), 0);
    if (file == nullptr) {
      throw bad(m_display, "broken zip entry '" + name + "': " + lower_ascii(zip_strerror(m_zip)));
    }
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> guard(file, zip_fclose);
    std::string bytes;
    char buffer[65536];
    for (;;) {
      const zip_int64_t n = zip_fread(file, buffer, sizeof buffer);
      if (n < 0) {
        throw bad(m_display,
                  "broken zip entry '" + name + "': " + lower_ascii(zip_file_strerror(file)));
      }
      if (n == 0) {
        break;
      }
      bytes.append(buffer, static_cast<size_t>(n));
      if (bytes.size() > k_max_xlsx_entry_bytes) {
        throw too_large(name, bytes.size());
      }
    }
    m_total += bytes.size();
    if (m_total > k_max_xlsx_total_bytes) {
      throw bad(m_display,
                "the workbook inflates to more than " +
                    std::to_string(k_max_xlsx_total_bytes >> 20) + " MB: refusing it as a zip bomb",
                "export only the order sheet");
    }
    return bytes;
  }

private:
  Error too_large(const std::string& name, uint64_t size) const
  {
    return bad(m_display,
               "zip entry '" + name + "' inflates to " + std::to_string(size) +
                   " bytes or more (limit " + std::to_string(k_max_xlsx_entry_bytes >> 20) +
                   " MB): refusing it as a zip bomb",
               "export only the order sheet, or save it as CSV");
  }

  zip_t* m_zip = nullptr;
  std::string m_display;
  size_t m_total = 0;
};

std::string_view local_name(const char* name)
{
  std::string_view s(name);
  const size_t colon = s.find(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

// First child with this local name, whatever its namespace prefix.
pugi::xml_node child(pugi::xml_node node, std::string_view name)
{
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_element && local_name(c.name()) == name) {
      return c;
    }
  }
  return {};
}

template <typename F> void each_child(pugi::xml_node node, std::string_view name, F&& f)
{
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_element && local_name(c.name()) == name) {
      f(c);
    }
  }
}

pugi::xml_attribute attribute(pugi::xml_node node, std::string_view name)
{
  for (pugi::xml_attribute a : node.attributes()) {
    if (local_name(a.name()) == name) {
      return a;
    }
  }
  return {};
}

// Parses without DOCTYPE processing: pugixml never expands entities other
// than the five predefined and character references, so an entity bomb
// stays the literal text "&a5;".
pugi::xml_document parse_xml(const std::string& bytes, const std::string& part,
                             const std::string& display_name)
{
  pugi::xml_document doc;
  const pugi::xml_parse_result result = doc.load_buffer(
      bytes.data(), bytes.size(), pugi::parse_default & ~pugi::parse_doctype, pugi::encoding_auto);
  if (!result) {
    throw bad(display_name,
              "'" + part + "' is not well-formed XML: " + lower_ascii(result.description()));
  }
  return doc;
}

// Text of <t> children, rich-text runs <r><t> included, phonetic <rPh> left out.
std::string string_item_text(pugi::xml_node si)
{
  std::string text;
  for (pugi::xml_node c : si.children()) {
    const std::string_view name = local_name(c.name());
    if (name == "t") {
      text += c.text().get();
    } else if (name == "r") {
      text += child(c, "t").text().get();
    }
    if (text.size() > util::limits().max_cell_bytes) {
      text.resize(util::limits().max_cell_bytes);
      break;
    }
  }
  return text;
}

std::string directory_of(const std::string& part)
{
  const size_t slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

// A relationship target resolved against the part's folder.
std::string resolve(const std::string& base_dir, const std::string& target)
{
  std::string path = target.starts_with("/") ? target.substr(1) : base_dir + target;
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    const size_t slash = path.find('/', start);
    const std::string piece =
        path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (piece == "..") {
      if (!parts.empty()) {
        parts.pop_back();
      }
    } else if (!piece.empty() && piece != ".") {
      parts.push_back(piece);
    }
    if (slash == std::string::npos) {
      break;
    }
    start = slash + 1;
  }
  std::string out;
  for (const std::string& p : parts) {
    out += (out.empty() ? "" : "/") + p;
  }
  return out;
}

std::string rels_path_of(const std::string& part)
{
  const size_t slash = part.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : part.substr(0, slash + 1);
  const std::string name = slash == std::string::npos ? part : part.substr(slash + 1);
  return dir + "_rels/" + name + ".rels";
}

struct Relationship {
  std::string type; // the last path segment of Type: "worksheet", "sharedStrings", ...
  std::string target;
};

std::map<std::string, Relationship> read_rels(Archive& zip, const std::string& part,
                                              const std::string& display_name)
{
  std::map<std::string, Relationship> rels;
  const std::string path = rels_path_of(part);
  const std::optional<std::string> bytes = zip.read(path);
  if (!bytes) {
    return rels;
  }
  const pugi::xml_document doc = parse_xml(*bytes, path, display_name);
  each_child(child(doc, "Relationships"), "Relationship", [&](pugi::xml_node r) {
    std::string type = attribute(r, "Type").value();
    type = type.substr(type.rfind('/') + 1);
    rels[attribute(r, "Id").value()] =
        Relationship{type, resolve(directory_of(part), attribute(r, "Target").value())};
  });
  return rels;
}

bool builtin_date_format(int id)
{
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

// Whether a custom number format shows a date or time: its letters outside
// quotes, escapes and [colour]/[$-locale] brackets include d, y, h or s.
bool custom_date_format(std::string_view code)
{
  bool quoted = false;
  bool bracket = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (quoted) {
      quoted = c != '"';
    } else if (bracket) {
      bracket = c != ']';
    } else if (c == '"') {
      quoted = true;
    } else if (c == '[') {
      bracket = true;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == ';') {
      break; // the first section decides (positive numbers)
    } else {
      const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (l == 'd' || l == 'y' || l == 'h' || l == 's') {
        return true;
      }
    }
  }
  return false;
}

// For each cellXfs index, whether cells of that style are dates.
std::vector<bool> read_date_styles(Archive& zip, const std::string& path,
                                   const std::string& display_name)
{
  std::vector<bool> dates;
  const std::optional<std::string> bytes = zip.read(path);
  if (!bytes) {
    return dates;
  }
  const pugi::xml_document doc = parse_xml(*bytes, path, display_name);
  const pugi::xml_node sheet = child(doc, "styleSheet");
  std::map<int, bool> custom;
  each_child(child(sheet, "numFmts"), "numFmt", [&](pugi::xml_node f) {
    custom[attribute(f, "numFmtId").as_int()] =
        custom_date_format(attribute(f, "formatCode").value());
  });
  each_child(child(sheet, "cellXfs"), "xf", [&](pugi::xml_node xf) {
    const int id = attribute(xf, "numFmtId").as_int();
    const auto it = custom.find(id);
    dates.push_back(it != custom.end() ? it->second : builtin_date_format(id));
  });
  return dates;
}

// "BC12" -> column 54 (0-based) and row 12; false when it is not a reference.
bool parse_ref(std::string_view ref, int& column, int& row)
{
  size_t i = 0;
  long col = 0;
  while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i]))) {
    col = col * 26 + (std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
    if (col > 16384) {
      return false;
    }
    ++i;
  }
  if (i == 0) {
    return false;
  }
  long r = 0;
  const size_t digits_start = i;
  while (i < ref.size() && std::isdigit(static_cast<unsigned char>(ref[i]))) {
    r = r * 10 + (ref[i] - '0');
    if (r > 1048576) {
      return false;
    }
    ++i;
  }
  if (i != ref.size()) {
    return false;
  }
  column = static_cast<int>(col - 1);
  row = i == digits_start ? 0 : static_cast<int>(r);
  return true;
}

struct SheetContext {
  const std::vector<std::string>* shared = nullptr;
  const std::vector<bool>* date_styles = nullptr;
  bool date1904 = false;
  std::string display_name;
};

std::string cell_value(pugi::xml_node c, const SheetContext& ctx, bool& bad_index)
{
  const std::string type = attribute(c, "t").value();
  const char* v = child(c, "v").text().get();
  std::string text;
  if (type == "s") {
    char* end = nullptr;
    const unsigned long index = std::strtoul(v, &end, 10);
    if (end != v && index < ctx.shared->size()) {
      text = (*ctx.shared)[index];
    } else {
      bad_index = true;
    }
  } else if (type == "inlineStr") {
    text = string_item_text(child(c, "is"));
  } else if (type == "b") {
    text = std::string_view(v) == "1" ? "TRUE" : "FALSE";
  } else if (type == "str" || type == "e" || type == "d") {
    text = v;
  } else {
    char* end = nullptr;
    const double number = std::strtod(v, &end);
    const std::string_view rest(end);
    if (end == v || !std::isfinite(number) || trim(rest) != "") {
      text = v;
    } else {
      const std::string s = attribute(c, "s").value();
      const unsigned long style = s.empty() ? 0 : std::strtoul(s.c_str(), nullptr, 10);
      const bool is_date = style < ctx.date_styles->size() && (*ctx.date_styles)[style];
      text = is_date ? excel_serial_to_iso(number, ctx.date1904) : format_number(number);
    }
  }
  if (text.size() > util::limits().max_cell_bytes) {
    text.resize(util::limits().max_cell_bytes);
  }
  return text;
}

struct Range {
  int c0 = 0, r0 = 0, c1 = 0, r1 = 0;
};

Grid read_sheet(Archive& zip, const std::string& part, const std::string& name,
                const SheetContext& ctx)
{
  Grid grid;
  grid.sheet = name;
  const std::optional<std::string> bytes = zip.read(part);
  if (!bytes) {
    grid.notes.push_back("sheet '" + name + "': part '" + part + "' is missing");
    return grid;
  }
  const pugi::xml_document doc = parse_xml(*bytes, part, ctx.display_name);
  const pugi::xml_node ws = child(doc, "worksheet");

  std::set<int> hidden_columns;
  each_child(child(ws, "cols"), "col", [&](pugi::xml_node col) {
    const std::string h = attribute(col, "hidden").value();
    if (h == "1" || h == "true") {
      const int lo = std::max(1, attribute(col, "min").as_int());
      const int hi = std::min(k_max_columns, attribute(col, "max").as_int());
      for (int i = lo; i <= hi; ++i) {
        hidden_columns.insert(i - 1);
      }
    }
  });

  // Rows in sheet order; rows and cells without r= follow their predecessor.
  std::map<int, std::vector<std::string>> rows;
  std::set<int> hidden_rows;
  bool dropped_columns = false;
  bool bad_index = false;
  int row_number = 0;
  size_t cells = 0;
  each_child(child(ws, "sheetData"), "row", [&](pugi::xml_node row) {
    const int r = attribute(row, "r").as_int();
    row_number = r > row_number ? r : row_number + 1;
    const std::string h = attribute(row, "hidden").value();
    if (h == "1" || h == "true") {
      hidden_rows.insert(row_number);
    }
    std::vector<std::string>& out = rows[row_number];
    int column = -1;
    each_child(row, "c", [&](pugi::xml_node c) {
      int col = column + 1;
      int ref_row = 0;
      if (const char* ref = attribute(c, "r").value();
          *ref != '\0' && !parse_ref(ref, col, ref_row)) {
        col = column + 1;
      }
      column = col;
      if (col >= k_max_columns) {
        dropped_columns = true;
        return;
      }
      std::string value = cell_value(c, ctx, bad_index);
      if (value.empty()) {
        return;
      }
      if (++cells > 2'000'000) {
        throw bad(ctx.display_name, "sheet '" + name + "' has more than 2,000,000 cells",
                  "export only the order table");
      }
      if (out.size() <= static_cast<size_t>(col)) {
        out.resize(static_cast<size_t>(col) + 1);
      }
      out[static_cast<size_t>(col)] = std::move(value);
    });
  });

  // A merged cell's value applies to every cell it spans, so a style merged
  // down its colour rows reaches each of them. Only rows that exist are
  // filled, so a merge over A1:XFD1048576 costs nothing.
  int merges = 0;
  each_child(child(ws, "mergeCells"), "mergeCell", [&](pugi::xml_node m) {
    const std::string ref = attribute(m, "ref").value();
    const size_t colon = ref.find(':');
    Range range;
    if (colon == std::string::npos || !parse_ref(ref.substr(0, colon), range.c0, range.r0) ||
        !parse_ref(ref.substr(colon + 1), range.c1, range.r1) || range.r0 == 0 ||
        range.r1 < range.r0 || range.c1 < range.c0) {
      return;
    }
    const auto top = rows.find(range.r0);
    if (top == rows.end() || static_cast<size_t>(range.c0) >= top->second.size()) {
      return;
    }
    const std::string value = top->second[static_cast<size_t>(range.c0)];
    if (value.empty()) {
      return;
    }
    ++merges;
    const int c1 = std::min(range.c1, k_max_columns - 1);
    for (auto it = top; it != rows.end() && it->first <= range.r1; ++it) {
      if (it->second.size() <= static_cast<size_t>(c1)) {
        it->second.resize(static_cast<size_t>(c1) + 1);
      }
      for (int c = range.c0; c <= c1; ++c) {
        if (it->second[static_cast<size_t>(c)].empty()) {
          it->second[static_cast<size_t>(c)] = value;
        }
      }
    }
  });

  for (auto& [r, cells_of_row] : rows) {
    if (hidden_rows.count(r) > 0) {
      continue;
    }
    GridRow row;
    row.source_row = r;
    for (size_t c = 0; c < cells_of_row.size(); ++c) {
      if (hidden_columns.count(static_cast<int>(c)) == 0) {
        row.cells.push_back(std::move(cells_of_row[c]));
      }
    }
    grid.rows.push_back(std::move(row));
  }
  if (!hidden_rows.empty()) {
    grid.notes.push_back(std::to_string(hidden_rows.size()) + " hidden row(s) left out");
  }
  if (!hidden_columns.empty()) {
    std::string letters;
    for (int c : hidden_columns) {
      if (c < 26) {
        letters += (letters.empty() ? "" : ", ") + std::string(1, static_cast<char>('A' + c));
      }
    }
    grid.notes.push_back(std::to_string(hidden_columns.size()) + " hidden column(s) left out" +
                         (letters.empty() ? "" : " (" + letters + ")"));
  }
  if (merges > 0) {
    grid.notes.push_back(std::to_string(merges) +
                         " merged range(s) filled from their top-left cell");
  }
  if (dropped_columns) {
    grid.notes.push_back("columns past " + std::to_string(k_max_columns) + " left out");
  }
  if (bad_index) {
    grid.notes.push_back("some cells point past the shared strings table and were read as empty");
  }
  return grid;
}

} // namespace

std::string excel_serial_to_iso(double serial, bool date1904)
{
  double days = std::floor(serial);
  const double fraction = serial - days;
  long long n = static_cast<long long>(days);
  if (date1904) {
    n += 1462;
  }
  // Excel's 1900 system counts a 29 February 1900 that never was.
  long long unix_days = n >= 61 ? n - 25569 : n - 25568;
  // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
  unix_days += 719468;
  const long long era = (unix_days >= 0 ? unix_days : unix_days - 146096) / 146097;
  const long long doe = unix_days - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const long long d = doy - (153 * mp + 2) / 5 + 1;
  const long long m = mp < 10 ? mp + 3 : mp - 9;
  const long long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  char buffer[128];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02lld-%02lld", y, m, d);
  std::string out = buffer;
  const long long seconds = std::llround(fraction * 86400.0);
  if (seconds > 0 && seconds < 86400) {
    std::snprintf(buffer, sizeof buffer, "T%02lld:%02lld:%02lld", seconds / 3600, seconds / 60 % 60,
                  seconds % 60);
    out += buffer;
  }
  return out;
}

std::vector<Grid> read_xlsx_grids(const std::filesystem::path& path,
                                  const std::string& display_name)
{
  Archive zip(path, display_name);

  std::string workbook_part;
  for (const auto& [id, rel] : read_rels(zip, "", display_name)) {
    if (rel.type == "officeDocument" && zip.has(rel.target)) {
      workbook_part = rel.target;
    }
  }
  for (const char* fallback : {"xl/workbook.xml", "workbook.xml"}) {
    if (workbook_part.empty() && zip.has(fallback)) {
      workbook_part = fallback;
    }
  }
  if (workbook_part.empty()) {
    throw bad(display_name, "not an XLSX workbook: it holds no workbook part (a .docx or .pptx?)",
              "export the purchase order as .xlsx or .csv");
  }
  const pugi::xml_document workbook =
      parse_xml(*zip.read(workbook_part), workbook_part, display_name);
  const pugi::xml_node wb = child(workbook, "workbook");
  const std::string d1904 = attribute(child(wb, "workbookPr"), "date1904").value();

  const std::map<std::string, Relationship> rels = read_rels(zip, workbook_part, display_name);
  const std::string dir = directory_of(workbook_part);
  std::string shared_part = dir + "sharedStrings.xml";
  std::string styles_part = dir + "styles.xml";
  for (const auto& [id, rel] : rels) {
    if (rel.type == "sharedStrings") {
      shared_part = rel.target;
    } else if (rel.type == "styles") {
      styles_part = rel.target;
    }
  }

  std::vector<std::string> shared;
  if (const std::optional<std::string> bytes = zip.read(shared_part)) {
    const pugi::xml_document doc = parse_xml(*bytes, shared_part, display_name);
    each_child(child(doc, "sst"), "si",
               [&](pugi::xml_node si) { shared.push_back(string_item_text(si)); });
  }
  const std::vector<bool> date_styles = read_date_styles(zip, styles_part, display_name);
  SheetContext ctx{&shared, &date_styles, d1904 == "1" || d1904 == "true", display_name};

  std::vector<Grid> grids;
  size_t index = 0;
  each_child(child(wb, "sheets"), "sheet", [&](pugi::xml_node sheet) {
    if (++index > k_max_sheets) {
      return;
    }
    const std::string name = attribute(sheet, "name").value();
    const auto rel = rels.find(attribute(sheet, "id").value());
    std::string part = rel != rels.end()
                           ? rel->second.target
                           : dir + "worksheets/sheet" + std::to_string(index) + ".xml";
    if (!zip.has(part) && zip.has(dir + "sheet" + std::to_string(index) + ".xml")) {
      part = dir + "sheet" + std::to_string(index) + ".xml";
    }
    Grid grid = read_sheet(zip, part, name, ctx);
    const std::string state = attribute(sheet, "state").value();
    if (state == "hidden" || state == "veryHidden") {
      grid.notes.push_back("hidden sheet");
    }
    // pugixml does not check UTF-8 and a cut cell can end inside a
    // character; the table is stored as JSON, which must be UTF-8.
    grid.sheet = repair_utf8(grid.sheet);
    for (GridRow& row : grid.rows) {
      for (std::string& cell : row.cells) {
        cell = repair_utf8(cell);
      }
    }
    for (std::string& note : grid.notes) {
      note = repair_utf8(note);
    }
    grids.push_back(std::move(grid));
  });
  return grids;
}

model::PoTable read_xlsx(const std::filesystem::path& path, const std::string& display_name)
{
  const std::vector<Grid> grids = read_xlsx_grids(path, display_name);
  if (grids.empty()) {
    throw bad(display_name, "the workbook has no worksheets",
              "export the purchase order with its order sheet");
  }
  const auto hidden = [](const Grid& g) {
    return std::find(g.notes.begin(), g.notes.end(), "hidden sheet") != g.notes.end();
  };
  const Grid* best = nullptr;
  std::optional<HeaderChoice> best_header;
  std::vector<std::string> others;
  for (const Grid& grid : grids) {
    const std::optional<HeaderChoice> header = find_header_row(grid);
    const bool better =
        header && (!best_header || (hidden(*best) && !hidden(grid)) ||
                   (hidden(*best) == hidden(grid) && header->score > best_header->score));
    if (better) {
      best = &grid;
      best_header = header;
    }
  }
  if (best == nullptr) {
    throw Error(
        ExitCode::bad_input,
        display_name + ": " +
            "no header row found: expected a row naming a style and a quantity column (on any of " +
            std::to_string(grids.size()) + " sheet(s))",
        "check that the order table has a header row such as 'Style #, Color, Size, Qty'");
  }
  for (const Grid& grid : grids) {
    if (&grid != best) {
      others.push_back("'" + grid.sheet + "'" + (hidden(grid) ? " (hidden)" : ""));
    }
  }
  model::PoTable table = build_table(*best, *best_header);
  std::string note =
      "sheet '" + best->sheet + "' chosen: its header row names the most order fields";
  if (!others.empty()) {
    note += "; other sheets:";
    for (size_t i = 0; i < others.size(); ++i) {
      note += (i == 0 ? " " : ", ") + others[i];
    }
  }
  table.notes.insert(table.notes.begin(), note);
  return table;
}

} // namespace collproc::po
