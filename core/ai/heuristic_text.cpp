// Parsers for the fields of a linesheet product. They read one line or cell
// of text at a time; the layout code decides which text belongs together.

#include "core/ai/heuristic_text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <utility>

namespace collproc::ai::heuristic {

namespace {

bool is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_digit(char c)
{
  return c >= '0' && c <= '9';
}
bool is_alpha(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_alnum(char c)
{
  return is_digit(c) || is_alpha(c);
}

bool contains(std::string_view hay, std::string_view needle)
{
  return hay.find(needle) != std::string_view::npos;
}

bool starts_with(std::string_view s, std::string_view p)
{
  return s.size() >= p.size() && s.substr(0, p.size()) == p;
}

bool ends_with(std::string_view s, std::string_view p)
{
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Replaces typographic dashes and non-breaking spaces, which PDFs use freely,
// by their ASCII forms so the parsers below need only one spelling.
std::string ascii_punctuation(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
      const auto d = static_cast<unsigned char>(text[i + 2]);
      if (d == 0x93 || d == 0x94 || d == 0x90 || d == 0x91) { // en, em, hyphens
        out += '-';
        i += 2;
        continue;
      }
    }
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      out += ' ';
      ++i;
      continue;
    }
    out += static_cast<char>(c);
  }
  return out;
}

std::vector<std::string> split_any(std::string_view text, std::string_view separators)
{
  std::vector<std::string> parts;
  std::string current;
  for (char c : text) {
    if (separators.find(c) != std::string_view::npos) {
      parts.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  parts.push_back(current);
  return parts;
}

std::vector<std::string> words_of(std::string_view text)
{
  std::vector<std::string> words;
  for (const std::string& w : split_any(text, " \t\n\r")) {
    if (!w.empty()) {
      words.push_back(w);
    }
  }
  return words;
}

std::string upper(std::string_view text)
{
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

// Strips punctuation that surrounds a token in running text.
std::string strip_token(std::string_view token)
{
  size_t b = 0;
  size_t e = token.size();
  while (b < e && std::string_view("([{#\"'").find(token[b]) != std::string_view::npos) {
    ++b;
  }
  while (e > b && std::string_view(")]}.,;:\"'").find(token[e - 1]) != std::string_view::npos) {
    --e;
  }
  return std::string(token.substr(b, e - b));
}

// Currency symbols and codes. "US$" and "$" both mean USD: linesheets that
// price in CAD or AUD write the code.
struct CurrencyMark {
  std::string_view text;
  std::string_view code;
};
constexpr std::array<CurrencyMark, 15> k_currency_marks{{
    {"US$", "USD"},
    {"CA$", "CAD"},
    {"A$", "AUD"},
    {"$", "USD"},
    {"\xE2\x82\xAC", "EUR"},
    {"\xC2\xA3", "GBP"},
    {"USD", "USD"},
    {"EUR", "EUR"},
    {"GBP", "GBP"},
    {"CAD", "CAD"},
    {"AUD", "AUD"},
    {"CHF", "CHF"},
    {"SEK", "SEK"},
    {"DKK", "DKK"},
    {"JPY", "JPY"},
}};

constexpr std::array<std::string_view, 12> k_wholesale_labels{
    "wholesale", "whs",  "whsl",  "whl",        "ws",    "w/s",
    "wsp",       "cost", "whlsl", "wholesale:", "trade", "w/sale"};
constexpr std::array<std::string_view, 8> k_retail_labels{"retail", "rrp",  "msrp",      "srp",
                                                          "rp",     "rrsp", "suggested", "sell"};

PriceRole role_of_word(std::string_view word)
{
  const std::string w = lower(strip_token(word));
  if (w.empty()) {
    return PriceRole::unknown;
  }
  for (std::string_view l : k_wholesale_labels) {
    if (w == l) {
      return PriceRole::wholesale;
    }
  }
  for (std::string_view l : k_retail_labels) {
    if (w == l) {
      return PriceRole::retail;
    }
  }
  return PriceRole::unknown;
}

// Peels currency marks off both ends of a token; returns the code found.
std::string peel_currency(std::string& token)
{
  std::string code;
  bool peeled = true;
  while (peeled && !token.empty()) {
    peeled = false;
    for (const CurrencyMark& m : k_currency_marks) {
      if (starts_with(token, m.text) &&
          (m.text.size() < 3 || token.size() == 3 || !is_alpha(token[3]))) {
        code = std::string(m.code);
        token.erase(0, m.text.size());
        peeled = true;
        break;
      }
      if (ends_with(token, m.text) && token.size() > m.text.size() &&
          (m.text.size() < 3 || !is_alpha(token[token.size() - m.text.size() - 1]))) {
        code = std::string(m.code);
        token.erase(token.size() - m.text.size());
        peeled = true;
        break;
      }
    }
  }
  return code;
}

enum class TokenKind { number, currency, label, filler, other };
struct PriceToken {
  TokenKind kind = TokenKind::other;
  bool counts = false; // a word that counts things: "pieces", "pcs", "units"
  double value = 0;
  bool two_decimals = false;
  std::string currency;
  PriceRole role = PriceRole::unknown;
};

bool has_two_decimals(std::string_view number)
{
  const size_t sep = number.find_last_of(".,");
  return sep != std::string_view::npos && number.size() - sep - 1 == 2;
}

std::vector<PriceToken> price_tokens(std::string_view raw)
{
  const std::string text = ascii_punctuation(raw);
  std::vector<PriceToken> tokens;
  for (const std::string& word : words_of(text)) {
    // "$42/$98" and "42.00|98.00" hold two prices; "W/S" is one label.
    std::vector<std::string> pieces = {word};
    if (role_of_word(word) == PriceRole::unknown &&
        std::count_if(word.begin(), word.end(), is_digit) > 0) {
      pieces = split_any(word, "/|");
    }
    for (std::string piece : pieces) {
      if (piece.empty()) {
        continue;
      }
      piece = strip_token(piece);
      PriceToken t;
      if (piece.empty() || std::none_of(piece.begin(), piece.end(), is_alnum)) {
        const std::string code = peel_currency(piece);
        t.kind = code.empty() ? TokenKind::filler : TokenKind::currency;
        t.currency = code;
        tokens.push_back(t);
        continue;
      }
      if (const PriceRole role = role_of_word(piece); role != PriceRole::unknown) {
        t.kind = TokenKind::label;
        t.role = role;
        tokens.push_back(t);
        continue;
      }
      const std::string l = lower(piece);
      if (l == "price" || l == "prices" || l == "per" || l == "unit" || l == "each" || l == "ea") {
        t.kind = TokenKind::filler;
        tokens.push_back(t);
        continue;
      }
      std::string rest = piece;
      const std::string code = peel_currency(rest);
      if (rest.empty()) {
        t.kind = TokenKind::currency;
        t.currency = code;
        tokens.push_back(t);
        continue;
      }
      if (const auto amount = parse_amount(rest)) {
        t.kind = TokenKind::number;
        t.value = *amount;
        t.two_decimals = has_two_decimals(rest);
        t.currency = code;
        tokens.push_back(t);
        continue;
      }
      t.kind = TokenKind::other;
      t.counts = l == "pieces" || l == "piece" || l == "pcs" || l == "pc" || l == "units" ||
                 l == "items" || l == "pairs" || l == "pack" || l == "packs";
      tokens.push_back(t);
    }
  }
  return tokens;
}

// Whether the number at i counts things rather than prices them: "10 - 24
// pieces", "12 pcs".
bool counts_things(const std::vector<PriceToken>& tokens, size_t i)
{
  size_t j = i + 1;
  while (j < tokens.size() && tokens[j].kind == TokenKind::filler) {
    ++j;
  }
  if (j < tokens.size() && tokens[j].kind == TokenKind::number && tokens[j].currency.empty()) {
    ++j; // the upper end of a range
  }
  return j < tokens.size() && tokens[j].kind == TokenKind::other && tokens[j].counts;
}

// Sizes ------------------------------------------------------------------

constexpr std::array<std::string_view, 9> k_size_ladder{"XXXS", "XXS", "XS",  "S",   "M",
                                                        "L",    "XL",  "XXL", "XXXL"};

// Position on the letter-size ladder, or -1. Accepts "2XL" for "XXL".
int ladder_index(std::string_view size)
{
  std::string s = upper(size);
  if (s.size() == 3 && (s[0] == '2' || s[0] == '3' || s[0] == '4') && s[1] == 'X') {
    s = std::string(static_cast<size_t>(s[0] - '0'), 'X') + s.substr(2);
  }
  for (size_t i = 0; i < k_size_ladder.size(); ++i) {
    if (s == k_size_ladder[i]) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

std::optional<int> small_number(std::string_view s)
{
  if (s.empty() || s.size() > 2 || !std::all_of(s.begin(), s.end(), is_digit)) {
    return std::nullopt;
  }
  return std::atoi(std::string(s).c_str());
}

bool is_half_size(std::string_view s)
{
  return s.size() >= 3 && ends_with(s, ".5") && small_number(s.substr(0, s.size() - 2)).has_value();
}

bool is_one_size(std::string_view text)
{
  std::string squashed;
  for (char c : lower(text)) {
    if (is_alpha(c)) {
      squashed += c;
    }
  }
  // French, Spanish, Italian, German ("Einheitsgröße": the ASCII letters).
  return squashed == "onesize" || squashed == "os" || squashed == "osfa" ||
         squashed == "onesizefitsall" || squashed == "onesizeonly" || squashed == "tailleunique" ||
         squashed == "tallanica" || squashed == "tallaunica" || squashed == "tagliaunica" ||
         squashed == "einheitsgre" || squashed == "einheitsgroesse" || squashed == "tu";
}

// The sizes one comma/space-separated part stands for; empty when it is not a
// size.
std::vector<std::string> expand_size_part(const std::string& part)
{
  if (part.empty()) {
    return {};
  }
  if (is_one_size(part) &&
      (contains(lower(part), "o") && (part.size() <= 3 || contains(lower(part), "size")))) {
    return {"One Size"};
  }
  if (const size_t dash = part.find('-');
      dash != std::string::npos && dash > 0 && dash + 1 < part.size()) {
    const std::string a = part.substr(0, dash);
    const std::string b = part.substr(dash + 1);
    const int la = ladder_index(a);
    const int lb = ladder_index(b);
    if (la >= 0 && lb > la) {
      std::vector<std::string> out;
      for (int i = la; i <= lb; ++i) {
        out.emplace_back(k_size_ladder[static_cast<size_t>(i)]);
      }
      return out;
    }
    const auto na = small_number(a);
    const auto nb = small_number(b);
    if (na && nb && *nb > *na && (*nb - *na) <= 40) {
      // US dress sizes (0-12) and EU/UK sizes (36-42, 6-16) run in twos.
      const int step = (*na % 2 == 0 && *nb % 2 == 0) ? 2 : 1;
      std::vector<std::string> out;
      for (int v = *na; v <= *nb; v += step) {
        out.push_back(std::to_string(v));
      }
      return out;
    }
    return {};
  }
  if (part.find('/') != std::string::npos) {
    const std::vector<std::string> comps = split_any(part, "/");
    if (comps.size() == 2) {
      const int la = ladder_index(comps[0]);
      const int lb = ladder_index(comps[1]);
      if (la >= 0 && lb == la + 1) {
        return {upper(comps[0]) + "/" + upper(comps[1])};
      }
    }
    std::vector<std::string> out;
    for (const std::string& c : comps) {
      const std::vector<std::string> one = expand_size_part(c);
      if (one.size() != 1) {
        return {};
      }
      out.push_back(one[0]);
    }
    return out;
  }
  if (const int li = ladder_index(part); li >= 0) {
    return {upper(part)};
  }
  if (small_number(part) || is_half_size(part)) {
    return {part};
  }
  return {};
}

// Strips a leading label made of any of the words given, then ':' or '-'.
// Returns whether one was found.
bool strip_label(std::string& text, std::initializer_list<std::string_view> labels)
{
  const std::string l = lower(text);
  for (std::string_view label : labels) {
    if (starts_with(l, label) && (l.size() == label.size() || !is_alpha(l[label.size()]))) {
      size_t i = label.size();
      while (i < text.size() &&
             (is_space(text[i]) || text[i] == ':' || text[i] == '-' || text[i] == '.')) {
        ++i;
      }
      text = text.substr(i);
      return true;
    }
  }
  return false;
}

// Colours ----------------------------------------------------------------

constexpr std::string_view k_colour_words[] = {
    "black",      "white",   "ivory",     "cream",     "ecru",        "navy",       "blue",
    "red",        "green",   "pink",      "yellow",    "orange",      "purple",     "grey",
    "gray",       "brown",   "beige",     "tan",       "camel",       "khaki",      "olive",
    "sage",       "mint",    "teal",      "turquoise", "aqua",        "coral",      "burgundy",
    "wine",       "maroon",  "plum",      "lilac",     "lavender",    "mauve",      "rust",
    "terracotta", "mustard", "gold",      "silver",    "charcoal",    "stone",      "sand",
    "taupe",      "nude",    "blush",     "rose",      "fuchsia",     "magenta",    "cobalt",
    "denim",      "indigo",  "chocolate", "espresso",  "mocha",       "oat",        "oatmeal",
    "natural",    "bone",    "pearl",     "champagne", "peach",       "apricot",    "lemon",
    "lime",       "emerald", "forest",    "cherry",    "scarlet",     "crimson",    "ruby",
    "jade",       "ochre",   "cognac",    "caramel",   "toffee",      "leopard",    "floral",
    "stripe",     "striped", "check",     "multi",     "multicolour", "multicolor", "tortoise",
    "chalk",      "ink",     "midnight",  "sky",       "powder",      "clay",       "cinnamon",
    "pistachio",  "butter",  "vanilla",   "snow",      "onyx",        "graphite",   "slate",
    "smoke",      "heather", "melange",   "marl",      "off-white",   "offwhite",   "cocoa",
    "moss",       "berry",   "pine",      "ocean",     "violet",      "cyan",       "latte",
    "biscuit",    "putty",   "ash",       "bronze",    "copper",      "print",      "mushroom",
    "cement",     "vermeil", "brass",     "platinum",  "gunmetal",    "rhodium",    "pewter",
};
constexpr std::string_view k_colour_modifiers[] = {
    "light", "dark",  "pale", "deep", "bright",  "soft",  "washed",
    "dusty", "dusky", "neon", "mid",  "vintage", "faded", "true",
};

bool is_colour_word(std::string_view word)
{
  const std::string w = lower(strip_token(word));
  return std::find(std::begin(k_colour_words), std::end(k_colour_words), w) !=
         std::end(k_colour_words);
}

bool is_colour_modifier(std::string_view word)
{
  const std::string w = lower(strip_token(word));
  return std::find(std::begin(k_colour_modifiers), std::end(k_colour_modifiers), w) !=
         std::end(k_colour_modifiers);
}

// Taxonomy ---------------------------------------------------------------

struct TaxonomyEntry {
  std::string_view keyword; // singular, lower case
  std::string_view category;
};
constexpr TaxonomyEntry k_taxonomy[] = {
    {"dress", "Dresses"},
    {"gown", "Dresses"},
    {"kaftan", "Dresses"},
    {"caftan", "Dresses"},
    {"sundress", "Dresses"},
    {"dresse", "Dresses"},
    {"top", "Tops"},
    {"tee", "Tops"},
    {"t-shirt", "Tops"},
    {"tshirt", "Tops"},
    {"shirt", "Tops"},
    {"blouse", "Tops"},
    {"cami", "Tops"},
    {"camisole", "Tops"},
    {"tank", "Tops"},
    {"bodysuit", "Tops"},
    {"polo", "Tops"},
    {"tunic", "Tops"},
    {"sweatshirt", "Tops"},
    {"hoodie", "Tops"},
    {"bustier", "Tops"},
    {"corset", "Tops"},
    {"shirting", "Tops"},
    {"jersey", "Tops"},
    {"sweater", "Knitwear"},
    {"cardigan", "Knitwear"},
    {"knit", "Knitwear"},
    {"knitwear", "Knitwear"},
    {"jumper", "Knitwear"},
    {"pullover", "Knitwear"},
    {"turtleneck", "Knitwear"},
    {"crewneck", "Knitwear"},
    {"knitted", "Knitwear"},
    {"cardi", "Knitwear"},
    {"skirt", "Skirts"},
    {"skort", "Skirts"},
    {"trouser", "Trousers"},
    {"pant", "Trousers"},
    {"jean", "Trousers"},
    {"short", "Trousers"},
    {"legging", "Trousers"},
    {"jogger", "Trousers"},
    {"chino", "Trousers"},
    {"culotte", "Trousers"},
    {"bottom", "Trousers"},
    {"denim", "Trousers"},
    {"slack", "Trousers"},
    {"sweatpant", "Trousers"},
    {"jacket", "Jackets"},
    {"blazer", "Jackets"},
    {"bomber", "Jackets"},
    {"shacket", "Jackets"},
    {"gilet", "Jackets"},
    {"anorak", "Jackets"},
    {"windbreaker", "Jackets"},
    {"waistcoat", "Jackets"},
    {"coat", "Coats"},
    {"parka", "Coats"},
    {"trench", "Coats"},
    {"overcoat", "Coats"},
    {"raincoat", "Coats"},
    {"puffer", "Coats"},
    {"outerwear", "Outerwear"},
    {"cape", "Outerwear"},
    {"poncho", "Outerwear"},
    {"vest", "Knitwear"},
    {"neck", "Knitwear"},
    {"rollneck", "Knitwear"},
    {"overshirt", "Tops"},
    {"flare", "Trousers"},
    {"glove", "Accessories"},
    {"jumpsuit", "Jumpsuits"},
    {"playsuit", "Jumpsuits"},
    {"romper", "Jumpsuits"},
    {"overall", "Jumpsuits"},
    {"dungaree", "Jumpsuits"},
    {"boilersuit", "Jumpsuits"},
    {"swimsuit", "Swimwear"},
    {"bikini", "Swimwear"},
    {"swimwear", "Swimwear"},
    {"swim", "Swimwear"},
    {"one-piece", "Swimwear"},
    {"bra", "Lingerie"},
    {"brief", "Lingerie"},
    {"knicker", "Lingerie"},
    {"lingerie", "Lingerie"},
    {"bralette", "Lingerie"},
    {"bag", "Bags"},
    {"tote", "Bags"},
    {"clutch", "Bags"},
    {"backpack", "Bags"},
    {"purse", "Bags"},
    {"pouch", "Bags"},
    {"crossbody", "Bags"},
    {"satchel", "Bags"},
    {"handbag", "Bags"},
    {"shoe", "Footwear"},
    {"boot", "Footwear"},
    {"sandal", "Footwear"},
    {"sneaker", "Footwear"},
    {"trainer", "Footwear"},
    {"loafer", "Footwear"},
    {"heel", "Footwear"},
    {"mule", "Footwear"},
    {"espadrille", "Footwear"},
    {"footwear", "Footwear"},
    {"slide", "Footwear"},
    {"clog", "Footwear"},
    {"necklace", "Jewellery"},
    {"pendant", "Jewellery"},
    {"choker", "Jewellery"},
    {"lariat", "Jewellery"},
    {"hoop", "Jewellery"},
    {"huggie", "Jewellery"},
    {"cuff", "Jewellery"},
    {"anklet", "Jewellery"},
    {"brooch", "Jewellery"},
    {"signet", "Jewellery"},
    {"earring", "Jewellery"},
    {"bracelet", "Jewellery"},
    {"ring", "Jewellery"},
    {"bangle", "Jewellery"},
    {"jewellery", "Jewellery"},
    {"jewelry", "Jewellery"},
    {"hat", "Accessories"},
    {"scarf", "Accessories"},
    {"belt", "Accessories"},
    {"cap", "Accessories"},
    {"beanie", "Accessories"},
    {"glove", "Accessories"},
    {"sock", "Accessories"},
    {"sunglasses", "Accessories"},
    {"beret", "Accessories"},
    {"accessory", "Accessories"},
    {"accessorie", "Accessories"},
    {"headband", "Accessories"},
};

std::optional<std::string_view> taxonomy_of_word(std::string_view raw)
{
  std::string w = lower(strip_token(raw));
  while (!w.empty() && !is_alpha(w.back())) {
    w.pop_back();
  }
  if (w.empty()) {
    return std::nullopt;
  }
  std::vector<std::string> forms = {w};
  if (ends_with(w, "s")) {
    forms.push_back(w.substr(0, w.size() - 1));
  }
  if (ends_with(w, "es")) {
    forms.push_back(w.substr(0, w.size() - 2));
  }
  if (w == "scarves") {
    forms.emplace_back("scarf");
  }
  for (const std::string& f : forms) {
    for (const TaxonomyEntry& e : k_taxonomy) {
      if (f == e.keyword) {
        return e.category;
      }
    }
  }
  return std::nullopt;
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

} // namespace

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

bool is_badge_text(const std::string& text)
{
  const std::string l = lower(trim(text));
  return l == "new" || l == "new!" || l == "bestseller" || l == "best seller" || l == "sold out" ||
         l == "exclusive" || l == "limited" || l == "carry over" || l == "carryover" || l == "core";
}

std::string lower(std::string_view text)
{
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string trim(std::string_view text)
{
  constexpr std::string_view k_junk = " \t\r\n,;:|/-";
  size_t b = 0;
  size_t e = text.size();
  while (b < e && k_junk.find(text[b]) != std::string_view::npos) {
    ++b;
  }
  while (e > b && k_junk.find(text[e - 1]) != std::string_view::npos) {
    --e;
  }
  return std::string(text.substr(b, e - b));
}

std::optional<double> parse_amount(std::string_view text)
{
  if (text.empty() || !is_digit(text.front()) || !is_digit(text.back())) {
    return std::nullopt;
  }
  int commas = 0;
  int dots = 0;
  for (char c : text) {
    if (c == ',') {
      ++commas;
    } else if (c == '.') {
      ++dots;
    } else if (!is_digit(c)) {
      return std::nullopt;
    }
  }
  std::string digits;
  const size_t last_sep = text.find_last_of(".,");
  // The last separator is the decimal one when two digits follow it, or
  // when both kinds appear ("1.234,50", "1,234.50"); three digits after a
  // lone kind of separator mark thousands ("1,234", "1.234.567").
  bool decimal = false;
  if (last_sep != std::string_view::npos) {
    const size_t after = text.size() - last_sep - 1;
    const char sep = text[last_sep];
    const int same = sep == ',' ? commas : dots;
    if (commas > 0 && dots > 0) {
      decimal = true;
      if (same != 1) {
        return std::nullopt;
      }
    } else {
      if (same == 1 && after > 3) {
        return std::nullopt;
      }
      decimal = same == 1 && after != 3;
      if (same == 1 && after == 3 && sep == '.') {
        decimal = true; // "1.234" in prices is rare; "12.345" rarer still.
      }
    }
    if (!decimal) {
      // Thousands groups must hold three digits each.
      size_t prev = text.find_first_of(".,");
      if (prev == 0 || prev > 3) {
        return std::nullopt;
      }
      for (size_t i = prev; i < text.size(); i = text.find_first_of(".,", i + 1)) {
        const size_t next = text.find_first_of(".,", i + 1);
        const size_t len = (next == std::string_view::npos ? text.size() : next) - i - 1;
        if (len != 3) {
          return std::nullopt;
        }
        if (next == std::string_view::npos) {
          break;
        }
      }
    }
  }
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (is_digit(c)) {
      digits += c;
    } else if (decimal && i == last_sep) {
      digits += '.';
    }
  }
  // 309 digits and more overflow to infinity, which is no price.
  const double value = std::strtod(digits.c_str(), nullptr);
  if (!std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

PriceRole price_role_of(std::string_view label)
{
  const std::string text = ascii_punctuation(label);
  for (const std::string& w : words_of(text)) {
    if (const PriceRole r = role_of_word(w); r != PriceRole::unknown) {
      return r;
    }
    for (const std::string& piece : split_any(w, "/()")) {
      if (const PriceRole r = role_of_word(piece); r != PriceRole::unknown && piece.size() > 2) {
        return r;
      }
    }
  }
  return PriceRole::unknown;
}

std::string currency_in(std::string_view text)
{
  for (const PriceToken& t : price_tokens(text)) {
    if (!t.currency.empty()) {
      return t.currency;
    }
  }
  return {};
}

std::vector<Price> find_prices(std::string_view text)
{
  std::vector<PriceToken> tokens = price_tokens(text);
  // Attach free-standing currency marks ("EUR 38,00", "42 USD") to the
  // number beside them.
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != TokenKind::currency) {
      continue;
    }
    if (i + 1 < tokens.size() && tokens[i + 1].kind == TokenKind::number &&
        tokens[i + 1].currency.empty()) {
      tokens[i + 1].currency = tokens[i].currency;
    } else if (i > 0 && tokens[i - 1].kind == TokenKind::number && tokens[i - 1].currency.empty()) {
      tokens[i - 1].currency = tokens[i].currency;
    }
  }
  // Labels come before their prices unless the text opens with a price that
  // a label follows ("$42 WHS / $98 RRP").
  bool suffix_labels = false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind == TokenKind::label) {
      break;
    }
    if (tokens[i].kind == TokenKind::number &&
        (!tokens[i].currency.empty() || tokens[i].two_decimals)) {
      for (size_t j = i + 1; j < tokens.size(); ++j) {
        if (tokens[j].kind == TokenKind::label) {
          suffix_labels = true;
          break;
        }
        if (tokens[j].kind != TokenKind::filler && tokens[j].kind != TokenKind::currency) {
          break;
        }
      }
      break;
    }
  }
  std::vector<Price> prices;
  PriceRole pending = PriceRole::unknown;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const PriceToken& t = tokens[i];
    if (t.kind == TokenKind::label) {
      pending = t.role;
      continue;
    }
    if (t.kind == TokenKind::other) {
      pending = PriceRole::unknown;
      continue;
    }
    if (t.kind != TokenKind::number) {
      continue;
    }
    PriceRole role = suffix_labels ? PriceRole::unknown : pending;
    if (suffix_labels) {
      for (size_t j = i + 1; j < tokens.size(); ++j) {
        if (tokens[j].kind == TokenKind::label) {
          role = tokens[j].role;
          break;
        }
        if (tokens[j].kind != TokenKind::filler && tokens[j].kind != TokenKind::currency) {
          break;
        }
      }
    }
    const bool is_price = (!t.currency.empty() || role != PriceRole::unknown || t.two_decimals) &&
                          !(t.currency.empty() && counts_things(tokens, i));
    pending = PriceRole::unknown;
    if (is_price) {
      prices.push_back({t.value, t.currency, role});
    }
  }
  return prices;
}

bool is_style_number(std::string_view raw, Labelled labelled)
{
  const std::string token = strip_token(raw);
  const size_t min_size = labelled == Labelled::yes ? 2 : 3;
  if (token.size() < min_size || token.size() > 24 || !is_alnum(token.front()) ||
      !is_alnum(token.back())) {
    return false;
  }
  int digits = 0;
  int letters = 0;
  for (char c : token) {
    if (is_digit(c)) {
      ++digits;
    } else if (is_alpha(c)) {
      ++letters;
    } else if (c != '-' && c != '.' && c != '/' && c != '_') {
      return false;
    }
  }
  if (labelled == Labelled::yes) {
    return digits >= 2 || (digits >= 1 && letters >= 1);
  }
  if (letters == 0 || digits < 3) {
    return false;
  }
  const std::string l = lower(token);
  // Measures and quantities: "100cm", "250ml", "12pcs".
  size_t lead_digits = 0;
  while (lead_digits < l.size() && (is_digit(l[lead_digits]) || l[lead_digits] == '.')) {
    ++lead_digits;
  }
  if (lead_digits > 0) {
    const std::string unit = l.substr(lead_digits);
    for (std::string_view u : {"cm", "mm", "ml", "g",  "kg", "oz", "in", "pcs", "pc",  "gsm", "m",
                               "x",  "st", "nd", "rd", "th", "am", "pm", "h",   "hrs", "mins"}) {
      if (unit == u) {
        return false;
      }
    }
  }
  // Prices written with a currency code ("USD42.00", "42EUR").
  for (const CurrencyMark& m : k_currency_marks) {
    if (m.text.size() == 3 &&
        (starts_with(upper(token), m.text) || ends_with(upper(token), m.text)) && letters == 3) {
      return false;
    }
  }
  // Season codes such as "SS2026" or "AW25" name a collection, not a style.
  if (letters == 2 && digits == static_cast<int>(token.size()) - 2 && is_alpha(token[0]) &&
      is_alpha(token[1])) {
    const std::string season = l.substr(0, 2);
    for (std::string_view s : {"ss", "aw", "fw", "sp", "su", "fa", "ho", "pf", "hs", "re"}) {
      if (season == s) {
        return false;
      }
    }
  }
  return true;
}

std::optional<std::string> find_style_number(std::string_view raw)
{
  const std::string text = ascii_punctuation(raw);
  std::vector<std::string> words;
  for (const std::string& w : words_of(text)) {
    // "Style#SS26-1042" and "Style:AB1234" glue the label to the value.
    const std::string l = lower(w);
    bool split = false;
    for (std::string_view label :
         {"style#", "style:", "art.", "ref.", "ref:", "sku:", "sku#", "item#"}) {
      if (starts_with(l, label) && w.size() > label.size()) {
        words.emplace_back(w.substr(0, label.size()));
        words.emplace_back(w.substr(label.size()));
        split = true;
        break;
      }
    }
    if (!split) {
      for (const std::string& piece : split_any(w, "|")) {
        if (!piece.empty()) {
          words.push_back(piece);
        }
      }
    }
  }
  auto is_label = [](const std::string& w) {
    const std::string l = lower(strip_token(w));
    return l == "style" || l == "art" || l == "article" || l == "ref" || l == "sku" ||
           l == "item" || l == "style#" || l == "art.no" || l == "model" || l == "styleno";
  };
  auto is_label_tail = [](const std::string& w) {
    const std::string l = lower(w);
    return l == "#" || l == "no" || l == "no." || l == "nr" || l == "nr." || l == "number" ||
           l == "code" || l == ":" || l == "-" || l == "#:" || l == "no:" || l == "no.:" ||
           l == "num" || l == "ref";
  };
  for (size_t i = 0; i < words.size(); ++i) {
    if (!is_label(words[i]) && lower(words[i]) != "style#:" && lower(words[i]) != "art.") {
      continue;
    }
    size_t j = i + 1;
    while (j < words.size() && is_label_tail(words[j])) {
      ++j;
    }
    if (j < words.size() && is_style_number(words[j], Labelled::yes)) {
      return strip_token(words[j]);
    }
  }
  for (const std::string& w : words) {
    if (is_style_number(w)) {
      return strip_token(w);
    }
  }
  return std::nullopt;
}

std::vector<std::string> parse_sizes(std::string_view raw)
{
  std::string text = trim(ascii_punctuation(raw));
  const bool labelled = strip_label(
      text, {"available sizes", "size range", "size run", "sizes", "sizing", "size", "sz"});
  text = trim(text);
  if (text.empty()) {
    return {};
  }
  if (is_one_size(text)) {
    return {"One Size"};
  }
  // "XS - XL" and "XS to XL" are ranges too.
  std::string squeezed;
  const std::string l = lower(text);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ' && i + 1 < text.size() && text[i + 1] == '-') {
      continue;
    }
    if (text[i] == ' ' && i > 0 && text[i - 1] == '-') {
      continue;
    }
    if (l.compare(i, 4, " to ") == 0) {
      squeezed += '-';
      i += 3;
      continue;
    }
    squeezed += text[i];
  }
  std::vector<std::string> sizes;
  bool structured = false; // a range, a pair or several sizes: reads as a size list
  int parts = 0;
  for (const std::string& part : split_any(squeezed, ",;| \t")) {
    if (part.empty()) {
      continue;
    }
    if (part == "/") {
      structured = true; // "36 / 37 / 38"
      continue;
    }
    ++parts;
    std::vector<std::string> expanded = expand_size_part(part);
    if (expanded.empty()) {
      if (!labelled) {
        return {};
      }
      expanded = {part};
    }
    if (expanded.size() > 1 || part.find('/') != std::string::npos) {
      structured = true;
    }
    for (std::string& s : expanded) {
      if (std::find(sizes.begin(), sizes.end(), s) == sizes.end()) {
        sizes.push_back(std::move(s));
      }
    }
  }
  if (!labelled && !structured && parts < 2) {
    return {};
  }
  return in_human_order(std::move(sizes));
}

std::vector<std::string> in_human_order(std::vector<std::string> sizes)
{
  // Letter sizes by the ladder (a pair such as "S/M" after its first size),
  // then numbers ascending, then anything else as listed.
  auto key = [](const std::string& s) -> std::pair<int, double> {
    const std::string first = s.substr(0, s.find('/'));
    if (const int li = ladder_index(first); li >= 0) {
      return {0, li + (first.size() < s.size() ? 0.5 : 0.0)};
    }
    if (small_number(s) || is_half_size(s)) {
      return {1, std::strtod(s.c_str(), nullptr)};
    }
    return {2, 0};
  };
  std::stable_sort(sizes.begin(), sizes.end(),
                   [&](const std::string& a, const std::string& b) { return key(a) < key(b); });
  return sizes;
}

std::vector<std::string> parse_colors(std::string_view raw)
{
  std::string text = trim(ascii_punctuation(raw));
  const bool labelled =
      strip_label(text, {"available in", "colourways", "colorways", "colourway", "colorway",
                         "colours", "colors", "colour", "color", "cols", "col", "shades"});
  if (!labelled && !text.empty() && text.back() == '.') {
    return {}; // a sentence, such as a description, not a list
  }
  // " / " separates colours; "Natural/Black" with no spaces is one colourway.
  std::string separated;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool spaced =
        (i > 0 && text[i - 1] == ' ') || (i + 1 < text.size() && text[i + 1] == ' ');
    separated += text[i] == '/' && spaced ? '|' : text[i];
  }
  std::vector<std::string> colours;
  int known = 0;
  for (const std::string& part : split_any(separated, ",|;")) {
    std::string c = trim(part);
    while (!c.empty() && (c.back() == '.' || c.back() == ' ')) {
      c.pop_back();
    }
    if (c.empty()) {
      continue;
    }
    const std::vector<std::string> ws = words_of(c);
    // Digits belong to no colour name, except a metal's fineness ("14k Gold").
    const bool has_digit = std::any_of(ws.begin(), ws.end(), [](const std::string& w) {
      const std::string l = lower(w);
      const bool fineness = l.size() >= 2 && l.size() <= 4 && is_digit(l[0]) &&
                            (ends_with(l, "k") || ends_with(l, "ct") || ends_with(l, "kt"));
      return !fineness && std::any_of(w.begin(), w.end(), is_digit);
    });
    if (!labelled && (ws.size() > 4 || has_digit)) {
      return {};
    }
    if (std::any_of(ws.begin(), ws.end(), [](const std::string& w) {
          const std::vector<std::string> tones = split_any(w, "/");
          return std::any_of(tones.begin(), tones.end(),
                             [](const std::string& t) { return is_colour_word(t); });
        })) {
      ++known;
    }
    if (std::find(colours.begin(), colours.end(), c) == colours.end()) {
      colours.push_back(c);
    }
  }
  if (labelled || colours.empty()) {
    return colours;
  }
  if (colours.size() == 1) {
    // A title with a colour suffix ("Market Tote - Black") is no colour list.
    if (contains(text, " - ")) {
      return {};
    }
    // A lone unlabelled word group must be nothing but colour words, or a
    // product name such as "Black Linen Dress" would read as a colour.
    const std::vector<std::string> ws = words_of(colours[0]);
    // "Bottle Green" ends in a colour; "Black Linen Dress" does not.
    const bool all_colour = std::all_of(ws.begin(), ws.end(), [](const std::string& w) {
      const std::vector<std::string> tones = split_any(w, "/");
      return std::all_of(tones.begin(), tones.end(), [](const std::string& t) {
        const std::string l = lower(t);
        const bool fineness = l.size() >= 2 && l.size() <= 4 && is_digit(l[0]) &&
                              (ends_with(l, "k") || ends_with(l, "ct") || ends_with(l, "kt"));
        return is_colour_word(t) || is_colour_modifier(t) || fineness || l == "&" || l == "and";
      });
    });
    const bool ends_in_colour = ws.size() <= 3 && is_colour_word(ws.back());
    return all_colour || ends_in_colour ? colours : std::vector<std::string>{};
  }
  return known * 2 >= static_cast<int>(colours.size()) ? colours : std::vector<std::string>{};
}

bool starts_with_field_label(std::string_view raw)
{
  const std::string l = lower(trim(ascii_punctuation(raw)));
  for (std::string_view label :
       {"colours",   "colors",    "colour",   "color",   "col:",   "sizes",       "size",
        "sizing",    "style",     "art.",     "art ",    "ref",    "sku",         "price",
        "wholesale", "whs",       "whsl",     "w/s",     "retail", "rrp",         "msrp",
        "srp",       "rp ",       "rp:",      "cost",    "fabric", "composition", "material",
        "content",   "care",      "delivery", "ships",   "moq",    "min",         "origin",
        "made in",   "available", "fit:",     "length:", "new",    "page"}) {
    // "Mini Crossbody Bag" does not start with the label "min".
    if (starts_with(l, label) &&
        (!is_alpha(label.back()) || l.size() == label.size() || !is_alpha(l[label.size()]))) {
      return true;
    }
  }
  return false;
}

std::string title_case(std::string_view raw)
{
  const std::string text = ascii_punctuation(raw);
  std::string out;
  bool first_word = true;
  for (const std::string& w : words_of(text)) {
    std::string word = lower(w);
    const bool small = word == "and" || word == "of" || word == "the" || word == "&" ||
                       word == "in" || word == "for" || word == "a" || word == "with";
    if (!small || first_word) {
      bool start = true;
      for (char& c : word) {
        if (start && is_alpha(c)) {
          c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        start = c == '-' || c == '/' || c == '(';
        if (is_alpha(c)) {
          start = false;
        }
      }
    }
    if (!out.empty()) {
      out += ' ';
    }
    out += word;
    first_word = false;
  }
  return out;
}

std::optional<std::string> taxonomy_category(std::string_view raw)
{
  const std::vector<std::string> ws = words_of(ascii_punctuation(raw));
  for (auto it = ws.rbegin(); it != ws.rend(); ++it) {
    // "T-Shirt" and "Knit-Dress": try the whole word, then its last part.
    if (auto c = taxonomy_of_word(*it)) {
      return std::string(*c);
    }
    const std::vector<std::string> parts = split_any(*it, "-/");
    for (auto p = parts.rbegin(); p != parts.rend(); ++p) {
      if (auto c = taxonomy_of_word(*p)) {
        return std::string(*c);
      }
    }
  }
  return std::nullopt;
}

std::optional<std::string> match_category(std::string_view text,
                                          const std::vector<std::string>& categories)
{
  const std::string l = lower(trim(text));
  for (const std::string& c : categories) {
    if (lower(trim(c)) == l) {
      return c;
    }
  }
  const auto t = taxonomy_category(text);
  if (!t) {
    return std::nullopt;
  }
  // "Trousers & Skirts" holds skirts as well as trousers: any word counts.
  for (const std::string& c : categories) {
    if (lower(c) == lower(*t)) {
      return c;
    }
    for (const std::string& w : words_of(ascii_punctuation(c))) {
      if (taxonomy_of_word(w) == std::optional<std::string_view>(*t)) {
        return c;
      }
    }
  }
  return std::nullopt;
}

} // namespace collproc::ai::heuristic
