#include "web/http_server.hpp"

#include <restinio/all.hpp>
#include <spdlog/spdlog.h>

#include <charconv>

namespace smsinfo::web {
namespace {

using Traits = restinio::default_traits_t;  // thread-safe: the pool runs handlers concurrently

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Unknown";
  }
}

HttpRequest Convert(const restinio::request_handle_t& req) {
  HttpRequest r;
  r.method = std::string(req->header().method().c_str());
  r.path = PercentDecode(std::string(req->header().path()), false);
  r.query = ParseQueryString(std::string(req->header().query()));
  req->header().for_each_field([&r](const restinio::http_header_field_t& f) {
    std::string name(f.name());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = std::string(f.value());
  });
  r.body = req->body();
  r.remote_address = req->remote_endpoint().address().to_string();
  return r;
}

}  // namespace

Result<ListenAddress> ParseListenAddress(const std::string& text) {
  ListenAddress a;
  std::string port_text;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return Error::InvalidInput("listen address must be [IPv6]:PORT, got '" + text + "'");
    }
    a.host = text.substr(1, close - 1);
    port_text = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) {
      return Error::InvalidInput("listen address must be HOST:PORT, got '" + text + "'");
    }
    a.host = text.substr(0, colon);
    port_text = text.substr(colon + 1);
  }
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port == 0 || port > 65535) {
    return Error::InvalidInput("listen port must be 1..65535, got '" + port_text + "'");
  }
  a.port = static_cast<std::uint16_t>(port);
  return a;
}

struct HttpServer::Impl {
  RequestHandler handler;
  restinio::running_server_handle_t<Traits> running;
};

HttpServer::HttpServer(RequestHandler handler) : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
}

HttpServer::~HttpServer() { Stop(); }

Result<void> HttpServer::Start(const ListenAddress& address, int threads, std::size_t max_body_bytes) {
  auto settings =
      restinio::server_settings_t<Traits>{}
          .address(address.host)
          .port(address.port)
          .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}.max_body_size(max_body_bytes))
          .read_next_http_message_timelimit(std::chrono::seconds(60))
          .handle_request_timeout(std::chrono::seconds(120))
          .request_handler([handler = impl_->handler](const restinio::request_handle_t& req) {
            HttpResponse response;
            try {
              response = handler(Convert(req));
            } catch (const std::exception& e) {
              spdlog::error("HTTP handler failed: {}", e.what());
              response.status = 500;
              response.body = R"({"error":{"code":"internal","message":"internal error"}})";
            }
            auto out = req->create_response(restinio::http_status_line_t(
                restinio::http_status_code_t(static_cast<std::uint16_t>(response.status)),
                ReasonPhrase(response.status)));
            out.append_header(restinio::http_field::content_type, response.content_type);
            out.append_header("X-Content-Type-Options", "nosniff");
            out.append_header("Cache-Control", "no-store");
            for (const auto& [name, value] : response.headers) out.append_header(name, value);
            out.set_body(std::move(response.body));
            return out.done();
          });
  try {
    impl_->running = restinio::run_async(restinio::own_io_context(), std::move(settings),
                                         static_cast<std::size_t>(threads));
  } catch (const std::exception& e) {
    return Error::Unavailable("cannot listen on " + address.host + ":" +
                              std::to_string(address.port) + ": " + e.what());
  }
  return Ok();
}

void HttpServer::Stop() {
  if (impl_ && impl_->running) {
    impl_->running->stop();
    impl_->running->wait();
    impl_->running.reset();
  }
}

}  // namespace smsinfo::web
