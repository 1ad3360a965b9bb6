// TLS in front of a plain SMSC, for tests and the benchmark: accepts TLS connections on
// 127.0.0.1 (port 0), and forwards what it decrypts to a plain port (a FakeSmsc) and back. With
// MakeTestCertificate, a self-signed certificate made in code, so tests need no files.
// Thread-safe: runs on its own io_context thread; the methods may be called from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace smsinfo::gateway::smpp {

struct TestCertificate {
  std::string cert_file;  // PEM, self-signed (so it is also the CA file to trust)
  std::string key_file;   // PEM, its private key
};

// A fresh P-256 key and a self-signed certificate for `name` (CN and subjectAltName DNS name)
// and 127.0.0.1 (subjectAltName IP), valid for a day, written into `dir`. Throws
// std::runtime_error if OpenSSL fails (test set-up, never the data path).
TestCertificate MakeTestCertificate(const std::string& dir, const std::string& name = "localhost");

class TlsFront {
 public:
  // Starts listening at once. `target_port` is the plain SMSC on 127.0.0.1.
  TlsFront(std::uint16_t target_port, const TestCertificate& certificate);
  ~TlsFront();
  TlsFront(const TlsFront&) = delete;
  TlsFront& operator=(const TlsFront&) = delete;

  std::uint16_t port() const { return port_; }
  // TLS handshakes that succeeded and that failed so far.
  std::int64_t handshakes() const;
  std::int64_t failed_handshakes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::uint16_t port_ = 0;
};

}  // namespace smsinfo::gateway::smpp
