#pragma once
// Test support for tests/ai and tests/layout: the sample linesheets of
// testdata/ read through core/pdf, with "kept" images standing in for phase 3
// (the placements whose bytes are one of the case's true product photos).

#include "core/model/types.hpp"
#include "core/pdf/pdf_document.hpp"
#include "core/util/hash.hpp"
#include "tests/support/temp_dir.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace collproc::test {

struct SampleSheet {
  std::vector<model::TextPage> pages;
  std::vector<model::PageImages> kept;
  nlohmann::json truth;
};

inline SampleSheet read_sample(const std::string& case_name,
                               const std::string& file = "linesheet.pdf")
{
  const std::filesystem::path dir = testdata_dir() / case_name;
  SampleSheet sheet;
  sheet.truth = nlohmann::json::parse(read_file(dir / "truth.json"));
  std::set<std::string> photos;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "images")) {
    photos.insert(util::sha256_file(entry.path()));
  }
  pdf::Document doc = pdf::Document::open(dir / file, file);
  for (int page = 1; page <= doc.page_count(); ++page) {
    sheet.pages.push_back(pdf::extract_text(doc, page));
    sheet.pages.back().page = page;
    const pdf::PageImagesResult images = pdf::extract_images(doc, page);
    model::PageImages kept{page, images.width, images.height, {}};
    for (const pdf::ExtractedImage& im : images.images) {
      if (photos.count(im.placement.sha256) != 0) {
        kept.placements.push_back(im.placement);
        kept.placements.back().page = page;
        kept.placements.back().image_id =
            "p" + std::to_string(page) + "-" + std::to_string(im.placement.index);
      }
    }
    sheet.kept.push_back(std::move(kept));
  }
  return sheet;
}

} // namespace collproc::test
