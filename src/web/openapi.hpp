// The OpenAPI 3 document of the REST API (docs/openapi.json, embedded at build time).
#pragma once

#include <string>

namespace smsinfo::web {

const std::string& OpenApiDocument();

}  // namespace smsinfo::web
