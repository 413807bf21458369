#pragma once
// Resource limits on untrusted documents: one policy for the whole process,
// set once by the CLI from its flags (--max-pages, --max-image-pixels,
// --page-timeout, --document-timeout, --worker-memory, --max-cell-bytes)
// before any command runs, and read by the readers that enforce them.

#include <cstddef>
#include <cstdint>

namespace collproc::util {

struct Limits {
  int max_pages = 5000;                   // pages in one PDF
  int64_t max_image_pixels = 100'000'000; // width x height of one image; larger ones are left out
  double page_seconds = 60;               // one page of a PDF (a worker that stalls is killed)
  double document_seconds = 900;          // all pages of one PDF, per worker
  std::size_t worker_memory_mb = 2048;    // address space of a process that parses a document
  std::size_t max_cell_bytes = 4096;      // one spreadsheet or CSV cell; longer ones are cut
};

const Limits& limits();
void set_limits(const Limits& limits);

} // namespace collproc::util
