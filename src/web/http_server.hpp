// The HTTP server: RESTinio on its own pool of threads, turning each request into an
// HttpRequest for the handler. Only http_server.cpp includes RESTinio (it compiles slowly).
// Start/Stop from one thread; the handler is called from the pool's threads concurrently.
// Every response carries SecurityHeaders().
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "base/result.hpp"
#include "web/http_types.hpp"

namespace smsinfo::web {

struct ListenAddress {
  std::string host;
  std::uint16_t port = 0;
};
// "127.0.0.1:8080", "[::1]:8080", "localhost:8080".
Result<ListenAddress> ParseListenAddress(const std::string& text);

// HTTPS served directly: PEM files of the certificate chain and the private key. Empty: HTTP.
struct TlsFiles {
  std::string cert;
  std::string key;
};

class HttpServer {
 public:
  using RequestHandler = std::function<HttpResponse(const HttpRequest&)>;
  explicit HttpServer(RequestHandler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts serving (HTTPS when `tls` names files); kUnavailable if the address cannot
  // be bound or the certificate or key cannot be loaded. Responses with a `stream` stay open
  // as chunked bodies, written by one extra thread.
  Result<void> Start(const ListenAddress& address, int threads, std::size_t max_body_bytes,
                     const TlsFiles& tls = {});
  // Stops accepting, finishes the requests in progress, joins the threads. Idempotent.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace smsinfo::web
