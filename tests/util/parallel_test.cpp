// tests/util/parallel_test.cpp mirrors core/util/parallel.cpp
#include "core/util/parallel.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

using collproc::util::parallel_for;

TEST_CASE("parallel_for calls the body once for every index")
{
  for (const int threads : {0, 1, 2, 7}) {
    INFO("threads " << threads);
    std::vector<std::atomic<int>> calls(1000);
    parallel_for(calls.size(), threads, [&](std::size_t i) { ++calls[i]; });
    for (const auto& c : calls) {
      CHECK(c == 1);
    }
  }
  int none = 0;
  parallel_for(0, 4, [&](std::size_t) { ++none; });
  CHECK(none == 0);
}

TEST_CASE("parallel_for uses other threads, and only this one when asked to")
{
  const auto threads_seen = [](int threads) {
    std::mutex mutex;
    std::set<std::thread::id> ids;
    parallel_for(64, threads, [&](std::size_t) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      const std::lock_guard lock(mutex);
      ids.insert(std::this_thread::get_id());
    });
    return ids;
  };
  const auto one = threads_seen(1);
  REQUIRE(one.size() == 1);
  CHECK(*one.begin() == std::this_thread::get_id());
  CHECK(threads_seen(4).size() > 1);
}

TEST_CASE("parallel_for rethrows the first failure after every thread stopped")
{
  std::atomic<int> running{0};
  std::atomic<int> started{0};
  const auto body = [&](std::size_t i) {
    ++running;
    ++started;
    if (i == 10) {
      --running;
      throw std::runtime_error("page 10 is damaged");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    --running;
  };
  CHECK_THROWS_WITH(parallel_for(10000, 3, body), "page 10 is damaged");
  CHECK(running == 0);
  // The failure stopped the loop long before its end.
  CHECK(started < 10000);
}
