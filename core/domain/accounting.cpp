#include "core/domain/accounting.hpp"

#include <algorithm>
#include <cctype>

namespace wv {

bool CompanySettings::has_module(const std::string& module) const {
  auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
  };
  const std::string wanted = lower(module);
  return std::any_of(activated_modules.begin(), activated_modules.end(),
                     [&](const std::string& m) { return lower(m) == wanted; });
}

const char* to_string(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::InvoiceDraft: return "invoice draft";
    case DocumentKind::Invoice: return "invoice";
    case DocumentKind::SalesOrder: return "sales order";
  }
  return "document";
}

}  // namespace wv
