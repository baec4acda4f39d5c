// Request bodies. Prices go as strings (WooCommerce rejects a number for regular_price); the
// refund amounts per line go as exact JSON numbers written from their decimal text.

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "connectors/woocommerce/woo_json.hpp"

namespace wv::woo {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void key(JsonWriter& w, std::string_view name) {
  w.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
}
void string(JsonWriter& w, std::string_view value) {
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}
void exact_number(JsonWriter& w, Decimal value) {
  const std::string text = value.to_plain_string(2);
  w.RawValue(text.data(), text.size(), rapidjson::kNumberType);
}
void price(JsonWriter& w, std::string_view name, Decimal value) {
  key(w, name);
  string(w, value.to_plain_string(2));
}

void product_fields(JsonWriter& w, const ProductUpdate& f) {
  auto optional_text = [&](std::string_view name, const std::optional<std::string>& value) {
    if (!value) return;
    key(w, name);
    string(w, *value);
  };
  optional_text("name", f.name);
  optional_text("type", f.type);
  optional_text("status", f.status);
  optional_text("sku", f.sku);
  if (f.regular_price) price(w, "regular_price", *f.regular_price);
  if (f.remove_sale_price) {
    key(w, "sale_price");
    string(w, "");
  } else if (f.sale_price) {
    price(w, "sale_price", *f.sale_price);
  }
  optional_text("tax_class", f.tax_class);
  if (f.manage_stock) {
    key(w, "manage_stock");
    w.Bool(*f.manage_stock);
  }
  if (f.stock_quantity) {
    key(w, "stock_quantity");
    w.Int64(*f.stock_quantity);
  }
  optional_text("short_description", f.short_description);
  if (!f.meta.empty()) {
    key(w, "meta_data");
    w.StartArray();
    for (const auto& item : f.meta) {
      w.StartObject();
      key(w, "key");
      string(w, item.key);
      key(w, "value");
      string(w, item.value);
      w.EndObject();
    }
    w.EndArray();
  }
}

template <class Fill>
std::string object(Fill fill) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  fill(w);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

std::string product_body(const ProductUpdate& fields) {
  return object([&](JsonWriter& w) { product_fields(w, fields); });
}

std::string batch_update_body(std::span<const ProductUpdate> updates) {
  return object([&](JsonWriter& w) {
    key(w, "update");
    w.StartArray();
    for (const auto& u : updates) {
      w.StartObject();
      key(w, "id");
      w.Int64(u.id);
      product_fields(w, u);
      w.EndObject();
    }
    w.EndArray();
  });
}

std::string order_status_body(std::string_view status) {
  return object([&](JsonWriter& w) {
    key(w, "status");
    string(w, status);
  });
}

std::string order_meta_body(std::string_view meta_key, std::string_view value) {
  return object([&](JsonWriter& w) {
    key(w, "meta_data");
    w.StartArray();
    w.StartObject();
    key(w, "key");
    string(w, meta_key);
    key(w, "value");
    string(w, value);
    w.EndObject();
    w.EndArray();
  });
}

std::string order_note_body(std::string_view note, bool customer_note) {
  return object([&](JsonWriter& w) {
    key(w, "note");
    string(w, note);
    key(w, "customer_note");
    w.Bool(customer_note);
  });
}

std::string refund_body(const RefundRequest& request) {
  return object([&](JsonWriter& w) {
    price(w, "amount", request.amount);
    key(w, "reason");
    string(w, request.reason);
    key(w, "api_refund");
    w.Bool(request.api_refund);
    key(w, "api_restock");
    w.Bool(request.api_restock);
    key(w, "line_items");
    w.StartArray();
    for (const auto& line : request.lines) {
      w.StartObject();
      key(w, "id");
      w.Int64(line.item_id);
      key(w, "quantity");
      w.Int64(line.quantity);
      key(w, "refund_total");
      exact_number(w, line.refund_total);
      key(w, "refund_tax");
      w.StartArray();
      for (const auto& tax : line.refund_tax) {
        w.StartObject();
        key(w, "id");
        w.Int64(tax.rate_id);
        key(w, "refund_total");
        exact_number(w, tax.refund_total);
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
  });
}

}  // namespace wv::woo
