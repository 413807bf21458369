#include "core/po/vocabulary.hpp"

#include "core/po/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <utility>
#include <vector>

namespace collproc::po {

namespace {

// Lowercase words of a header (Latin-1 letters too: "GRÖSSE" -> "grösse"),
// punctuation dropped: "Style #" -> "style",
// "Unit-Cost ($)" -> "unit cost", "UPC/EAN" -> "upc ean".
std::vector<std::string> header_words(std::string_view header)
{
  std::vector<std::string> words;
  std::string word;
  for (char c : lower_latin(header)) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  if (!word.empty()) {
    words.push_back(word);
  }
  return words;
}

std::string join(const std::vector<std::string>& words)
{
  std::string out;
  for (const std::string& w : words) {
    out += (out.empty() ? "" : " ") + w;
  }
  return out;
}

struct Synonym {
  const char* text;
  const char* field;
};

// Whole-header synonyms after header_words(); checked first.
constexpr std::array k_synonyms{
    Synonym{"style", "style_number"},
    Synonym{"style no", "style_number"},
    Synonym{"style number", "style_number"},
    Synonym{"style num", "style_number"},
    Synonym{"style code", "style_number"},
    Synonym{"style id", "style_number"},
    Synonym{"style nbr", "style_number"},
    Synonym{"vendor style", "style_number"},
    Synonym{"mfg style", "style_number"},
    Synonym{"article", "style_number"},
    Synonym{"article no", "style_number"},
    Synonym{"article number", "style_number"},
    Synonym{"art no", "style_number"},
    Synonym{"item", "style_number"},
    Synonym{"item no", "style_number"},
    Synonym{"item number", "style_number"},
    Synonym{"item code", "style_number"},
    Synonym{"model", "style_number"},
    Synonym{"product code", "style_number"},
    Synonym{"ref", "style_number"},
    Synonym{"reference", "style_number"},
    Synonym{"vpn", "style_number"},
    // German, French, Italian and Spanish order systems.
    Synonym{"artikel", "style_number"},
    Synonym{"artikelnr", "style_number"},
    Synonym{"artikelnummer", "style_number"},
    Synonym{"art nr", "style_number"},
    Synonym{"artnr", "style_number"},
    Synonym{"modell", "style_number"},
    Synonym{"modellnr", "style_number"},
    Synonym{"réf", "style_number"},
    Synonym{"référence", "style_number"},
    Synonym{"ref article", "style_number"},
    Synonym{"réf article", "style_number"},
    Synonym{"modèle", "style_number"},
    Synonym{"articolo", "style_number"},
    Synonym{"codice", "style_number"},
    Synonym{"codice articolo", "style_number"},
    Synonym{"cod art", "style_number"},
    Synonym{"modello", "style_number"},
    Synonym{"referencia", "style_number"},
    Synonym{"artículo", "style_number"},
    Synonym{"modelo", "style_number"},
    Synonym{"color", "color"},
    Synonym{"colour", "color"},
    Synonym{"clr", "color"},
    Synonym{"col", "color"},
    Synonym{"colorway", "color"},
    Synonym{"shade", "color"},
    Synonym{"color name", "color"},
    Synonym{"colour name", "color"},
    Synonym{"metal", "color"}, // jewellery: the metal is the colourway
    Synonym{"finish", "color"},
    Synonym{"farbe", "color"},
    Synonym{"couleur", "color"},
    Synonym{"coloris", "color"},
    Synonym{"colore", "color"},
    Synonym{"size", "size"},
    Synonym{"sz", "size"},
    Synonym{"size name", "size"},
    Synonym{"grösse", "size"},
    Synonym{"größe", "size"},
    Synonym{"groesse", "size"},
    Synonym{"gr", "size"},
    Synonym{"taille", "size"},
    Synonym{"taglia", "size"},
    Synonym{"talla", "size"},
    Synonym{"qty", "quantity"},
    Synonym{"quantity", "quantity"},
    Synonym{"units", "quantity"},
    Synonym{"pcs", "quantity"},
    Synonym{"pieces", "quantity"},
    Synonym{"ordered", "quantity"},
    Synonym{"order qty", "quantity"},
    Synonym{"qty ordered", "quantity"},
    Synonym{"total qty", "quantity"},
    Synonym{"total units", "quantity"},
    Synonym{"menge", "quantity"},
    Synonym{"anzahl", "quantity"},
    Synonym{"stück", "quantity"},
    Synonym{"stk", "quantity"},
    Synonym{"quantité", "quantity"},
    Synonym{"qté", "quantity"},
    Synonym{"quantità", "quantity"},
    Synonym{"qtà", "quantity"},
    Synonym{"pezzi", "quantity"},
    Synonym{"cantidad", "quantity"},
    Synonym{"unidades", "quantity"},
    Synonym{"unit cost", "unit_cost"},
    Synonym{"cost", "unit_cost"},
    Synonym{"whs", "unit_cost"},
    Synonym{"whsl", "unit_cost"},
    Synonym{"wsp", "unit_cost"},
    Synonym{"wholesale", "unit_cost"},
    Synonym{"unit price", "unit_cost"},
    Synonym{"price", "unit_cost"},
    Synonym{"net price", "unit_cost"},
    Synonym{"fob", "unit_cost"},
    Synonym{"whs price", "unit_cost"},
    Synonym{"wholesale price", "unit_cost"},
    Synonym{"cost price", "unit_cost"},
    Synonym{"ek", "unit_cost"},
    Synonym{"ek preis", "unit_cost"},
    Synonym{"einkaufspreis", "unit_cost"},
    Synonym{"preis", "unit_cost"},
    Synonym{"einzelpreis", "unit_cost"},
    Synonym{"stückpreis", "unit_cost"},
    Synonym{"prix", "unit_cost"},
    Synonym{"prix unitaire", "unit_cost"},
    Synonym{"prix achat", "unit_cost"},
    Synonym{"prix d achat", "unit_cost"},
    Synonym{"prezzo", "unit_cost"},
    Synonym{"prezzo unitario", "unit_cost"},
    Synonym{"precio", "unit_cost"},
    Synonym{"precio unitario", "unit_cost"},
    Synonym{"msrp", "retail_price"},
    Synonym{"retail", "retail_price"},
    Synonym{"rrp", "retail_price"},
    Synonym{"srp", "retail_price"},
    Synonym{"retail price", "retail_price"},
    Synonym{"compare at price", "retail_price"}, // Shopify's struck-through price
    Synonym{"uvp", "retail_price"},
    Synonym{"vk", "retail_price"},
    Synonym{"vk preis", "retail_price"},
    Synonym{"verkaufspreis", "retail_price"},
    Synonym{"prix de vente", "retail_price"},
    Synonym{"pvc", "retail_price"},
    Synonym{"pvp", "retail_price"},
    Synonym{"description", "description"},
    Synonym{"desc", "description"},
    Synonym{"style name", "description"},
    Synonym{"name", "description"},
    Synonym{"product name", "description"},
    Synonym{"product", "description"},
    Synonym{"item description", "description"},
    Synonym{"item name", "description"},
    Synonym{"title", "description"},
    Synonym{"bezeichnung", "description"},
    Synonym{"beschreibung", "description"},
    Synonym{"artikelbezeichnung", "description"},
    Synonym{"désignation", "description"},
    Synonym{"designation", "description"},
    Synonym{"libellé", "description"},
    Synonym{"descrizione", "description"},
    Synonym{"descripción", "description"},
    Synonym{"upc", "upc"},
    Synonym{"ean", "upc"},
    Synonym{"gtin", "upc"},
    Synonym{"barcode", "upc"},
    Synonym{"upc ean", "upc"},
    Synonym{"ean13", "upc"},
    Synonym{"upc code", "upc"},
    Synonym{"ext", "ignore"},
    Synonym{"ext cost", "ignore"},
    Synonym{"extended", "ignore"},
    Synonym{"extended cost", "ignore"},
    Synonym{"amount", "ignore"},
    Synonym{"total", "ignore"},
    Synonym{"line total", "ignore"},
    Synonym{"total cost", "ignore"},
    Synonym{"value", "ignore"},
    Synonym{"gesamt", "ignore"},
    Synonym{"gesamtpreis", "ignore"},
    Synonym{"summe", "ignore"},
    Synonym{"betrag", "ignore"},
    Synonym{"montant", "ignore"},
    Synonym{"totale", "ignore"},
    Synonym{"importe", "ignore"},
};

struct Keyword {
  const char* word;
  const char* field;
};

// Single words that decide a longer header, in priority order: "Ext Cost"
// is an extension, not a cost; "Style Name" a description, not a style.
constexpr std::array k_keywords{
    Keyword{"msrp", "retail_price"},
    Keyword{"retail", "retail_price"},
    Keyword{"rrp", "retail_price"},
    Keyword{"srp", "retail_price"},
    Keyword{"uvp", "retail_price"},
    Keyword{"upc", "upc"},
    Keyword{"ean", "upc"},
    Keyword{"gtin", "upc"},
    Keyword{"barcode", "upc"},
    Keyword{"ext", "ignore"},
    Keyword{"extended", "ignore"},
    Keyword{"amount", "ignore"},
    Keyword{"qty", "quantity"},
    Keyword{"quantity", "quantity"},
    Keyword{"units", "quantity"},
    Keyword{"pcs", "quantity"},
    Keyword{"menge", "quantity"},
    Keyword{"anzahl", "quantity"},
    Keyword{"quantité", "quantity"},
    Keyword{"cantidad", "quantity"},
    Keyword{"description", "description"},
    Keyword{"desc", "description"},
    Keyword{"name", "description"},
    Keyword{"color", "color"},
    Keyword{"colour", "color"},
    Keyword{"clr", "color"},
    Keyword{"farbe", "color"},
    Keyword{"couleur", "color"},
    Keyword{"cost", "unit_cost"},
    Keyword{"price", "unit_cost"},
    Keyword{"whs", "unit_cost"},
    Keyword{"wholesale", "unit_cost"},
    Keyword{"preis", "unit_cost"},
    Keyword{"prix", "unit_cost"},
    Keyword{"prezzo", "unit_cost"},
    Keyword{"precio", "unit_cost"},
    Keyword{"style", "style_number"},
    Keyword{"article", "style_number"},
    Keyword{"size", "size"},
};

// The words that open a row of totals or charges, after header_words()
// ("Sub-total" is "sub total"): such a row is never an item.
constexpr std::array k_total_openers{
    "subtotal",
    "sub total",
    "total",
    "totals",
    "grand total",
    "shipping",
    "freight",
    "delivery charge",
    "delivery charges",
    "tax",
    "taxes",
    "vat",
    "sales tax",
    "discount",
    "deposit",
    "balance due",
    // German, French, Italian and Spanish totals and charges.
    "summe",
    "zwischensumme",
    "gesamtsumme",
    "endsumme",
    "gesamt",
    "mwst",
    "ust",
    "versand",
    "versandkosten",
    "rabatt",
    "sous total",
    "tva",
    "frais de port",
    "remise",
    "totale",
    "subtotale",
    "iva",
    "spedizione",
    "sconto",
    "envío",
    "descuento",
};

std::string field_label(const std::string& field)
{
  if (field == "style_number")
    return "a style-number";
  if (field == "unit_cost")
    return "a unit-cost";
  if (field == "retail_price")
    return "a retail-price";
  if (field == "ignore")
    return "an extension/total (not an item field)";
  if (field == "upc")
    return "a barcode";
  return "a " + field;
}

bool all_digits(std::string_view s)
{
  if (s.empty()) {
    return false;
  }
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

} // namespace

std::optional<HeaderField> field_for_header(std::string_view header)
{
  const std::string original = trim(header);
  const std::vector<std::string> words = header_words(original);
  if (words.empty() || words.size() > 5) {
    return std::nullopt;
  }
  const std::string joined = join(words);
  for (const Synonym& s : k_synonyms) {
    if (joined == s.text) {
      return HeaderField{s.field, 3, "'" + original + "' is " + field_label(s.field) + " synonym"};
    }
  }
  // E-commerce order exports name the order line's own fields with a prefix
  // (Shopify "Lineitem sku", "Lineitem price"; WooCommerce "Item SKU",
  // "item_quantity"). Shopify's lines also hold order-level columns of the
  // bare names ("Name" is the order number), so its prefix wins over them.
  const bool lineitem = words.size() >= 2 && (words[0] == "lineitem" || words[0] == "lineitems");
  const bool line_item = words.size() >= 3 && words[0] == "line" && words[1] == "item";
  const bool item = words.size() >= 2 && words[0] == "item";
  if (lineitem || line_item || item) {
    const size_t skip = line_item ? 2 : 1;
    const std::string rest =
        join(std::vector<std::string>(words.begin() + static_cast<long>(skip), words.end()));
    if (const std::optional<HeaderField> inner = field_for_header(rest);
        inner && inner->field != "ignore") {
      return HeaderField{inner->field, item ? 3 : 4,
                         "'" + original + "' is an order line's " + rest + ", " +
                             field_label(inner->field) + " column"};
    }
  }
  // "Style #" and "Item No." drop to one word; "SKU" and "Item" alone are weak.
  if (joined == "sku" || joined == "sku no" || joined == "sku number") {
    return HeaderField{"style_number", 1, "'" + original + "' usually holds the style number"};
  }
  for (const Keyword& k : k_keywords) {
    for (const std::string& w : words) {
      if (w == k.word) {
        return HeaderField{k.field, 2,
                           "'" + original + "' contains '" + k.word + "', " + field_label(k.field) +
                               " keyword"};
      }
    }
  }
  return std::nullopt;
}

bool is_numeric_size(std::string_view text)
{
  std::string s = trim(text);
  if (s.size() >= 2 && s.compare(s.size() - 2, 2, "\xC2\xBD") == 0) {
    s = s.substr(0, s.size() - 2); // 7½
  }
  const size_t dot = s.find('.');
  if (dot != std::string::npos) {
    if (s.substr(dot + 1) != "5") {
      return false;
    }
    s = s.substr(0, dot);
  }
  if (!all_digits(s) || s.size() > 2) {
    return false;
  }
  return std::stoi(s) <= 60;
}

bool is_size_label(std::string_view text)
{
  const std::string s = fold(trim(text));
  std::string upper;
  for (char c : s) {
    upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  static const std::set<std::string> k_letter_sizes{
      "XXXS", "XXS",     "XS",   "S",    "M",   "L",   "XL",   "XXL",  "XXXL",   "XXXXL",
      "2XS",  "2XL",     "3XL",  "4XL",  "5XL", "1X",  "2X",   "3X",   "4X",     "OS",
      "O/S",  "ONESIZE", "OSFA", "OSFM", "S/M", "M/L", "L/XL", "XS/S", "XL/XXL", "S-M",
      "M-L",  "L-XL",    "XS-S", "SM",   "MD",  "LG",  "P",    "PP",   "MP",     "LP",
  };
  if (k_letter_sizes.count(upper) > 0 || is_numeric_size(s)) {
    return true;
  }
  // Kids' 2T..6T and waist x length 30x32.
  if (upper.size() == 2 && std::isdigit(static_cast<unsigned char>(upper[0])) && upper[1] == 'T') {
    return true;
  }
  const size_t x = upper.find('X');
  return x != std::string::npos && x > 0 && all_digits(upper.substr(0, x)) &&
         all_digits(upper.substr(x + 1)) && x <= 2 && upper.size() - x - 1 <= 2;
}

bool is_total_label(std::string_view text)
{
  const std::vector<std::string> words = header_words(text);
  if (words.empty()) {
    return false;
  }
  const std::string joined = join(words);
  for (const char* opener : k_total_openers) {
    const std::string_view o(opener);
    if (joined.starts_with(o) && (joined.size() == o.size() || joined[o.size()] == ' ')) {
      return true;
    }
  }
  // "Order Total", "Page subtotal": a short label naming a total anywhere.
  if (words.size() > 4) {
    return false;
  }
  for (const std::string& w : words) {
    if (w == "total" || w == "subtotal" || w == "totals" || w == "summe" || w == "totale") {
      return true;
    }
  }
  return false;
}

bool looks_like_style_number(std::string_view text)
{
  const bool has_digit = std::any_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
  return has_digit && header_words(text).size() <= 3 && !is_total_label(text);
}

} // namespace collproc::po
