// collproc add COLLECTION --linesheet FILE... [--po FILE]
// collproc documents COLLECTION

#include "cli/globals.hpp"
#include "cli/table.hpp"
#include "cli/terminal.hpp"
#include "core/ops/stage.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace collproc::cli {

void register_add(CLI::App& app, Globals& g, Action& action)
{
  auto* cmd = app.add_subcommand("add", "Stage documents for a collection without processing them");
  cmd->footer(
      "Validates each file's type (a linesheet must be a PDF; a PO may be XLSX, CSV or PDF),\n"
      "copies it into the state's blob store and records it. Adding the same content again\n"
      "changes nothing; a new version of a file name already staged replaces it.\n"
      "Example: collproc add ss26-womens --linesheet lookbook.pdf --po order.xlsx");
  auto request = std::make_shared<ops::StageRequest>();
  cmd->add_option("COLLECTION", request->collection, "Collection ID, e.g. ss26-womens")->required();
  std::vector<std::string> linesheets;
  std::vector<std::string> pos;
  cmd->add_option("--linesheet", request->linesheets, "Linesheet PDF (repeatable)")
      ->expected(1, -1)
      ->type_name("FILE");
  cmd->add_option("--po", request->pos, "Purchase order: XLSX, CSV or PDF (repeatable)")
      ->expected(1, -1)
      ->type_name("FILE");
  cmd->callback([&g, &action, request] {
    action = [&g, request] {
      auto store = open_store(g, state::StateStore::Open::create);
      const auto staged = ops::stage_documents(*store, *request);
      if (g.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& s : staged) {
          nlohmann::json d = s.document;
          d["added"] = s.added;
          d["replaced"] = s.replaced;
          out.push_back(d);
        }
        fmt::print("{}\n", out.dump(2));
      } else if (!g.quiet) {
        for (const auto& s : staged) {
          const auto& d = s.document;
          fmt::print(
              "{}: {} {} ({}, {}{}) as {}{}\n", printable(request->collection),
              s.added ? "added" : "already staged", printable(d.filename), model::to_string(d.kind),
              d.format,
              d.pages > 0 ? fmt::format(", {} page{}", d.pages, d.pages == 1 ? "" : "s") : "",
              d.document_id,
              s.replaced.empty() ? "" : fmt::format(", replacing {}", fmt::join(s.replaced, ", ")));
        }
      }
      return 0;
    };
  });
}

void register_documents(CLI::App& app, Globals& g, Action& action)
{
  auto* cmd = app.add_subcommand("documents", "List a collection's staged documents");
  auto collection = std::make_shared<std::string>();
  cmd->add_option("COLLECTION", *collection, "Collection ID")->required();
  cmd->callback([&g, &action, collection] {
    action = [&g, collection] {
      auto store = open_store(g, state::StateStore::Open::existing);
      store->require_collection(*collection);
      const auto docs = store->documents(*collection);
      if (g.json) {
        fmt::print("{}\n", nlohmann::json(docs).dump(2));
        return 0;
      }
      std::vector<Row> rows;
      for (const auto& d : docs) {
        rows.push_back({d.document_id, model::to_string(d.kind), d.format,
                        d.pages > 0 ? std::to_string(d.pages) : "-", human_size(d.size), d.added_at,
                        d.filename});
      }
      print_table({"DOCUMENT", "KIND", "FORMAT", "PAGES", "SIZE", "ADDED", "FILE"}, rows);
      return 0;
    };
  });
}

} // namespace collproc::cli
