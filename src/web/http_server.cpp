#include "web/http_server.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <condition_variable>
#include <mutex>
#include <restinio/all.hpp>
#include <restinio/tls.hpp>
#include <thread>
#include <vector>

namespace smsinfo::web {
namespace {

// Thread-safe traits: the pool runs handlers concurrently.
using PlainTraits = restinio::default_traits_t;
using TlsTraits = restinio::tls_traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t>;
using ChunkedResponse = restinio::response_builder_t<restinio::chunked_output_t>;

constexpr auto kKeepalive = std::chrono::seconds(15);

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "Unknown";
  }
}

HttpRequest Convert(const restinio::request_handle_t& req, bool tls) {
  HttpRequest r;
  r.tls = tls;
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

// An event stream whose head was sent: its RESTinio response stays open.
struct OpenStream {
  std::shared_ptr<EventStream> source;
  std::mutex mu;  // guards the response builder
  std::optional<ChunkedResponse> response;
  std::chrono::steady_clock::time_point last_write;
  std::atomic<bool> closed{false};
};

// Writes the open event streams from one thread: what their sources have when woken, a
// keepalive comment after kKeepalive of silence; forgets streams whose client went away.
class StreamHub {
 public:
  StreamHub() : thread_([this] { Loop(); }) {}
  ~StreamHub() { Stop(); }

  void Add(std::shared_ptr<OpenStream> stream) {
    std::lock_guard lock(mu_);
    streams_.push_back(std::move(stream));
  }
  void Wake() {
    {
      std::lock_guard lock(mu_);
      woken_ = true;
    }
    cv_.notify_one();
  }
  // Ends every stream (the chunked responses are completed) and joins the thread.
  void Stop() {
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
      stopping_ = true;
    }
    cv_.notify_one();
    if (thread_.joinable()) thread_.join();
    std::vector<std::shared_ptr<OpenStream>> streams;
    {
      std::lock_guard lock(mu_);
      streams.swap(streams_);
    }
    for (auto& s : streams) {
      std::lock_guard lock(s->mu);
      if (s->response && !s->closed) s->response->done();
      s->response.reset();
    }
  }

 private:
  void Loop() {
    std::unique_lock lock(mu_);
    while (!stopping_) {
      cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_ || woken_; });
      if (stopping_) break;
      woken_ = false;
      std::erase_if(streams_, [](const auto& s) { return s->closed.load(); });
      auto streams = streams_;
      lock.unlock();
      const auto now = std::chrono::steady_clock::now();
      for (auto& s : streams) Pump(s, now);
      lock.lock();
    }
  }

  static void Pump(const std::shared_ptr<OpenStream>& s,
                   std::chrono::steady_clock::time_point now) {
    std::string text = s->source->Take();
    if (text.empty() && now - s->last_write >= kKeepalive) text = ": keepalive\n\n";
    if (text.empty()) return;
    std::lock_guard lock(s->mu);
    if (!s->response || s->closed) return;
    s->response->append_chunk(std::move(text));
    s->response->flush([s](const asio::error_code& ec) {
      if (ec) s->closed = true;
    });
    s->last_write = now;
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::shared_ptr<OpenStream>> streams_;
  bool woken_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

void AddHeaders(auto& out, const HttpResponse& response) {
  out.append_header(restinio::http_field::content_type, response.content_type);
  for (const auto& [name, value] : SecurityHeaders()) out.append_header(name, value);
  if (response.Header("Cache-Control").empty()) out.append_header("Cache-Control", "no-store");
  for (const auto& [name, value] : response.headers) out.append_header(name, value);
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
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port == 0 ||
      port > 65535) {
    return Error::InvalidInput("listen port must be 1..65535, got '" + port_text + "'");
  }
  a.port = static_cast<std::uint16_t>(port);
  return a;
}

struct HttpServer::Impl {
  RequestHandler handler;
  std::function<void()> stop;      // stops and joins the running server
  std::shared_ptr<StreamHub> hub;  // shared: wake functions hold it weakly

  // The request handler for either traits: converts, runs `handler`, answers or opens a stream.
  auto MakeHandler(bool tls) {
    return [this, tls](const restinio::request_handle_t& req) {
      HttpResponse response;
      try {
        response = handler(Convert(req, tls));
      } catch (const std::exception& e) {
        spdlog::error("HTTP handler failed: {}", e.what());
        response = HttpResponse{};
        response.status = 500;
        response.body = R"({"error":{"code":"internal","message":"internal error"}})";
      }
      const restinio::http_status_line_t status(
          restinio::http_status_code_t(static_cast<std::uint16_t>(response.status)),
          ReasonPhrase(response.status));
      if (response.stream) {
        auto open = std::make_shared<OpenStream>();
        open->source = response.stream;
        auto out = req->create_response<restinio::chunked_output_t>(status);
        AddHeaders(out, response);
        if (!response.body.empty()) out.append_chunk(std::move(response.body));
        // A publisher may still call this while the server stops.
        open->source->SetWake([weak = std::weak_ptr<StreamHub>(hub)] {
          if (auto h = weak.lock()) h->Wake();
        });
        {
          std::lock_guard lock(open->mu);
          out.flush([open](const asio::error_code& ec) {
            if (ec) open->closed = true;
          });
          open->response.emplace(std::move(out));
          open->last_write = std::chrono::steady_clock::now();
        }
        hub->Add(open);
        hub->Wake();  // events published between Subscribe and now
        return restinio::request_accepted();
      }
      auto out = req->create_response(status);
      AddHeaders(out, response);
      out.set_body(std::move(response.body));
      return out.done();
    };
  }

  template <class Traits>
  auto Settings(const ListenAddress& address, std::size_t max_body_bytes, bool tls) {
    return restinio::server_settings_t<Traits>{}
        .address(address.host)
        .port(address.port)
        .incoming_http_msg_limits(
            restinio::incoming_http_msg_limits_t{}.max_body_size(max_body_bytes))
        .read_next_http_message_timelimit(std::chrono::seconds(60))
        // Event streams write at least every kKeepalive, which restarts this timer.
        .handle_request_timeout(std::chrono::seconds(120))
        .request_handler(MakeHandler(tls));
  }

  template <class Traits>
  void Run(restinio::server_settings_t<Traits> settings, int threads) {
    auto running = std::make_shared<restinio::running_server_handle_t<Traits>>(restinio::run_async(
        restinio::own_io_context(), std::move(settings), static_cast<std::size_t>(threads)));
    stop = [running] {
      (*running)->stop();
      (*running)->wait();
    };
  }
};

HttpServer::HttpServer(RequestHandler handler) : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
}

HttpServer::~HttpServer() { Stop(); }

Result<void> HttpServer::Start(const ListenAddress& address, int threads,
                               std::size_t max_body_bytes, const TlsFiles& tls) {
  impl_->hub = std::make_shared<StreamHub>();
  try {
    if (tls.cert.empty()) {
      impl_->Run(impl_->Settings<PlainTraits>(address, max_body_bytes, false), threads);
    } else {
      asio::ssl::context context{asio::ssl::context::tls_server};
      context.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                          asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                          asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
      context.use_certificate_chain_file(tls.cert);
      context.use_private_key_file(tls.key, asio::ssl::context::pem);
      impl_->Run(
          impl_->Settings<TlsTraits>(address, max_body_bytes, true).tls_context(std::move(context)),
          threads);
    }
  } catch (const std::exception& e) {
    impl_->hub.reset();
    return Error::Unavailable("cannot serve on " + address.host + ":" +
                              std::to_string(address.port) + ": " + e.what());
  }
  return Ok();
}

void HttpServer::Stop() {
  if (!impl_) return;
  if (impl_->hub) impl_->hub->Stop();  // completes the event streams first
  if (impl_->stop) {
    impl_->stop();
    impl_->stop = nullptr;
  }
  impl_->hub.reset();
}

}  // namespace smsinfo::web
