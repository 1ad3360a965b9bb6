// A minimal blocking HTTP/1.1 client for the CLI's few calls to a running server (the
// simulator lives in the server process). One request per connection; loopback use.
#pragma once

#include <string>

#include "base/result.hpp"

namespace smsinfo::cli {

struct ApiReply {
  int status = 0;
  std::string body;
};

// `base_url` is "http://HOST:PORT". Errors: kUnavailable when the server cannot be reached.
Result<ApiReply> CallApi(const std::string& base_url, const std::string& method,
                         const std::string& path_and_query, const std::string& token,
                         const std::string& json_body);

}  // namespace smsinfo::cli
