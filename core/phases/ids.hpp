#pragma once
// Deterministic IDs (SPEC §5): derived from the collection, the document's
// hash and the style/colour, and always valid Firestore document IDs (hex
// after a short prefix: no '/', never '.', '..' or '__x__').

#include <string>

namespace collproc::phases {

std::string document_id(const std::string& collection, const std::string& sha256,
                        const std::string& kind);
std::string image_id(const std::string& document_sha256, int page, int index);
std::string product_id(const std::string& collection, const std::string& document_sha256,
                       const std::string& style_number, int occurrence);

// "images/<sha256>.<ext>": where export and sync put a stored image.
std::string image_path(const std::string& sha256, const std::string& format);

} // namespace collproc::phases
