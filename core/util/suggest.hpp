#pragma once
// "did you mean ...?" for a mistyped name: a command, a phase.

#include <string>
#include <vector>

namespace collproc::util {

// The candidate nearest to `word` by edit distance (insertions, deletions,
// substitutions), or "" when none is a plausible typo of it: at most three
// edits, and fewer than the word has characters.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

} // namespace collproc::util
