// Finding or creating the Visma customer of an order: the matching key, the customer made from
// the order (company or private person, addresses, terms of payment, number), and the link that
// makes a known customer cost no request.
#include <catch2/catch.hpp>

#include "core/store/store.hpp"
#include "core/sync/orders/customer_resolver.hpp"
#include "tests/support/fake_clock.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/memory_ports.hpp"

namespace {

using namespace wv;

Order order_of(std::int64_t customer_id, const std::string& email) {
  Order o;
  o.id = 4711;
  o.number = "4711";
  o.currency = "SEK";
  o.customer_id = customer_id;
  o.payment_method = "kco";
  o.billing.first_name = "Anna";
  o.billing.last_name = "Svensson";
  o.billing.address_1 = "Storgatan 1";
  o.billing.city = "Stockholm";
  o.billing.postcode = "111 22";
  o.billing.country = "SE";
  o.billing.email = email;
  o.billing.phone = "070-123 45 67";
  return o;
}

OrdersConfig config_with_terms() {
  OrdersConfig c;
  c.terms_of_payment["default"] = "terms-30";
  return c;
}

struct Bench {
  testing::TempDir dir;
  testing::FakeClock clock;
  std::unique_ptr<Store> store;
  testing::MemoryAccounting visma;
  OrdersConfig config = config_with_terms();

  Bench() {
    auto opened = Store::open(dir.path() / "store");
    REQUIRE(opened);
    store = std::move(*opened);
  }

  CustomerResolver resolver() { return CustomerResolver(config, "shop", visma, *store, clock, "SEK"); }
};

}  // namespace

TEST_CASE("the customer key follows orders.customer_match", "[sync][customers]") {
  OrdersConfig config = config_with_terms();
  const Order registered = order_of(42, "  Anna@Example.SE ");
  const Order guest = order_of(0, "guest@example.se");

  SECTION("e-mail, trimmed and lower-cased (the default)") {
    auto key = customer_key(registered, config, "SEK");
    REQUIRE(key);
    CHECK(key->link_key == "email:anna@example.se");
    CHECK(key->field == wv::CustomerMatchKey::Email);
    CHECK(key->value == "anna@example.se");
  }
  SECTION("e-mail: an order without one is rejected with what to do") {
    auto key = customer_key(order_of(42, " "), config, "SEK");
    REQUIRE_FALSE(key);
    CHECK(key.error().kind == ErrorKind::Rejected);
    CHECK_THAT(key.error().message, Catch::Contains("4711") && Catch::Contains("orders.customer_match"));
  }
  SECTION("organisation number from the configured meta key, else the e-mail") {
    config.customer_match = CustomerMatch::OrgNumber;
    config.org_number_meta_key = "_org";
    Order company = registered;
    company.meta.push_back({"_org", " 556677-8899 "});
    auto key = customer_key(company, config, "SEK");
    REQUIRE(key);
    CHECK(key->link_key == "org:5566778899");
    CHECK(key->field == wv::CustomerMatchKey::OrganisationNumber);
    CHECK(key->value == "556677-8899");
    auto without = customer_key(registered, config, "SEK");
    REQUIRE(without);
    CHECK(without->link_key == "email:anna@example.se");
  }
  SECTION("WooCommerce customer id as a prefixed customer number; guests by e-mail") {
    config.customer_match = CustomerMatch::ShopCustomerId;
    config.customer_number_prefix = "WC";
    auto key = customer_key(registered, config, "SEK");
    REQUIRE(key);
    CHECK(key->link_key == "id:42");
    CHECK(key->field == wv::CustomerMatchKey::Number);
    CHECK(key->value == "WC42");
    auto by_mail = customer_key(guest, config, "SEK");
    REQUIRE(by_mail);
    CHECK(by_mail->link_key == "email:guest@example.se");
  }
  SECTION("one shared customer for every guest order; registered customers by e-mail") {
    config.customer_match = CustomerMatch::SharedGuest;
    auto unset = customer_key(guest, config, "SEK");
    REQUIRE_FALSE(unset);
    CHECK(unset.error().kind == ErrorKind::Config);
    CHECK_THAT(unset.error().message, Catch::Contains("orders.shared_guest_customer_number"));
    config.shared_guest_customer_number = "1000";
    auto key = customer_key(guest, config, "SEK");
    REQUIRE(key);
    CHECK(key->link_key == "shared");
    CHECK(key->value == "1000");
    CHECK(customer_key(order_of(0, "other@example.se"), config, "SEK")->link_key == "shared");
    CHECK(customer_key(registered, config, "SEK")->link_key == "email:anna@example.se");
  }
  SECTION("a foreign currency gets a customer of its own") {
    Order euro = registered;
    euro.currency = "EUR";
    CHECK(customer_key(euro, config, "SEK")->link_key == "email:anna@example.se|EUR");
  }
}

TEST_CASE("a company name or a VAT number makes a company; otherwise a private person", "[sync][customers]") {
  const OrdersConfig config = config_with_terms();
  Order order = order_of(42, "anna@example.se");
  const auto key = *customer_key(order, config, "SEK");

  auto person = customer_from_order(order, key, config);
  REQUIRE(person);
  CHECK(person->is_private_person);
  CHECK(person->name == "Anna Svensson");
  CHECK(person->contact_person_name.empty());

  order.billing.company = "Svensson Bygg AB";
  auto company = customer_from_order(order, key, config);
  REQUIRE(company);
  CHECK_FALSE(company->is_private_person);
  CHECK(company->name == "Svensson Bygg AB");
  CHECK(company->contact_person_name == "Anna Svensson");

  order.billing.company.clear();
  order.meta.push_back({config.vat_number_meta_key, "SE556677889901"});
  order.meta.push_back({config.org_number_meta_key, "556677-8899"});
  auto by_vat = customer_from_order(order, key, config);
  REQUIRE(by_vat);
  CHECK_FALSE(by_vat->is_private_person);
  CHECK(by_vat->vat_number == "SE556677889901");
  CHECK(by_vat->corporate_identity_number == "556677-8899");
}

TEST_CASE("the customer carries invoice and delivery addresses with ISO country codes", "[sync][customers]") {
  const OrdersConfig config = config_with_terms();
  Order order = order_of(42, "anna@example.se");
  order.currency = "EUR";
  order.billing.address_2 = "Lgh 1102";
  order.shipping.first_name = "Bo";
  order.shipping.last_name = "Svensson";
  order.shipping.address_1 = "Hamngatan 3";
  order.shipping.city = "Helsinki";
  order.shipping.postcode = "00100";
  order.shipping.country = "FI";
  const auto key = *customer_key(order, config, "SEK");

  auto c = customer_from_order(order, key, config);
  REQUIRE(c);
  CHECK(c->invoice_address1 == "Storgatan 1");
  CHECK(c->invoice_address2 == "Lgh 1102");
  CHECK(c->invoice_city == "Stockholm");
  CHECK(c->invoice_postal_code == "111 22");
  CHECK(c->invoice_country_code == "SE");
  CHECK(c->delivery_customer_name == "Bo Svensson");
  CHECK(c->delivery_address1 == "Hamngatan 3");
  CHECK(c->delivery_city == "Helsinki");
  CHECK(c->delivery_postal_code == "00100");
  CHECK(c->delivery_country_code == "FI");
  CHECK(c->currency_code == "EUR");
  CHECK(c->email == "anna@example.se");
  CHECK(c->webshop_customer_number == 42);

  order.shipping = Address{};
  auto no_delivery = customer_from_order(order, key, config);
  REQUIRE(no_delivery);
  CHECK(no_delivery->delivery_address1.empty());
  CHECK(no_delivery->delivery_country_code.empty());

  order.billing.postcode.clear();
  auto incomplete = customer_from_order(order, key, config);
  REQUIRE_FALSE(incomplete);
  CHECK(incomplete.error().kind == ErrorKind::Rejected);
  CHECK_THAT(incomplete.error().message, Catch::Contains("postcode"));
}

TEST_CASE("terms of payment follow the payment method, with a default", "[sync][customers]") {
  OrdersConfig config;
  config.terms_of_payment = {{"bacs", "terms-10"}, {"default", "terms-0"}};
  Order order = order_of(42, "anna@example.se");
  const auto key = *customer_key(order, config, "SEK");

  order.payment_method = "bacs";
  CHECK(customer_from_order(order, key, config)->terms_of_payment_id == "terms-10");
  order.payment_method = "kco";
  CHECK(customer_from_order(order, key, config)->terms_of_payment_id == "terms-0");

  config.terms_of_payment.erase("default");
  auto missing = customer_from_order(order, key, config);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().kind == ErrorKind::Config);
  CHECK_THAT(missing.error().message, Catch::Contains("\"kco\"") && Catch::Contains("orders.terms_of_payment"));
}

TEST_CASE("customer numbers are Visma's or derived from the WooCommerce customer id", "[sync][customers]") {
  OrdersConfig config = config_with_terms();
  const Order registered = order_of(42, "anna@example.se");
  const Order guest = order_of(0, "guest@example.se");
  const auto key = *customer_key(registered, config, "SEK");

  CHECK(customer_from_order(registered, key, config)->customer_number.empty());  // Visma assigns

  config.customer_numbering = CustomerNumbering::Prefixed;
  config.customer_number_prefix = "WEB-";
  CHECK(customer_from_order(registered, key, config)->customer_number == "WEB-42");
  // A guest has no WooCommerce id to derive from: Visma numbers it.
  CHECK(customer_from_order(guest, *customer_key(guest, config, "SEK"), config)->customer_number.empty());

  config.customer_number_prefix = "A-VERY-LONG-PREFIX-";
  auto too_long = customer_from_order(registered, key, config);
  REQUIRE_FALSE(too_long);
  CHECK(too_long.error().kind == ErrorKind::Config);
  CHECK_THAT(too_long.error().message, Catch::Contains("orders.customer_number_prefix"));
}

TEST_CASE("a customer is created once, and a known one costs no request", "[sync][customers]") {
  Bench b;
  const Order first = order_of(42, "anna@example.se");
  Order second = order_of(42, "ANNA@example.se");
  second.id = 4712;
  second.number = "4712";

  auto made = b.resolver().resolve(first, false);
  REQUIRE(made);
  CHECK(made->created_now);
  CHECK(b.visma.customers.size() == 1);

  // A later run (a fresh resolver, nothing cached in memory) finds the link in the store.
  const int lookups = b.visma.customer_lookups;
  const int writes = b.visma.writes;
  auto known = b.resolver().resolve(second, false);
  REQUIRE(known);
  CHECK_FALSE(known->created_now);
  CHECK(known->id == made->id);
  CHECK(b.visma.customer_lookups == lookups);
  CHECK(b.visma.writes == writes);
}

TEST_CASE("a customer Visma already has is linked, not created again", "[sync][customers]") {
  Bench b;
  AccountingCustomer inactive;
  inactive.id = "cust-old";
  inactive.customer_number = "900";
  inactive.email = "anna@example.se";
  inactive.is_active = false;
  b.visma.customers[inactive.id] = inactive;
  AccountingCustomer existing = inactive;
  existing.id = "cust-1";
  existing.customer_number = "1001";
  existing.is_active = true;
  b.visma.customers[existing.id] = existing;

  auto found = b.resolver().resolve(order_of(42, "anna@example.se"), false);
  REQUIRE(found);
  CHECK(found->id == "cust-1");  // the active one
  CHECK_FALSE(found->created_now);
  CHECK(b.visma.writes == 0);
  CHECK(b.visma.customers.size() == 2);
}

TEST_CASE("the shared guest customer must exist in Visma", "[sync][customers]") {
  Bench b;
  b.config.customer_match = CustomerMatch::SharedGuest;
  b.config.shared_guest_customer_number = "1000";

  auto missing = b.resolver().resolve(order_of(0, "guest@example.se"), false);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().kind == ErrorKind::Config);
  CHECK_THAT(missing.error().message, Catch::Contains("1000"));
  CHECK(b.visma.writes == 0);

  AccountingCustomer shared;
  shared.id = "cust-guests";
  shared.customer_number = "1000";
  shared.name = "Webbkunder";
  b.visma.customers[shared.id] = shared;
  auto guest = b.resolver().resolve(order_of(0, "guest@example.se"), false);
  auto other = b.resolver().resolve(order_of(0, "other@example.se"), false);
  REQUIRE(guest);
  REQUIRE(other);
  CHECK(guest->id == "cust-guests");
  CHECK(other->id == "cust-guests");
  CHECK(b.visma.writes == 0);
}

TEST_CASE("a dry run finds the customer it would create and writes nothing", "[sync][customers]") {
  Bench b;
  auto planned = b.resolver().resolve(order_of(42, "anna@example.se"), true);
  REQUIRE(planned);
  CHECK(planned->created_now);
  CHECK_THAT(planned->description, Catch::Contains("Anna Svensson") && Catch::Contains("anna@example.se"));
  CHECK(b.visma.writes == 0);
  CHECK(b.visma.customers.empty());
}
