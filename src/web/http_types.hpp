// Protocol-level HTTP request and response values, independent of the server library, so that
// routes and their tests never include RESTinio. Plain values.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace smsinfo::web {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // decoded path without the query
  std::map<std::string, std::string> query;    // decoded; last value wins
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string remote_address;

  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
  std::string Query(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// Splits "a=1&b=x%20y" into decoded pairs; '+' is a space. Malformed escapes stay literal.
std::map<std::string, std::string> ParseQueryString(const std::string& query);
std::string PercentDecode(const std::string& text, bool plus_is_space);

}  // namespace smsinfo::web
