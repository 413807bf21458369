#pragma once
// Text parsers of the heuristic engine: prices, sizes, colours, style numbers
// and category names as they are written on real linesheets. Pure functions:
// an input that is not what a parser reads gives an empty result, never a
// throw.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace collproc::ai::heuristic {

// Which price a label names: WHS / Wholesale / Cost / W/S / Whsl are
// wholesale; RRP / MSRP / Retail / SRP / RP are retail.
enum class PriceRole { unknown, wholesale, retail };

struct Price {
  double amount = 0;
  std::string currency; // "USD", "EUR", "GBP", ...; "" when the text names none
  PriceRole role = PriceRole::unknown;
};

// A decimal number as written: "42", "42.00", "38,00" (decimal comma),
// "1,234.50", "1.234,50". nullopt when the text is not such a number.
std::optional<double> parse_amount(std::string_view text);

// Every price in the text, left to right. A number counts as a price when a
// currency symbol or code, or a price label, is next to it, or when it has
// two decimals ("42.00", "38,00"); a label before a price (or, when the text
// starts with a price, after it) gives the price its role.
std::vector<Price> find_prices(std::string_view text);

// The role a column header or label names ("Wholesale (USD)" → wholesale),
// unknown when it names none.
PriceRole price_role_of(std::string_view label);

// A currency code named by the text ("$" → "USD", "€" → "EUR", "£" → "GBP",
// or a code such as "EUR"), "" when there is none.
std::string currency_in(std::string_view text);

// Whether a single token looks like a style number. An unlabelled token needs
// letters and at least three digits (SS26-1042, AB1234, W24.118) and must not
// be a price, size, date, season code or measure; after a label
// (Labelled::yes) digits alone are enough.
enum class Labelled { no, yes };
bool is_style_number(std::string_view token, Labelled labelled = Labelled::no);

// The style number in a line of text: the token after a label ("Style",
// "Style #", "Style No", "Art.", "Ref", "SKU") first, else the first token that
// looks like one. nullopt when there is none.
std::optional<std::string> find_style_number(std::string_view text);

// Sizes in human order (in_human_order), ranges expanded: "XS-XL" → XS,S,M,L,XL; "0-12" →
// 0,2,...,12 (step 2 when both ends are even); "S/M, M/L" kept as pairs;
// "One Size"/"OS"/"O/S" → "One Size". A label ("Sizes:") may precede them.
// Empty when the text is not a size list.
std::vector<std::string> parse_sizes(std::string_view text);

// Sizes in human order: letter sizes XXXS..XXXL (a pair such as "S/M" after
// its first size), then numbers ascending, then the rest as listed.
std::vector<std::string> in_human_order(std::vector<std::string> sizes);

// Colours split on ' / ' (spaced: "Natural/Black" is one colour), ',', '|' and ';', with labels
// such as "Colours:" removed, spelled as written. Empty when the text does not read as a colour
// list: unlabelled text needs most parts to name a known colour.
std::vector<std::string> parse_colors(std::string_view text);

// Whether the text starts with a field label (colours, sizes, prices, style,
// fabric...) so it is not a product name.
bool starts_with_field_label(std::string_view text);

// "DRESSES" → "Dresses", "knitwear & jersey" → "Knitwear & Jersey".
std::string title_case(std::string_view text);

// The apparel/accessories category a product name or heading falls in, from
// its last keyword ("Knit Dress" → "Dresses", "Denim Jacket" → "Outerwear").
// Categories: Dresses, Tops, Knitwear (also vests, roll necks), Skirts,
// Trousers (trousers, pants, jeans, shorts, chinos), Jackets (jackets,
// blazers), Coats (coats, parkas, trenches), Outerwear (capes, ponchos),
// Jumpsuits, Swimwear, Lingerie, Bags, Footwear, Jewellery, Accessories.
// nullopt when none fits.
std::optional<std::string> taxonomy_category(std::string_view text);

// The category of `categories` that names the same kind of product as `text`
// (case-insensitively equal, or the same taxonomy category). nullopt when none.
std::optional<std::string> match_category(std::string_view text,
                                          const std::vector<std::string>& categories);

// Whether the text holds a digit; whether most of its letters are capitals;
// how many space-separated words it has.
bool has_digit(std::string_view text);
bool mostly_upper(std::string_view text);
size_t word_count(std::string_view text);

// Whether the words alone could be a section heading ("KNITWEAR", "Trousers &
// Skirts"): short, no digits, no title words ("Wholesale Linesheet",
// "Contents"), no field label, sizes, prices or badge.
bool heading_text(const std::string& text);

// Badges printed over photos or beside names ("NEW", "Bestseller").
bool is_badge_text(const std::string& text);

// Lower-cased ASCII copy.
std::string lower(std::string_view text);

// The text with leading and trailing spaces and separators removed.
std::string trim(std::string_view text);

} // namespace collproc::ai::heuristic
