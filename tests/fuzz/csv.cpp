// Fuzz target: a CSV purchase order as parse-po reads it (po::read_po, which
// decodes, detects the delimiter, parses and finds the header), then the
// item job's next steps. po::decode_text must give UTF-8 for any bytes.

#include "core/po/csv_reader.hpp"
#include "core/po/read_po.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace collproc;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  static fuzz::FuzzFile file(".csv");
  const std::string_view bytes = fuzz::as_text(data, size);
  std::string encoding;
  fuzz::dump_as_phase_does(po::decode_text(bytes, encoding));
  try {
    fuzz::run_order_steps(po::read_po(file.write(bytes), "fuzz.csv", "csv"));
  } catch (const Error&) {
    // binary, too large or no header row: a clean refusal
  }
  return 0;
}
