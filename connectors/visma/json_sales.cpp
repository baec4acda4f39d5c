// Sales documents: invoice drafts (CustomerInvoiceDraftApi), invoices (CustomerInvoiceApi),
// sales orders (OrderApi), their rows, and invoice payments (InvoicePaymentApi).
#include <fmt/format.h>

#include "connectors/visma/wire.hpp"

namespace wv::visma_wire {
namespace {

constexpr int kMaxRows = 1000;  // LineNumber is 0..1000

void read_rows(FieldReader& f, SalesDocument& doc) {
  for (auto& r : f.objects("Rows")) {
    SalesRow row;
    row.line_number = static_cast<int>(r.integer("LineNumber"));
    row.article_id = r.text("ArticleId");
    row.article_number = r.text("ArticleNumber");
    row.is_text_row = r.flag("IsTextRow");
    row.text = r.text("Text");
    row.unit_price = r.amount("UnitPrice");
    row.discount_percentage = discount_percent_from_wire(r.amount("DiscountPercentage"));
    row.quantity = r.amount("Quantity");
    row.delivered_quantity = r.amount("DeliveredQuantity");
    row.cost_center_item_id1 = r.text("CostCenterItemId1");
    row.cost_center_item_id2 = r.text("CostCenterItemId2");
    row.cost_center_item_id3 = r.text("CostCenterItemId3");
    row.project_id = r.text("ProjectId");
    row.amount = doc.kind == DocumentKind::SalesOrder ? r.optional_amount("Amount")
                 : doc.kind == DocumentKind::Invoice  ? r.optional_amount("AmountNoVat")
                                                      : std::nullopt;
    doc.rows.push_back(std::move(row));
  }
}

// The invoice-currency figure when Visma gives one, else the plain one.
Decimal in_invoice_currency(FieldReader& f, std::string_view invoice_currency_name, std::string_view plain_name) {
  if (auto v = f.optional_amount(invoice_currency_name)) return *v;
  return f.amount(plain_name);
}

void write_discount(BodyWriter& w, Decimal percent) {
  if (percent.is_zero()) return;
  if (percent < Decimal() || percent > Decimal::from_int(100)) {
    w.problem("DiscountPercentage", fmt::format("{} % is outside 0..100", percent.to_plain_string()));
  }
  if (!percent.has_at_most_decimals(2)) {
    w.problem("DiscountPercentage",
              fmt::format("{} % has more than 2 decimals (Visma takes the fraction with 4 decimals, 0.1234 for "
                          "12.34 %)",
                          percent.to_plain_string()));
  }
  w.number("DiscountPercentage", Decimal::from_micros(percent.rounded(2).micros() / 100), 4);
}

void write_optional_ids(BodyWriter& w, const SalesRow& row) {
  w.text_if_set("CostCenterItemId1", row.cost_center_item_id1);
  w.text_if_set("CostCenterItemId2", row.cost_center_item_id2);
  w.text_if_set("CostCenterItemId3", row.cost_center_item_id3);
  w.text_if_set("ProjectId", row.project_id);
}

// The limit of `field` on documents like `d` (core/domain/field_limits.hpp).
std::size_t limit(const SalesDocument& d, DocumentField field) { return max_length(field, d.kind); }

void write_rows(BodyWriter& w, const SalesDocument& doc, const std::string& what) {
  const int price_dp = unit_price_decimals(doc.currency_code);
  const std::string price_rule =
      fmt::format("Visma allows {} for {}", price_dp, doc.currency_code.empty() ? "SEK" : doc.currency_code);
  if (doc.rows.size() > static_cast<std::size_t>(kMaxRows)) {
    w.problem("Rows", fmt::format("has {} rows; Visma allows at most {}", doc.rows.size(), kMaxRows));
  }
  w.begin_array("Rows");
  for (std::size_t i = 0; i < doc.rows.size(); ++i) {
    const SalesRow& row = doc.rows[i];
    const int line = row.line_number > 0 ? row.line_number : static_cast<int>(i) + 1;
    w.subject(fmt::format("{} row {}", what, line));
    w.begin_object();
    switch (doc.kind) {
      case DocumentKind::InvoiceDraft:
        w.integer("LineNumber", line);
        w.flag("IsTextRow", row.is_text_row);
        w.flag("ReversedConstructionServicesVatFree", false);
        if (row.is_text_row) {
          w.text("Text", row.text, limit(doc, DocumentField::RowText));
          break;
        }
        w.required_text("ArticleId", row.article_id);
        w.text_if_set("Text", row.text, limit(doc, DocumentField::RowText));  // empty: Visma uses the article's name
        w.number("Quantity", row.quantity, 2);
        w.number("UnitPrice", row.unit_price, price_dp, price_rule);
        write_discount(w, row.discount_percentage);
        write_optional_ids(w, row);
        break;
      case DocumentKind::Invoice:
        // IsTextRow and LineNumber are read-only here: a row without an article is a text row.
        if (row.is_text_row) {
          w.text("Text", row.text, limit(doc, DocumentField::RowText));
          break;
        }
        w.required_text("ArticleId", row.article_id);
        w.text_if_set("Text", row.text, limit(doc, DocumentField::RowText));
        w.number("Quantity", row.quantity, 2);
        w.number("UnitPrice", row.unit_price, price_dp, price_rule);
        write_discount(w, row.discount_percentage);
        write_optional_ids(w, row);
        break;
      case DocumentKind::SalesOrder:
        w.integer("LineNumber", line);
        w.flag("IsTextRow", row.is_text_row);
        w.flag("IsWorkCost", false);
        w.flag("EligibleForReverseChargeOnVat", false);
        if (row.is_text_row) {
          w.text("Text", row.text, limit(doc, DocumentField::RowText));
          break;
        }
        w.required_text("ArticleId", row.article_id);
        w.text_if_set("ArticleNumber", row.article_number, limit(doc, DocumentField::RowArticleNumber));
        w.text_if_set("Text", row.text, limit(doc, DocumentField::RowText));
        w.number("Quantity", row.quantity, 4);
        if (!row.delivered_quantity.is_zero()) w.number("DeliveredQuantity", row.delivered_quantity, 2);
        w.number("UnitPrice", row.unit_price, price_dp, price_rule);
        write_discount(w, row.discount_percentage);
        write_optional_ids(w, row);
        break;
    }
    if (line > kMaxRows) w.problem("LineNumber", fmt::format("{} is above {}", line, kMaxRows));
    w.end_object();
  }
  w.end_array();
  w.subject(what);
}

const char* subject_of(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::InvoiceDraft: return "invoice draft";
    case DocumentKind::Invoice: return "invoice";
    case DocumentKind::SalesOrder: return "sales order";
  }
  return "document";
}

void write_references(BodyWriter& w, const SalesDocument& d) {
  w.text_if_set("YourReference", d.your_reference, limit(d, DocumentField::BuyerReference));
  w.text_if_set("OurReference", d.our_reference, limit(d, DocumentField::SellerReference));
  w.text_if_set("BuyersOrderReference", d.buyers_order_reference, limit(d, DocumentField::PurchaseOrderNumber));
}

void write_delivery(BodyWriter& w, const SalesDocument& d) {
  w.text_if_set("DeliveryCustomerName", d.delivery_customer_name, limit(d, DocumentField::ShippingName));
  w.text_if_set("DeliveryAddress1", d.delivery_address1, limit(d, DocumentField::ShippingAddressLine));
  w.text_if_set("DeliveryAddress2", d.delivery_address2, limit(d, DocumentField::ShippingAddressLine));
  w.text_if_set("DeliveryCity", d.delivery_city, limit(d, DocumentField::ShippingCity));
  w.text_if_set("DeliveryPostalCode", d.delivery_postal_code, limit(d, DocumentField::ShippingPostcode));
  w.text_if_set("DeliveryCountryCode", d.delivery_country_code, limit(d, DocumentField::ShippingCountry));
  if (d.delivery_date) w.date("DeliveryDate", *d.delivery_date);
}

}  // namespace

int unit_price_decimals(const std::string& currency_code) {
  return currency_code.empty() || currency_code == "SEK" ? 2 : 4;
}

Decimal discount_percent_from_wire(Decimal fraction) { return Decimal::from_micros(fraction.micros() * 100); }

Decimal vat_percent_from_wire(Decimal value) {
  if (value > Decimal() && value <= Decimal::from_int(1)) return Decimal::from_micros(value.micros() * 100);
  return value;
}

SalesDocument read_sales_document(FieldReader& f, DocumentKind kind) {
  SalesDocument d;
  d.kind = kind;
  d.id = f.text("Id", /*required=*/true);
  d.customer_id = f.text("CustomerId");
  d.includes_vat = f.flag("IncludesVat");
  d.eu_third_party = f.flag("EuThirdParty");
  d.your_reference = f.text("YourReference");
  d.our_reference = f.text("OurReference");
  d.buyers_order_reference = f.text("BuyersOrderReference");
  d.electronic_reference = f.text("ElectronicReference");
  d.invoice_customer_name = f.text("InvoiceCustomerName");
  d.invoice_address1 = f.text("InvoiceAddress1");
  d.invoice_address2 = f.text("InvoiceAddress2");
  d.invoice_city = f.text("InvoiceCity");
  d.invoice_postal_code = f.text("InvoicePostalCode");
  d.invoice_country_code = f.text("InvoiceCountryCode");
  d.delivery_customer_name = f.text("DeliveryCustomerName");
  d.delivery_address1 = f.text("DeliveryAddress1");
  d.delivery_address2 = f.text("DeliveryAddress2");
  d.delivery_city = f.text("DeliveryCity");
  d.delivery_postal_code = f.text("DeliveryPostalCode");
  d.delivery_country_code = f.text("DeliveryCountryCode");
  d.delivery_method_name = f.text("DeliveryMethodName");
  d.delivery_date = f.date("DeliveryDate");
  d.created_utc = f.timestamp("CreatedUtc");
  switch (kind) {
    case DocumentKind::InvoiceDraft:
      d.currency_code = f.text("InvoiceCurrencyCode");
      d.is_credit_invoice = f.flag("IsCreditInvoice");
      d.date = f.date("InvoiceDate");
      d.due_date = f.date("DueDate");
      d.total_amount = f.amount("TotalAmount");
      d.total_vat_amount = f.amount("TotalVatAmount");
      d.total_roundings = f.amount("TotalRoundings");
      break;
    case DocumentKind::Invoice: {
      if (auto n = f.optional_integer("InvoiceNumber")) d.number = std::to_string(*n);
      d.currency_code = f.text("CurrencyCode");
      d.is_credit_invoice = f.flag("IsCreditInvoice");
      d.date = f.date("InvoiceDate");
      d.due_date = f.date("DueDate");
      d.terms_of_payment_id = f.text("TermsOfPaymentId");
      d.total_amount = in_invoice_currency(f, "TotalAmountInvoiceCurrency", "TotalAmount");
      d.total_vat_amount = in_invoice_currency(f, "TotalVatAmountInvoiceCurrency", "TotalVatAmount");
      d.total_roundings = f.amount("TotalRoundings");
      if (f.has("RemainingAmountInvoiceCurrency") || f.has("RemainingAmount")) {
        d.remaining_amount = in_invoice_currency(f, "RemainingAmountInvoiceCurrency", "RemainingAmount");
      }
      if (auto s = f.optional_integer("PaymentStatus")) d.payment_status = static_cast<int>(*s);
      for (auto& c : f.objects("CreditedBy")) d.credited_by.push_back(c.text("CreditInvoiceId"));
      d.created_from_draft_id = f.text("CreatedFromDraftId");
      d.created_from_order_id = f.text("CreatedFromOrderId");
      for (auto& v : f.objects("VatSpecification")) {
        VatSpecificationLine line;
        line.vat_percent = vat_percent_from_wire(v.amount("VatPercent"));
        line.amount_excluding_vat = v.amount("AmountInvoiceCurrency");
        line.vat_amount = v.amount("VatAmountInvoiceCurrency");
        d.vat_specification.push_back(line);
      }
      d.modified_utc = f.timestamp("ModifiedUtc");
      break;
    }
    case DocumentKind::SalesOrder: {
      if (auto n = f.optional_integer("Number")) d.number = std::to_string(*n);
      d.currency_code = f.text("CurrencyCode");
      d.date = f.date("OrderDate");
      d.total_amount = f.amount("Amount");
      d.total_vat_amount = f.amount("VatAmount");
      d.total_roundings = f.amount("RoundingsAmount");
      if (auto s = f.optional_integer("Status")) {
        if (*s < 1 || *s > 4) {
          f.problems().note(f.path_of("Status"), fmt::format("is {}, expected 1..4", *s));
        } else {
          d.order_status = static_cast<SalesOrderStatus>(*s);
        }
      }
      d.shipped_utc = f.timestamp("ShippedDateTime");
      d.modified_utc = f.timestamp("ModifiedUtc");
      break;
    }
  }
  read_rows(f, d);
  return d;
}

void write_sales_document(BodyWriter& w, const SalesDocument& d) {
  const std::string what = subject_of(d.kind);
  w.subject(what);
  w.begin_object();
  w.required_text("CustomerId", d.customer_id);
  w.integer("RotReducedInvoicingType", 0);  // 0 Normal: no ROT/RUT
  w.flag("EuThirdParty", d.eu_third_party);
  switch (d.kind) {
    case DocumentKind::InvoiceDraft:
      w.flag("IsCreditInvoice", d.is_credit_invoice);
      // A zero unit price stays zero (a free item), never the article's price.
      w.flag("ReplaceUnitPriceWhenZero", false);
      if (d.date) w.date("InvoiceDate", *d.date);
      if (d.due_date) w.date("DueDate", *d.due_date);
      write_references(w, d);
      w.text_if_set("ElectronicReference", d.electronic_reference, limit(d, DocumentField::EInvoiceReference));
      // InvoiceCustomerName/City/PostalCode/CountryCode are read-only on drafts (taken from the
      // customer); the street lines may differ.
      w.text_if_set("InvoiceAddress1", d.invoice_address1, limit(d, DocumentField::BillingAddressLine));
      w.text_if_set("InvoiceAddress2", d.invoice_address2, limit(d, DocumentField::BillingAddressLine));
      write_delivery(w, d);
      w.text_if_set("DeliveryMethodName", d.delivery_method_name, limit(d, DocumentField::ShippingMethod));
      break;
    case DocumentKind::Invoice:
      w.flag("IsCreditInvoice", d.is_credit_invoice);
      if (d.date) w.date("InvoiceDate", *d.date);
      if (d.due_date) w.date("DueDate", *d.due_date);
      w.text_if_set("TermsOfPaymentId", d.terms_of_payment_id);
      write_references(w, d);
      w.text_if_set("ElectronicReference", d.electronic_reference, limit(d, DocumentField::EInvoiceReference));
      w.text_if_set("InvoiceAddress1", d.invoice_address1, limit(d, DocumentField::BillingAddressLine));
      w.text_if_set("InvoiceAddress2", d.invoice_address2, limit(d, DocumentField::BillingAddressLine));
      w.text_if_set("InvoiceCity", d.invoice_city, limit(d, DocumentField::BillingCity));
      w.text_if_set("InvoicePostalCode", d.invoice_postal_code, limit(d, DocumentField::BillingPostcode));
      w.text_if_set("InvoiceCountryCode", d.invoice_country_code, limit(d, DocumentField::BillingCountry));
      write_delivery(w, d);
      if (d.rows.empty()) w.problem("Rows", "is empty; Visma requires at least one row");
      break;
    case DocumentKind::SalesOrder:
      w.required_text("CurrencyCode", d.currency_code, limit(d, DocumentField::Currency));
      if (d.date) {
        w.date("OrderDate", *d.date);
      } else {
        w.problem("OrderDate", "is required by Visma but not set");
      }
      if (d.order_status) {
        w.integer("Status", static_cast<int>(*d.order_status));
      } else {
        w.problem("Status", "is required by Visma but not set");
      }
      w.flag("ReverseChargeOnConstructionServices", false);
      if (d.shipped_utc) w.text("ShippedDateTime", format_date(*d.shipped_utc));
      write_references(w, d);  // orders have no ElectronicReference
      w.text_if_set("InvoiceCustomerName", d.invoice_customer_name, limit(d, DocumentField::BillingName));
      w.text_if_set("InvoiceAddress1", d.invoice_address1, limit(d, DocumentField::BillingAddressLine));
      w.text_if_set("InvoiceAddress2", d.invoice_address2, limit(d, DocumentField::BillingAddressLine));
      w.text_if_set("InvoiceCity", d.invoice_city, limit(d, DocumentField::BillingCity));
      w.text_if_set("InvoicePostalCode", d.invoice_postal_code, limit(d, DocumentField::BillingPostcode));
      w.text_if_set("InvoiceCountryCode", d.invoice_country_code, limit(d, DocumentField::BillingCountry));
      write_delivery(w, d);
      w.text_if_set("DeliveryMethodName", d.delivery_method_name, limit(d, DocumentField::ShippingMethod));
      break;
  }
  write_rows(w, d, what);
  w.end_object();
}

InvoicePayment read_payment(FieldReader& f) {
  InvoicePayment p;
  p.company_bank_account_id = f.text("CompanyBankAccountId");
  if (auto d = f.date("PaymentDate")) p.payment_date = *d;
  p.amount = f.amount("PaymentAmount");
  p.currency = f.text("PaymentCurrency");
  p.payment_type = static_cast<int>(f.integer("PaymentType", false, 2));
  return p;
}

void write_payment(BodyWriter& w, const InvoicePayment& p) {
  w.subject("payment");
  w.begin_object();
  w.required_text("CompanyBankAccountId", p.company_bank_account_id);
  if (!p.payment_date.ok()) w.problem("PaymentDate", "is not a valid date");
  w.date("PaymentDate", p.payment_date);
  w.number("PaymentAmount", p.amount, 2);
  w.required_text("PaymentCurrency", p.currency, 3);
  if (p.payment_type < 1 || p.payment_type > 4) {
    w.problem("PaymentType", fmt::format("is {}, expected 1..4", p.payment_type));
  }
  w.integer("PaymentType", p.payment_type);
  w.end_object();
}

}  // namespace wv::visma_wire
