// `smsinfo import|contacts|groups|send|messages|registrations|inbound`: the office's work from
// a shell, through the same app services the web API uses.
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "web/json_io.hpp"

namespace smsinfo::cli {
namespace {

template <class T>
nlohmann::json PageJson(const storage::PageOf<T>& page) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : page.items) items.push_back(web::ToJson(item));
  return {{"items", items}, {"total", page.total}};
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::NotFound("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

void Commands::WithApp(const std::function<Result<void>(app::Application&, const app::Actor&)>& body) {
  auto app = context_.OpenApp();
  if (!app.ok()) {
    exit_code_ = Fail(app.error());
    return;
  }
  auto actor = context_.CliActor(**app);
  if (!actor.ok()) {
    exit_code_ = Fail(actor.error());
    return;
  }
  auto result = body(**app, *actor);
  if (!result.ok()) exit_code_ = Fail(result.error());
}

void Commands::RegisterOffice(CLI::App& cli) {
  // import
  auto* import = cli.add_subcommand("import", "Import the residence register (CSV, replaces it)");
  auto file = std::make_shared<std::string>();
  import->add_option("file", *file, "CSV file (UTF-8 or Windows-1250, ';' or ',')")->required();
  import->callback([this, file] {
    WithApp([&](app::Application& app, const app::Actor& actor) -> Result<void> {
      auto bytes = ReadFile(*file);
      if (!bytes.ok()) return bytes.error();
      auto report = app.registers().ImportResidents(actor, *bytes);
      if (!report.ok()) return report.error();
      if (!report->errors.empty()) {
        for (const auto& e : report->errors) std::cerr << *file << ":" << e.line << ": " << e.message << "\n";
        return Error::InvalidInput(std::to_string(report->errors.size()) +
                                   " bad rows; nothing was imported");
      }
      std::cout << "imported " << report->imported << " residents (" << report->encoding << ")\n";
      return Ok();
    });
  });

  // contacts
  auto* contacts = cli.add_subcommand("contacts", "The contact list");
  contacts->require_subcommand(1);
  auto* clist = contacts->add_subcommand("list", "List contacts");
  auto filter = std::make_shared<storage::ContactFilter>();
  auto group = std::make_shared<std::int64_t>(0);
  auto page = std::make_shared<storage::Page>();
  clist->add_option("--q", filter->q, "Search in names, phone, street, company");
  clist->add_option("--phone", filter->phone, "Exact phone number");
  clist->add_option("--street", filter->street, "Street");
  clist->add_option("--group", *group, "Group id");
  clist->add_option("--limit", page->limit, "Page size")->check(CLI::Range(1, 1000));
  clist->add_option("--offset", page->offset, "Skip this many");
  clist->callback([this, filter, group, page] {
    WithApp([&](app::Application& app, const app::Actor& actor) -> Result<void> {
      if (*group > 0) filter->group = GroupId(*group);
      auto list = app.directory().ListContacts(actor, *filter, *page);
      if (!list.ok()) return list.error();
      context_.Print(PageJson(*list));
      return Ok();
    });
  });
  auto* cadd = contacts->add_subcommand("add", "Add a contact");
  auto contact = std::make_shared<domain::Contact>();
  auto contact_groups = std::make_shared<std::vector<std::int64_t>>();
  cadd->add_option("--phone", contact->phone, "Phone number")->required();
  cadd->add_option("--surname", contact->surname, "Surname");
  cadd->add_option("--first-name", contact->first_name, "First name");
  cadd->add_option("--street", contact->street, "Street");
  cadd->add_option("--house-number", contact->house_number, "House number (c.p.)");
  cadd->add_option("--orientation-number", contact->orientation_number, "Orientation number (c.o.)");
  cadd->add_option("--company", contact->company, "Company");
  cadd->add_option("--group", *contact_groups, "Group id (repeatable)");
  cadd->callback([this, contact, contact_groups] {
    WithApp([&](app::Application& app, const app::Actor& actor) -> Result<void> {
      for (auto g : *contact_groups) contact->groups.emplace_back(g);
      auto created = app.directory().CreateContact(actor, *contact);
      if (!created.ok()) return created.error();
      context_.Print(web::ToJson(*created));
      return Ok();
    });
  });
  auto* cdel = contacts->add_subcommand("delete", "Delete a contact");
  auto contact_id = std::make_shared<std::int64_t>(0);
  cdel->add_option("id", *contact_id, "Contact id")->required();
  cdel->callback([this, contact_id] {
    WithApp([&](app::Application& app, const app::Actor& actor) -> Result<void> {
      return app.directory().DeleteContact(actor, ContactId(*contact_id));
    });
  });

  // groups
  auto* groups = cli.add_subcommand("groups", "Recipient groups");
  groups->require_subcommand(1);
  groups->add_subcommand("list", "List groups")->callback([this] {
    WithApp([&](app::Application& app, const app::Actor& actor) -> Result<void> {
      auto list = app.directory().ListGroups(actor);
      if (!list.ok()) return list.error();
      nlohmann::json items = nlohmann::json::array();
      for (const auto& g : *list) items.push_back(web::ToJson(g));
      context_.Print(items);
      return Ok();
    });
  });
  auto* gadd = groups->add_subcommand("add", "Create a group");
  auto group_name = std::make_shared<std::string>();
  auto group_description = std::make_shared<std::string>();
  gadd->add_option("name", *group_name, "Group name")->required();
  gadd->add_option("--description", *group_description, "Description");
  gadd->callback([this, group_name, group_description] {
    WithApp([&](app::Application& app, const app::Actor& actor) -> Result<void> {
      domain::Group g;
      g.name = *group_name;
      g.description = *group_description;
      auto created = app.directory().CreateGroup(actor, g);
      if (!created.ok()) return created.error();
      context_.Print(web::ToJson(*created));
      return Ok();
    });
  });
  auto* gmembers = groups->add_subcommand("add-members", "Add contacts to a group");
  auto member_group = std::make_shared<std::int64_t>(0);
  auto member_ids = std::make_shared<std::vector<std::int64_t>>();
  gmembers->add_option("group", *member_group, "Group id")->required();
  gmembers->add_option("contacts", *member_ids, "Contact ids")->required();
  gmembers->callback([this, member_group, member_ids] {
    WithApp([&](app::Application& app, const app::Actor& actor) -> Result<void> {
      std::vector<ContactId> ids;
      for (auto id : *member_ids) ids.emplace_back(id);
      return app.directory().AddMembers(actor, GroupId(*member_group), ids);
    });
  });

  // send
  auto* send = cli.add_subcommand("send", "Send a message (now, later, or urgent)");
  auto text = std::make_shared<std::string>();
  auto all = std::make_shared<bool>(false);
  auto to_groups = std::make_shared<std::vector<std::int64_t>>();
  auto to_contacts = std::make_shared<std::vector<std::int64_t>>();
  auto to_streets = std::make_shared<std::vector<std::string>>();
  auto to_phones = std::make_shared<std::vector<std::string>>();
  auto at = std::make_shared<std::string>();
  auto urgent = std::make_shared<bool>(false);
  auto keep_diacritics = std::make_shared<bool>(false);
  send->add_option("--text", *text, "The message")->required();
  send->add_flag("--all", *all, "Every active contact");
  send->add_option("--group", *to_groups, "Group id (repeatable)");
  send->add_option("--contact", *to_contacts, "Contact id (repeatable)");
  send->add_option("--street", *to_streets, "Street (repeatable)");
  send->add_option("--phone", *to_phones, "Phone number (repeatable)");
  send->add_option("--at", *at, "Send at this time, ISO 8601 with zone: 2026-12-01T08:00+01:00");
  send->add_flag("--urgent", *urgent, "Goes first and ignores quiet hours");
  send->add_flag("--keep-diacritics", *keep_diacritics, "Do not transliterate (may need UCS-2)");
  send->callback([=, this] {
    WithApp([&](app::Application& app, const app::Actor& actor) -> Result<void> {
      app::SendRequest request;
      request.text = *text;
      request.recipients.all = *all;
      for (auto g : *to_groups) request.recipients.groups.emplace_back(g);
      for (auto c : *to_contacts) request.recipients.contacts.emplace_back(c);
      request.recipients.streets = *to_streets;
      request.recipients.phones = *to_phones;
      if (!at->empty()) {
        TimePoint t;
        if (!ParseIso8601(*at, &t)) return Error::InvalidInput("--at must be ISO 8601 with a zone");
        request.send_at = t;
      }
      request.urgent = *urgent;
      if (*keep_diacritics) request.transliterate = false;
      auto sent = app.messages().Send(actor, request);
      if (!sent.ok()) return sent.error();
      context_.Print({{"id", sent->message.id.value},
                      {"recipients", sent->recipients},
                      {"encoding", domain::ToString(sent->message.encoding)},
                      {"segments", sent->message.segments},
                      {"total_segments", sent->total_segments},
                      {"text", sent->message.text}});
      return Ok();
    });
  });

  // messages
  auto* messages = cli.add_subcommand("messages", "Sent messages and their deliveries");
  messages->require_subcommand(1);
  auto mpage = std::make_shared<storage::Page>();
  auto* mlist = messages->add_subcommand("list", "List messages, newest first");
  mlist->add_option("--limit", mpage->limit, "Page size")->check(CLI::Range(1, 1000));
  mlist->callback([this, mpage] {
    WithApp([&](app::Application& app, const app::Actor& actor) -> Result<void> {
      auto list = app.messages().List(actor, {}, *mpage);
      if (!list.ok()) return list.error();
      context_.Print(PageJson(*list));
      return Ok();
    });
  });
  auto* mshow = messages->add_subcommand("show", "A message with its delivery counts and recipients");
  auto message_id = std::make_shared<std::int64_t>(0);
  mshow->add_option("id", *message_id, "Message id")->required();
  mshow->callback([this, message_id] {
    WithApp([&](app::Application& app, const app::Actor& actor) -> Result<void> {
      auto m = app.messages().Get(actor, MessageId(*message_id));
      if (!m.ok()) return m.error();
      auto deliveries = app.messages().Deliveries(actor, MessageId(*message_id), {}, {1000, 0});
      if (!deliveries.ok()) return deliveries.error();
      nlohmann::json out = web::ToJson(*m);
      out["deliveries"] = PageJson(*deliveries);
      context_.Print(out);
      return Ok();
    });
  });
  auto* mcancel = messages->add_subcommand("cancel", "Cancel what is still queued");
  mcancel->add_option("id", *message_id, "Message id")->required();
  mcancel->callback([this, message_id] {
    WithApp([&](app::Application& app, const app::Actor& actor) -> Result<void> {
      auto n = app.messages().Cancel(actor, MessageId(*message_id));
      if (!n.ok()) return n.error();
      std::cout << "cancelled " << *n << " deliveries\n";
      return Ok();
    });
  });

  // registrations
  auto* registrations = cli.add_subcommand("registrations", "Citizens' registrations by SMS");
  registrations->require_subcommand(1);
  auto status = std::make_shared<std::string>();
  auto* rlist = registrations->add_subcommand("list", "List registrations");
  rlist->add_option("--status", *status, "pending, approved or rejected");
  rlist->callback([this, status] {
    WithApp([&](app::Application& app, const app::Actor& actor) -> Result<void> {
      storage::RegistrationFilter f;
      if (!status->empty()) {
        f.status = domain::ParseRegistrationStatus(*status);
        if (!f.status) return Error::InvalidInput("--status must be pending, approved or rejected");
      }
      auto list = app.registers().ListRegistrations(actor, f, {1000, 0});
      if (!list.ok()) return list.error();
      context_.Print(PageJson(*list));
      return Ok();
    });
  });
  auto registration_id = std::make_shared<std::int64_t>(0);
  for (const bool approve : {true, false}) {
    auto* cmd = registrations->add_subcommand(approve ? "approve" : "reject",
                                              approve ? "Approve a registration" : "Reject a registration");
    cmd->add_option("id", *registration_id, "Registration id")->required();
    cmd->callback([this, registration_id, approve] {
      WithApp([&](app::Application& app, const app::Actor& actor) -> Result<void> {
        auto r = approve ? app.registers().Approve(actor, RegistrationId(*registration_id))
                         : app.registers().Reject(actor, RegistrationId(*registration_id));
        if (!r.ok()) return r.error();
        context_.Print(web::ToJson(*r));
        return Ok();
      });
    });
  }

  // inbound
  auto* inbound = cli.add_subcommand("inbound", "SMS received on the central number");
  auto kind = std::make_shared<std::string>();
  auto from = std::make_shared<std::string>();
  inbound->add_option("--kind", *kind, "registration, unregistration, reply, invalid_command");
  inbound->add_option("--from", *from, "Sender's number");
  inbound->callback([this, kind, from] {
    WithApp([&](app::Application& app, const app::Actor& actor) -> Result<void> {
      storage::InboundFilter f;
      f.from = *from;
      if (!kind->empty()) {
        f.kind = domain::ParseInboundKind(*kind);
        if (!f.kind) return Error::InvalidInput("unknown --kind " + *kind);
      }
      auto list = app.registers().ListInbound(actor, f, {1000, 0});
      if (!list.ok()) return list.error();
      context_.Print(PageJson(*list));
      return Ok();
    });
  });
}

}  // namespace smsinfo::cli
