// Organization: one municipality (tenant). Every other row belongs to one. Plain value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/ids.hpp"

namespace smsinfo::domain {

enum class RegistrationPolicy {
  kManual,              // every registration waits for the office (default)
  kAutoApproveMatched,  // a registration that matches the register is approved at once
};
const char* ToString(RegistrationPolicy p);
std::optional<RegistrationPolicy> ParseRegistrationPolicy(std::string_view s);

// SMS texts the system sends to citizens on its own; plain GSM text, no diacritics.
struct OrganizationTexts {
  std::string registration_received =
      "Dekujeme, vase registrace do SMS info byla prijata a ceka na schvaleni obecnim uradem.";
  std::string registration_approved = "Vase registrace do SMS info byla schvalena. Vas OU";
  std::string registration_rejected =
      "Vasi registraci do SMS info nelze schvalit. Informace poda obecni urad.";
  std::string unregistered = "Byli jste odhlaseni z SMS info a vase udaje byly smazany.";
  std::string help =
      "Registrace: *P Prijmeni,Jmeno,Ulice a CP[,Firma]. Odhlaseni: *P";
};

struct Organization {
  OrgId id;
  std::string name;
  std::string central_number;  // E.164; inbound SMS to this number belong to this organization
  std::string prefix = "SMS Info OU:";
  std::string signature = "Vas OU";
  // Quiet hours in minutes after local midnight; normal messages wait until they end.
  // Equal start and end means no quiet hours.
  int quiet_start_minute = 21 * 60;
  int quiet_end_minute = 7 * 60;
  std::string timezone = "Europe/Prague";
  RegistrationPolicy registration_policy = RegistrationPolicy::kManual;
  OrganizationTexts texts;
  std::int64_t price_per_segment_milli = 1000;  // thousandths of the currency unit (CZK)
  bool transliterate_by_default = true;
};

}  // namespace smsinfo::domain
