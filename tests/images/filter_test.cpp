// tests/images/filter_test.cpp mirrors core/images/filter.cpp
#include "core/images/filter.hpp"
#include "core/util/error.hpp"
#include "tests/images/synthetic.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace collproc;
using namespace collproc::images;
using namespace collproc::test;

namespace {

// A 4-page linesheet with one of everything the filter must tell apart.
struct Linesheet {
  Collection doc{4};
  std::map<std::string, std::string> ids; // role -> image_id

  Linesheet()
  {
    const cv::Mat logo = logo_image();
    const std::string logo_png = encode(logo, ".png");
    for (int page = 1; page <= 4; ++page)
      ids["logo" + std::to_string(page)] =
          doc.place(page, "logo", logo_png, logo.size(), {36, 20, 186, 65}, 3);

    const cv::Mat dress =
        product_photo(600, 800, Garment::dress, cv::Scalar(90, 40, 30), Print::plain, 1);
    const cv::Mat tee =
        product_photo(600, 800, Garment::tee, cv::Scalar(40, 40, 190), Print::plain, 2);
    const cv::Mat trousers =
        product_photo(600, 800, Garment::trousers, cv::Scalar(110, 160, 180), Print::plain, 3);
    const cv::Mat striped =
        product_photo(600, 800, Garment::dress, cv::Scalar(90, 40, 30), Print::stripes, 4);

    ids["dress"] = doc.place(1, "dress", dress, ".jpg", {40, 90, 280, 410});
    ids["tee"] = doc.place(1, "tee", tee, ".jpg", {320, 90, 560, 410});
    ids["swatch"] = doc.place(1, "swatch", solid_image(80, 80, cv::Scalar(90, 40, 30)), ".png",
                              {40, 420, 60, 440});
    ids["badge"] = doc.place(1, "badge", badge_image(), ".png", {200, 420, 280, 460});

    ids["full page"] = doc.place(
        2, "cover",
        product_photo(1224, 1584, Garment::jacket, cv::Scalar(80, 140, 190), Print::plain, 5),
        ".jpg", {0, 0, k_letter_width, k_letter_height});
    ids["trousers"] = doc.place(2, "trousers", trousers, ".jpg", {40, 90, 280, 410});

    ids["grey"] = doc.place(3, "grey", solid_image(900, 1200, cv::Scalar(205, 205, 205)), ".jpg",
                            {40, 90, 340, 490});
    ids["striped"] = doc.place(3, "striped", striped, ".jpg", {320, 500, 560, 780});
    ids["tiny"] =
        doc.place(3, "tiny", solid_image(24, 24, cv::Scalar(0, 0, 0)), ".png", {300, 40, 330, 70});
    ids["broken"] = doc.place(3, "broken", std::string("\xFF\xD8\xFF\xE0 truncated", 14),
                              {640, 480}, {40, 500, 280, 700});

    // The dress again, re-encoded smaller at a lower quality, placed smaller.
    ids["dress copy"] = doc.place(4, "dress-small", encode(resized(dress, 0.7), ".jpg", 55),
                                  {420, 560}, {40, 90, 200, 300});
  }

  std::vector<model::ImageDecision> run(int* units = nullptr) const
  {
    return filter_images(
        doc.pages(), [this](const std::string& sha) { return doc.blob(sha); },
        [units] {
          if (units)
            ++*units;
        });
  }
};

const model::ImageDecision& decision_for(const std::vector<model::ImageDecision>& decisions,
                                         const std::string& id)
{
  for (const model::ImageDecision& d : decisions)
    if (d.image_id == id)
      return d;
  FAIL("no decision for " << id);
  throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("filter_images keeps product photos and drops everything else with a reason", "[images]")
{
  const Linesheet sheet;
  const std::vector<model::ImageDecision> decisions = sheet.run();
  auto reason_of = [&](const std::string& role) {
    const model::ImageDecision& d = decision_for(decisions, sheet.ids.at(role));
    INFO(role << ": " << d.reason);
    return std::make_pair(d.keep, d.reason);
  };

  for (const char* role : {"dress", "tee", "trousers", "striped"})
    CHECK(reason_of(role) == std::make_pair(true, std::string("product photo")));
  for (int page = 1; page <= 4; ++page)
    CHECK(reason_of("logo" + std::to_string(page)) ==
          std::make_pair(false, std::string("repeated on 4 of 4 pages (logo)")));
  CHECK(reason_of("swatch") == std::make_pair(false, std::string("colour swatch")));
  CHECK(reason_of("badge").first == false);
  CHECK(reason_of("badge").second.rfind("icon or badge (", 0) == 0);
  CHECK(reason_of("full page") == std::make_pair(false, std::string("full-page decoration")));
  CHECK(reason_of("grey") == std::make_pair(false, std::string("near-uniform background")));
  CHECK(reason_of("tiny") == std::make_pair(false, std::string("tiny (24x24 px)")));
  CHECK(reason_of("broken") == std::make_pair(false, std::string("undecodable image")));
  CHECK(reason_of("dress copy") ==
        std::make_pair(false, "near-duplicate of " + sheet.ids.at("dress")));
}

TEST_CASE("filter_images answers in placement order, the same every time", "[images]")
{
  const Linesheet sheet;
  const std::vector<model::ImageDecision> first = sheet.run();
  std::vector<std::string> expected_ids;
  for (const model::PageImages& page : sheet.doc.pages())
    for (const model::ImagePlacement& p : page.placements)
      expected_ids.push_back(p.image_id);
  std::vector<std::string> ids;
  for (const model::ImageDecision& d : first)
    ids.push_back(d.image_id);
  CHECK(ids == expected_ids);

  for (int run = 0; run < 3; ++run) {
    const std::vector<model::ImageDecision> again = sheet.run();
    REQUIRE(again.size() == first.size());
    for (size_t i = 0; i < first.size(); ++i) {
      CHECK(again[i].keep == first[i].keep);
      CHECK(again[i].reason == first[i].reason);
    }
  }
}

TEST_CASE("filter_images decodes each distinct image once and only when needed", "[images]")
{
  const Linesheet sheet;
  std::multiset<std::string> loads;
  int units = 0;
  filter_images(
      sheet.doc.pages(),
      [&](const std::string& sha) {
        loads.insert(sha);
        return sheet.doc.blob(sha);
      },
      [&] { ++units; });
  // Logo (repeated), cover (full page) and tiny are decided by geometry.
  const std::multiset<std::string> expected{"dress", "tee",     "swatch", "badge",      "trousers",
                                            "grey",  "striped", "broken", "dress-small"};
  CHECK(loads == expected);
  CHECK(units == static_cast<int>(expected.size()));
}

TEST_CASE("filter_images stops when on_unit throws Cancelled", "[images]")
{
  const Linesheet sheet;
  int units = 0;
  int loads = 0;
  auto load = [&](const std::string& sha) {
    ++loads;
    return sheet.doc.blob(sha);
  };
  CHECK_THROWS_AS(filter_images(sheet.doc.pages(), load,
                                [&] {
                                  if (++units == 3)
                                    throw Cancelled();
                                }),
                  Cancelled);
  CHECK(units == 3);
  CHECK(loads == 2);
}

TEST_CASE("filter_images keeps the larger of a photo placed twice", "[images]")
{
  const cv::Mat photo =
      product_photo(600, 800, Garment::skirt, cv::Scalar(60, 140, 50), Print::dots, 9);
  const std::string jpeg = encode(photo, ".jpg");
  Collection doc(6);
  const std::string small = doc.place(2, "skirt", jpeg, photo.size(), {40, 90, 160, 250}, 14);
  const std::string large = doc.place(2, "skirt", jpeg, photo.size(), {200, 90, 440, 410}, 14);
  const std::string elsewhere = doc.place(5, "skirt", jpeg, photo.size(), {40, 90, 200, 300}, 14);
  int units = 0;
  const auto decisions = filter_images(
      doc.pages(), [&](const std::string& sha) { return doc.blob(sha); }, [&] { ++units; });
  REQUIRE(decisions.size() == 3);
  CHECK(decisions[0].image_id == small);
  CHECK_FALSE(decisions[0].keep);
  CHECK(decisions[0].reason == "duplicate of " + large);
  CHECK(decisions[1].keep);
  CHECK(decisions[1].reason == "product photo");
  CHECK_FALSE(decisions[2].keep);
  CHECK(decisions[2].image_id == elsewhere);
  CHECK(decisions[2].reason == "duplicate of " + large);
  CHECK(units == 1);
}

TEST_CASE("filter_images keeps distinct photos of the same cut", "[images]")
{
  Collection doc(1);
  const std::vector<cv::Scalar> colours{{90, 40, 30}, {30, 30, 30}, {40, 40, 190}, {230, 230, 225}};
  std::vector<std::string> ids;
  for (size_t i = 0; i < colours.size(); ++i) {
    const double x = 40 + 140.0 * static_cast<double>(i);
    ids.push_back(
        doc.place(1, "dress" + std::to_string(i),
                  product_photo(600, 800, Garment::dress, colours[i], Print::plain, 30 + i), ".jpg",
                  {x, 90, x + 130, 263}));
  }
  const auto decisions = filter_images(
      doc.pages(), [&](const std::string& sha) { return doc.blob(sha); }, [] {});
  for (const model::ImageDecision& d : decisions) {
    INFO(d.image_id << ": " << d.reason);
    CHECK(d.keep);
  }
}

TEST_CASE("filter_images keeps the card copy of a photo repeated in a hero strip", "[images]")
{
  // As in testdata/two-linesheets: a strip of three photos at 164x205 pt atop
  // the page, then a grid of 160x200 pt cards holding the same three and more.
  Collection doc(3);
  std::vector<std::string> jpegs;
  const std::vector<Garment> garments{Garment::dress, Garment::tee, Garment::trousers,
                                      Garment::skirt, Garment::jacket};
  for (size_t i = 0; i < garments.size(); ++i)
    jpegs.push_back(
        encode(product_photo(360, 450, garments[i], cv::Scalar(50 + 30 * i, 90, 160 - 20 * i),
                             Print::plain, 40 + i),
               ".jpg"));
  std::vector<std::string> strip;
  for (int i = 0; i < 3; ++i)
    strip.push_back(doc.place(1, "photo" + std::to_string(i), jpegs[static_cast<size_t>(i)],
                              {360, 450}, {40.0 + 180 * i, 40, 204.0 + 180 * i, 245}, 5 + i));
  std::vector<std::string> cards;
  for (int i = 0; i < 5; ++i) {
    const double x = 40.0 + 180 * (i % 3);
    const double y = 270.0 + 250 * (i / 3);
    cards.push_back(doc.place(1, "photo" + std::to_string(i), jpegs[static_cast<size_t>(i)],
                              {360, 450}, {x, y, x + 160, y + 200}, 5 + i));
  }
  const auto decisions = filter_images(
      doc.pages(), [&](const std::string& sha) { return doc.blob(sha); }, [] {});
  REQUIRE(decisions.size() == 8);
  for (int i = 0; i < 3; ++i) {
    INFO("strip " << i << ": " << decisions[static_cast<size_t>(i)].reason);
    CHECK_FALSE(decisions[static_cast<size_t>(i)].keep);
    CHECK(decisions[static_cast<size_t>(i)].reason ==
          "duplicate of " + cards[static_cast<size_t>(i)]);
  }
  for (size_t i = 3; i < 8; ++i) {
    INFO(decisions[i].image_id << ": " << decisions[i].reason);
    CHECK(decisions[i].keep);
  }
}

TEST_CASE("filter_images keeps look-alike photos in product slots of one size", "[images]")
{
  // Two colourways of one cut, re-encoded as their own photos, each in a card
  // of the grid's size: two products. The same photo copied smaller into a
  // banner is still a near-duplicate.
  Collection doc{2};
  const cv::Mat navy =
      product_photo(600, 800, Garment::dress, cv::Scalar(90, 40, 30), Print::plain, 1);
  const std::string a = doc.place(1, "navy", navy, ".jpg", {40, 90, 280, 410});
  const std::string b =
      doc.place(1, "navy again", encode(navy, ".jpg", 60), {600, 800}, {320, 90, 560, 410});
  const std::string banner = doc.place(2, "banner", encode(resized(navy, 0.5), ".jpg", 50),
                                       {300, 400}, {40, 60, 160, 220});
  const std::vector<model::ImageDecision> decisions = filter_images(
      doc.pages(), [&doc](const std::string& sha) { return doc.blob(sha); }, [] {});
  std::map<std::string, model::ImageDecision> by_id;
  for (const model::ImageDecision& d : decisions)
    by_id[d.image_id] = d;
  CHECK(by_id.at(a).keep);
  CHECK(by_id.at(b).keep);
  CHECK_FALSE(by_id.at(banner).keep);
  CHECK(by_id.at(banner).reason.rfind("near-duplicate of ", 0) == 0);
}
