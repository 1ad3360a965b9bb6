// Settings of one SMPP 3.4 gateway (ESME side): where the SMSC is, how to bind, how many
// requests may be outstanding, how fast to send and how to encode. Every field has a default,
// so name, host, port, system_id and password are enough. Plain value. See docs/smpp.md.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace smsinfo::gateway::smpp {

enum class BindMode {
  kTransceiver,             // one bind_transceiver per bind slot
  kTransmitterAndReceiver,  // a bind_transmitter plus a bind_receiver per bind slot
};

// How a text longer than one SMS travels (docs/smpp.md, "Long messages").
enum class LongMessageMode {
  kUdh8,     // concatenation UDH with an 8-bit reference (IEI 0x00), esm_class UDHI
  kUdh16,    // concatenation UDH with a 16-bit reference (IEI 0x08), esm_class UDHI
  kSar,      // sar_msg_ref_num / sar_total_segments / sar_segment_seqnum TLVs
  kPayload,  // one submit_sm with the whole text in message_payload
};

// How the SMSC writes message ids (submit_sm_resp and receipts), so that both sides of a
// receipt match: kAsIs compares the raw text; kHex / kDecimal compare the numeric value.
enum class MessageIdFormat { kAsIs, kHex, kDecimal };

struct SmppConfig {
  std::string name = "smpp";
  std::string host = "127.0.0.1";
  std::uint16_t port = 2775;
  std::string system_id;    // <= 15 characters
  std::string password;     // <= 8 characters (the app may read it from password_file)
  std::string system_type;  // <= 12 characters, often empty
  BindMode bind_mode = BindMode::kTransceiver;
  int binds = 1;             // bind slots (connections sending submit_sm)
  std::size_t window = 100;  // outstanding requests per bind
  int throughput = 0;        // submit_sm per second over all binds; 0 = unlimited
  // Source address: a number ("420720001676", TON 1 NPI 1) or alphanumeric ("OBEC", TON 5
  // NPI 0). Empty: the SMSC fills it in.
  std::string source_addr;
  std::uint8_t source_ton = 5;
  std::uint8_t source_npi = 0;
  std::uint8_t dest_ton = 1;  // international
  std::uint8_t dest_npi = 1;  // E.164
  bool gsm_packed = false;    // data_coding 0 as packed septets (else one septet per octet)
  LongMessageMode long_messages = LongMessageMode::kUdh8;
  bool request_receipts = true;                               // registered_delivery 1 on every part
  MessageIdFormat submit_id_format = MessageIdFormat::kAsIs;  // ids in submit_sm_resp
  MessageIdFormat receipt_id_format = MessageIdFormat::kAsIs;  // ids in receipts
  std::chrono::milliseconds enquire_link_interval = std::chrono::seconds(30);
  std::chrono::milliseconds response_timeout = std::chrono::seconds(10);
  std::chrono::milliseconds connect_timeout = std::chrono::seconds(10);
  std::chrono::milliseconds reconnect_min = std::chrono::seconds(1);
  std::chrono::milliseconds reconnect_max = std::chrono::seconds(60);
  // Pause of all sending after ESME_RTHROTTLED or ESME_RMSGQFUL.
  std::chrono::milliseconds throttle_backoff = std::chrono::seconds(1);
  // Stop(): how long to wait for queued and in-flight SMS before unbinding anyway.
  std::chrono::milliseconds drain_timeout = std::chrono::seconds(10);
  // TLS (docs/smpp.md, "TLS"): the whole SMPP session inside TLS 1.2 or newer.
  bool tls = false;
  std::string tls_ca_file;      // PEM CAs to trust; empty: the system's default paths
  bool tls_verify = true;       // verify the SMSC's certificate chain and host name
  std::string tls_server_name;  // name to verify and send as SNI; empty: host
  std::string tls_cert_file;    // client certificate chain (PEM); empty: none
  std::string tls_key_file;     // its private key (PEM)
};

}  // namespace smsinfo::gateway::smpp
