// Customers, tax rates and classes, shop facts and the small answers of writes.

#include "connectors/woocommerce/json_reader.hpp"
#include "connectors/woocommerce/woo_json.hpp"

namespace wv::woo {
namespace {

ShopCustomer read_customer(const Node& n) {
  ShopCustomer c;
  c.id = n.id("id");
  if (c.id != 0) n.problems().set_subject("customer " + std::to_string(c.id));
  c.email = n.text("email");
  c.first_name = n.text("first_name");
  c.last_name = n.text("last_name");
  c.username = n.text("username");
  c.billing = read_address(n["billing"]);
  c.shipping = read_address(n["shipping"]);
  c.meta = n.meta();
  c.date_modified = n.time("date_modified_gmt");
  return c;
}

TaxRate read_tax_rate(const Node& n) {
  TaxRate t;
  t.id = n.id("id");
  if (t.id != 0) n.problems().set_subject("tax rate " + std::to_string(t.id));
  t.country = n.text("country");
  t.rate = VatRate{n.amount("rate")};
  t.name = n.text("name");
  t.tax_class = n.text("class");
  t.applies_to_shipping = n.flag("shipping");
  t.compound = n.flag("compound");
  t.priority = static_cast<int>(n.optional_int("priority").value_or(1));
  return t;
}

}  // namespace

Result<ShopCustomer> parse_customer(std::string_view body) {
  return read_object<ShopCustomer>(body, "customer", read_customer);
}

Result<ParsedList<ShopCustomer>> parse_customers(std::string_view body) {
  return read_list<ShopCustomer>(body, "customer", read_customer);
}

Result<ParsedList<TaxRate>> parse_taxes(std::string_view body) {
  return read_list<TaxRate>(body, "tax rate", read_tax_rate);
}

Result<std::vector<TaxClass>> parse_tax_classes(std::string_view body) {
  auto list = read_list<TaxClass>(body, "tax class", [](const Node& n) {
    TaxClass c;
    c.slug = n.required_text("slug");
    c.name = n.text("name");
    return c;
  });
  if (!list) return std::unexpected(list.error());
  std::vector<TaxClass> out;
  for (auto& c : *list) {
    if (!c) return std::unexpected(c.error());
    out.push_back(std::move(*c));
  }
  return out;
}

Result<ShopStatus> parse_system_status(std::string_view body) {
  return read_object<ShopStatus>(body, "system status", [](const Node& n) {
    ShopStatus s;
    const Node environment = n["environment"];
    const Node settings = n["settings"];
    if (!environment.is_object()) n.problems().report("environment", "is missing");
    if (!settings.is_object()) n.problems().report("settings", "is missing");
    s.woocommerce_version = environment.required_text("version");
    s.wordpress_version = environment.text("wp_version");
    s.home_url = environment.text("home_url");
    s.currency = settings.required_text("currency");
    s.price_decimals = static_cast<int>(settings.optional_int("number_of_decimals").value_or(2));
    return s;
  });
}

Result<std::string> parse_setting_value(std::string_view body) {
  return read_object<std::string>(body, "setting", [](const Node& n) {
    n.problems().set_subject("setting " + n.text("id"));
    return n.text("value");
  });
}

Result<std::int64_t> parse_created_id(std::string_view body, std::string_view what) {
  return read_object<std::int64_t>(body, std::string(what),
                                   [](const Node& n) { return n.id("id"); });
}

Result<std::vector<BatchItemResult>> parse_batch_update(std::string_view body,
                                                        std::span<const std::int64_t> sent_ids,
                                                        const RequestLabel& request,
                                                        std::string_view item_noun) {
  const std::string noun(item_noun);
  return read_object<std::vector<BatchItemResult>>(body, "batch answer", [&](const Node& n) {
    std::vector<BatchItemResult> out;
    const std::vector<Node> answers = n.array("update");
    for (std::size_t i = 0; i < sent_ids.size(); ++i) {
      BatchItemResult result;
      result.id = sent_ids[i];
      const std::string item = noun + " " + std::to_string(sent_ids[i]);
      if (i >= answers.size()) {
        result.outcome =
            std::unexpected(Error(ErrorKind::Transient, "WooCommerce did not answer for " + item +
                                                            " in " + std::string(request.method) +
                                                            " " + std::string(request.path)));
      } else if (const Node error = answers[i]["error"]; error.is_object()) {
        const Node data = error["data"];
        const int status =
            data.is_object() ? static_cast<int>(data.optional_int("status").value_or(0)) : 0;
        result.outcome = std::unexpected(
            batch_item_error(request, item, error.text("code"), error.text("message"), status));
      } else if (const std::int64_t answered = answers[i].id("id"); answered != sent_ids[i]) {
        n.problems().report(
            answers[i].path() + ".id",
            "is " + std::to_string(answered) + ", expected " + std::to_string(sent_ids[i]));
      }
      out.push_back(std::move(result));
    }
    return out;
  });
}

}  // namespace wv::woo
