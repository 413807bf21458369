#include "core/images/filter.hpp"

#include "core/util/parallel.hpp"

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace collproc::images {

namespace {

constexpr const char* k_kept_reason = "product photo";
constexpr const char* k_undecodable_reason = "undecodable image";

struct Slot {
  const model::PageImages* page = nullptr;
  const model::ImagePlacement* placement = nullptr;
};

// Two boxes are the same card size when both sides agree within this share;
// layout tools round positions, not sizes, so this only absorbs float noise.
constexpr double k_same_size_tolerance = 0.02;

// Computes the features of each image, in order. This thread calls on_unit
// then load for one image after another, as a sequential loop would (so a
// cancel stops the loads at once), and hands the bytes to decoding threads;
// at most a few images per thread wait in memory. Exceptions from on_unit or
// load stop the threads and propagate.
std::vector<std::optional<ImageFeatures>>
decode_all(const std::vector<const model::ImagePlacement*>& images, const BlobLoader& load,
           const UnitCallback& on_unit)
{
  std::vector<std::optional<ImageFeatures>> out(images.size());
  std::vector<std::string> bytes(images.size());
  std::vector<std::exception_ptr> errors(images.size());
  std::mutex mutex;
  std::condition_variable changed;
  size_t loaded = 0;  // images whose bytes are in `bytes`
  size_t claimed = 0; // images a thread has taken
  size_t in_memory = 0;
  bool stop = false;
  // Decoding threads: JPEG entropy decoding is most of phase 3's CPU time.
  const int n_threads = util::cpu_threads();
  const size_t window = 4 * static_cast<size_t>(n_threads);

  auto work = [&] {
    for (;;) {
      size_t i = 0;
      std::string data;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stop || claimed < loaded || claimed == images.size(); });
        if (stop || claimed == images.size())
          return;
        i = claimed++;
        data = std::move(bytes[i]);
      }
      try {
        out[i] = compute_features(data, images[i]->width, images[i]->height);
      } catch (...) {
        errors[i] = std::current_exception();
      }
      {
        const std::lock_guard lock(mutex);
        --in_memory;
      }
      changed.notify_all();
    }
  };

  std::vector<std::thread> threads;
  // Joins the threads however this function is left (a cancel included).
  struct Joiner {
    std::vector<std::thread>& threads;
    std::mutex& mutex;
    std::condition_variable& changed;
    bool& stop;
    ~Joiner()
    {
      {
        const std::lock_guard lock(mutex);
        stop = true;
      }
      changed.notify_all();
      for (std::thread& t : threads)
        t.join();
    }
  } joiner{threads, mutex, changed, stop};
  for (int t = 0; t < n_threads && static_cast<size_t>(t) < images.size(); ++t)
    threads.emplace_back(work);

  for (size_t i = 0; i < images.size(); ++i) {
    on_unit();
    std::string data = load(images[i]->sha256);
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return in_memory < window; });
    bytes[i] = std::move(data);
    ++in_memory;
    ++loaded;
    lock.unlock();
    changed.notify_all();
  }
  {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return claimed == images.size() && in_memory == 0; });
  }
  for (const std::exception_ptr& e : errors)
    if (e)
      std::rethrow_exception(e);
  return out;
}

bool same_size(const model::BBox& a, const model::BBox& b)
{
  auto close = [](double x, double y) {
    return std::abs(x - y) <= k_same_size_tolerance * std::max(x, y);
  };
  return close(a.width(), b.width()) && close(a.height(), b.height());
}

} // namespace

std::vector<model::ImageDecision> filter_images(const std::vector<model::PageImages>& pages,
                                                const BlobLoader& load, const UnitCallback& on_unit,
                                                const FilterOptions& options)
{
  std::vector<Slot> slots;
  for (const model::PageImages& page : pages)
    for (const model::ImagePlacement& placement : page.placements)
      slots.push_back({&page, &placement});

  std::vector<model::ImageDecision> decisions(slots.size());
  for (size_t i = 0; i < slots.size(); ++i)
    decisions[i].image_id = slots[i].placement->image_id;

  const std::vector<int> groups = identity_groups(pages);
  const std::vector<std::optional<std::string>> repeated = repetition_reasons(pages);

  // Rules that need no pixels first; what remains names the images to decode,
  // in the order a placement first needs each.
  std::vector<std::optional<std::string>> early(slots.size());
  std::vector<const model::ImagePlacement*> to_decode;
  std::map<std::string, size_t> decode_index;
  for (size_t i = 0; i < slots.size(); ++i) {
    const model::PageImages& page = *slots[i].page;
    const model::ImagePlacement& placement = *slots[i].placement;
    early[i] =
        repeated[i] ? repeated[i] : geometric_reason(placement, page.width, page.height, options);
    if (!early[i] && decode_index.emplace(placement.sha256, to_decode.size()).second)
      to_decode.push_back(&placement);
  }
  // nullopt means the blob was examined and did not decode.
  const std::vector<std::optional<ImageFeatures>> features = decode_all(to_decode, load, on_unit);

  std::vector<size_t> survivors;
  for (size_t i = 0; i < slots.size(); ++i) {
    const model::PageImages& page = *slots[i].page;
    const model::ImagePlacement& placement = *slots[i].placement;
    if (early[i]) {
      decisions[i].reason = *early[i];
      continue;
    }
    const std::optional<ImageFeatures>& f = features[decode_index.at(placement.sha256)];
    if (!f) {
      decisions[i].reason = k_undecodable_reason;
      continue;
    }
    std::optional<std::string> reason =
        content_reason(placement, page.width, page.height, *f, options);
    if (reason) {
      decisions[i].reason = *reason;
      continue;
    }
    survivors.push_back(i);
  }

  // Of two copies of a photo the one to keep is the one in a product card.
  // Cards of one linesheet share a size, so a placement whose size other
  // photos share (its peers) is preferred to a hero strip or a banner copy;
  // then the larger; then the earlier, so the input alone fixes the outcome.
  std::vector<int> peers(slots.size(), 0);
  for (size_t i : survivors)
    for (size_t j : survivors)
      if (groups[i] != groups[j] && same_size(slots[i].placement->bbox, slots[j].placement->bbox))
        ++peers[i];
  std::stable_sort(survivors.begin(), survivors.end(), [&slots, &peers](size_t a, size_t b) {
    if (peers[a] != peers[b])
      return peers[a] > peers[b];
    return slots[a].placement->bbox.area() > slots[b].placement->bbox.area();
  });
  // Each survivor's features looked up once: the loop below compares every
  // pair of kept photos.
  std::vector<const ImageFeatures*> features_of_slot(slots.size(), nullptr);
  for (size_t i : survivors)
    features_of_slot[i] = &*features[decode_index.at(slots[i].placement->sha256)];
  std::vector<size_t> kept;
  for (size_t i : survivors) {
    const ImageFeatures& mine = *features_of_slot[i];
    std::optional<std::string> reason;
    for (size_t k : kept)
      if (groups[k] == groups[i]) {
        reason = "duplicate of " + decisions[k].image_id;
        break;
      }
    // Two look-alike photos in two product slots of one size (cards of a
    // grid, thumbnails of a table) are two products shot alike, colourways of
    // one cut; a copy re-encoded for a banner or a hero strip sits in a slot
    // of another size.
    auto slot_pair = [&](size_t k) {
      return peers[i] > 0 && peers[k] > 0 &&
             same_size(slots[i].placement->bbox, slots[k].placement->bbox);
    };
    if (!reason)
      for (size_t k : kept)
        if (!slot_pair(k) && near_duplicates(*features_of_slot[k], mine)) {
          reason = "near-duplicate of " + decisions[k].image_id;
          break;
        }
    if (reason) {
      decisions[i].reason = *reason;
      continue;
    }
    decisions[i].keep = true;
    decisions[i].reason = k_kept_reason;
    kept.push_back(i);
  }
  return decisions;
}

} // namespace collproc::images
