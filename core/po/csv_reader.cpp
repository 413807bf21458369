#include "core/po/csv_reader.hpp"
#include "core/util/limits.hpp"

#include "core/po/text.hpp"
#include "core/util/error.hpp"

#include <array>
#include <cerrno>
#include <fstream>
#include <iconv.h>
#include <map>

namespace collproc::po {

namespace {

constexpr const char* k_replacement = "\xEF\xBF\xBD"; // U+FFFD
constexpr size_t k_max_columns = 1024;
constexpr size_t k_max_cells = 4'000'000;

// Converts with glibc iconv; undecodable input becomes U+FFFD so a stray
// byte never loses the rest of the file.
std::string convert(std::string_view bytes, const char* from, size_t unit)
{
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    throw Error(ExitCode::unavailable, std::string("iconv: cannot convert from ") + from);
  }
  std::string out;
  out.reserve(bytes.size() * 2);
  std::array<char, 8192> buffer{};
  auto* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  while (in_left > 0) {
    char* out_ptr = buffer.data();
    size_t out_left = buffer.size();
    const size_t rc = iconv(cd, &in, &in_left, &out_ptr, &out_left);
    out.append(buffer.data(), buffer.size() - out_left);
    if (rc == static_cast<size_t>(-1)) {
      if (errno == E2BIG) {
        continue;
      }
      out += k_replacement;
      const size_t skip = std::min(unit, in_left);
      in += skip;
      in_left -= skip;
      if (errno == EINVAL) {
        break; // truncated sequence at the end
      }
    }
  }
  iconv_close(cd);
  return out;
}

std::string drop_nuls(std::string text)
{
  std::erase(text, '\0');
  return text;
}

struct Record {
  int line = 0;
  std::vector<std::string> fields;
};

struct ParseResult {
  std::vector<Record> records;
  bool unterminated_quote = false;
  bool truncated_cells = false;
  bool dropped_columns = false;
};

// RFC 4180 with the leniency real exports need: CR-only line ends, text
// after a closing quote kept, quotes inside an unquoted field literal.
ParseResult parse(std::string_view text, char delim, size_t max_records)
{
  ParseResult result;
  Record record;
  std::string field;
  const size_t max_cell_bytes = util::limits().max_cell_bytes;
  int line = 1;
  size_t record_start = 0;
  int record_line = 1;
  bool in_quotes = false;
  bool quoting = true;
  bool field_started = false;
  size_t cells = 0;

  const auto end_field = [&]() {
    if (record.fields.size() < k_max_columns) {
      record.fields.push_back(std::move(field));
    } else {
      result.dropped_columns = true;
    }
    field.clear();
    field_started = false;
  };
  const auto append = [&](char c) {
    if (field.size() < max_cell_bytes) {
      field += c;
    } else {
      result.truncated_cells = true;
    }
    field_started = true;
  };
  const auto end_record = [&](size_t next) {
    end_field();
    record.line = record_line;
    cells += record.fields.size();
    if (cells > k_max_cells) {
      throw Error(ExitCode::bad_input, "more than " + std::to_string(k_max_cells) + " cells",
                  "a purchase order is much smaller; check that this is the right file");
    }
    result.records.push_back(std::move(record));
    record = Record();
    record_start = next;
    record_line = line;
  };

  size_t i = 0;
  const size_t n = text.size();
  while (i < n && result.records.size() < max_records) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < n && text[i + 1] == '"') {
          append('"');
          i += 2;
        } else {
          in_quotes = false;
          ++i;
        }
        continue;
      }
      if (c == '\n' || (c == '\r' && (i + 1 >= n || text[i + 1] != '\n'))) {
        ++line;
      }
      append(c);
      ++i;
      if (i == n) {
        // Unterminated quote: read this record again with quotes literal,
        // and the rest of the file too, so one stray '"' cannot swallow it.
        result.unterminated_quote = true;
        quoting = false;
        in_quotes = false;
        i = record_start;
        line = record_line;
        record = Record();
        field.clear();
        field_started = false;
      }
      continue;
    }
    if (c == '"' && quoting && !field_started) {
      in_quotes = true;
      field_started = true;
      ++i;
      if (i == n) {
        result.unterminated_quote = true;
      }
      continue;
    }
    if (c == delim) {
      end_field();
      ++i;
      continue;
    }
    if (c == '\r' || c == '\n') {
      const size_t next = (c == '\r' && i + 1 < n && text[i + 1] == '\n') ? i + 2 : i + 1;
      ++line;
      end_record(next);
      i = next;
      continue;
    }
    append(c);
    ++i;
  }
  if (result.records.size() < max_records && (field_started || !record.fields.empty())) {
    end_record(n);
  }
  return result;
}

// The delimiter giving the most records of one consistent width (> 1).
char detect_delimiter(std::string_view text)
{
  const std::string_view sample = text.substr(0, 256 * 1024);
  char best = ',';
  size_t best_score = 0;
  for (char delim : {',', ';', '\t', '|'}) {
    const ParseResult parsed = parse(sample, delim, 60);
    std::map<size_t, size_t> widths;
    for (const Record& r : parsed.records) {
      if (r.fields.size() > 1) {
        ++widths[r.fields.size()];
      }
    }
    size_t score = 0;
    for (const auto& [width, count] : widths) {
      score = std::max(score, count * 4 + std::min<size_t>(width, 3));
    }
    if (score > best_score) {
      best_score = score;
      best = delim;
    }
  }
  return best;
}

std::string delimiter_name(char delim)
{
  return delim == '\t' ? "tab" : std::string("'") + delim + "'";
}

} // namespace

std::string decode_text(std::string_view bytes, std::string& encoding)
{
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    encoding = "utf-8 bom";
    std::string_view rest = bytes.substr(3);
    // Not iconv from UTF-8: glibc's lets some ill-formed sequences through.
    return drop_nuls(repair_utf8(rest));
  }
  if (bytes.starts_with("\xFF\xFE")) {
    encoding = "utf-16le bom";
    return drop_nuls(convert(bytes.substr(2), "UTF-16LE", 2));
  }
  if (bytes.starts_with("\xFE\xFF")) {
    encoding = "utf-16be bom";
    return drop_nuls(convert(bytes.substr(2), "UTF-16BE", 2));
  }
  // UTF-16 without a BOM shows as NULs in every other byte of ASCII text.
  const size_t probe = std::min<size_t>(bytes.size(), 1024) & ~size_t{1};
  size_t even_nuls = 0;
  size_t odd_nuls = 0;
  for (size_t i = 0; i < probe; ++i) {
    if (bytes[i] == '\0') {
      ++((i % 2 == 0) ? even_nuls : odd_nuls);
    }
  }
  if (probe >= 8 && odd_nuls * 10 > probe * 4 && even_nuls * 20 < probe) {
    encoding = "utf-16le";
    return drop_nuls(convert(bytes, "UTF-16LE", 2));
  }
  if (probe >= 8 && even_nuls * 10 > probe * 4 && odd_nuls * 20 < probe) {
    encoding = "utf-16be";
    return drop_nuls(convert(bytes, "UTF-16BE", 2));
  }
  if (is_utf8(bytes)) {
    encoding = "utf-8";
    return drop_nuls(std::string(bytes));
  }
  encoding = "windows-1252";
  return drop_nuls(convert(bytes, "WINDOWS-1252", 1));
}

Grid parse_csv_text(std::string_view text)
{
  Grid grid;
  const char delim = detect_delimiter(text);
  ParseResult parsed = parse(text, delim, SIZE_MAX);
  grid.notes.push_back("delimiter " + delimiter_name(delim));
  if (parsed.unterminated_quote) {
    grid.notes.push_back("a quote is never closed: quotes read as plain text from that record on");
  }
  if (parsed.truncated_cells) {
    grid.notes.push_back("cells longer than " + std::to_string(util::limits().max_cell_bytes) +
                         " bytes were cut");
  }
  if (parsed.dropped_columns) {
    grid.notes.push_back("columns past " + std::to_string(k_max_columns) + " were dropped");
  }
  grid.rows.reserve(parsed.records.size());
  for (Record& r : parsed.records) {
    if (parsed.truncated_cells) {
      // A cut can fall inside a character: its first bytes become U+FFFD.
      for (std::string& field : r.fields) {
        field = repair_utf8(field);
      }
    }
    grid.rows.push_back(GridRow{r.line, std::move(r.fields)});
  }
  return grid;
}

model::PoTable read_csv(const std::filesystem::path& path, const std::string& display_name)
{
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    throw Error(ExitCode::bad_input, display_name + ": cannot read: " + ec.message());
  }
  if (size > k_max_csv_bytes) {
    throw Error(ExitCode::bad_input,
                display_name + ": too large for a purchase order (" + std::to_string(size) +
                    " bytes)",
                "export only the order table");
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes(static_cast<size_t>(size), '\0');
  if (!in || !in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
    throw Error(ExitCode::bad_input, display_name + ": cannot read the file");
  }
  struct Magic {
    std::string_view bytes;
    const char* what;
  };
  for (const Magic& m :
       {Magic{"PK\x03\x04", "a zip archive (an XLSX?)"}, Magic{"\x1f\x8b", "gzip data"},
        Magic{"%PDF", "a PDF"}, Magic{"\xD0\xCF\x11\xE0", "an OLE2 file (an old .xls?)"}}) {
    if (std::string_view(bytes).starts_with(m.bytes)) {
      throw Error(ExitCode::bad_input, display_name + ": not a CSV file: it is " + m.what,
                  "add it with its real extension, or export the order as CSV");
    }
  }
  std::string encoding;
  const std::string text = decode_text(bytes, encoding);
  Grid grid;
  try {
    grid = parse_csv_text(text);
  } catch (const Error& e) {
    throw e.with_subject(display_name);
  }
  grid.notes.insert(grid.notes.begin(), "encoding " + encoding);
  return table_from_grid(grid, display_name);
}

} // namespace collproc::po
