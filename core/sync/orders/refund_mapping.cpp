#include "core/sync/orders/refund_mapping.hpp"

#include <map>

namespace wv {

Result<Order> refund_as_order(const Order& order, const Refund& refund) {
  const std::string what = "refund " + std::to_string(refund.id) + " of order " + order.number;
  if (refund.lines.empty() && refund.shipping_lines.empty() && refund.fee_lines.empty()) {
    return fail(ErrorKind::Rejected,
                what + " refunds " + refund.amount.to_string(2) + " " + order.currency +
                    " without naming lines, so its VAT cannot be split by rate; credit it in Visma by hand");
  }
  Order credit = order;
  credit.lines = refund.lines;
  credit.shipping_lines = refund.shipping_lines;
  credit.fee_lines = refund.fee_lines;
  credit.coupon_lines.clear();
  credit.refunds.clear();
  credit.customer_note.clear();
  credit.date_created = refund.date_created;
  credit.date_created_local.reset();
  credit.date_paid_local.reset();

  // VAT per rate of the refund, from its lines (each line's rounded VAT, as the shop sums them).
  std::map<std::int64_t, Decimal> items_tax;
  std::map<std::int64_t, Decimal> shipping_tax;
  Decimal nets;
  // A line taxed at one rate counts its rounded VAT; one taxed at several (a negative fee) each
  // rate's VAT rounded, as the shop rounds a line's taxes per rate.
  auto add = [](std::map<std::int64_t, Decimal>& into, const std::vector<LineTax>& taxes, Decimal total_tax) {
    if (taxes.size() == 1) {
      into[taxes.front().rate_id] += total_tax;
      return;
    }
    for (const auto& t : taxes) into[t.rate_id] += t.total.rounded(2);
  };
  for (const auto& l : refund.lines) {
    add(items_tax, l.taxes, l.total_tax);
    nets += l.total;
  }
  for (const auto& f : refund.fee_lines) {
    add(items_tax, f.taxes, f.total_tax);
    nets += f.total;
  }
  for (const auto& s : refund.shipping_lines) {
    add(shipping_tax, s.taxes, s.total_tax);
    nets += s.total;
  }
  credit.tax_lines.clear();
  Decimal vat;
  for (const auto& t : order.tax_lines) {
    TaxLine line = t;
    line.tax_total = items_tax.contains(t.rate_id) ? items_tax[t.rate_id] : Decimal{};
    line.shipping_tax_total = shipping_tax.contains(t.rate_id) ? shipping_tax[t.rate_id] : Decimal{};
    vat += line.tax_total + line.shipping_tax_total;
    credit.tax_lines.push_back(line);
  }
  credit.total = -refund.amount;
  credit.total_tax = vat;
  if (nets + vat != credit.total) {
    return fail(ErrorKind::Rejected, what + ": its lines add up to " + (nets + vat).to_string(2) +
                                         " but it refunds " + credit.total.to_string(2) +
                                         "; credit the difference in Visma by hand");
  }
  return credit;
}

}  // namespace wv
