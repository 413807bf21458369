#include "core/ops/stage.hpp"

#include "core/pdf/page_workers.hpp"
#include "core/pdf/pdf_document.hpp"
#include "core/phases/ids.hpp"
#include "core/po/csv_reader.hpp"
#include "core/po/xlsx_reader.hpp"
#include "core/util/error.hpp"
#include "core/util/time.hpp"

#include <fmt/format.h>

#include <fstream>

namespace collproc::ops {

namespace fs = std::filesystem;
using model::DocumentKind;

namespace {

// Reading a whole CSV to validate it is fine; anything larger than this is
// not a purchase order.
constexpr uintmax_t k_max_csv_bytes = 64u * 1024 * 1024;

std::string head_of(const fs::path& path, size_t n)
{
  std::ifstream in(path, std::ios::binary);
  std::string bytes(n, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(n));
  bytes.resize(static_cast<size_t>(in.gcount()));
  return bytes;
}

[[noreturn]] void bad(const fs::path& path, const std::string& what, const std::string& hint)
{
  throw Error(ExitCode::bad_input, fmt::format("{}: {}", path.string(), what), hint);
}

int validate(const fs::path& path, const std::string& format, DocumentKind kind)
{
  if (kind == DocumentKind::linesheet && format != "pdf") {
    bad(path,
        fmt::format("a linesheet must be a PDF, this is {}",
                    format == "csv" ? "text" : "an XLSX workbook"),
        "export the linesheet as PDF, or stage this file with --po");
  }
  if (format == "pdf") {
    return pdf::isolated_page_count(path, path.string());
  }
  if (format == "xlsx") {
    po::read_xlsx_grids(path, path.string());
    return 0;
  }
  std::error_code ec;
  if (fs::file_size(path, ec) > k_max_csv_bytes) {
    bad(path, "CSV file larger than 64 MiB", "split the purchase order, or export it as XLSX");
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string encoding;
  po::decode_text(bytes, encoding);
  return 0;
}

} // namespace

std::string detect_format(const fs::path& path)
{
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    throw Error(ExitCode::not_found, path.string() + ": no such file",
                "check the path and try again");
  }
  if (fs::is_directory(path, ec)) {
    bad(path, "is a directory, not a document", "name a PDF, XLSX or CSV file");
  }
  std::ifstream probe(path, std::ios::binary);
  if (!probe) {
    bad(path, "cannot open for reading", "check the file's permissions");
  }
  const std::string head = head_of(path, 4096);
  if (head.empty()) {
    bad(path, "the file is empty", "re-export the document and add it again");
  }
  // PDF readers accept junk before the header within the first 1 KiB.
  if (head.substr(0, 1024).find("%PDF-") != std::string::npos) {
    return "pdf";
  }
  if (head.starts_with("PK\x03\x04")) {
    return "xlsx";
  }
  if (head.starts_with("\xD0\xCF\x11\xE0")) {
    bad(path, "an old binary Excel (.xls) or OLE file, which collproc does not read",
        "save it as .xlsx or .csv and add it again");
  }
  const bool utf16 = head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF");
  if (!utf16 && head.find('\0') != std::string::npos) {
    bad(path, "not a PDF, XLSX or CSV file (binary content)",
        "add a PDF linesheet and an XLSX, CSV or PDF purchase order");
  }
  return "csv";
}

std::vector<StagedDocument> stage_documents(state::StateStore& store, const StageRequest& request)
{
  state::validate_collection_id(request.collection);
  if (request.linesheets.empty() && request.pos.empty()) {
    throw Error(ExitCode::usage, request.collection + ": nothing to add",
                "name documents with --linesheet FILE and --po FILE");
  }

  struct Pending {
    fs::path path;
    DocumentKind kind;
    std::string format;
    int pages;
  };
  std::vector<Pending> pending;
  for (const auto& path : request.linesheets) {
    const std::string format = detect_format(path);
    pending.push_back(
        {path, DocumentKind::linesheet, format, validate(path, format, DocumentKind::linesheet)});
  }
  for (const auto& path : request.pos) {
    const std::string format = detect_format(path);
    pending.push_back({path, DocumentKind::po, format, validate(path, format, DocumentKind::po)});
  }

  // Blobs first: a row must never name a missing blob.
  std::vector<StagedDocument> out;
  for (const auto& p : pending) {
    StagedDocument staged;
    auto& d = staged.document;
    d.collection_id = request.collection;
    d.kind = p.kind;
    d.filename = p.path.filename().string();
    d.format = p.format;
    d.sha256 = store.blobs().put_file(p.path);
    std::error_code ec;
    d.size = static_cast<int64_t>(fs::file_size(store.blobs().path_of(d.sha256), ec));
    d.pages = p.pages;
    d.document_id = phases::document_id(request.collection, d.sha256, model::to_string(p.kind));
    d.added_at = util::now_rfc3339();
    out.push_back(std::move(staged));
  }

  state::Transaction tx(store.db());
  store.ensure_collection(request.collection);
  const auto existing = store.documents(request.collection);
  bool linesheets_changed = false;
  bool pos_changed = false;
  for (auto& staged : out) {
    auto& d = staged.document;
    bool present = false;
    for (const auto& e : existing) {
      if (e.document_id == d.document_id) {
        present = true;
        d = e;
      } else if (e.kind == d.kind && e.filename == d.filename) {
        staged.replaced.push_back(e.document_id);
      }
    }
    if (present) {
      continue;
    }
    for (const auto& old : staged.replaced) {
      store.db().prepare("DELETE FROM documents WHERE document_id = ?").bind(1, old).run();
    }
    store.put_document(d);
    staged.added = true;
    (d.kind == DocumentKind::linesheet ? linesheets_changed : pos_changed) = true;
  }
  // New inputs make earlier results out of date: show the jobs as idle
  // (unless one runs now; its fingerprints will notice on the next run).
  for (const auto& [job, changed] :
       {std::pair{state::JobKind::documents, linesheets_changed},
        std::pair{state::JobKind::items, linesheets_changed || pos_changed}}) {
    if (!changed) {
      continue;
    }
    state::JobRow row = store.job(request.collection, job);
    if (row.status != state::JobStatus::processing) {
      row.status = state::JobStatus::idle;
      row.phase = 0;
      row.last_updated = util::now_rfc3339();
      row.error_message.clear();
      row.error_details.clear();
      row.error_phase = 0;
      store.put_job(row);
    }
  }
  tx.commit();
  return out;
}

} // namespace collproc::ops
