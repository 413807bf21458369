// Fuzz target: an XLSX purchase order as parse-po reads it (po::read_po:
// libzip, pugixml, sheets, shared strings, styles, merges), then the item
// job's next steps. Mutated zip bytes rarely get past the CRC checks, so an
// input that does not start with "PK" is a workbook spelled out as parts
// and zipped here (stored, not deflated) before reading:
//
//   xl/workbook.xml\n<workbook ...>...</workbook>\0xl/worksheets/sheet1.xml\n<worksheet ...
//
// (each part is an entry name, a newline and its bytes; parts end at NUL).
// tests/fuzz/make_seeds.py writes the seeds in both forms.

#include "core/po/read_po.hpp"
#include "tests/fuzz/fuzz_support.hpp"

#include <zip.h>

#include <string>
#include <string_view>
#include <vector>

using namespace collproc;

namespace {

constexpr size_t k_max_parts = 32;

struct Part {
  std::string name;
  std::string_view bytes;
};

std::vector<Part> split_parts(std::string_view input)
{
  std::vector<Part> parts;
  while (!input.empty() && parts.size() < k_max_parts) {
    const size_t end = input.find('\0');
    const std::string_view part = input.substr(0, end);
    input = end == std::string_view::npos ? std::string_view() : input.substr(end + 1);
    const size_t newline = part.find('\n');
    if (newline == 0 || newline == std::string_view::npos) {
      continue;
    }
    parts.push_back({std::string(part.substr(0, newline)), part.substr(newline + 1)});
  }
  return parts;
}

// Writes the parts as a zip at path; false when libzip refuses (an entry
// name it cannot store), so the input is not worth reading.
bool write_zip(const std::filesystem::path& path, const std::vector<Part>& parts)
{
  int err = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (zip == nullptr) {
    std::abort(); // the temp directory is not writable: nothing would be tested
  }
  for (const Part& part : parts) {
    zip_source_t* source = zip_source_buffer(zip, part.bytes.data(), part.bytes.size(), 0);
    if (source == nullptr) {
      zip_discard(zip);
      return false;
    }
    const zip_int64_t index =
        zip_file_add(zip, part.name.c_str(), source, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(source);
      zip_discard(zip);
      return false;
    }
    zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  if (zip_close(zip) != 0) {
    zip_discard(zip);
    return false;
  }
  return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  static fuzz::FuzzFile file(".xlsx");
  const std::string_view input = fuzz::as_text(data, size);
  std::filesystem::path path;
  if (input.substr(0, 2) == "PK") {
    path = file.write(input);
  } else {
    path = file.write({});
    if (!write_zip(path, split_parts(input))) {
      return 0;
    }
  }
  try {
    fuzz::run_order_steps(po::read_po(path, "fuzz.xlsx", "xlsx"));
  } catch (const Error&) {
    // not a zip, a zip bomb, no sheet or no header row: a clean refusal
  }
  return 0;
}
