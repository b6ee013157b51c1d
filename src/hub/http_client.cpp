#include "hub/http_client.h"

#include <curl/curl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "util/error.h"

namespace nsmlab {

namespace {

constexpr size_t kMaxHeaderBytes = 256 * 1024;

struct Exchange {
  HttpResponse response;
  size_t header_bytes = 0;
  size_t max_body = 0;
  int fd = -1;
  uint64_t written = 0, max_bytes = 0, offset = 0;
  long seen_status = 0;  // from the status line, known before the body
  const std::function<void(size_t)>* on_bytes = nullptr;
  std::string write_error;
};

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* x = static_cast<Exchange*>(user);
  const size_t n = size * count;
  x->header_bytes += n;
  if (x->header_bytes > kMaxHeaderBytes) return 0;  // aborts the transfer
  std::string line(data, n);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  if (line.rfind("HTTP/", 0) == 0) {  // a new response (100 Continue...)
    x->response.headers.clear();
    const size_t space = line.find(' ');
    x->seen_status = space == std::string::npos ? 0 : std::atol(line.c_str() + space + 1);
    return n;
  }
  const size_t colon = line.find(':');
  if (colon == std::string::npos) return n;
  std::string name = line.substr(0, colon), value = line.substr(colon + 1);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  const size_t first = value.find_first_not_of(" \t");
  value = first == std::string::npos ? "" : value.substr(first);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.pop_back();
  x->response.headers[name] = value;
  return n;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* x = static_cast<Exchange*>(user);
  const size_t n = size * count;
  const bool to_file = x->fd >= 0 && (x->seen_status == 206 || (x->seen_status == 200 && x->offset == 0));
  if (x->fd >= 0 && x->seen_status == 200 && x->offset > 0) {
    x->write_error = "range ignored";  // the caller starts the file again
    return 0;
  }
  if (!to_file) {  // an answer (an error page), not the file: kept in memory, bounded
    if (x->response.body.size() + n > x->max_body) {
      x->write_error = "the answer is larger than expected";
      return 0;
    }
    x->response.body.append(data, n);
    return n;
  }
  if (x->written + n > x->max_bytes) {
    x->write_error = "the server sent more bytes than the file's announced size";
    return 0;
  }
  for (size_t done = 0; done < n;) {
    const ssize_t w = ::write(x->fd, data + done, n - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      x->write_error = std::string("cannot write the download: ") + std::strerror(errno);
      return 0;
    }
    done += size_t(w);
  }
  x->written += n;
  if (x->on_bytes && *x->on_bytes) (*x->on_bytes)(n);
  return n;
}

HttpResponse perform(const std::string& method, const std::string& url, const std::vector<std::string>& headers,
                     Exchange& x, uint64_t offset) {
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (!initialised) fail("libcurl could not be initialised");
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) fail("libcurl: no handle");
  curl_slist* list = nullptr;
  for (const std::string& h : headers) list = curl_slist_append(list, h.c_str());
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> list_owner(list, curl_slist_free_all);
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);  // under 1 byte/s for 60 s: a stalled server
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "nsmlab/0.1 (huggingface_hub protocol)");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &x);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &x);
  if (method == "HEAD") curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  if (offset > 0) curl_easy_setopt(c, CURLOPT_RESUME_FROM_LARGE, curl_off_t(offset));
  const CURLcode rc = curl_easy_perform(c);
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &x.response.status);
  if (rc != CURLE_OK)
    x.response.error = !x.write_error.empty() ? x.write_error
                       : x.header_bytes > kMaxHeaderBytes ? "the headers are larger than 256 KiB"
                                                          : curl_easy_strerror(rc);
  return std::move(x.response);
}

}  // namespace

std::string HttpResponse::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

HttpResponse http_request(const std::string& method, const std::string& url, const std::vector<std::string>& headers,
                          size_t max_body) {
  Exchange x;
  x.max_body = max_body;
  return perform(method, url, headers, x, 0);
}

HttpResponse http_download(const std::string& url, const std::vector<std::string>& headers, int fd, uint64_t offset,
                           uint64_t max_bytes, const std::function<void(size_t)>& on_bytes) {
  Exchange x;
  x.fd = fd;
  x.offset = offset;
  x.max_body = 64 * 1024;
  x.max_bytes = max_bytes;
  x.on_bytes = &on_bytes;
  return perform("GET", url, headers, x, offset);
}

std::string url_authority(const std::string& url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  const size_t start = scheme + 3;
  const size_t end = url.find_first_of("/?#", start);
  std::string authority = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  std::transform(authority.begin(), authority.end(), authority.begin(), [](unsigned char c) { return std::tolower(c); });
  return authority;
}

}  // namespace nsmlab
