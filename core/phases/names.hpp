#pragma once
// Phase and step names (SPEC §1), the keys of checkpoints and outputs.

namespace collproc::phases {

inline constexpr const char* k_extract_images = "extract-images";
inline constexpr const char* k_extract_text = "extract-text";
inline constexpr const char* k_filter_images = "filter-images";
inline constexpr const char* k_generate_categories = "generate-categories";
inline constexpr const char* k_extract_products = "extract-products";
inline constexpr const char* k_match_images = "match-images";

inline constexpr const char* k_fetch_po = "fetch-po";
inline constexpr const char* k_parse_po = "parse-po";
inline constexpr const char* k_identify_columns = "identify-columns";
inline constexpr const char* k_extract_skus = "extract-skus";
inline constexpr const char* k_enrich = "enrich";
inline constexpr const char* k_build_items = "build-items";
inline constexpr const char* k_save_items = "save-items";

} // namespace collproc::phases
