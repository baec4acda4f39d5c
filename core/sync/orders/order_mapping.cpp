#include "core/sync/orders/order_mapping.hpp"

#include <algorithm>

#include "core/domain/field_limits.hpp"
#include "core/sync/orders/exact_rows.hpp"
#include "core/text.hpp"

namespace wv {
namespace {

std::string order_label(const Order& order) { return "order " + order.number; }

std::string percent_text(Decimal percent) { return percent.to_plain_string(); }

// Tax rate id → VAT percent, from the order's own tax lines.
std::map<std::int64_t, Decimal> rates_of(const Order& order) {
  std::map<std::int64_t, Decimal> rates;
  for (const auto& t : order.tax_lines) rates[t.rate_id] = t.rate.percent;
  return rates;
}

Result<Decimal> vat_percent_of(const std::vector<LineTax>& taxes,
                               const std::map<std::int64_t, Decimal>& rates, const std::string& what) {
  std::optional<Decimal> found;
  for (const auto& tax : taxes) {
    const auto rate = rates.find(tax.rate_id);
    if (rate == rates.end()) {
      if (tax.total.is_zero()) continue;  // a rate that charged nothing decides nothing
      return fail(ErrorKind::Rejected, what + " is taxed at rate id " + std::to_string(tax.rate_id) +
                                           ", which the order's tax lines do not list");
    }
    if (found && *found != rate->second) {
      return fail(ErrorKind::Rejected,
                  what + " carries two VAT rates (" + percent_text(*found) + " % and " +
                      percent_text(rate->second) +
                      " %); a Visma row has one: split the product or fix its tax class");
    }
    found = rate->second;
  }
  return found.value_or(Decimal{});
}

struct Builder {
  const Order& order;
  const OrderMappingInput& input;
  const OrderMappingSettings& settings;
  std::map<std::int64_t, Decimal> rates;
  std::vector<RowGroup> groups;
  std::vector<std::string> notes;
  // Per VAT percent: the amounts WooCommerce charged excl. VAT.
  std::map<Decimal, Decimal> net_by_rate;

  Decimal amount(Decimal net, Decimal tax) const { return input.includes_vat ? net + tax : net; }

  Result<ArticleRef> article_for_line(const OrderLine& line, Decimal percent) {
    const std::string what = order_label(order) + ", line \"" + line.name + "\"";
    std::optional<ArticleRef> article;
    if (!line.sku.empty()) article = input.find_article(line.sku.str());
    if (!article) {
      if (settings.missing_sku == MissingSkuPolicy::TextRow) {
        if (auto generic = article_for_rate(settings.generic_articles, percent)) return *generic;
        return fail(ErrorKind::Rejected, what + " has no article in Visma and orders.generic_articles "
                                                "has none for " + percent_text(percent) + " %");
      }
      if (line.sku.empty()) {
        return fail(ErrorKind::Rejected,
                    what + " has no SKU: give the product a SKU in WooCommerce, or set "
                           "orders.missing_sku = \"text-row\" with orders.generic_articles");
      }
      return fail(ErrorKind::Rejected,
                  what + ": SKU " + line.sku.str() +
                      " is not an article in Visma; create it there, or set "
                      "orders.missing_sku");
    }
    if (article->vat_percent != percent) {
      return fail(ErrorKind::Rejected,
                  what + ": article " + article->number + " has " + percent_text(article->vat_percent) +
                      " % VAT in Visma but the shop charged " + percent_text(percent) +
                      " %; fix the article's account coding or the product's tax class");
    }
    return *article;
  }

  Status add_lines() {
    std::map<Decimal, std::pair<Decimal, std::optional<ArticleRef>>> discount_by_rate;
    for (const auto& line : order.lines) {
      if (line.quantity.is_zero()) continue;
      const std::string what = order_label(order) + ", line \"" + line.name + "\"";
      auto percent = vat_percent_of(line.taxes, rates, what);
      if (!percent) return fail(percent.error());
      auto article = article_for_line(line, *percent);
      if (!article) return fail(article.error());
      RowGroup g;
      g.article_id = article->id;
      g.article_number = article->number;
      g.text = line.name;
      g.vat_percent = *percent;
      g.quantity = line.quantity;
      net_by_rate[*percent] += line.total;
      const Decimal list_total = amount(line.subtotal, line.subtotal_tax);
      const Decimal paid_total = amount(line.total, line.total_tax);
      if (settings.discounts == DiscountStyle::DiscountRows && list_total != paid_total) {
        g.target_amount = list_total;
        auto& [sum, disc_article] = discount_by_rate[*percent];
        sum += paid_total - list_total;
        disc_article = article_for_rate(settings.discount_articles, *percent);
      } else {
        g.target_amount = paid_total;
        if (list_total != paid_total) {
          const Decimal unit = list_total.divided_by(line.quantity, 6);
          if (unit.has_at_most_decimals(unit_price_decimals())) g.list_unit_price = unit;
        }
      }
      groups.push_back(std::move(g));
    }
    for (const auto& [percent, entry] : discount_by_rate) {
      const auto& [sum, article] = entry;
      if (!article) {
        return fail(ErrorKind::Rejected,
                    order_label(order) + " has a discount at " + percent_text(percent) +
                        " % but orders.discount_articles has no article for that rate");
      }
      RowGroup g;
      g.article_id = article->id;
      g.article_number = article->number;
      g.text = discount_text();
      g.vat_percent = percent;
      g.quantity = Decimal::from_int(1);
      g.target_amount = sum;
      g.adjustable = false;
      groups.push_back(std::move(g));
    }
    return {};
  }

  std::string discount_text() const {
    std::string codes;
    for (const auto& c : order.coupon_lines) codes += (codes.empty() ? "" : ", ") + c.code;
    return codes.empty() ? "Rabatt" : "Rabatt (" + codes + ")";
  }

  // A shipping or fee line: one row on the configured article of its VAT rate, or, when its
  // tax is spread over several rates (a negative fee), one row per rate (split_by_rate()).
  Status add_charge(const std::string& kind, const std::string& text, Decimal net, Decimal tax,
                    const std::vector<LineTax>& taxes, const ArticlesByVat& table,
                    const std::string& config_key) {
    const std::string what = order_label(order) + ", " + kind + " \"" + text + "\"";
    auto shares = split_by_rate(net, taxes, what);
    if (!shares) return fail(shares.error());
    if (!*shares) {
      auto percent = vat_percent_of(taxes, rates, what);
      if (!percent) return fail(percent.error());
      if (net.is_zero() && tax.is_zero()) return {};
      return add_charge_row(what, text, *percent, net, tax, table, config_key);
    }
    notes.push_back(what + " is taxed at several VAT rates: one row per rate");
    for (const auto& s : **shares) {
      const std::string row_text = text + " (moms " + percent_text(s.percent) + " %)";
      if (auto r = add_charge_row(what, row_text, s.percent, s.net, s.tax, table, config_key); !r) {
        return fail(r.error());
      }
    }
    return {};
  }

  Status add_charge_row(const std::string& what, const std::string& text, Decimal percent, Decimal net,
                        Decimal tax, const ArticlesByVat& table, const std::string& config_key) {
    auto article = article_for_rate(table, percent);
    if (!article) {
      return fail(ErrorKind::Rejected, what + ": " + config_key + " has no article for " +
                                           percent_text(percent) + " % (set " + config_key + "." +
                                           percent_text(percent) + " or a \"default\")");
    }
    if (article->vat_percent != percent) {
      return fail(ErrorKind::Rejected, what + ": article " + article->number + " (" + config_key +
                                           ") has " + percent_text(article->vat_percent) +
                                           " % VAT in Visma but the shop charged " +
                                           percent_text(percent) + " %");
    }
    RowGroup g;
    g.article_id = article->id;
    g.article_number = article->number;
    g.text = text;
    g.vat_percent = percent;
    g.quantity = Decimal::from_int(1);
    g.target_amount = amount(net, tax);
    net_by_rate[percent] += net;
    groups.push_back(std::move(g));
    return {};
  }

  // One VAT rate's part of a charge line.
  struct RateShare {
    Decimal percent;
    Decimal net;  ///< excl. VAT, in öre
    Decimal tax;  ///< the line's VAT at the rate, rounded to öre per rate id as the shop does
  };

  // The line's net amount split by the rates its `taxes` name. WooCommerce records only the VAT
  // per rate, so each rate's net is the amount that VAT was charged on (VAT × 100 / rate); what
  // the taxed parts leave of the line's net is VAT-free (a share the shop did not tax) and goes
  // to 0 % unless it is less than half an öre, which is rounding. The nets are then put in whole
  // öre by largest remainder so that they add up to the line's net exactly; shares of nothing
  // are left out. nullopt for a line taxed at one rate (or none).
  Result<std::optional<std::vector<RateShare>>> split_by_rate(Decimal net, const std::vector<LineTax>& taxes,
                                               const std::string& what) const {
    std::map<Decimal, std::pair<Decimal, Decimal>> by_percent;  // percent → (exact VAT, öre VAT)
    for (const auto& t : taxes) {
      const auto rate = rates.find(t.rate_id);
      if (rate == rates.end()) {
        if (t.total.is_zero()) continue;
        return fail(ErrorKind::Rejected, what + " is taxed at rate id " + std::to_string(t.rate_id) +
                                             ", which the order's tax lines do not list");
      }
      auto& [exact, ore] = by_percent[rate->second];
      exact += t.total;
      ore += t.total.rounded(2);
    }
    if (by_percent.size() <= 1) return std::optional<std::vector<RateShare>>{};
    std::vector<RateShare> shares;
    // Exact (6-decimal) nets per rate; the 0 % rate takes what the taxed rates leave.
    std::vector<Decimal> exact_net;
    Decimal taxed;
    for (const auto& [percent, vat] : by_percent) {
      const Decimal n = percent.is_zero() ? Decimal{} : vat.first.times_divided_by(kHundred, percent);
      exact_net.push_back(n);
      taxed += n;
      shares.push_back({percent, {}, vat.second});
    }
    if (taxed.abs() > net.abs() + Decimal::from_minor(1) || (taxed.is_negative() != net.is_negative() && !taxed.is_zero())) {
      // Rates that tax the same amount on top of each other (not a split of the line).
      return fail(ErrorKind::Rejected, what + " carries VAT rates that together tax more than its " +
                                           net.to_string(2) + "; a Visma row has one rate: fix its tax classes");
    }
    const Decimal rest = net - taxed;
    if (by_percent.contains(Decimal{})) {
      exact_net.front() += rest;  // the map is ordered: 0 % comes first
    } else if (rest.rounded(2).is_zero()) {
      // Rounding only: it belongs to the largest taxed part.
      *std::max_element(exact_net.begin(), exact_net.end(),
                        [](Decimal x, Decimal y) { return x.abs() < y.abs(); }) += rest;
    } else {
      shares.insert(shares.begin(), RateShare{Decimal{}, {}, {}});
      exact_net.insert(exact_net.begin(), rest);
    }
    // Whole öre (cut toward zero), then the öre still missing to the largest remainders.
    Decimal placed;
    for (std::size_t i = 0; i < shares.size(); ++i) {
      shares[i].net = Decimal::from_micros(exact_net[i].micros() / 10'000 * 10'000);
      placed += shares[i].net;
    }
    const bool up = placed < net;
    const Decimal ore = Decimal::from_minor(up ? 1 : -1);
    std::vector<std::size_t> order_of(shares.size());
    for (std::size_t i = 0; i < order_of.size(); ++i) order_of[i] = i;
    std::stable_sort(order_of.begin(), order_of.end(), [&](std::size_t x, std::size_t y) {
      const Decimal rx = exact_net[x] - shares[x].net;
      const Decimal ry = exact_net[y] - shares[y].net;
      return up ? rx > ry : rx < ry;
    });
    for (std::size_t k = 0; placed != net && k < order_of.size(); ++k) {
      shares[order_of[k]].net += ore;
      placed += ore;
    }
    std::erase_if(shares, [](const RateShare& r) { return r.net.is_zero() && r.tax.is_zero(); });
    if (placed != net) {
      return fail(ErrorKind::Internal, what + ": its rate shares add up to " + placed.to_string(2) +
                                           ", not " + net.to_string(2) + " (a bug; please report)");
    }
    return std::optional(std::move(shares));
  }

  int unit_price_decimals() const { return 2; }
};

}  // namespace

std::optional<ArticleRef> article_for_rate(const ArticlesByVat& table, Decimal percent) {
  if (auto it = table.find(percent.to_plain_string()); it != table.end()) return it->second;
  if (auto it = table.find("default"); it != table.end()) return it->second;
  return std::nullopt;
}

Result<ShopTotals> shop_totals(const Order& order) {
  ShopTotals t;
  t.total = order.total;
  for (const auto& line : order.tax_lines) {
    t.vat_by_rate[line.rate.percent] += line.tax_total + line.shipping_tax_total;
  }
  return t;
}

Result<MappedDocument> map_order(const Order& order, const OrderMappingInput& input,
                                 const OrderMappingSettings& settings) {
  Builder b{order, input, settings, rates_of(order), {}, {}, {}};
  if (auto s = b.add_lines(); !s) return fail(s.error());
  for (const auto& s : order.shipping_lines) {
    if (auto r = b.add_charge("shipping", s.method_title, s.total, s.total_tax, s.taxes,
                              settings.shipping_articles, "orders.shipping_articles");
        !r) {
      return fail(r.error());
    }
  }
  for (const auto& f : order.fee_lines) {
    if (auto r = b.add_charge("fee", f.name, f.total, f.total_tax, f.taxes, settings.fee_articles,
                              "orders.fee_articles");
        !r) {
      return fail(r.error());
    }
  }
  if (b.groups.empty()) {
    return fail(ErrorKind::Rejected, order_label(order) + " has no lines to transfer");
  }

  auto shop = shop_totals(order);
  if (!shop) return fail(shop.error());
  const RowPricing pricing{b.unit_price_decimals(), input.includes_vat};

  // Per rate: the rows must add up to WooCommerce's amount of the rate and carry its VAT.
  std::map<Decimal, std::vector<RowGroup*>> by_rate;
  for (auto& g : b.groups) by_rate[g.vat_percent].push_back(&g);
  Decimal expected_total;
  Decimal rounding;  // the VAT-free rounding row's amount
  for (auto& [percent, members] : by_rate) {
    const auto vat_it = shop->vat_by_rate.find(percent);
    const Decimal vat = vat_it == shop->vat_by_rate.end() ? Decimal{} : vat_it->second;
    if (vat_it == shop->vat_by_rate.end() && !percent.is_zero()) {
      return fail(ErrorKind::Rejected, order_label(order) + " has rows at " + percent_text(percent) +
                                           " % but no tax line of that rate");
    }
    const Decimal net = b.net_by_rate[percent];
    Decimal wanted = input.includes_vat ? net + vat : net;
    Decimal sum;
    for (const auto* g : members) sum += g->target_amount;
    if (sum != wanted) {
      // Tax rounded at the subtotal: the rate's VAT is not the sum of its lines' VAT.
      auto largest = std::max_element(members.begin(), members.end(), [](auto* a, auto* c) {
        return a->adjustable < c->adjustable ||
               (a->adjustable == c->adjustable && a->target_amount.abs() < c->target_amount.abs());
      });
      (*largest)->target_amount += wanted - sum;
      b.notes.push_back("moved " + (wanted - sum).to_string(2) + " onto \"" + (*largest)->text +
                        "\" so that the " + percent_text(percent) + " % amounts add up");
    }
    for (auto* g : members) {
      if (auto s = realise(*g, pricing); !s) return fail(s.error().with_context(order_label(order)));
    }
    if (!balance_vat(members, vat, pricing).is_zero()) {
      if (!settings.rounding_article) {
        return fail(ErrorKind::Rejected,
                    order_label(order) + ": Visma's rounding of the " + percent_text(percent) +
                        " % rows cannot reach the shop's VAT exactly; set orders.rounding_article "
                        "(a VAT-free article) so that an öre rounding row can balance it");
      }
      const auto shift = shift_for_vat(members, vat, pricing);
      if (!shift) {
        return fail(ErrorKind::Rejected, order_label(order) + ": no rows reach the shop's " +
                                             percent_text(percent) + " % VAT of " + vat.to_string(2));
      }
      rounding -= *shift;
      b.notes.push_back("changed \"" + members.front()->text + "\" by " + shift->to_string(2) +
                        " for exact " + percent_text(percent) + " % VAT, balanced by a rounding row");
    }
    expected_total += net + vat;
  }
  if (!rounding.is_zero()) {
    const ArticleRef& article = *settings.rounding_article;
    if (!article.vat_percent.is_zero()) {
      return fail(ErrorKind::Rejected, "orders.rounding_article " + article.number + " has " +
                                           percent_text(article.vat_percent) +
                                           " % VAT in Visma; it must be VAT-free (0 %)");
    }
    RowGroup g;
    g.article_id = article.id;
    g.article_number = article.number;
    g.text = "Öresavrundning";
    g.quantity = Decimal::from_int(1);
    g.target_amount = rounding;
    g.adjustable = false;
    if (auto s = realise(g, pricing); !s) return fail(s.error());
    b.groups.push_back(std::move(g));
  }
  for (const auto& [percent, vat] : shop->vat_by_rate) {
    if (!vat.is_zero() && !by_rate.contains(percent)) {
      return fail(ErrorKind::Rejected, order_label(order) + " charges " + vat.to_string(2) + " VAT at " +
                                           percent_text(percent) + " % on nothing it lists");
    }
  }
  if (expected_total != order.total) {
    return fail(ErrorKind::Rejected,
                order_label(order) + ": its lines, shipping and fees add up to " +
                    expected_total.to_string(2) + " " + order.currency + " but its total is " +
                    order.total.to_string(2) +
                    " (a gift card or plugin that changes totals without lines?); transfer it by hand");
  }

  MappedDocument out;
  SalesDocument& doc = out.document;
  doc.kind = settings.kind;
  doc.customer_id = input.customer_id;
  doc.currency_code = order.currency;
  doc.includes_vat = input.includes_vat;
  doc.terms_of_payment_id = input.terms_of_payment_id;
  if (settings.document_date == DocumentDate::Paid && order.date_paid_local) {
    doc.date = order.date_paid_local;
  } else {
    doc.date = order.date_created_local ? *order.date_created_local
                                        : Date{std::chrono::floor<std::chrono::days>(order.date_created)};
  }
  const std::string reference = order.number;
  reference_text(doc, settings.reference_field) = reference;
  // Shop text is cut to what Visma accepts in the document's field.
  auto limit = [&](DocumentField field) { return max_length(field, settings.kind); };
  const Address& bill = order.billing;
  doc.invoice_customer_name = utf8_truncate(bill.company.empty() ? bill.full_name() : bill.company, limit(DocumentField::BillingName));
  doc.invoice_address1 = utf8_truncate(bill.address_1, limit(DocumentField::BillingAddressLine));
  doc.invoice_address2 = utf8_truncate(bill.address_2, limit(DocumentField::BillingAddressLine));
  doc.invoice_city = utf8_truncate(bill.city, limit(DocumentField::BillingCity));
  doc.invoice_postal_code = utf8_truncate(bill.postcode, limit(DocumentField::BillingPostcode));
  doc.invoice_country_code = bill.country;
  const Address& ship = order.shipping.address_1.empty() && order.shipping.city.empty() ? bill : order.shipping;
  doc.delivery_customer_name = utf8_truncate(ship.company.empty() ? ship.full_name() : ship.company, limit(DocumentField::ShippingName));
  doc.delivery_address1 = utf8_truncate(ship.address_1, limit(DocumentField::ShippingAddressLine));
  doc.delivery_address2 = utf8_truncate(ship.address_2, limit(DocumentField::ShippingAddressLine));
  doc.delivery_city = utf8_truncate(ship.city, limit(DocumentField::ShippingCity));
  doc.delivery_postal_code = utf8_truncate(ship.postcode, limit(DocumentField::ShippingPostcode));
  doc.delivery_country_code = ship.country;
  if (!order.shipping_lines.empty()) {
    doc.delivery_method_name = utf8_truncate(order.shipping_lines.front().method_title, limit(DocumentField::ShippingMethod));
  }

  auto add_text = [&](const std::string& text) {
    for (auto& piece : utf8_chunks(text, limit(DocumentField::RowText))) {
      SalesRow row;
      row.is_text_row = true;
      row.text = std::move(piece);
      doc.rows.push_back(std::move(row));
    }
  };
  if (settings.copy_payment_method && !order.payment_method_title.empty()) {
    add_text("Betalning: " + order.payment_method_title +
             (order.transaction_id.empty() ? "" : " (" + order.transaction_id + ")"));
  }
  if (settings.copy_customer_note && !trim(order.customer_note).empty()) {
    add_text("Kundens meddelande: " + trim(order.customer_note));
  }
  std::vector<PricedRow> priced;
  for (const auto& g : b.groups) {
    if (g.rows.size() > 1) {
      b.notes.push_back("\"" + g.text + "\" split into " + std::to_string(g.rows.size()) +
                        " rows for an exact amount");
    }
    for (const auto& r : g.rows) {
      SalesRow row;
      row.article_id = g.article_id;
      row.article_number = g.article_number;
      row.text = utf8_truncate(g.text, limit(DocumentField::RowText));
      row.quantity = r.quantity;
      row.unit_price = r.unit_price;
      row.discount_percentage = r.discount_percentage;
      row.cost_center_item_id1 = settings.cost_center_item_id;
      doc.rows.push_back(std::move(row));
      priced.push_back(r);
    }
  }
  for (std::size_t i = 0; i < doc.rows.size(); ++i) doc.rows[i].line_number = static_cast<int>(i + 1);

  out.expected = document_totals(priced, input.includes_vat);
  if (out.expected.total != order.total || out.expected.vat_by_rate.size() < 1) {
    return fail(ErrorKind::Internal, order_label(order) + ": mapped total " +
                                         out.expected.total.to_string(2) + " differs from " +
                                         order.total.to_string(2) + " (a bug; please report)");
  }
  for (const auto& [percent, vat] : shop->vat_by_rate) {
    const auto it = out.expected.vat_by_rate.find(percent);
    const Decimal mapped = it == out.expected.vat_by_rate.end() ? Decimal{} : it->second;
    if (mapped != vat) {
      return fail(ErrorKind::Internal, order_label(order) + ": mapped VAT at " + percent_text(percent) +
                                           " % is " + mapped.to_string(2) + ", the shop's " +
                                           vat.to_string(2) + " (a bug; please report)");
    }
  }
  out.notes = std::move(b.notes);
  return out;
}

}  // namespace wv
