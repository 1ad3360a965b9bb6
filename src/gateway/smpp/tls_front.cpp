#include "gateway/smpp/tls_front.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <asio.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/ssl.hpp>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <thread>

namespace smsinfo::gateway::smpp {
namespace {

using asio::awaitable;
using asio::ip::tcp;
constexpr auto kNoThrow = asio::experimental::as_tuple(asio::use_awaitable);

void Check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test certificate: ") + what);
}

void WritePem(const std::string& path, const std::function<int(FILE*)>& write) {
  FILE* f = std::fopen(path.c_str(), "w");
  Check(f != nullptr, "cannot open the output file");
  const int ok = write(f);
  std::fclose(f);
  Check(ok == 1, "cannot write PEM");
}

}  // namespace

TestCertificate MakeTestCertificate(const std::string& dir, const std::string& name) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), &EVP_PKEY_free);
  Check(key != nullptr, "EVP_EC_gen");
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), &X509_free);
  Check(cert != nullptr, "X509_new");
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* subject = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(name.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), subject);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
  const std::string san = "DNS:" + name + ",IP:127.0.0.1";
  const std::pair<int, std::string> extensions[] = {
      {NID_subject_alt_name, san},
      {NID_basic_constraints, "critical,CA:TRUE"},
      {NID_key_usage, "critical,digitalSignature,keyCertSign"},
  };
  for (const auto& [nid, value] : extensions) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    Check(ext != nullptr, "X509V3_EXT_conf_nid");
    X509_add_ext(cert.get(), ext, -1);
    X509_EXTENSION_free(ext);
  }
  Check(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0, "X509_sign");
  TestCertificate out;
  out.cert_file = (std::filesystem::path(dir) / (name + "-cert.pem")).string();
  out.key_file = (std::filesystem::path(dir) / (name + "-key.pem")).string();
  WritePem(out.cert_file, [&](FILE* f) { return PEM_write_X509(f, cert.get()); });
  WritePem(out.key_file, [&](FILE* f) {
    return PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  });
  return out;
}

struct TlsFront::Impl {
  explicit Impl(std::uint16_t target, const TestCertificate& certificate) : target_port(target) {
    context.use_certificate_chain_file(certificate.cert_file);
    context.use_private_key_file(certificate.key_file, asio::ssl::context::pem);
  }

  awaitable<void> Accept() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(kNoThrow);
      if (ec) co_return;
      asio::co_spawn(io, Serve(std::move(socket)), asio::detached);
    }
  }

  awaitable<void> Serve(tcp::socket client_socket) {
    auto client =
        std::make_shared<asio::ssl::stream<tcp::socket>>(std::move(client_socket), context);
    auto [hec] = co_await client->async_handshake(asio::ssl::stream_base::server, kNoThrow);
    if (hec) {
      ++failed;
      co_return;
    }
    ++handshakes;
    auto upstream = std::make_shared<tcp::socket>(io);
    auto [cec] = co_await upstream->async_connect(
        tcp::endpoint(asio::ip::make_address("127.0.0.1"), target_port), kNoThrow);
    if (cec) co_return;
    auto close_both = [client, upstream] {
      asio::error_code ignored;
      client->next_layer().close(ignored);
      upstream->close(ignored);
    };
    asio::co_spawn(io, Pump(*client, *upstream, close_both), [client](std::exception_ptr) {});
    co_await Pump(*upstream, *client, close_both);
  }

  template <class From, class To, class OnEnd>
  static awaitable<void> Pump(From& from, To& to, OnEnd on_end) {
    std::vector<std::uint8_t> buffer(64 * 1024);
    for (;;) {
      auto [rec, n] = co_await from.async_read_some(asio::buffer(buffer), kNoThrow);
      if (rec) break;
      auto [wec, written] =
          co_await asio::async_write(to, asio::buffer(buffer.data(), n), kNoThrow);
      if (wec) break;
    }
    on_end();
  }

  const std::uint16_t target_port;
  asio::io_context io{1};
  asio::ssl::context context{asio::ssl::context::tls_server};
  tcp::acceptor acceptor{io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
  std::thread thread;
  std::atomic<std::int64_t> handshakes{0};
  std::atomic<std::int64_t> failed{0};
};

TlsFront::TlsFront(std::uint16_t target_port, const TestCertificate& certificate)
    : impl_(std::make_unique<Impl>(target_port, certificate)) {
  port_ = impl_->acceptor.local_endpoint().port();
  asio::co_spawn(impl_->io, impl_->Accept(), asio::detached);
  impl_->thread = std::thread([impl = impl_.get()] { impl->io.run(); });
}

TlsFront::~TlsFront() {
  impl_->io.stop();
  impl_->thread.join();
}

std::int64_t TlsFront::handshakes() const { return impl_->handshakes.load(); }
std::int64_t TlsFront::failed_handshakes() const { return impl_->failed.load(); }

}  // namespace smsinfo::gateway::smpp
