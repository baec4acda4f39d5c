// `woovisma-sandbox --write-config`: a ready-to-use woovisma config for this sandbox.

#include <rapidjson/document.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <map>

#include <fmt/format.h>

#include "core/store/store.hpp"
#include "sandbox/sandbox.hpp"
#include "sandbox/visma/visma_emulator.hpp"
#include "sandbox/woo/woo_emulator.hpp"

namespace wv::sandbox {
namespace {

// Reads the company's lookups through the emulated API itself, as woovisma would.
class VismaLookups {
 public:
  VismaLookups(VismaEmulator& visma, std::string token) : visma_(visma), token_(std::move(token)) {}

  Result<rapidjson::Document> get(const std::string& path) {
    Request r;
    r.method = "GET";
    r.path = path;
    r.raw_target = path + "?$pagesize=1000";
    r.raw_query = "$pagesize=1000";
    r.query = {{"$pagesize", "1000"}};
    r.headers["authorization"] = "Bearer " + token_;
    auto response = visma_.handle(r);
    if (!response || response->status != 200) {
      return fail(ErrorKind::Internal, "the Visma emulator did not list " + path);
    }
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseNumbersAsStringsFlag>(response->body.c_str());
    if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("Data") || !doc["Data"].IsArray()) {
      return fail(ErrorKind::Internal, "the Visma emulator's list of " + path + " is not readable");
    }
    return doc;
  }

 private:
  VismaEmulator& visma_;
  std::string token_;
};

std::string text(const rapidjson::Value& v, const char* key) {
  return v.HasMember(key) && v[key].IsString() ? v[key].GetString() : "";
}

// "0.25" → "25"; the emulator writes VAT rates as fractions.
std::string percent_of(const std::string& fraction) {
  auto d = Decimal::parse(fraction);
  if (!d) return "";
  return (*d <= Decimal::from_int(1) ? d->times(Decimal::from_int(100), 6) : *d).to_plain_string();
}

Status write_private_file(const std::filesystem::path& file, const std::string& content) {
  std::filesystem::path temporary = file;
  temporary += ".tmp." + std::to_string(::getpid());
  {
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) return fail(ErrorKind::Config, "cannot write " + temporary.string());
    const bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
    ::close(fd);
    if (!ok) return fail(ErrorKind::Config, "cannot write " + temporary.string());
  }
  std::error_code ec;
  std::filesystem::rename(temporary, file, ec);
  if (ec) return fail(ErrorKind::Config, "cannot write " + file.string() + ": " + ec.message());
  return {};
}

std::string toml_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

Status write_config(const std::filesystem::path& file, const Sandbox& sandbox) {
  std::shared_ptr<VismaEmulator> visma;
  std::shared_ptr<WooEmulator> woo;
  for (const auto& e : sandbox.emulators()) {
    if (auto v = std::dynamic_pointer_cast<VismaEmulator>(e)) visma = v;
    if (auto w = std::dynamic_pointer_cast<WooEmulator>(e)) woo = w;
  }
  if (!visma || !woo) return fail(ErrorKind::Internal, "--write-config needs both emulators in the sandbox");
  const std::string base = sandbox.base_url();

  const auto tokens = visma->issue_tokens_for_tests();
  VismaLookups lookups(*visma, tokens.access_token);
  std::string unit_id;
  std::map<std::string, std::string> coding_by_vat;
  std::map<std::string, std::string> terms;
  std::string cost_center_item;
  {
    auto units = lookups.get("/v2/units");
    if (!units) return fail(units.error());
    for (const auto& u : (*units)["Data"].GetArray()) {
      if (text(u, "Code") == "st") unit_id = text(u, "Id");
    }
    auto codings = lookups.get("/v2/articleaccountcodings");
    if (!codings) return fail(codings.error());
    for (const auto& c : (*codings)["Data"].GetArray()) {
      if (text(c, "Type") != "Goods") continue;
      const std::string p = percent_of(text(c, "VatRatePercent"));
      if (!p.empty() && !coding_by_vat.contains(p)) coding_by_vat[p] = text(c, "Id");
    }
    auto terms_list = lookups.get("/v2/termsofpayments");
    if (!terms_list) return fail(terms_list.error());
    for (const auto& t : (*terms_list)["Data"].GetArray()) {
      const std::string name = text(t, "Name");
      if (name == "30 dagar netto") terms["default"] = text(t, "Id");
      if (name == "Kortbetalning") terms["klarna"] = terms["stripe"] = text(t, "Id");
      if (name == "Swish") terms["swish"] = text(t, "Id");
    }
    auto centers = lookups.get("/v2/costcenters");
    if (!centers) return fail(centers.error());
    for (const auto& c : (*centers)["Data"].GetArray()) {
      if (!c.HasMember("Items") || !c["Items"].IsArray()) continue;
      for (const auto& i : c["Items"].GetArray()) {
        if (text(i, "Name") == "Webbshop") cost_center_item = text(i, "Id");
      }
    }
  }
  std::string consumer_key, consumer_secret;
  woo->with_state([&](auto& state) {
    for (const auto& key : state.keys) {
      if (key.permissions == "read_write") {
        consumer_key = key.consumer_key;
        consumer_secret = key.consumer_secret;
        break;
      }
    }
    return 0;
  });
  if (consumer_key.empty()) {
    return fail(ErrorKind::Config, "the sandbox shop has no read/write API key (seed one in the seed file)");
  }

  // The store, beside the config, with Visma's tokens as if `woovisma auth visma` had run.
  std::filesystem::path store_dir = file;
  store_dir += ".store";
  std::error_code ec;
  std::filesystem::create_directories(store_dir, ec);
  ::chmod(store_dir.c_str(), 0700);
  {
    auto store = Store::open(store_dir);
    if (!store) return fail(store.error().with_context("--write-config"));
    const Timestamp now = visma->now();
    OAuthTokens saved{tokens.access_token, tokens.refresh_token,
                      now + std::chrono::duration_cast<std::chrono::milliseconds>(tokens.expires_in), now,
                      tokens.scope};
    if (auto s = (*store)->write([&](StoreWriter& w) { return w.put_tokens(saved); }); !s) return fail(s.error());
  }

  std::string toml = fmt::format(
      "# woovisma config written by woovisma-sandbox --write-config for the sandbox at {0}.\n"
      "# It holds the sandbox's credentials, so it is readable by you only.\n"
      "flow = \"ecom\"\n"
      "store = {1}\n\n"
      "[visma]\n"
      "api_url = {2}\n"
      "identity_url = {3}\n"
      "client_id = {4}\n"
      "client_secret = {5}\n"
      "redirect_uri = {6}\n\n"
      "[[shop]]\n"
      "name = \"demo\"\n"
      "url = {3}\n"
      "consumer_key = {7}\n"
      "consumer_secret = {8}\n"
      "auth = \"oauth1\"\n",
      base, toml_string(store_dir.string()), toml_string(base + "/v2"), toml_string(base),
      toml_string(tokens.client_id), toml_string(tokens.client_secret), toml_string(base + "/callback"),
      toml_string(consumer_key), toml_string(consumer_secret));
  if (!cost_center_item.empty()) toml += "cost_center_item_id = " + toml_string(cost_center_item) + "\n";
  toml +=
      "\n[orders]\n"
      "start_date = 2000-01-01\n"
      "missing_sku = \"create-article\"\n"
      "refunds = \"credit\"\n"
      "rounding_article = \"AVRUNDNING\"\n"
      "shipping_articles = { \"25\" = \"FRAKT-25\" }\n"
      "fee_articles = { \"25\" = \"AVGIFT-25\" }\n";
  toml += "terms_of_payment = {";
  bool first = true;
  for (const auto& [method, id] : terms) {
    toml += (first ? " " : ", ") + toml_string(method) + " = " + toml_string(id);
    first = false;
  }
  toml += " }\n\n[articles]\n";
  toml += "unit_id = " + toml_string(unit_id) + "\n";
  toml += "coding_by_vat = {";
  first = true;
  for (const auto& [rate, id] : coding_by_vat) {
    toml += (first ? " " : ", ") + toml_string(rate) + " = " + toml_string(id);
    first = false;
  }
  toml += " }\n";
  return write_private_file(file, toml);
}

}  // namespace wv::sandbox
