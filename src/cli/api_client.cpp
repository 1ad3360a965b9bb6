#include "cli/api_client.hpp"

#include <asio.hpp>

namespace smsinfo::cli {

Result<ApiReply> CallApi(const std::string& base_url, const std::string& method,
                         const std::string& path_and_query, const std::string& token,
                         const std::string& json_body) {
  const std::string kScheme = "http://";
  if (base_url.rfind(kScheme, 0) != 0) return Error::InvalidInput("server URL must start with http://");
  std::string hostport = base_url.substr(kScheme.size());
  if (!hostport.empty() && hostport.back() == '/') hostport.pop_back();
  std::string host, port;
  if (!hostport.empty() && hostport.front() == '[') {
    const auto close = hostport.find(']');
    if (close == std::string::npos) return Error::InvalidInput("bad server URL: " + base_url);
    host = hostport.substr(1, close - 1);
    port = hostport.substr(close + 2);
  } else {
    const auto colon = hostport.rfind(':');
    if (colon == std::string::npos) return Error::InvalidInput("bad server URL: " + base_url);
    host = hostport.substr(0, colon);
    port = hostport.substr(colon + 1);
  }
  asio::io_context io;
  asio::ip::tcp::resolver resolver(io);
  asio::error_code ec;
  auto endpoints = resolver.resolve(host, port, ec);
  if (ec) return Error::Unavailable("cannot resolve " + host + ": " + ec.message());
  asio::ip::tcp::socket socket(io);
  asio::connect(socket, endpoints, ec);
  if (ec) {
    return Error::Unavailable("cannot reach the server at " + base_url + " (" + ec.message() +
                              "); is `smsinfo serve` running?");
  }
  std::string request = method + " " + path_and_query + " HTTP/1.1\r\nHost: " + host +
                        "\r\nConnection: close\r\nAccept: application/json\r\n";
  if (!token.empty()) request += "Authorization: Bearer " + token + "\r\n";
  if (!json_body.empty()) request += "Content-Type: application/json\r\n";
  request += "Content-Length: " + std::to_string(json_body.size()) + "\r\n\r\n" + json_body;
  asio::write(socket, asio::buffer(request), ec);
  if (ec) return Error::Unavailable("sending to the server failed: " + ec.message());
  std::string response;
  std::array<char, 8192> buf{};
  for (;;) {
    const std::size_t n = socket.read_some(asio::buffer(buf), ec);
    response.append(buf.data(), n);
    if (ec == asio::error::eof) break;
    if (ec) return Error::Unavailable("reading from the server failed: " + ec.message());
  }
  ApiReply reply;
  const auto line_end = response.find("\r\n");
  if (response.rfind("HTTP/1.", 0) != 0 || line_end == std::string::npos || line_end < 12) {
    return Error::Unavailable("the server's answer is not HTTP");
  }
  reply.status = std::atoi(response.substr(9, 3).c_str());
  const auto head_end = response.find("\r\n\r\n");
  std::string body = head_end == std::string::npos ? "" : response.substr(head_end + 4);
  // Chunked answers: join the chunks.
  const std::string head = response.substr(0, head_end);
  std::string lower_head = head;
  for (char& c : lower_head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower_head.find("transfer-encoding: chunked") != std::string::npos) {
    std::string joined;
    std::size_t pos = 0;
    while (pos < body.size()) {
      const auto eol = body.find("\r\n", pos);
      if (eol == std::string::npos) break;
      const std::size_t len = std::stoul(body.substr(pos, eol - pos), nullptr, 16);
      if (len == 0) break;
      joined += body.substr(eol + 2, len);
      pos = eol + 2 + len + 2;
    }
    body = joined;
  }
  reply.body = std::move(body);
  return reply;
}

}  // namespace smsinfo::cli
