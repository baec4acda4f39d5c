// Articles: /v2/articles (ArticleApi).
#include "connectors/visma/wire.hpp"

namespace wv::visma_wire {
namespace {
const Decimal kMaxPrice = Decimal::from_int(10'000'000);
}

Article read_article(FieldReader& f) {
  Article a;
  a.id = f.text("Id", /*required=*/true);
  a.number = f.text("Number");
  a.name = f.text("Name");
  a.name_english = f.text("NameEnglish");
  a.unit_id = f.text("UnitId");
  a.coding_id = f.text("CodingId");
  a.is_active = f.flag("IsActive", true);
  a.is_stock = f.flag("IsStock");
  a.is_service = f.flag("IsServiceArticle");
  a.net_price = f.amount("NetPrice");
  a.gross_price = f.amount("GrossPrice");
  a.purchase_price = f.optional_amount("PurchasePrice");
  a.stock_balance = f.optional_amount("StockBalance");
  a.stock_balance_available = f.optional_amount("StockBalanceAvailable");
  a.stock_balance_reserved = f.optional_amount("StockBalanceReserved");
  a.created_utc = f.timestamp("CreatedUtc");
  a.changed_utc = f.timestamp("ChangedUtc");
  return a;
}

void write_article(BodyWriter& w, const Article& a, WriteMode mode) {
  w.subject("article " + (a.number.empty() ? a.id : a.number));
  w.begin_object();
  w.required_text("Number", a.number, max_length(ArticleField::Number));
  w.required_text("Name", a.name, max_length(ArticleField::Name));
  if (mode == WriteMode::Create) {
    w.text_if_set("NameEnglish", a.name_english, max_length(ArticleField::EnglishName));
  } else {
    w.text_or_null("NameEnglish", a.name_english, max_length(ArticleField::EnglishName));
  }
  w.required_text("UnitId", a.unit_id);
  w.required_text("CodingId", a.coding_id);
  w.flag("IsActive", a.is_active);
  w.flag("IsStock", a.is_stock);
  w.bounded_number("NetPrice", a.net_price, 2, Decimal(), kMaxPrice);
  w.bounded_number("GrossPrice", a.gross_price, 2, Decimal(), kMaxPrice);
  if (a.purchase_price) w.number("PurchasePrice", *a.purchase_price, Decimal::kScale);
  // Settable only while the company has no stock module (then Visma keeps it read-only); sent
  // only when the caller means to set it.
  if (a.stock_balance) w.number("StockBalance", *a.stock_balance, 2);
  w.end_object();
}

const std::set<std::string, std::less<>>& article_read_only_fields() {
  static const std::set<std::string, std::less<>> fields = {
      "Id",           "ChangedUtc",         "CodingName",   "CreatedUtc", "FreightCostsManuallyChangedUtc",
      "IsServiceArticle", "MessageThreads", "Notes",        "PurchasePriceManuallyChangedUtc",
      "ShowStockInformation", "StockBalanceAvailable", "StockBalanceManuallyChangedUtc",
      "StockBalanceReserved", "StockValue", "UnitAbbreviation", "UnitName"};
  return fields;
}

}  // namespace wv::visma_wire
