// tests/layout/assignment_test.cpp mirrors core/layout/assignment.cpp
#include "core/layout/assignment.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>

using namespace collproc::layout;

namespace {

double total(const std::vector<std::vector<double>>& cost, const std::vector<int>& a)
{
  double t = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] >= 0) {
      t += cost[i][static_cast<size_t>(a[i])];
    }
  }
  return t;
}

// The best total over every permutation, for small matrices.
double brute_force(const std::vector<std::vector<double>>& cost)
{
  std::vector<int> cols(cost.front().size());
  std::iota(cols.begin(), cols.end(), 0);
  double best = 1e18;
  do {
    double t = 0;
    for (size_t i = 0; i < cost.size() && i < cols.size(); ++i) {
      t += cost[i][static_cast<size_t>(cols[i])];
    }
    best = std::min(best, t);
  } while (std::next_permutation(cols.begin(), cols.end()));
  return best;
}

} // namespace

TEST_CASE("min_cost_assignment beats greedy choice", "[layout]")
{
  // Greedy takes (0,0)=1 then (1,1)=10: 11. The optimum is 2 + 3 = 5.
  const std::vector<std::vector<double>> cost = {{1, 2}, {3, 10}};
  const std::vector<int> a = min_cost_assignment(cost);
  CHECK(a == std::vector<int>{1, 0});
  CHECK(total(cost, a) == 5);
}

TEST_CASE("min_cost_assignment finds the optimum on square and rectangular matrices", "[layout]")
{
  unsigned seed = 7;
  auto next = [&] {
    seed = seed * 1103515245u + 12345u;
    return static_cast<double>((seed >> 8) % 1000) / 1000.0;
  };
  for (int trial = 0; trial < 50; ++trial) {
    const size_t rows = 1 + static_cast<size_t>(trial % 5);
    const size_t cols = rows + static_cast<size_t>(trial % 3); // never fewer columns
    std::vector<std::vector<double>> cost(rows, std::vector<double>(cols));
    for (auto& r : cost) {
      for (double& c : r) {
        c = next();
      }
    }
    const std::vector<int> a = min_cost_assignment(cost);
    REQUIRE(a.size() == rows);
    std::vector<int> sorted = a;
    std::sort(sorted.begin(), sorted.end());
    CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
    CHECK(total(cost, a) == Approx(brute_force(cost)));
  }
}

TEST_CASE("min_cost_assignment leaves extra rows unassigned", "[layout]")
{
  const std::vector<int> a = min_cost_assignment({{0.9}, {0.1}, {0.5}});
  CHECK(a == std::vector<int>{-1, 0, -1});
  CHECK(min_cost_assignment({}).empty());
}
