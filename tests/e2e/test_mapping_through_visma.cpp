// The 2,000-order property of issue 4, checked where it matters: documents created in the Visma
// emulator through the real client, with Visma's own computed totals compared to the shop's.

#include <catch2/catch.hpp>

#include "connectors/visma/visma_client.hpp"
#include "core/sync/orders/order_mapping.hpp"
#include "sandbox/sandbox.hpp"
#include "sandbox/visma/visma_emulator.hpp"
#include "tests/support/inprocess_http.hpp"
#include "tests/support/order_generator.hpp"

namespace {

using namespace wv;

class MemoryVault final : public TokenVault {
 public:
  std::optional<OAuthTokens> tokens;
  Result<std::optional<OAuthTokens>> load() override { return tokens; }
  Status save(const OAuthTokens& t) override {
    tokens = t;
    return {};
  }
};

struct VismaWorld {
  std::shared_ptr<sandbox::VismaEmulator> emulator = std::make_shared<sandbox::VismaEmulator>();
  sandbox::Sandbox box{sandbox::SandboxOptions{}, {emulator}};
  testing::InProcessHttpClient http{box};
  MemoryVault vault;
  VismaConfig config;
  std::unique_ptr<VismaClient> client;
  std::map<std::string, std::string> coding_by_rate;
  std::string unit;
  std::map<std::string, ArticleRef> articles;  // by number
  std::map<std::string, std::string> customers;  // "private-SEK" → id

  VismaWorld() {
    emulator->seed_demo();
    const auto issued = emulator->issue_tokens_for_tests();
    vault.tokens = OAuthTokens{issued.access_token, issued.refresh_token,
                               emulator->now() + std::chrono::hours(1), emulator->now(), issued.scope};
    config.api_url = "http://sandbox/v2";
    config.identity_url = "http://sandbox";
    config.client_id = issued.client_id;
    config.client_secret = issued.client_secret;
    sandbox::Request off;
    off.method = "POST";
    off.path = "/_sandbox/visma/rate-limit";
    off.body = R"({"per_minute": 0})";
    REQUIRE(box.handle(off).status == 200);
    client = std::make_unique<VismaClient>(config, http, vault);

    auto codings = client->list_article_account_codings();
    REQUIRE(codings);
    for (const auto& c : *codings) {
      if (c.type == "Goods" && !coding_by_rate.contains(c.vat_rate_percent.to_plain_string())) {
        coding_by_rate[c.vat_rate_percent.to_plain_string()] = c.id;
      }
    }
    auto units = client->list_units();
    REQUIRE(units);
    for (const auto& u : *units) {
      if (u.code == "st") unit = u.id;
    }
    for (int rate : {25, 12, 6, 0}) {
      for (int i = 1; i <= 8; ++i) add_article(testing::OrderGenerator::sku_for(rate, i), rate);
      for (const char* prefix : {"FRAKT", "AVGIFT", "RABATT"}) add_article(prefix + std::to_string(rate), rate);
    }
    add_article("RUND0", 0);
    for (bool company : {false, true}) {
      for (const char* currency : {"SEK", "EUR"}) {
        AccountingCustomer c;
        c.name = company ? "Företaget AB" : "Privat Person";
        c.is_private_person = !company;
        c.invoice_city = "Stockholm";
        c.invoice_postal_code = "111 22";
        c.invoice_country_code = "SE";
        c.currency_code = currency;
        auto terms = client->list_terms_of_payment();
        REQUIRE(terms);
        c.terms_of_payment_id = terms->front().id;
        auto made = client->create_customer(c);
        REQUIRE(made);
        customers[std::string(company ? "company-" : "private-") + currency] = made->id;
      }
    }
  }

  void add_article(const std::string& number, int rate) {
    Article a;
    a.number = number;
    a.name = number;
    a.coding_id = coding_by_rate.at(std::to_string(rate));
    a.unit_id = unit;
    auto made = client->create_article(a);
    INFO(number << ": " << (made ? "" : made.error().message));
    REQUIRE(made);
    articles[number] = ArticleRef{made->id, made->number, Decimal::from_int(rate)};
  }

  OrderMappingSettings settings(DiscountStyle style) const {
    OrderMappingSettings s;
    s.discounts = style;
    for (int rate : {25, 12, 6, 0}) {
      const std::string p = std::to_string(rate);
      s.shipping_articles[p] = articles.at("FRAKT" + p);
      s.fee_articles[p] = articles.at("AVGIFT" + p);
      s.discount_articles[p] = articles.at("RABATT" + p);
    }
    s.rounding_article = articles.at("RUND0");
    return s;
  }
};

}  // namespace

TEST_CASE("2,000 random orders become Visma drafts whose totals and VAT per rate equal the shop's",
          "[e2e][mapping][random][visma]") {
  VismaWorld world;
  testing::OrderGenerator generator(9001);
  struct Variant {
    testing::OrderGeneratorOptions shop;
    bool company;
    DiscountStyle style;
  };
  const std::vector<Variant> variants = {
      {{true, false, "SEK"}, false, DiscountStyle::RowDiscount},   {{true, false, "SEK"}, true, DiscountStyle::RowDiscount},
      {{false, false, "SEK"}, false, DiscountStyle::RowDiscount},  {{false, false, "SEK"}, true, DiscountStyle::RowDiscount},
      {{true, true, "SEK"}, false, DiscountStyle::RowDiscount},    {{false, true, "SEK"}, true, DiscountStyle::RowDiscount},
      {{true, false, "EUR"}, false, DiscountStyle::RowDiscount},   {{false, false, "EUR"}, true, DiscountStyle::RowDiscount},
      {{true, false, "SEK"}, false, DiscountStyle::DiscountRows},  {{false, false, "SEK"}, true, DiscountStyle::DiscountRows},
  };
  int created = 0;
  for (const auto& v : variants) {
    const auto settings = world.settings(v.style);
    for (int i = 0; i < 200; ++i) {
      const Order order = generator.next(v.shop);
      OrderMappingInput input;
      input.customer_id = world.customers.at(std::string(v.company ? "company-" : "private-") + v.shop.currency);
      input.includes_vat = !v.company;
      input.find_article = [&](const std::string& number) -> std::optional<ArticleRef> {
        auto it = world.articles.find(number);
        return it == world.articles.end() ? std::nullopt : std::optional(it->second);
      };
      auto mapped = map_order(order, input, settings);
      if (!mapped) FAIL("order " << order.number << ": " << mapped.error().message);
      mapped->document.your_reference = order.number;
      auto draft = world.client->create_invoice_draft(mapped->document);
      if (!draft) FAIL("order " << order.number << ": " << draft.error().message);
      INFO("order " << order.number << (v.company ? " company " : " private ") << v.shop.currency);
      CHECK(draft->includes_vat == input.includes_vat);
      CHECK(draft->total_amount == order.total);
      CHECK(draft->total_vat_amount == order.total_tax);
      // A draft shows only its total VAT; the invoice it becomes specifies VAT per rate.
      auto invoice = world.client->convert_invoice_draft(draft->id);
      if (!invoice) FAIL("order " << order.number << ": " << invoice.error().message);
      CHECK(invoice->total_amount == order.total);
      std::map<Decimal, Decimal> visma_vat;
      for (const auto& line : invoice->vat_specification) visma_vat[line.vat_percent] += line.vat_amount;
      for (const auto& t : order.tax_lines) {
        INFO("VAT " << t.rate.percent.to_plain_string() << " %");
        CHECK(visma_vat[t.rate.percent] == t.tax_total + t.shipping_tax_total);
      }
      ++created;
    }
  }
  CHECK(created == 2000);
}
