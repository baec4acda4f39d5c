#include "core/store/records.hpp"

#include <array>
#include <utility>

namespace wv {
namespace {

// One table per enum, read both ways, so that a name and its parser cannot drift apart.
constexpr std::array<std::pair<EntityKind, const char*>, 5> kEntityKinds = {{
    {EntityKind::Order, "order"},
    {EntityKind::Refund, "refund"},
    {EntityKind::Customer, "customer"},
    {EntityKind::Article, "article"},
    {EntityKind::Product, "product"},
}};

constexpr std::array<std::pair<Stream, const char*>, 2> kStreams = {{
    {Stream::Orders, "orders"},
    {Stream::Products, "products"},
}};

constexpr std::array<std::pair<Concern, const char*>, 4> kConcerns = {{
    {Concern::Failed, "failed"},
    {Concern::ChangedAfterTransfer, "changed-after-transfer"},
    {Concern::TotalsDiffer, "totals-differ"},
    {Concern::RefundNotCredited, "refund-not-credited"},
}};

constexpr std::array<std::pair<RunOutcome, const char*>, 5> kRunOutcomes = {{
    {RunOutcome::Ok, "ok"},
    {RunOutcome::Partial, "partial"},
    {RunOutcome::Stopped, "stopped"},
    {RunOutcome::Interrupted, "interrupted"},
    {RunOutcome::DryRun, "dry-run"},
}};

template <class Enum, std::size_t N>
const char* name_in(const std::array<std::pair<Enum, const char*>, N>& table, Enum value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  // Only a value cast from a number this program does not know gets here.
  return "unknown";
}

template <class Enum, std::size_t N>
std::optional<Enum> value_in(const std::array<std::pair<Enum, const char*>, N>& table,
                             std::string_view name) {
  for (const auto& [v, n] : table) {
    if (name == n) return v;
  }
  return std::nullopt;
}

}  // namespace

const char* to_string(EntityKind kind) {
  return name_in(kEntityKinds, kind);
}
std::optional<EntityKind> entity_kind_from(std::string_view name) {
  return value_in(kEntityKinds, name);
}

const char* to_string(Stream stream) {
  return name_in(kStreams, stream);
}
std::optional<Stream> stream_from(std::string_view name) {
  return value_in(kStreams, name);
}

const char* to_string(Concern concern) {
  return name_in(kConcerns, concern);
}
std::optional<Concern> concern_from(std::string_view name) {
  return value_in(kConcerns, name);
}

const char* to_string(RunOutcome outcome) {
  return name_in(kRunOutcomes, outcome);
}

}  // namespace wv
