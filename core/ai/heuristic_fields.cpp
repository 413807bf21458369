// Field roles: which text unit is the style number, the name, the colours...
// Parsers (heuristic_text) say what a unit can be; the rules here decide what
// it is, given the rest of the record and the document.

#include "core/ai/heuristic_fields.hpp"

#include "core/po/items.hpp"

#include <algorithm>
#include <cctype>

namespace collproc::ai::heuristic {

namespace {

// The text of a unit with its style number (and the label before it) removed.
std::string without_style(const std::string& text, const std::string& style)
{
  std::string rest = text;
  if (const size_t at = rest.find(style); at != std::string::npos) {
    rest.erase(at, style.size());
  }
  std::string l = lower(trim(rest));
  for (std::string_view label : {"style no.", "style no", "style number", "style #", "style#",
                                 "style", "art.", "article", "ref.", "ref", "sku", "item #", "#"}) {
    if (l.rfind(label, 0) == 0) {
      rest = trim(trim(rest).substr(label.size()));
      l = lower(rest);
    }
  }
  return trim(rest);
}

bool looks_like_colour_names(const std::string& text)
{
  if (has_digit(text) || text.back() == '.' || starts_with_field_label(text)) {
    return false;
  }
  for (const std::string& part : parse_colors("Colours: " + text)) {
    size_t words = 0;
    bool start = true;
    for (char c : part) {
      if (start && std::isalpha(static_cast<unsigned char>(c)) &&
          !std::isupper(static_cast<unsigned char>(c))) {
        return false;
      }
      words += start && c != ' ' ? 1 : 0;
      start = c == ' ';
    }
    if (words > 3) {
      return false;
    }
  }
  return true;
}

// Whether rest[i] is the line read_fields will take as the name: the first
// most prominent one.
bool is_name_like(const std::vector<TextUnit>& rest, size_t i)
{
  for (size_t j = 0; j < rest.size(); ++j) {
    if (j != i && rest[j].font_size > rest[i].font_size + 0.25) {
      return false;
    }
    if (j < i && rest[j].font_size >= rest[i].font_size - 0.25) {
      return false;
    }
  }
  return true;
}

// "Canvas Market Tote - Black": a title whose last part, after a spaced dash,
// names a colour. Splits it off into colours; whether it did.
bool split_colour_suffix(model::Product& p)
{
  const std::string name = p.name;
  for (std::string_view dash : {" \xE2\x80\x93 ", " \xE2\x80\x94 ", " - "}) {
    const size_t at = name.rfind(dash);
    if (at == std::string::npos || at == 0) {
      continue;
    }
    const std::string tail = trim(name.substr(at + dash.size()));
    if (tail.empty() || (parse_colors(tail).empty() && !looks_like_colour_names(tail))) {
      continue;
    }
    p.colors = parse_colors("Colour: " + tail);
    p.name = trim(name.substr(0, at));
    p.evidence.push_back("colors: the title's suffix \"" + tail + "\"");
    return true;
  }
  return false;
}

// "CMT-204-BLK" for a black product is style CMT-204 in black.
void strip_colour_code(model::Product& p)
{
  const size_t dash = p.style_number.find_last_of("-_/");
  if (dash == std::string::npos || dash == 0 || p.colors.size() != 1) {
    return;
  }
  const std::string code = p.style_number.substr(dash + 1);
  const bool letters =
      code.size() >= 2 && code.size() <= 4 && std::all_of(code.begin(), code.end(), [](char c) {
        return std::isalpha(static_cast<unsigned char>(c));
      });
  // The PO reads a colour code the same way (po::match_color).
  if (letters && po::match_color(code, p.colors) == p.colors.front()) {
    p.evidence.push_back("style_number: \"" + p.style_number + "\" without \"" + code +
                         "\", the code of its colour " + p.colors.front());
    p.style_number.erase(dash);
  }
}

bool is_quantity_word(const std::string& w)
{
  std::string l = lower(w);
  while (!l.empty() && std::string_view(",;:.").find(l.back()) != std::string_view::npos) {
    l.pop_back();
  }
  for (std::string_view q : {"pieces", "piece", "pcs", "pc", "units", "unit", "items", "pairs",
                             "qty", "cm", "mm", "ml", "g", "kg", "oz", "in", "x"}) {
    if (l == q) {
      return true;
    }
  }
  return false;
}

// A unit that names itself: "Name: Linen Dress", "Category: Rings".
bool take_label(std::string& text, std::initializer_list<std::string_view> labels)
{
  const std::string l = lower(text);
  for (std::string_view label : labels) {
    if (l.rfind(label, 0) == 0 && l.size() > label.size() + 1 && l[label.size()] == ':') {
      text = trim(text.substr(label.size() + 1));
      return !text.empty();
    }
  }
  return false;
}

} // namespace

// Prices of one product: labelled ones first, then unlabelled ones fill the
// gaps, the lower of two being wholesale.
void assign_prices(const std::vector<Price>& prices, model::Product& p,
                   const std::string& default_currency)
{
  std::vector<double> unknown;
  for (const Price& price : prices) {
    if (price.role == PriceRole::wholesale && !p.wholesale_price) {
      p.wholesale_price = price.amount;
      p.evidence.push_back("wholesale_price: labelled");
    } else if (price.role == PriceRole::retail && !p.retail_price) {
      p.retail_price = price.amount;
      p.evidence.push_back("retail_price: labelled");
    } else if (price.role == PriceRole::unknown) {
      unknown.push_back(price.amount);
    }
    if (p.currency.empty() && !price.currency.empty()) {
      p.currency = price.currency;
    }
  }
  if (!p.wholesale_price && !p.retail_price && unknown.size() >= 2) {
    p.wholesale_price = std::min(unknown[0], unknown[1]);
    p.retail_price = std::max(unknown[0], unknown[1]);
    p.evidence.push_back("wholesale_price, retail_price: the lower and the higher of two "
                         "unlabelled prices");
  } else if (!unknown.empty()) {
    if (!p.wholesale_price) {
      p.wholesale_price = unknown[0];
      p.evidence.push_back("wholesale_price: the first unlabelled price (of a tier table, the "
                           "smallest quantity's)");
    } else if (!p.retail_price) {
      p.retail_price = unknown[0];
      p.evidence.push_back("retail_price: the first unlabelled price");
    }
  }
  if (p.currency.empty() && (p.wholesale_price || p.retail_price)) {
    p.currency = default_currency;
    p.evidence.push_back("currency: the document's (" + default_currency + ")");
  }
}

std::vector<std::string> numeric_codes(std::string_view raw)
{
  std::vector<std::string> words;
  std::string current;
  for (char c : raw) {
    if (c == ' ' || c == '\t') {
      if (!current.empty()) {
        words.push_back(current);
      }
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) {
    words.push_back(current);
  }
  std::vector<std::string> hashed;
  std::vector<std::string> bare;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string w = words[i];
    while (!w.empty() && std::string_view(",;:.)").find(w.back()) != std::string_view::npos) {
      w.pop_back();
    }
    const bool hash = !w.empty() && w.front() == '#';
    if (hash) {
      w.erase(0, 1);
    }
    if (w.size() < 3 || w.size() > 8 ||
        !std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    if (hash) {
      hashed.push_back(w);
      continue;
    }
    const bool priced = i > 0 && (!currency_in(words[i - 1]).empty() ||
                                  price_role_of(words[i - 1]) != PriceRole::unknown);
    const bool counted = i + 1 < words.size() && is_quantity_word(words[i + 1]);
    if (!priced && !counted) {
      bare.push_back(w);
    }
  }
  hashed.insert(hashed.end(), bare.begin(), bare.end());
  return hashed;
}

model::Product read_fields(const std::vector<TextUnit>& units, const std::string& default_currency)
{
  return read_fields(units, DocumentFacts{default_currency, false});
}

model::Product read_fields(const std::vector<TextUnit>& units, const DocumentFacts& facts)
{
  model::Product p;
  std::vector<Price> prices;
  std::vector<TextUnit> rest;
  std::optional<std::string> named; // a unit labelled "Name:"
  for (const TextUnit& u : units) {
    std::string text = trim(u.text);
    if (text.empty() || is_badge_text(text)) {
      continue;
    }
    if (p.style_number.empty()) {
      if (auto style = find_style_number(text)) {
        p.style_number = *style;
        p.evidence.push_back("style_number: labelled or shaped as a code in \"" + text + "\"");
        text = without_style(text, *style);
        if (text.empty()) {
          continue;
        }
      }
    }
    if (take_label(text, {"name", "product name", "product", "style name", "title", "item name"})) {
      if (!named) {
        named = text;
        p.evidence.push_back("name: labelled in \"" + trim(u.text) + "\"");
      }
      continue;
    }
    if (take_label(text, {"category", "sales category", "product category", "type", "product type",
                          "department"})) {
      if (p.category.empty()) {
        p.category = title_case(text);
        p.evidence.push_back("category: labelled in \"" + trim(u.text) + "\"");
      }
      continue;
    }
    if (take_label(text, {"description", "details"})) {
      rest.push_back({"Description: " + text, u.font_size});
      continue;
    }
    if (std::vector<Price> found = find_prices(text); !found.empty()) {
      prices.insert(prices.end(), found.begin(), found.end());
      p.evidence.push_back("prices: \"" + text + "\"");
      continue;
    }
    if (std::vector<std::string> sizes = parse_sizes(text); !sizes.empty()) {
      if (p.sizes.empty()) {
        p.sizes = std::move(sizes);
        p.evidence.push_back("sizes: \"" + text + "\"");
      }
      continue;
    }
    if (std::vector<std::string> colours = parse_colors(text); !colours.empty()) {
      if (p.colors.empty()) {
        p.colors = std::move(colours);
        p.evidence.push_back("colors: \"" + text + "\" (a label or colour words)");
        continue;
      }
    }
    rest.push_back({text, u.font_size});
  }
  assign_prices(prices, p, facts.currency);
  // Products identified by bare numbers: the record's first one, taken out
  // of the text it was printed in.
  if (p.style_number.empty() && facts.numeric_styles) {
    for (TextUnit& u : rest) {
      const std::vector<std::string> codes = numeric_codes(u.text);
      if (codes.empty()) {
        continue;
      }
      p.style_number = codes.front();
      p.evidence.push_back("style_number: the bare number in \"" + u.text +
                           "\" (each record of the document has one of its own)");
      u.text = without_style(u.text, "#" + codes.front());
      u.text = without_style(u.text, codes.front());
      break;
    }
    rest.erase(std::remove_if(rest.begin(), rest.end(),
                              [](const TextUnit& u) { return trim(u.text).empty(); }),
               rest.end());
  }
  // A colour the vocabulary does not know ("Tobacco", "Moonlight / Sunrise"):
  // a short line of capitalised words that is neither name nor sentence.
  if (p.colors.empty() && !named) {
    for (size_t i = 0; i < rest.size(); ++i) {
      if (i == 0 && rest.size() == 1) {
        break; // the only line left is the name
      }
      if (looks_like_colour_names(rest[i].text) && !is_name_like(rest, i)) {
        p.colors = parse_colors("Colours: " + rest[i].text);
        p.evidence.push_back("colors: \"" + rest[i].text +
                             "\" (capitalised words, neither the name nor a sentence)");
        rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i));
        break;
      }
    }
  }
  // The name is the labelled one, else the most prominent remaining line (the
  // first among equals); lines that start with a field label ("Fabric: ...")
  // never are.
  int name_at = -1;
  for (size_t i = 0; i < rest.size() && !named; ++i) {
    if (starts_with_field_label(rest[i].text) || rest[i].text.rfind("Description: ", 0) == 0) {
      continue;
    }
    if (name_at < 0 || rest[i].font_size > rest[static_cast<size_t>(name_at)].font_size + 0.25) {
      name_at = static_cast<int>(i);
    }
  }
  if (named) {
    p.name = *named;
  }
  for (size_t i = 0; i < rest.size(); ++i) {
    std::string text = rest[i].text;
    if (text.rfind("Description: ", 0) == 0) {
      text.erase(0, 13);
    }
    if (static_cast<int>(i) == name_at) {
      p.name = text;
      p.evidence.push_back("name: the most prominent other line (" +
                           std::to_string(static_cast<int>(rest[i].font_size + 0.5)) + " pt)");
    } else {
      p.description += (p.description.empty() ? "" : " ") + text;
    }
  }
  if (p.colors.empty()) {
    split_colour_suffix(p);
  }
  strip_colour_code(p);
  return p;
}

} // namespace collproc::ai::heuristic
