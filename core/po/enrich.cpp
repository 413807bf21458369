#include "core/po/enrich.hpp"

#include "core/po/items.hpp"
#include "core/po/text.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace collproc::po {

namespace {

// Whether two equal-length styles differ in one digit only ("SS261042" and
// "SS261043"): neighbouring numbers of one series are different styles, not
// typos of each other.
bool one_digit_apart(const std::string& a, const std::string& b)
{
  if (a.size() != b.size()) {
    return false;
  }
  int differences = 0;
  bool digits = true;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) {
      ++differences;
      digits = digits && std::isdigit(static_cast<unsigned char>(a[i])) &&
               std::isdigit(static_cast<unsigned char>(b[i]));
    }
  }
  return differences == 1 && digits;
}

// The product colour a letters-only colour code names: its whole name or
// an abbreviation of it ("BLK" Black, "CHS" Chestnut), as match_color reads
// a PO colour. "" when the code is no such abbreviation.
std::string color_of_code(const std::string& code, const std::vector<std::string>& colors)
{
  if (code.size() < 2 || !std::all_of(code.begin(), code.end(), [](char c) {
        return std::isalpha(static_cast<unsigned char>(c)) != 0;
      })) {
    return "";
  }
  const std::string color = match_color(code, colors);
  const bool named = std::find(colors.begin(), colors.end(), color) != colors.end();
  return named ? color : "";
}

} // namespace

std::string normalise_style(std::string_view style)
{
  std::string out;
  for (char c : style) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      out += static_cast<char>(std::toupper(u));
    } else if (u >= 0x80) {
      out += c;
    }
  }
  return out;
}

double style_similarity(std::string_view a, std::string_view b)
{
  const size_t n = a.size();
  const size_t m = b.size();
  if (n == 0 && m == 0) {
    return 1.0;
  }
  if (n == 0 || m == 0) {
    return 0.0;
  }
  // Optimal string alignment: a swapped pair of digits is one typo.
  std::vector<std::vector<size_t>> d(n + 1, std::vector<size_t>(m + 1));
  for (size_t i = 0; i <= n; ++i) {
    d[i][0] = i;
  }
  for (size_t j = 0; j <= m; ++j) {
    d[0][j] = j;
  }
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return 1.0 - static_cast<double>(d[n][m]) / static_cast<double>(std::max(n, m));
}

std::vector<model::EnrichedSku> enrich(const std::vector<model::Sku>& skus,
                                       const std::vector<model::Product>& products)
{
  std::map<std::string, const model::Product*> by_exact;
  std::map<std::string, const model::Product*> by_normalised;
  for (const model::Product& p : products) {
    by_exact.emplace(p.style_number, &p); // the first listing of a style wins
    by_normalised.emplace(normalise_style(p.style_number), &p);
  }
  // SKUs of one style share a decision; compute it once per style, exact and
  // normalised matches first: a product that another PO style names is no
  // typo's target ("AN26-150" is not "AN26-105" misspelt when the order
  // also has AN26-105).
  struct Decision {
    const model::Product* product = nullptr;
    std::string match = "none";
    std::string color; // the colour a colour-code suffix names, if any
  };
  std::map<std::string, Decision> decided;
  std::set<const model::Product*> named;
  for (const model::Sku& sku : skus) {
    if (decided.count(sku.style_number) > 0) {
      continue;
    }
    Decision d;
    const std::string key = normalise_style(sku.style_number);
    if (const auto it = by_exact.find(sku.style_number); it != by_exact.end()) {
      d = Decision{it->second, "exact", ""};
    } else if (const auto nit = by_normalised.find(key);
               nit != by_normalised.end() && !key.empty()) {
      d = Decision{nit->second, "normalised", ""};
    }
    if (d.product != nullptr) {
      named.insert(d.product);
      decided.emplace(sku.style_number, d);
    }
  }
  for (const model::Sku& sku : skus) {
    if (decided.count(sku.style_number) > 0) {
      continue;
    }
    Decision d;
    const std::string key = normalise_style(sku.style_number);
    if (key.size() >= 4) {
      double best = 0;
      int ties = 0;
      const model::Product* best_product = nullptr;
      std::string how;
      std::string color;
      for (const auto& [candidate, p] : by_normalised) {
        if (candidate.size() < 4) {
          continue;
        }
        double score = one_digit_apart(key, candidate) || named.count(p) > 0
                           ? 0.0
                           : style_similarity(key, candidate);
        std::string note;
        std::string code_color;
        // "SS261042BLK" against "SS261042": the PO added a colour code. It
        // is surer when the code abbreviates one of the product's colours.
        const std::string& shorter = key.size() < candidate.size() ? key : candidate;
        const std::string& longer = key.size() < candidate.size() ? candidate : key;
        if (shorter.size() >= 5 && longer.starts_with(shorter) && shorter != longer) {
          const std::string code =
              key.size() > candidate.size() ? key.substr(candidate.size()) : std::string();
          code_color = color_of_code(code, p->colors);
          if (!code_color.empty()) {
            score = 0.95;
            note = " (colour code " + code + ")";
          } else if (score < 0.9) {
            score = 0.9;
            note = " (prefix)";
          }
        }
        if (score > best + 1e-9) {
          best = score;
          best_product = p;
          ties = 1;
          how = note;
          color = code_color;
        } else if (std::abs(score - best) <= 1e-9) {
          ++ties;
        }
      }
      if (best_product != nullptr && best >= k_nearest_threshold && ties == 1) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "nearest %.2f", best);
        d = Decision{best_product, buffer + how, color};
      }
    }
    decided.emplace(sku.style_number, d);
  }

  std::vector<model::EnrichedSku> out;
  out.reserve(skus.size());
  for (const model::Sku& sku : skus) {
    model::EnrichedSku e;
    e.sku = sku;
    const Decision& d = decided.at(sku.style_number);
    if (d.product != nullptr) {
      e.product_id = d.product->product_id;
    }
    e.match = d.match;
    if (trim(e.sku.color).empty() && !d.color.empty()) {
      e.sku.color = d.color; // the PO names the colour only in its code
    }
    out.push_back(std::move(e));
  }
  return out;
}

} // namespace collproc::po
