// Read-only lookups: units, article account codings, terms of payment, cost centres, company
// settings, sales price lists and their prices.
#include "connectors/visma/wire.hpp"

namespace wv::visma_wire {

Unit read_unit(FieldReader& f) {
  Unit u;
  u.id = f.text("Id", /*required=*/true);
  u.name = f.text("Name");
  u.code = f.text("Code");
  u.abbreviation = f.text("Abbreviation");
  return u;
}

ArticleAccountCoding read_account_coding(FieldReader& f) {
  ArticleAccountCoding c;
  c.id = f.text("Id", /*required=*/true);
  c.name = f.text("Name");
  c.type = f.text("Type");
  c.vat_rate = f.text("VatRate");
  c.vat_rate_percent = vat_percent_from_wire(f.amount("VatRatePercent"));
  c.is_active = f.flag("IsActive", true);
  if (auto account = f.optional_integer("DomesticSalesSubjectToVatAccountNumber")) {
    c.domestic_sales_account = std::to_string(*account);
  }
  return c;
}

TermsOfPayment read_terms_of_payment(FieldReader& f) {
  TermsOfPayment t;
  t.id = f.text("Id", /*required=*/true);
  t.name = f.text("Name");
  t.number_of_days = static_cast<int>(f.integer("NumberOfDays"));
  t.type_id = static_cast<int>(f.integer("TermsOfPaymentTypeId"));
  t.available_for_sales = f.flag("AvailableForSales", true);
  return t;
}

CostCenter read_cost_center(FieldReader& f) {
  CostCenter c;
  c.id = f.text("Id", /*required=*/true);
  c.name = f.text("Name");
  c.number = static_cast<int>(f.integer("Number"));
  c.is_active = f.flag("IsActive", true);
  for (auto& i : f.objects("Items")) {
    CostCenterItem item;
    item.id = i.text("Id", /*required=*/true);
    item.cost_center_id = i.text("CostCenterId");
    if (item.cost_center_id.empty()) item.cost_center_id = c.id;
    item.name = i.text("Name");
    item.short_name = i.text("ShortName");
    item.is_active = i.flag("IsActive", true);
    c.items.push_back(std::move(item));
  }
  return c;
}

CompanySettings read_company_settings(FieldReader& f) {
  CompanySettings s;
  s.name = f.text("Name");
  s.corporate_identity_number = f.text("CorporateIdentityNumber");
  s.currency_code = f.text("CurrencyCode");
  s.activated_modules = f.texts("ActivatedModules");
  s.show_prices_excl_vat_for_private = f.flag("ShowPricesExclVatPC");
  s.keep_original_draft_date = f.flag("KeepOriginalDraftDate");
  s.uses_cost_center = f.flag("UsesCostCenter");
  s.product_variant = static_cast<int>(f.integer("ProductVariant"));
  return s;
}

SalesPriceList read_sales_price_list(FieldReader& f) {
  SalesPriceList l;
  l.id = f.text("Id", /*required=*/true);
  l.name = f.text("Name");
  l.currency_code = f.text("CurrencyCode");
  l.is_standard = f.flag("IsStandard");
  l.is_active = f.flag("IsActive", true);
  l.changed_utc = f.timestamp("ChangedUtc");
  return l;
}

SalesPrice read_sales_price(FieldReader& f) {
  SalesPrice p;
  p.price_list_id = f.text("SalesPriceListId", /*required=*/true);
  p.article_id = f.text("ArticleId", /*required=*/true);
  p.net_price = f.amount("NetPrice");
  p.gross_price = f.amount("GrossPrice");
  p.currency_code = f.text("CurrencyCode");
  p.changed_utc = f.timestamp("ChangedUtc");
  return p;
}

}  // namespace wv::visma_wire
