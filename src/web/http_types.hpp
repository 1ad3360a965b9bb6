// Protocol-level HTTP request and response values, independent of the server library, so that
// routes and their tests never include RESTinio. Plain values.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace smsinfo::web {

struct HttpRequest {
  std::string method;                          // "GET", "POST", ...
  std::string path;                            // decoded path without the query
  std::map<std::string, std::string> query;    // decoded; last value wins
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string remote_address;
  bool tls = false;  // the request came over HTTPS served by this process

  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
  std::string Query(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
  }
};

// A response body that stays open after the head: server-sent events. The server sends `body`
// first, then whatever Take returns each time the stream wakes it, and a keepalive comment when
// nothing was sent for a while. Take is called from one server thread at a time; SetWake is
// called once by the server before the first Take, and the stream may call the wake function
// from any thread.
class EventStream {
 public:
  virtual ~EventStream() = default;
  virtual void SetWake(std::function<void()> wake) = 0;
  // Text to send now; empty for nothing.
  virtual std::string Take() = 0;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::shared_ptr<EventStream> stream;  // set: the body continues as a chunked stream

  // The value of header `name` (case blind) or "".
  std::string Header(const std::string& name) const;
};

// Headers every response carries: CSP without inline script, no framing, no referrer, no
// sniffing (issue #4).
const std::vector<std::pair<std::string, std::string>>& SecurityHeaders();

// Splits "a=1&b=x%20y" into decoded pairs; '+' is a space. Malformed escapes stay literal.
std::map<std::string, std::string> ParseQueryString(const std::string& query);
std::string PercentDecode(const std::string& text, bool plus_is_space);

}  // namespace smsinfo::web
