// collproc show NAME COLLECTION [--page N]: a phase's checkpointed output.
// collproc export COLLECTION [--out DIR]

#include "cli/globals.hpp"
#include "cli/table.hpp"
#include "cli/terminal.hpp"
#include "core/model/order.hpp"
#include "core/ops/export.hpp"
#include "core/phases/phase_table.hpp"

#include <fmt/format.h>

namespace collproc::cli {

namespace {

using nlohmann::json;

std::string box(const model::BBox& b)
{
  return fmt::format("[{:.0f},{:.0f},{:.0f},{:.0f}]", b.x0, b.y0, b.x1, b.y1);
}

std::string joined(const std::vector<std::string>& parts, const char* sep = ", ")
{
  return fmt::format("{}", fmt::join(parts, sep));
}

// One renderer per phase whose output reads well as a table; others print
// their JSON.
void print_rows(const std::string& phase, const std::vector<state::OutputRow>& rows, int page)
{
  std::vector<Row> table;
  if (phase == "extract-images") {
    for (const auto& r : rows) {
      const auto p = json::parse(r.payload).get<model::PageImages>();
      for (const auto& i : p.placements) {
        table.push_back({std::to_string(i.page), i.image_id, box(i.bbox),
                         fmt::format("{}x{}", i.width, i.height), i.format,
                         i.sha256.substr(0, 12)});
      }
    }
    print_table({"PAGE", "IMAGE", "BBOX", "PIXELS", "FORMAT", "SHA256"}, table);
    return;
  }
  if (phase == "extract-text") {
    for (const auto& r : rows) {
      const auto p = json::parse(r.payload).get<model::TextPage>();
      for (const auto& l : p.lines) {
        table.push_back(
            {std::to_string(p.page), box(l.bbox), fmt::format("{:.1f}", l.font_size), l.text});
      }
    }
    print_table({"PAGE", "BBOX", "SIZE", "LINE"}, table);
    return;
  }
  if (phase == "filter-images") {
    for (const auto& r : rows) {
      for (const auto& d : json::parse(r.payload).get<std::vector<model::ImageDecision>>()) {
        table.push_back({d.image_id, d.keep ? "keep" : "drop", d.reason});
      }
    }
    print_table({"IMAGE", "DECISION", "REASON"}, table);
    return;
  }
  if (phase == "generate-categories") {
    for (const auto& r : rows) {
      for (const auto& c : json::parse(r.payload).get<std::vector<std::string>>()) {
        fmt::print("{}\n", printable(c));
      }
    }
    return;
  }
  if (phase == "extract-products") {
    std::vector<model::Product> shown;
    for (const auto& r : rows) {
      for (auto& p : json::parse(r.payload).get<std::vector<model::Product>>()) {
        if (page > 0 && p.page != page) {
          continue;
        }
        table.push_back({std::to_string(p.page), p.style_number, p.name, p.category,
                         joined(p.colors, " / "), joined(p.sizes, " "), money(p.wholesale_price),
                         money(p.retail_price), p.currency});
        shown.push_back(std::move(p));
      }
    }
    print_table(
        {"PAGE", "STYLE", "NAME", "CATEGORY", "COLORS", "SIZES", "WHOLESALE", "RETAIL", "CUR"},
        table);
    // One page: why each field was read so, product by product.
    if (page > 0) {
      for (const auto& p : shown) {
        if (!p.evidence.empty()) {
          fmt::print("\n{} {}\n", printable(p.style_number), printable(p.name));
          for (const auto& why : p.evidence) {
            fmt::print("  {}\n", printable(why));
          }
        }
      }
    }
    return;
  }
  if (phase == "match-images") {
    for (const auto& r : rows) {
      for (const auto& m : json::parse(r.payload).get<std::vector<model::ImageMatch>>()) {
        table.push_back({m.product_id, m.image_id, fmt::format("{:.3f}", m.score)});
      }
    }
    print_table({"PRODUCT", "IMAGE", "SCORE"}, table);
    return;
  }
  if (phase == "parse-po") {
    for (const auto& r : rows) {
      const auto t = json::parse(r.payload).get<model::PoTable>();
      fmt::print("sheet: {}  header row: {}\n", t.sheet.empty() ? "-" : printable(t.sheet),
                 t.header_row);
      for (const auto& note : t.notes) {
        fmt::print("note: {}\n", printable(note));
      }
      Row header{"ROW"};
      header.insert(header.end(), t.header.begin(), t.header.end());
      for (const auto& row : t.rows) {
        Row cells{std::to_string(row.source_row)};
        cells.insert(cells.end(), row.cells.begin(), row.cells.end());
        table.push_back(cells);
      }
      print_table(header, table);
    }
    return;
  }
  if (phase == "identify-columns") {
    for (const auto& r : rows) {
      const auto m = json::parse(r.payload).get<model::ColumnMapping>();
      fmt::print("engine: {}\n", m.engine);
      for (const auto& c : m.columns) {
        table.push_back({std::to_string(c.column), c.header,
                         c.field + (c.size_label.empty() ? "" : " (" + c.size_label + ")"),
                         c.evidence});
      }
    }
    print_table({"COLUMN", "HEADER", "FIELD", "EVIDENCE"}, table);
    return;
  }
  if (phase == "extract-skus") {
    for (const auto& r : rows) {
      const auto j = json::parse(r.payload);
      for (const auto& s : j.at("skus").get<std::vector<model::Sku>>()) {
        table.push_back({s.style_number, s.color, s.size, std::to_string(s.quantity),
                         money(s.unit_cost), joined([&] {
                           std::vector<std::string> v;
                           for (int row : s.rows) {
                             v.push_back(std::to_string(row));
                           }
                           return v;
                         }())});
      }
      print_table({"STYLE", "COLOR", "SIZE", "QTY", "UNIT COST", "ROWS"}, table);
      for (const auto& skipped : j.at("skipped")) {
        fmt::print("skipped row {}: {}\n", skipped.at("row").get<int>(),
                   printable(skipped.at("reason").get<std::string>()));
      }
    }
    return;
  }
  if (phase == "enrich") {
    for (const auto& r : rows) {
      for (const auto& e : json::parse(r.payload).get<std::vector<model::EnrichedSku>>()) {
        table.push_back({e.sku.style_number, e.sku.color, e.sku.size,
                         std::to_string(e.sku.quantity), e.product_id.value_or("-"), e.match});
      }
    }
    print_table({"STYLE", "COLOR", "SIZE", "QTY", "PRODUCT", "MATCH"}, table);
    return;
  }
  if (phase == "build-items" || phase == "save-items") {
    for (const auto& r : rows) {
      for (const auto& i : json::parse(r.payload).get<std::vector<model::Item>>()) {
        std::vector<std::string> sizes;
        for (const auto& [size, qty] : i.sizes) {
          sizes.push_back(fmt::format("{}:{}", size, qty));
        }
        table.push_back({i.style_number, i.color, i.name, joined(sizes, " "),
                         std::to_string(i.total_quantity), money(i.unit_cost),
                         i.on_linesheet ? "yes" : "no", std::to_string(i.images.size())});
      }
    }
    print_table({"STYLE", "COLOR", "NAME", "SIZES", "TOTAL", "UNIT COST", "ON LINESHEET", "IMAGES"},
                table);
    return;
  }
  for (const auto& r : rows) {
    fmt::print("{}\n", json::parse(r.payload).dump(2));
  }
}

} // namespace

void register_show(CLI::App& app, Globals& g, Action& action)
{
  auto* cmd = app.add_subcommand(
      "show", "Print a phase's checkpointed output (a table, or JSON with --json)");
  auto name = std::make_shared<std::string>();
  auto collection = std::make_shared<std::string>();
  auto page = std::make_shared<int>(0);
  cmd->add_option("NAME", *name, "Phase or step name, e.g. extract-products")->required();
  cmd->add_option("COLLECTION", *collection, "Collection ID")->required();
  auto* page_option = cmd->add_option(
      "--page", *page,
      "Only this page (per-page phases and products); for extract-products, also why each "
      "field was read so");
  cmd->callback([&g, &action, name, collection, page, page_option] {
    const bool page_given = page_option->count() > 0;
    action = [&g, name, collection, page, page_given] {
      const auto& phase = phases::require(*name);
      auto store = open_store(g, state::StateStore::Open::existing);
      store->require_collection(*collection);
      const auto cp = store->checkpoint(*collection, phase.info().name);
      if (!cp) {
        throw Error(
            ExitCode::not_found, fmt::format("{}: {}: no checkpoint yet", *collection, *name),
            fmt::format("run 'collproc phase {} {}' or the whole job first", *name, *collection));
      }
      // A page no linesheet has is a mistake to say, not an empty answer.
      if (page_given && *page < 1) {
        throw Error(
            ExitCode::usage,
            fmt::format("{}: show {}: page {}: pages count from 1", *collection, *name, *page),
            "give --page a page number, or leave it out for every page");
      }
      if (*page > 0) {
        int pages = 0;
        for (const auto& doc : store->documents(*collection, model::DocumentKind::linesheet)) {
          pages = std::max(pages, doc.pages);
        }
        if (*page > pages) {
          throw Error(ExitCode::usage,
                      fmt::format("{}: show {}: page {} is out of range: the linesheets have {} "
                                  "page{}",
                                  *collection, *name, *page, pages, pages == 1 ? "" : "s"),
                      fmt::format("pick a page from 1 to {}", pages));
        }
      }
      auto rows = store->outputs(*collection, phase.info().name);
      const bool per_page = phase.info().granularity == runner::Granularity::per_unit &&
                            std::string(phase.info().name) != "filter-images";
      if (*page > 0 && per_page) {
        std::erase_if(rows, [&](const state::OutputRow& r) { return r.unit != *page; });
      }
      if (g.json) {
        json out{{"phase", phase.info().name}, {"label", phase.info().label},
                 {"complete", cp->complete},   {"fingerprint", cp->fingerprint},
                 {"counts", cp->counts},       {"outputs", json::array()}};
        for (const auto& r : rows) {
          json data = json::parse(r.payload);
          // Products carry their page: --page keeps that page's.
          if (*page > 0 && std::string(phase.info().name) == "extract-products" &&
              data.is_array()) {
            json kept = json::array();
            for (auto& p : data) {
              if (p.value("page", 0) == *page) {
                kept.push_back(std::move(p));
              }
            }
            data = std::move(kept);
          }
          out["outputs"].push_back(
              {{"document_id", r.document_id}, {"unit", r.unit}, {"data", std::move(data)}});
        }
        fmt::print("{}\n", out.dump(2));
        return 0;
      }
      if (!cp->complete && !g.quiet) {
        fmt::print(stderr, "{}: {}: checkpoint incomplete; showing the units finished so far\n",
                   *collection, *name);
      }
      print_rows(phase.info().name, rows, *page);
      if (cp->counts.contains("prompt_tokens")) {
        const auto& c = cp->counts;
        fmt::print("openai usage: {} requests, {} from cache, {} prompt + {} completion tokens\n",
                   c.value("ai_requests", int64_t{0}), c.value("ai_cached", int64_t{0}),
                   c.value("prompt_tokens", int64_t{0}), c.value("completion_tokens", int64_t{0}));
      }
      return 0;
    };
  });
}

void register_export(CLI::App& app, Globals& g, Action& action)
{
  auto* cmd = app.add_subcommand(
      "export", "Print collection.json, or write it and its images under --out DIR");
  auto collection = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  cmd->add_option("COLLECTION", *collection, "Collection ID")->required();
  cmd->add_option("--out", *out, "Write DIR/collection.json and DIR/images/<sha256>.<ext>")
      ->type_name("DIR");
  cmd->footer("Keys are sorted (an item's sizes in size order: XS S M L, 2 4 8) and arrays stably "
              "ordered: the same inputs give byte-identical output.");
  cmd->callback([&g, &action, collection, out] {
    action = [&g, collection, out] {
      auto store = open_store(g, state::StateStore::Open::existing);
      const auto exported = ops::export_collection(*store, *collection);
      if (out->empty()) {
        fmt::print("{}", ops::export_text(exported));
        return 0;
      }
      ops::export_to_directory(*store, exported, *out);
      if (!g.quiet) {
        fmt::print(stderr, "{}: wrote {}/collection.json\n", *collection, *out);
      }
      return 0;
    };
  });
}

} // namespace collproc::cli
