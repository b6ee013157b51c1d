// The HTTP requests `nsmlab pull` makes, through libcurl: one request at a time, redirects
// never followed by libcurl (the hub protocol decides which ones to follow), bounded
// headers and bodies, and a stalled connection is an error rather than a hang.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace nsmlab {

struct HttpResponse {
  long status = 0;                             // 0: no HTTP answer (see error)
  std::map<std::string, std::string> headers;  // names lowercased; the last value of each
  std::string body;
  std::string error;  // transport error (connection refused, dropped mid-body...), "" if none
  std::string header(const std::string& lowercase_name) const;
};

// HEAD or GET of `url` with extra header lines ("Authorization: Bearer ..."); a body longer
// than max_body is an error.
HttpResponse http_request(const std::string& method, const std::string& url, const std::vector<std::string>& headers,
                          size_t max_body);

// GET of `url` appended to the open descriptor `fd`, asking for bytes from `offset` on (Range)
// when offset > 0; at most max_bytes are written. on_bytes is called with each chunk's size.
HttpResponse http_download(const std::string& url, const std::vector<std::string>& headers, int fd, uint64_t offset,
                           uint64_t max_bytes, const std::function<void(size_t)>& on_bytes);

// "host:port" of an absolute http(s) URL ("" when it is not one): who receives a token.
std::string url_authority(const std::string& url);

}  // namespace nsmlab
