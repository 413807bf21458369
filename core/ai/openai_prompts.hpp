#pragma once
// What the openai engine asks and how it reads the answers. Each question
// carries the JSON schema of its answer (sent as response_format and, for
// servers without it, spelled out in the instructions) and a check of what
// a schema cannot say (a bbox inside the page, a column index in range).
// Prompts hold what the model needs and no more: for products, one page's
// words with positions grouped into phase 2's blocks and the kept images'
// boxes; for columns, the header row and a sample of rows; for categories,
// product names and the linesheets' headings.

#include "core/ai/provider.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace collproc::ai::openai {

struct Question {
  std::string name;    // schema name: "categories", "products" or "columns"
  std::string subject; // for messages: "categories", "page 3", "columns"
  nlohmann::json schema;
  std::string system; // instructions, the schema included as text
  std::string user;   // the material
  // A problem the schema cannot catch, or nullopt; quoted back on retry.
  std::function<std::optional<std::string>(const nlohmann::json&)> check;
};

// How many PO rows the columns question shows.
constexpr size_t k_sample_rows = 20;

Question categories_question(const CategoryRequest& request);

// One question per page that has words (pages without text have no
// products); page_numbers receives each question's page.
std::vector<Question> product_questions(const ProductRequest& request,
                                        std::vector<int>& page_numbers);

Question columns_question(const ColumnRequest& request);

// The page as the products question shows it: blocks of word groups with
// their boxes and font sizes, then the kept photos' boxes.
std::string describe_page(const model::TextPage& page, const model::PageImages* kept);

// Readers of answers that passed the schema and the check.
std::vector<std::string> read_categories(const nlohmann::json& answer);
std::vector<model::Product> read_products(const nlohmann::json& answer, int page,
                                          const std::string& currency);
model::ColumnMapping read_columns(const nlohmann::json& answer, const model::PoTable& table,
                                  const std::string& engine);

} // namespace collproc::ai::openai
