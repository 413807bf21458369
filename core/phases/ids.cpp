#include "core/phases/ids.hpp"

#include "core/util/hash.hpp"

namespace collproc::phases {

namespace {
// 20 hex digits (80 bits): collisions are out of reach for any collection.
std::string short_hash(util::Sha256& h)
{
  return h.hex().substr(0, 20);
}
} // namespace

std::string document_id(const std::string& collection, const std::string& sha256,
                        const std::string& kind)
{
  util::Sha256 h;
  h.add("document").add(collection).add(sha256).add(kind);
  return "doc-" + short_hash(h);
}

std::string image_id(const std::string& document_sha256, int page, int index)
{
  util::Sha256 h;
  h.add("image").add(document_sha256).add(std::to_string(page)).add(std::to_string(index));
  return "img-" + short_hash(h);
}

std::string product_id(const std::string& collection, const std::string& document_sha256,
                       const std::string& style_number, int occurrence)
{
  util::Sha256 h;
  h.add("product")
      .add(collection)
      .add(document_sha256)
      .add(style_number)
      .add(std::to_string(occurrence));
  return "prd-" + short_hash(h);
}

std::string image_path(const std::string& sha256, const std::string& format)
{
  return "images/" + sha256 + "." + format;
}

} // namespace collproc::phases
