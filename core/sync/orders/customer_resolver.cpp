#include "core/sync/orders/customer_resolver.hpp"

#include <cctype>

#include "core/domain/field_limits.hpp"
#include "core/log.hpp"
#include "core/sync/engine/create_once.hpp"
#include "core/sync/field_mapping.hpp"
#include "core/text.hpp"

namespace wv {
namespace {

std::string digits_only(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) out += c;
  }
  return out;
}

ResolvedCustomer from_link(const Link& link) {
  return ResolvedCustomer{link.visma_id, link.visma_number,
                          link.customer_type != CustomerType::Company, false, false,
                          link.visma_number};
}

ResolvedCustomer from_account(const AccountingCustomer& c) {
  return ResolvedCustomer{c.id, c.customer_number, c.is_private_person, false, false,
                          c.customer_number + " " + c.name};
}

Link link_for(const std::string& shop, const CustomerKey& key, const ResolvedCustomer& c, Timestamp now) {
  Link link;
  link.shop = shop;
  link.kind = EntityKind::Customer;
  link.woo_id = key.link_key;
  link.visma_id = c.id;
  link.visma_number = c.number;
  link.customer_type = c.is_private_person ? CustomerType::Private : CustomerType::Company;
  link.linked_at = now;
  return link;
}

}  // namespace

Result<CustomerKey> customer_key(const Order& order, const OrdersConfig& config,
                                 const CurrencyCode& company_currency) {
  CustomerKey key;
  key.currency = order.currency;
  const std::string email = ascii_lower(trim(order.billing.email));
  auto by_email = [&]() -> Result<CustomerKey> {
    if (email.empty()) {
      return fail(ErrorKind::Rejected, "order " + order.number +
                                           " has no billing e-mail to find its customer by; add one "
                                           "in WooCommerce or choose another orders.customer_match");
    }
    key.link_key = "email:" + email;
    key.field = CustomerMatchKey::Email;
    key.value = email;
    return key;
  };
  Result<CustomerKey> chosen = fail(ErrorKind::Internal, "no customer key");
  switch (config.customer_match) {
    case CustomerMatch::Email: chosen = by_email(); break;
    case CustomerMatch::OrgNumber: {
      const auto org = find_meta(order.meta, config.org_number_meta_key);
      if (org && !digits_only(*org).empty()) {
        key.link_key = "org:" + digits_only(*org);
        key.field = CustomerMatchKey::OrganisationNumber;
        key.value = trim(*org);
        chosen = key;
      } else {
        chosen = by_email();
      }
      break;
    }
    case CustomerMatch::ShopCustomerId:
      if (order.is_guest()) {
        chosen = by_email();
      } else {
        key.link_key = "id:" + std::to_string(order.customer_id);
        key.field = CustomerMatchKey::Number;
        key.value = config.customer_number_prefix + std::to_string(order.customer_id);
        chosen = key;
      }
      break;
    case CustomerMatch::SharedGuest:
      if (!order.is_guest()) {
        chosen = by_email();
      } else if (config.shared_guest_customer_number.empty()) {
        return fail(ErrorKind::Config, "orders.customer_match is \"shared-guest\" but "
                                       "orders.shared_guest_customer_number is not set");
      } else {
        key.link_key = "shared";
        key.field = CustomerMatchKey::Number;
        key.value = config.shared_guest_customer_number;
        chosen = key;
      }
      break;
  }
  if (chosen && order.currency != company_currency) chosen->link_key += "|" + order.currency;
  return chosen;
}

Result<AccountingCustomer> customer_from_order(const Order& order, const CustomerKey& key,
                                               const OrdersConfig& config) {
  const Address& bill = order.billing;
  AccountingCustomer c;
  const auto vat_number = find_meta(order.meta, config.vat_number_meta_key);
  const auto org_number = find_meta(order.meta, config.org_number_meta_key);
  c.is_private_person = trim(bill.company).empty() && (!vat_number || trim(*vat_number).empty());
  c.name = utf8_truncate(trim(c.is_private_person ? bill.full_name() : bill.company), max_length(CustomerField::Name));
  if (c.name.empty()) c.name = utf8_truncate(trim(bill.email), max_length(CustomerField::Name));
  if (c.name.empty()) {
    return fail(ErrorKind::Rejected, "order " + order.number + " has neither a billing name, a "
                                                                "company nor an e-mail for its customer");
  }
  if (trim(bill.city).empty() || trim(bill.postcode).empty()) {
    return fail(ErrorKind::Rejected, "order " + order.number +
                                         " has no billing city or postcode, which Visma requires of "
                                         "a customer; complete the address in WooCommerce");
  }
  c.email = trim(bill.email);
  c.phone = utf8_truncate(trim(bill.phone), max_length(CustomerField::Phone));
  if (org_number) c.corporate_identity_number = utf8_truncate(trim(*org_number), max_length(CustomerField::OrganisationNumber));
  if (vat_number) c.vat_number = utf8_truncate(trim(*vat_number), max_length(CustomerField::VatRegistration));
  c.currency_code = order.currency;
  c.invoice_address1 = utf8_truncate(trim(bill.address_1), max_length(CustomerField::BillingAddressLine));
  c.invoice_address2 = utf8_truncate(trim(bill.address_2), max_length(CustomerField::BillingAddressLine));
  c.invoice_city = utf8_truncate(trim(bill.city), max_length(CustomerField::BillingCity));
  c.invoice_postal_code = utf8_truncate(trim(bill.postcode), max_length(CustomerField::BillingPostcode));
  c.invoice_country_code = bill.country;
  const Address& ship = order.shipping;
  if (!trim(ship.address_1).empty()) {
    c.delivery_customer_name = utf8_truncate(trim(ship.company.empty() ? ship.full_name() : ship.company), max_length(CustomerField::ShippingName));
    c.delivery_address1 = utf8_truncate(trim(ship.address_1), max_length(CustomerField::ShippingAddressLine));
    c.delivery_address2 = utf8_truncate(trim(ship.address_2), max_length(CustomerField::ShippingAddressLine));
    c.delivery_city = utf8_truncate(trim(ship.city), max_length(CustomerField::ShippingCity));
    c.delivery_postal_code = utf8_truncate(trim(ship.postcode), max_length(CustomerField::ShippingPostcode));
    c.delivery_country_code = ship.country;
  }
  if (!c.is_private_person) c.contact_person_name = utf8_truncate(trim(bill.full_name()), max_length(CustomerField::ContactPerson));
  const auto terms = config.terms_of_payment.find(order.payment_method);
  const auto fallback = config.terms_of_payment.find("default");
  if (terms != config.terms_of_payment.end()) {
    c.terms_of_payment_id = terms->second;
  } else if (fallback != config.terms_of_payment.end()) {
    c.terms_of_payment_id = fallback->second;
  } else {
    return fail(ErrorKind::Config, "orders.terms_of_payment has no entry for payment method \"" +
                                       order.payment_method + "\" and no \"default\"");
  }
  if (key.field == CustomerMatchKey::Number) {
    c.customer_number = key.value;
  } else if (config.customer_numbering == CustomerNumbering::Prefixed && !order.is_guest()) {
    c.customer_number = config.customer_number_prefix + std::to_string(order.customer_id);
  }
  if (c.customer_number.size() > max_length(CustomerField::Number)) {
    return fail(ErrorKind::Config, "customer number \"" + c.customer_number +
                                       "\" is longer than Visma's " + std::to_string(max_length(CustomerField::Number)) +
                                       " characters; shorten "
                                       "orders.customer_number_prefix");
  }
  if (!order.is_guest()) c.webshop_customer_number = order.customer_id;
  return c;
}

CustomerResolver::CustomerResolver(const OrdersConfig& config, const std::string& shop_name,
                                   AccountingPort& accounting, Store& store, const Clock& clock,
                                   CurrencyCode company_currency, std::vector<FieldMapping> field_mappings)
    : config_(config),
      shop_(shop_name),
      accounting_(accounting),
      store_(store),
      clock_(clock),
      company_currency_(std::move(company_currency)),
      field_mappings_(std::move(field_mappings)) {}

Result<std::optional<ResolvedCustomer>> CustomerResolver::find_remote(const CustomerKey& key) {
  auto found = accounting_.customers_where(key.field, key.value);
  if (!found) return fail(found.error());
  for (const auto& c : *found) {
    const bool currency_ok = c.currency_code.empty() || c.currency_code == key.currency;
    if (c.is_active && currency_ok) return std::optional(from_account(c));
  }
  return std::optional<ResolvedCustomer>{};
}

engine::IntentOwner CustomerResolver::intent_owner() {
  return engine::IntentOwner{
      [this](const PendingWrite& p) -> Result<std::optional<Link>> {
        // The intent keeps the link key ("email:a@b.se|EUR") and the value looked up by.
        CustomerKey key;
        key.link_key = p.woo_id;
        key.value = p.reference;
        const auto bar = p.woo_id.find('|');
        key.currency = bar == std::string::npos ? company_currency_ : p.woo_id.substr(bar + 1);
        if (p.woo_id.starts_with("email:")) {
          key.field = CustomerMatchKey::Email;
        } else if (p.woo_id.starts_with("org:")) {
          key.field = CustomerMatchKey::OrganisationNumber;
        } else if (p.woo_id.starts_with("id:") || p.woo_id.starts_with("shared")) {
          key.field = CustomerMatchKey::Number;
        } else {
          return fail(ErrorKind::Store, "a customer intent has the key \"" + p.woo_id +
                                            "\", which this woovisma does not know; the store is damaged");
        }
        auto found = find_remote(key);
        if (!found) return fail(found.error());
        if (!*found) return std::optional<Link>{};
        return std::optional(link_for(p.shop, key, **found, clock_.now()));
      },
      false};
}

std::optional<ResolvedCustomer> CustomerResolver::cached(const std::string& link_key) const {
  std::lock_guard lock(mutex_);
  auto hit = cache_.find(link_key);
  return hit == cache_.end() ? std::nullopt : std::optional(hit->second);
}

ResolvedCustomer CustomerResolver::remember(const std::string& link_key, ResolvedCustomer customer) {
  std::lock_guard lock(mutex_);
  return cache_[link_key] = std::move(customer);
}

Result<ResolvedCustomer> CustomerResolver::resolve(const Order& order, bool dry_run) {
  auto key = customer_key(order, config_, company_currency_);
  if (!key) return fail(key.error());
  // Two orders in flight with the same customer: the second waits here, then finds the first's.
  auto one_at_a_time = per_key_.lock(key->link_key);
  if (auto hit = cached(key->link_key)) return *hit;

  std::optional<Link> link;
  if (auto s = store_.read([&](const StoreReader& r) -> Status {
        auto l = r.link_by_woo(shop_, EntityKind::Customer, key->link_key);
        if (!l) return fail(l.error());
        link = *l;
        return {};
      });
      !s) {
    return fail(s.error());
  }
  if (link) return remember(key->link_key, from_link(*link));

  auto remote = find_remote(*key);
  if (!remote) return fail(remote.error());
  if (*remote) {
    if (!dry_run) {
      // Found, perhaps created by an interrupted run: the intent that run left is settled too.
      if (auto s = store_.write([&](StoreWriter& w) -> Status {
            if (auto put = w.put_link(link_for(shop_, *key, **remote, clock_.now())); !put) return put;
            return w.erase_pending(shop_, EntityKind::Customer, key->link_key);
          });
          !s) {
        return fail(s.error());
      }
    }
    return remember(key->link_key, **remote);
  }
  if (key->field == CustomerMatchKey::Number && key->link_key == "shared") {
    return fail(ErrorKind::Config, "the shared guest customer " + key->value +
                                       " (orders.shared_guest_customer_number) does not exist in Visma");
  }
  auto wanted = customer_from_order(order, *key, config_);
  if (!wanted) return fail(wanted.error());
  if (auto s = apply_customer_mappings(field_mappings_, order, *wanted); !s) return fail(s.error());
  if (dry_run) {
    return ResolvedCustomer{"", wanted->customer_number, wanted->is_private_person, true, false,
                            "new: " + wanted->name + " <" + wanted->email + ">"};
  }
  const PendingWrite intent{shop_,      EntityKind::Customer, key->link_key, "", std::nullopt,
                            key->value, clock_.now()};
  CreateOnceSteps<ResolvedCustomer> steps;
  steps.find_existing = [&](const PendingWrite&) { return find_remote(*key); };
  steps.create = [&]() -> Result<ResolvedCustomer> {
    auto made = accounting_.create_customer(*wanted);
    if (!made) return fail(made.error().with_context("creating the customer of order " + order.number));
    auto r = from_account(*made);
    r.created_now = true;
    return r;
  };
  steps.record = [&](StoreWriter& w, const ResolvedCustomer& c) {
    return w.put_link(link_for(shop_, *key, c, clock_.now()));
  };
  auto created = create_once(store_, intent, steps);
  if (!created) return fail(created.error());
  ResolvedCustomer result = created->object;
  result.recovered = created->recovered;
  if (created->recovered) logger().info("customer {} found in Visma after an interrupted run", result.description);
  ResolvedCustomer reused = result;
  reused.created_now = false;  // later orders of this run reuse it
  reused.recovered = false;
  remember(key->link_key, std::move(reused));
  return result;
}

}  // namespace wv
