// WooClient: customers, taxes, shop facts and the permission probe.

#include "connectors/woocommerce/woo_client.hpp"
#include "connectors/woocommerce/woo_listing.hpp"

namespace wv {

Result<WooListing<ShopCustomer>> WooClient::list_customers(const std::string& email) {
  woo::QueryParams params;
  if (!email.empty()) params.emplace_back("email", email);
  params.emplace_back("orderby", "id");
  params.emplace_back("order", "asc");
  return woo::read_listing<ShopCustomer>(*transport_, "/customers", params, options_.per_page,
                                         woo::parse_customers);
}

Result<std::optional<ShopCustomer>> WooClient::get_customer(std::int64_t id) {
  return woo::parse_unless_absent<ShopCustomer>(
      transport_->call("GET", "/customers/" + std::to_string(id)), woo::parse_customer);
}

Result<std::vector<TaxRate>> WooClient::list_taxes() {
  return woo::all_readable(woo::read_listing<TaxRate>(*transport_, "/taxes", woo::by_id(),
                                                      options_.per_page, woo::parse_taxes));
}

Result<std::vector<TaxClass>> WooClient::list_tax_classes() {
  // Not paged: the shop answers with every class and no paging headers.
  auto response = transport_->call("GET", "/taxes/classes");
  if (!response) return std::unexpected(response.error());
  return woo::parse_tax_classes(response->body);
}

Result<ShopStatus> WooClient::system_status() {
  auto response = transport_->call("GET", "/system_status");
  if (!response) return std::unexpected(response.error());
  auto status = woo::parse_system_status(response->body);
  if (!status) return status;

  // The tax settings need the settings permission, which a shop manager's key may lack; they
  // stay unknown then.
  const char* const paths[] = {"/settings/tax/woocommerce_prices_include_tax",
                               "/settings/general/woocommerce_calc_taxes"};
  std::optional<bool>* const targets[] = {&status->prices_include_tax, &status->taxes_enabled};
  for (std::size_t i = 0; i < 2; ++i) {
    auto setting = transport_->call_any("GET", paths[i]);
    if (!setting) return std::unexpected(setting.error());
    if (!setting->ok()) continue;
    auto value = woo::parse_setting_value(setting->body);
    if (value && (*value == "yes" || *value == "no")) *targets[i] = *value == "yes";
  }
  return status;
}

Result<KeyPermissions> WooClient::probe_permissions() {
  KeyPermissions permissions;
  auto classify = [&](std::string_view method, std::string_view path, const HttpResponse& response,
                      bool& allowed, std::string& problem) -> Status {
    if (response.ok()) {
      allowed = true;
      return {};
    }
    const Error error = transport_->refusal(method, path, response);
    if (error.kind != ErrorKind::Auth) return std::unexpected(error);
    problem = error.message;
    return {};
  };

  auto read = transport_->call_any("GET", "/products", {{"per_page", "1"}});
  if (!read) return std::unexpected(read.error());
  if (auto s = classify("GET", "/products", *read, permissions.can_read, permissions.read_problem);
      !s) {
    return std::unexpected(s.error());
  }
  // An empty batch passes the same key and capability checks as any write and changes nothing
  // (not even a modification date, which a PUT with an empty body would touch).
  auto write = transport_->call_any("POST", "/products/batch", {}, "{}", true);
  if (!write) return std::unexpected(write.error());
  if (auto s = classify("POST", "/products/batch", *write, permissions.can_write,
                        permissions.write_problem);
      !s) {
    return std::unexpected(s.error());
  }
  return permissions;
}

}  // namespace wv
