// The records of a zip archive as PyTorch writes one (torch.save's default format since
// 1.6): every record stored uncompressed, so a record is a byte range of the file that
// can be mapped in place. Zip64 sizes and offsets are read; compressed or encrypted
// records are refused. Every offset is checked against the file before use.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace nsmlab {

struct ZipRecord {
  size_t offset = 0;  // first byte of the record's data in the file
  size_t size = 0;
};

// `path` names the archive in errors. Record names are unique.
std::map<std::string, ZipRecord> read_stored_zip(const uint8_t* data, size_t size, const std::string& path);

}  // namespace nsmlab
