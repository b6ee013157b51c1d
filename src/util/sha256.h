// SHA-256 digests (hex) that identify a model and a dataset in results.
#pragma once
#include <string>
#include <string_view>

namespace nsmlab {

std::string sha256_hex(std::string_view bytes);
std::string sha256_file_hex(const std::string& path);  // streams through a mapping

}  // namespace nsmlab
