// Lines of a region, joined where they wrap and split where bullets separate
// fields. Judged on the text and its type: same font and weight, a small gap,
// and a sign that the line goes on (a trailing separator or hyphen, a
// lower-case start, a line as wide as the block, an all-capitals name).

#include "core/ai/heuristic_record.hpp"

#include "core/ai/heuristic_text.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>

namespace collproc::ai::heuristic {

namespace {

using layout::Segment;

struct Piece {
  std::string text;
  double font_size = 0;
  bool bold = false;
  model::BBox bbox;
  bool whole_line = false; // the only piece of its line
};

// "Colours:", "Wholesale Price:": a short segment that ends in a colon.
bool is_label(const std::string& text)
{
  return !text.empty() && text.back() == ':' && word_count(text) <= 3;
}

bool ends_with_any(const std::string& s, std::initializer_list<std::string_view> ends)
{
  for (std::string_view e : ends) {
    if (s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0) {
      return true;
    }
  }
  return false;
}

bool starts_with_any(const std::string& s, std::initializer_list<std::string_view> starts)
{
  for (std::string_view p : starts) {
    if (s.rfind(p, 0) == 0) {
      return true;
    }
  }
  return false;
}

constexpr std::string_view k_middle_dot = "\xC2\xB7";
constexpr std::string_view k_bullet = "\xE2\x80\xA2";

// Whether the text reads as a field of its own (a price, sizes, a style
// number, a labelled line) rather than free text that may wrap; colours are
// asked apart, since a name may end in a colour word ("Freshwater Pearl").
bool is_field(const std::string& text)
{
  return !find_prices(text).empty() || !parse_sizes(text).empty() ||
         find_style_number(text).has_value() || starts_with_field_label(text);
}

// "CARDI-" + "GAN": a word broken at a hyphen.
bool hyphen_break(const std::string& a, const std::string& b)
{
  return a.size() >= 3 && a.back() == '-' &&
         std::isalpha(static_cast<unsigned char>(a[a.size() - 2])) &&
         std::isalpha(static_cast<unsigned char>(a[a.size() - 3])) && !b.empty() &&
         std::isalpha(static_cast<unsigned char>(b.front()));
}

// "£1,038." + "50": a number broken after its separator by a narrow cell.
bool number_break(const std::string& a, const std::string& b)
{
  if (a.size() < 2 || (a.back() != '.' && a.back() != ',') ||
      !std::isdigit(static_cast<unsigned char>(a[a.size() - 2])) || b.empty() ||
      !std::isdigit(static_cast<unsigned char>(b.front()))) {
    return false;
  }
  // An amount, not a list ("6, 7," + "8"): its last word holds a currency
  // sign or a thousands separator before the broken one.
  const std::string word = a.substr(a.rfind(' ') == std::string::npos ? 0 : a.rfind(' ') + 1);
  const std::string head = word.substr(0, word.size() - 1);
  return head.find_first_of(".,") != std::string::npos ||
         !std::isdigit(static_cast<unsigned char>(head.front()));
}

bool joins(const Piece& a, const Piece& b, double block_width, double smallest_font)
{
  const double font = std::max(a.font_size, 4.0);
  if (!a.whole_line || !b.whole_line || std::fabs(a.font_size - b.font_size) > 0.3 ||
      a.bold != b.bold) {
    return false;
  }
  const double gap = b.bbox.y0 - a.bbox.y1;
  if (gap > 0.8 * font || gap < -0.5 * font || layout::overlap_x(a.bbox, b.bbox) <= 0) {
    return false;
  }
  if (hyphen_break(a.text, b.text) || number_break(a.text, b.text)) {
    return true;
  }
  // A line of fields run together with bullets wraps anywhere, even inside a
  // field ("... · Sizes" + "6, 7, 8 · Retail $120").
  const bool bullets = a.text.find(k_middle_dot) != std::string::npos ||
                       a.text.find(k_bullet) != std::string::npos ||
                       b.text.find(k_middle_dot) != std::string::npos ||
                       b.text.find(k_bullet) != std::string::npos;
  if (bullets ||
      ends_with_any(a.text, {",", "/", "&", "+", " -", "\xE2\x80\x93", "\xE2\x80\x94", k_middle_dot,
                             k_bullet}) ||
      starts_with_any(b.text, {",", "/", "&", k_middle_dot, k_bullet}) ||
      std::islower(static_cast<unsigned char>(b.text.front()))) {
    return true;
  }
  if (is_field(b.text)) {
    return false;
  }
  // Wrapped: the next line's first word would not have fitted on this one.
  const size_t first_word = std::min(b.text.find(' '), b.text.size());
  const double per_char = b.bbox.width() / static_cast<double>(std::max<size_t>(1, b.text.size()));
  const bool full =
      a.bbox.width() + per_char * static_cast<double>(first_word + 1) >= 0.95 * block_width;
  if (is_field(a.text)) {
    // A labelled line that wraps ("Colours: Blue Stripe, Red" + "Stripe").
    return full && starts_with_field_label(a.text) && !ends_with_any(a.text, {":"});
  }
  if (!parse_colors(b.text).empty()) {
    return false;
  }
  const bool capitals = mostly_upper(a.text) && mostly_upper(b.text);
  // Display type (a name set larger than the record's smallest text) holds one
  // thing; two lines of it are one name.
  const bool display = a.font_size >= 1.25 * smallest_font;
  return full || display || (capitals && parse_colors(a.text).empty());
}

} // namespace

std::string unspaced_letters(const std::string& text)
{
  // "C O L O U R W AY": a run of five or more tokens of one or two capitals
  // is one word set with wide letter spacing.
  std::vector<std::string> words;
  size_t at = 0;
  while (at < text.size()) {
    const size_t end = std::min(text.find(' ', at), text.size());
    if (end > at) {
      words.push_back(text.substr(at, end - at));
    }
    at = end + 1;
  }
  auto spaced = [](const std::string& w) {
    return w.size() <= 2 && std::all_of(w.begin(), w.end(), [](char c) {
             return std::isupper(static_cast<unsigned char>(c));
           });
  };
  std::string out;
  for (size_t i = 0; i < words.size();) {
    size_t j = i;
    while (j < words.size() && spaced(words[j])) {
      ++j;
    }
    if (!out.empty()) {
      out += ' ';
    }
    // Sizes ("XS S M L XL") are capitals apart too: a spaced word has mostly
    // single letters and not only size letters.
    size_t singles = 0;
    bool sizes_only = true;
    for (size_t k = i; k < j; ++k) {
      singles += words[k].size() == 1 ? 1 : 0;
      sizes_only =
          sizes_only && std::string_view("XSMLXXL").find(words[k]) != std::string_view::npos;
    }
    if (j - i >= 5 && singles * 5 >= (j - i) * 4 && !sizes_only) {
      for (size_t k = i; k < j; ++k) {
        out += words[k];
      }
      i = j;
    } else {
      out += words[i];
      ++i;
    }
  }
  return out;
}

std::vector<std::string> split_bullets(const std::string& text)
{
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    std::string t = trim(current);
    if (!t.empty()) {
      out.push_back(std::move(t));
    }
    current.clear();
  };
  for (size_t i = 0; i < text.size();) {
    const std::string_view rest(text.data() + i, text.size() - i);
    if (rest.substr(0, k_middle_dot.size()) == k_middle_dot) {
      flush();
      i += k_middle_dot.size();
    } else if (rest.substr(0, k_bullet.size()) == k_bullet) {
      flush();
      i += k_bullet.size();
    } else {
      current += text[i++];
    }
  }
  flush();
  return out;
}

std::vector<TextUnit> read_record(const std::vector<Segment>& segments,
                                  const std::vector<int>& members)
{
  std::vector<model::BBox> boxes;
  for (int m : members) {
    boxes.push_back(segments[static_cast<size_t>(m)].bbox);
  }
  // Pieces line by line: a label takes the value to its right; a label that
  // ends its line takes the next line's first piece.
  std::vector<Piece> pieces;
  std::string pending_label;
  double block_width = 0;
  double smallest_font = 1e9;
  // The last value printed right of its label: a line under it in the value
  // column, with no label of its own, continues it ("Champagne, Black," +
  // "Sage", a right-aligned name that wraps).
  std::optional<size_t> last_value;
  double label_x1 = 0;
  for (const std::vector<int>& band : layout::row_bands(boxes)) {
    std::vector<Piece> line;
    std::optional<size_t> value_here;
    for (int b : band) {
      const Segment& seg = segments[static_cast<size_t>(members[static_cast<size_t>(b)])];
      Segment s = seg;
      s.text = unspaced_letters(seg.text);
      block_width = std::max(block_width, s.bbox.width());
      smallest_font = std::min(smallest_font, s.font_size > 0 ? s.font_size : 1e9);
      if (is_label(s.text)) {
        if (!pending_label.empty()) {
          line.push_back({pending_label, s.font_size, s.bold, s.bbox}); // a label with no value
        }
        pending_label = s.text;
        label_x1 = s.bbox.x1;
        continue;
      }
      if (!pending_label.empty()) {
        value_here = pieces.size() + line.size();
        line.push_back({pending_label + " " + s.text, s.font_size, s.bold, s.bbox});
        pending_label.clear();
        continue;
      }
      line.push_back({s.text, s.font_size, s.bold, s.bbox});
    }
    if (line.size() == 1 && !value_here && last_value && line.front().bbox.x0 > label_x1) {
      Piece& value = pieces[*last_value];
      const double gap = line.front().bbox.y0 - value.bbox.y1;
      if (gap <= 1.2 * std::max(value.font_size, 4.0) &&
          layout::overlap_x(value.bbox, line.front().bbox) > 0) {
        value.text += " " + line.front().text;
        value.bbox = value.bbox.united(line.front().bbox);
        continue;
      }
    }
    if (line.size() == 1) {
      line.front().whole_line = true;
    }
    if (value_here || !line.empty()) {
      last_value = value_here;
    }
    pieces.insert(pieces.end(), line.begin(), line.end());
  }
  if (!pending_label.empty()) {
    pieces.push_back({pending_label, 0, false, {}});
  }
  // Wrapped lines joined.
  std::vector<Piece> joined;
  for (Piece& p : pieces) {
    if (!joined.empty() && joins(joined.back(), p, block_width, smallest_font)) {
      Piece& last = joined.back();
      if (hyphen_break(last.text, p.text)) {
        last.text.pop_back();
        last.text += p.text;
      } else if (number_break(last.text, p.text)) {
        last.text += p.text;
      } else {
        last.text += " " + p.text;
      }
      last.bbox = last.bbox.united(p.bbox);
      continue;
    }
    joined.push_back(std::move(p));
  }
  std::vector<TextUnit> units;
  for (const Piece& p : joined) {
    for (std::string& part : split_bullets(p.text)) {
      units.push_back({std::move(part), p.font_size});
    }
  }
  return units;
}

} // namespace collproc::ai::heuristic
