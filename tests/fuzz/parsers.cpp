// Fuzz target: the text parsers that read style numbers, prices, sizes and
// colours from linesheet text (core/ai/heuristic_text) and from PO cells
// (core/po text, vocabulary, enrich). They never throw; beyond that the
// target checks what their headers promise: numbers are finite, counts in
// range, a found style number is one, normalised styles are stable,
// similarities lie in 0..1, and UTF-8 text stays UTF-8 (the phases store
// the results as JSON).

#include "core/ai/heuristic_text.hpp"
#include "core/po/enrich.hpp"
#include "core/po/text.hpp"
#include "core/po/vocabulary.hpp"
#include "tests/fuzz/fuzz_support.hpp"

#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

using namespace collproc;
namespace h = collproc::ai::heuristic;

namespace {

// Style numbers are short: the similarity is quadratic in their length.
constexpr size_t k_max_style_bytes = 64;
constexpr size_t k_max_categories = 16;

void require(bool condition)
{
  if (!condition) {
    std::abort();
  }
}

bool is_utf8(const std::string& text)
{
  try {
    fuzz::dump_as_phase_does(text);
    return true;
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
}

void check_heuristic(std::string_view text, bool utf8)
{
  if (const std::optional<double> amount = h::parse_amount(text)) {
    require(std::isfinite(*amount) && *amount >= 0);
  }
  for (const h::Price& price : h::find_prices(text)) {
    require(std::isfinite(price.amount));
    require(price.currency.empty() || price.currency.size() == 3);
  }
  (void)h::price_role_of(text);
  const std::string currency = h::currency_in(text);
  require(currency.empty() || currency.size() == 3);
  (void)h::is_style_number(text, h::Labelled::no);
  (void)h::is_style_number(text, h::Labelled::yes);
  const std::optional<std::string> style = h::find_style_number(text);
  if (style) {
    require(h::is_style_number(*style, h::Labelled::yes));
  }
  const std::vector<std::string> sizes = h::parse_sizes(text);
  const std::vector<std::string> colors = h::parse_colors(text);
  (void)h::starts_with_field_label(text);
  const std::string title = h::title_case(text);
  const std::optional<std::string> category = h::taxonomy_category(text);
  const std::string trimmed = h::trim(text);
  require(trimmed.size() <= text.size());
  require(h::lower(text).size() == text.size());
  if (utf8) {
    fuzz::dump_as_phase_does(style.value_or(""));
    fuzz::dump_as_phase_does(sizes);
    fuzz::dump_as_phase_does(colors);
    fuzz::dump_as_phase_does(title);
    fuzz::dump_as_phase_does(category.value_or(""));
    fuzz::dump_as_phase_does(trimmed);
  }
}

void check_po(std::string_view text, bool utf8)
{
  if (const std::optional<double> number = po::parse_number(text)) {
    require(std::isfinite(*number));
    (void)po::format_number(*number);
  }
  if (const std::optional<int> count = po::parse_count(text)) {
    require(*count >= 0 && *count <= 10'000'000);
  }
  const std::string trimmed = po::trim(text);
  require(trimmed.size() <= text.size());
  require(po::lower_ascii(text).size() == text.size());
  const std::string folded = po::fold(text);
  (void)po::field_for_header(text);
  (void)po::is_size_label(text);
  (void)po::is_numeric_size(text);
  (void)po::is_total_label(text);
  const std::string style = po::normalise_style(text);
  require(po::normalise_style(style) == style);
  if (utf8) {
    fuzz::dump_as_phase_does(trimmed);
    fuzz::dump_as_phase_does(folded);
    fuzz::dump_as_phase_does(style);
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  // The whole input is one cell or line of text; its first line is also a
  // product name matched against the categories on the lines after it, and
  // its two halves are two style numbers compared.
  const std::string_view input = fuzz::as_text(data, size);
  const bool utf8 = is_utf8(std::string(input));
  check_heuristic(input, utf8);
  check_po(input, utf8);

  const size_t newline = input.find('\n');
  const std::string_view name = input.substr(0, newline);
  std::vector<std::string> categories;
  for (size_t start = newline;
       start != std::string_view::npos && categories.size() < k_max_categories;) {
    const size_t end = input.find('\n', start + 1);
    categories.emplace_back(input.substr(
        start + 1, end == std::string_view::npos ? std::string_view::npos : end - start - 1));
    start = end;
  }
  if (const std::optional<std::string> match = h::match_category(name, categories)) {
    require(std::find(categories.begin(), categories.end(), *match) != categories.end());
  }

  const std::string a = po::normalise_style(input.substr(0, std::min(size / 2, k_max_style_bytes)));
  const std::string b =
      po::normalise_style(input.substr(size / 2, std::min(size - size / 2, k_max_style_bytes)));
  const double similarity = po::style_similarity(a, b);
  require(similarity >= 0 && similarity <= 1);
  require(similarity == po::style_similarity(b, a));
  require(po::style_similarity(a, a) == 1);
  return 0;
}
