// extract_text: Poppler's TextOutputDev reading order, turned into the
// words/lines/blocks of model::TextPage.

#include "core/pdf/pdf_document.hpp"

#include "core/pdf/poppler_support.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <string_view>

namespace collproc::pdf {

namespace {

bool contains_ci(std::string_view text, std::string_view needle)
{
  const auto it =
      std::search(text.begin(), text.end(), needle.begin(), needle.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) ==
               std::tolower(static_cast<unsigned char>(b));
      });
  return it != text.end();
}

// Bold when the font descriptor says so or the font's name does
// ("Helvetica-Bold", "ABCDEF+Montserrat-SemiBold", "Arial,Black").
bool is_bold(const TextWord& word)
{
  if (word.getLength() <= 0) {
    return false;
  }
  const TextFontInfo* info = word.getFontInfo(0);
  if (info != nullptr && info->isBold()) {
    return true;
  }
  const GooString* name = word.getFontName(0);
  if (name == nullptr) {
    return false;
  }
  const std::string_view n(name->c_str(), static_cast<std::size_t>(name->getLength()));
  return contains_ci(n, "bold") || contains_ci(n, "black") || contains_ci(n, "heavy");
}

model::BBox word_box(const TextWord& word)
{
  model::BBox b;
  word.getBBox(&b.x0, &b.y0, &b.x1, &b.y1);
  return b;
}

struct TextPageDeleter {
  void operator()(TextPage* page) const { page->decRefCnt(); }
};

} // namespace

model::TextPage extract_text(Document& doc, int page)
{
  ensure_poppler_ready();
  Document::Impl& impl = doc.impl();
  model::TextPage out;
  out.page = page;
  if (checked_page(impl, page) == nullptr) {
    return out;
  }
  out.width = doc.page_width(page);
  out.height = doc.page_height(page);

  PopplerMessages quiet; // damaged content still yields the text that can be read
  // Reading order (physLayout and rawOrder off); nothing is written anywhere.
  TextOutputDev dev(nullptr, nullptr, /*physLayoutA=*/false, /*fixedPitchA=*/0,
                    /*rawOrderA=*/false);
  if (!dev.isOk()) {
    return out;
  }
  display_page(impl, dev, page);
  const std::unique_ptr<TextPage, TextPageDeleter> text(dev.takeText());
  if (!text) {
    return out;
  }

  for (const TextFlow* flow = text->getFlows(); flow != nullptr; flow = flow->getNext()) {
    for (const TextBlock* block = flow->getBlocks(); block != nullptr; block = block->getNext()) {
      model::Block out_block;
      bool block_has_box = false;
      for (const TextLine* line = block->getLines(); line != nullptr; line = line->getNext()) {
        model::Line out_line;
        for (const TextWord* word = line->getWords(); word != nullptr; word = word->getNext()) {
          const std::unique_ptr<GooString> word_text(word->getText());
          if (!word_text || word_text->getLength() == 0) {
            continue;
          }
          model::Word w;
          w.text = word_text->toStr();
          w.bbox = word_box(*word);
          w.font_size = word->getFontSize();
          w.bold = is_bold(*word);

          out_line.bbox = out_line.words.empty() ? w.bbox : out_line.bbox.united(w.bbox);
          if (!out_line.text.empty()) {
            out_line.text += ' ';
          }
          out_line.text += w.text;
          out_line.font_size = std::max(out_line.font_size, w.font_size);
          out_line.words.push_back(static_cast<int>(out.words.size()));
          out.words.push_back(std::move(w));
        }
        if (out_line.words.empty()) {
          continue;
        }
        out_block.bbox = block_has_box ? out_block.bbox.united(out_line.bbox) : out_line.bbox;
        block_has_box = true;
        out_block.lines.push_back(static_cast<int>(out.lines.size()));
        out.lines.push_back(std::move(out_line));
      }
      if (!out_block.lines.empty()) {
        out.blocks.push_back(std::move(out_block));
      }
    }
  }
  return out;
}

} // namespace collproc::pdf
