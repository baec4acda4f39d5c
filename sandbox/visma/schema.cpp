#include "sandbox/visma/schema.hpp"

#include <stdexcept>
#include <string>

#include "core/text.hpp"

namespace wv::sandbox::visma {
namespace {

struct DecimalRule {
  std::string_view schema;
  std::string_view field;
  int decimals;
};

// From the "Format: ... decimals" notes in the descriptions of the same swagger file.
constexpr DecimalRule kDecimalRules[] = {
    {"ArticleApi", "NetPrice", 2},
    {"ArticleApi", "GrossPrice", 2},
    {"ArticleApi", "NetPriceWithDiscount", 2},
    {"ArticleApi", "PurchasePrice", 2},
    {"CustomerApi", "DiscountPercentage", 4},
    {"CustomerInvoiceDraftApi", "RotReducedInvoicingAmount", 2},
    {"CustomerInvoiceDraftRowApi", "DiscountPercentage", 4},
    {"CustomerInvoiceDraftRowApi", "Quantity", 2},
    {"CustomerInvoiceRowApi", "DiscountPercentage", 4},
    {"CustomerInvoiceRowApi", "Quantity", 4},
    {"OrderApi", "RoundingsAmount", 2},
    {"OrderApi", "Amount", 2},
    {"OrderApi", "VatAmount", 2},
    {"OrderRowApi", "DiscountPercentage", 4},
    {"OrderRowApi", "Quantity", 4},
    {"OrderRowApi", "DeliveredQuantity", 2},
    {"InvoicePaymentApi", "PaymentAmount", 2},
    {"InvoicePaymentApi", "BankFeeAmount", 2},
    {"SalesPriceListRowApi", "NetPrice", 2},
    {"SalesPriceListRowApi", "GrossPrice", 2},
};

constexpr std::string_view kDateOnlyFields[] = {
    "InvoiceDate", "DueDate",  "DeliveryDate", "OrderDate", "ShippedDateTime",
    "PaymentDate", "StartDate", "EndDate",     "AccountingLockedTo", "LastInvoiceDate",
};

}  // namespace

const FieldRule* Schema::find(std::string_view field) const {
  for (const auto& f : fields) {
    if (f.name == field) return &f;
  }
  return nullptr;
}

const FieldRule* Schema::find_ignoring_case(std::string_view field) const {
  if (const auto* exact = find(field)) return exact;
  for (const auto& f : fields) {
    if (ascii_iequals(f.name, field)) return &f;
  }
  return nullptr;
}

const Schema& schema(std::string_view name) {
  for (const auto& s : all_schemas()) {
    if (s.name == name) return s;
  }
  throw std::logic_error("no emulated Visma definition named " + std::string(name));
}

int max_decimals(std::string_view schema_name, std::string_view field) {
  for (const auto& r : kDecimalRules) {
    if (r.schema == schema_name && r.field == field) return r.decimals;
  }
  return -1;
}

bool is_date_only(std::string_view field) {
  for (auto f : kDateOnlyFields) {
    if (f == field) return true;
  }
  return false;
}

}  // namespace wv::sandbox::visma
