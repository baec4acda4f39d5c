#pragma once
// The text lengths Visma eAccounting accepts, from its published API description (CustomerApi,
// CustomerInvoiceDraftApi, OrderApi, ArticleApi and their rows). Longer shop text is cut at a
// character boundary before it is sent: a long street name must not make Visma refuse a whole
// order.

#include <cstddef>

namespace wv::visma_limits {

inline constexpr std::size_t kName = 50;  ///< customer Name, Invoice/DeliveryCustomerName
inline constexpr std::size_t kAddressLine = 50;  ///< Address1, Address2, City, DeliveryMethodName
inline constexpr std::size_t kPostalCode = 10;
inline constexpr std::size_t kCustomerNumber = 16;
inline constexpr std::size_t kTelephone = 50;
inline constexpr std::size_t kContactPersonName = 100;
inline constexpr std::size_t kIdentityNumber = 20;  ///< CorporateIdentityNumber, VatNumber
inline constexpr std::size_t kArticleName = 50;
inline constexpr std::size_t kRowText = 2000;

}  // namespace wv::visma_limits
