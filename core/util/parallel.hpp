#pragma once
// Runs independent pieces of CPU work on every core, for the phases that are
// otherwise one thread (reading checkpointed pages back, for instance).

#include <cstddef>
#include <functional>

namespace collproc::util {

// Threads for CPU-bound work: one per core, at least 1.
int cpu_threads();

// Calls body(i) for every i in [0, n) on up to `threads` threads (this one
// included), each taking the next i in turn. The first exception a call
// throws stops the others from starting new calls and is rethrown here once
// every thread has finished; with threads <= 1 or n <= 1 everything runs on
// the calling thread.
void parallel_for(std::size_t n, int threads, const std::function<void(std::size_t)>& body);

} // namespace collproc::util
