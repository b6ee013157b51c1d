#include "model/zip_records.h"

#include "util/error.h"

namespace nsmlab {

namespace {

constexpr uint32_t kLocalHeader = 0x04034b50, kCentralHeader = 0x02014b50, kEnd = 0x06054b50,
                   kEnd64 = 0x06064b50, kEnd64Locator = 0x07064b50;

class Bytes {
 public:
  Bytes(const uint8_t* data, size_t size, const std::string& path) : p_(data), n_(size), path_(path) {}
  void check(size_t at, size_t k, const char* what) const {
    if (at > n_ || k > n_ - at) fail("{}: zip {} at byte {} runs past the end of the file ({} bytes)", path_, what, at, n_);
  }
  uint64_t le(size_t at, size_t k, const char* what) const {  // k <= 8
    check(at, k, what);
    uint64_t v = 0;
    for (size_t i = 0; i < k; ++i) v |= uint64_t(p_[at + i]) << (8 * i);
    return v;
  }
  std::string text(size_t at, size_t k, const char* what) const {
    check(at, k, what);
    return std::string(reinterpret_cast<const char*>(p_ + at), k);
  }
  size_t size() const { return n_; }

 private:
  const uint8_t* p_;
  size_t n_;
  const std::string& path_;
};

size_t find_end_record(const Bytes& b, const std::string& path) {
  if (b.size() < 22) fail("{}: not a zip archive ({} bytes, shorter than its end record)", path, b.size());
  const size_t lowest = b.size() > 22 + 65535 ? b.size() - 22 - 65535 : 0;  // the comment is at most 64 KiB
  for (size_t at = b.size() - 22 + 1; at-- > lowest;)
    if (b.le(at, 4, "end record") == kEnd) return at;
  fail("{}: not a zip archive (no end-of-central-directory record)", path);
}

// Zip64 extra field (id 1): the 64-bit values of those fields whose 32-bit value is saturated.
void read_zip64_extra(const Bytes& b, size_t at, size_t length, uint64_t& usize, uint64_t& csize, uint64_t& offset,
                      const std::string& path, const std::string& name) {
  const size_t end = at + length;
  while (at + 4 <= end) {
    const uint64_t id = b.le(at, 2, "extra field"), k = b.le(at + 2, 2, "extra field");
    if (at + 4 + k > end) fail("{}: zip record '{}': extra field runs past its declared length", path, name);
    if (id == 1) {
      size_t p = at + 4;
      for (uint64_t* v : {&usize, &csize, &offset})
        if (*v == 0xffffffffu) {
          if (p + 8 > at + 4 + k) fail("{}: zip record '{}': zip64 field too short", path, name);
          *v = b.le(p, 8, "zip64 field");
          p += 8;
        }
    }
    at += 4 + k;
  }
}

}  // namespace

std::map<std::string, ZipRecord> read_stored_zip(const uint8_t* data, size_t size, const std::string& path) {
  const Bytes b(data, size, path);
  const size_t end = find_end_record(b, path);
  uint64_t count = b.le(end + 10, 2, "end record"), cd_size = b.le(end + 12, 4, "end record"),
           cd_offset = b.le(end + 16, 4, "end record");
  if (count == 0xffff || cd_size == 0xffffffffu || cd_offset == 0xffffffffu) {
    if (end < 20 || b.le(end - 20, 4, "zip64 locator") != kEnd64Locator)
      fail("{}: zip end record says zip64 but the zip64 locator is missing", path);
    const uint64_t end64 = b.le(end - 20 + 8, 8, "zip64 locator");
    if (b.le(end64, 4, "zip64 end record") != kEnd64) fail("{}: zip64 end record not found at byte {}", path, end64);
    count = b.le(end64 + 32, 8, "zip64 end record");
    cd_size = b.le(end64 + 40, 8, "zip64 end record");
    cd_offset = b.le(end64 + 48, 8, "zip64 end record");
  }
  if (cd_offset > size || cd_size > size - cd_offset)
    fail("{}: zip central directory [{}, +{}) lies outside the file ({} bytes)", path, cd_offset, cd_size, size);
  if (count > cd_size / 46) fail("{}: zip claims {} records in a {}-byte central directory", path, count, cd_size);

  std::map<std::string, ZipRecord> records;
  size_t at = cd_offset;
  for (uint64_t i = 0; i < count; ++i) {
    if (b.le(at, 4, "central header") != kCentralHeader)
      fail("{}: zip central directory entry {} at byte {} has a wrong signature", path, i, at);
    const uint64_t flags = b.le(at + 8, 2, "central header"), method = b.le(at + 10, 2, "central header");
    uint64_t csize = b.le(at + 20, 4, "central header"), usize = b.le(at + 24, 4, "central header");
    const uint64_t name_len = b.le(at + 28, 2, "central header"), extra_len = b.le(at + 30, 2, "central header"),
                   comment_len = b.le(at + 32, 2, "central header");
    uint64_t local = b.le(at + 42, 4, "central header");
    const std::string name = b.text(at + 46, name_len, "record name");
    read_zip64_extra(b, at + 46 + name_len, extra_len, usize, csize, local, path, name);
    if (flags & 1) fail("{}: zip record '{}' is encrypted", path, name);
    if (method != 0 || csize != usize)
      fail("{}: zip record '{}' is compressed (method {}); PyTorch stores records uncompressed", path, name, method);
    if (b.le(local, 4, "local header") != kLocalHeader)
      fail("{}: zip record '{}': no local header at byte {}", path, name, local);
    const uint64_t local_name = b.le(local + 26, 2, "local header"), local_extra = b.le(local + 28, 2, "local header");
    if (b.text(local + 30, local_name, "local record name") != name)
      fail("{}: zip record '{}': its local header names another record", path, name);
    const uint64_t begin = local + 30 + local_name + local_extra;
    if (begin > size || usize > size - begin)
      fail("{}: zip record '{}' [{}, +{}) runs past the end of the file ({} bytes): truncated?", path, name, begin,
           usize, size);
    if (!records.emplace(name, ZipRecord{size_t(begin), size_t(usize)}).second)
      fail("{}: zip record '{}' appears twice", path, name);
    at += 46 + name_len + extra_len + comment_len;
  }
  return records;
}

}  // namespace nsmlab
