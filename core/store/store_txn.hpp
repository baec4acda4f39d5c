#pragma once
// The typed store operations over one LMDB transaction (private to core/store): what the
// functions passed to Store::read() and Store::write() are given.

#include <optional>

#include "core/store/lmdb_env.hpp"
#include "core/store/schema.hpp"
#include "core/store/store.hpp"

namespace wv {

class StoreTxn final : public StoreWriter {
 public:
  StoreTxn(lmdb::Txn& txn, const store_schema::Databases& dbs) : txn_(txn), dbs_(dbs) {}

  Result<std::optional<Checkpoint>> checkpoint(const std::string& shop,
                                               Stream stream) const override;
  Result<std::optional<Link>> link_by_woo(const std::string& shop, EntityKind kind,
                                          const std::string& woo_id) const override;
  Result<std::optional<Link>> link_by_visma(EntityKind kind,
                                            const std::string& visma_id) const override;
  Result<std::vector<Link>> links(const std::optional<std::string>& shop,
                                  EntityKind kind) const override;
  Result<std::optional<PendingWrite>> pending(const std::string& shop, EntityKind kind,
                                              const std::string& woo_id) const override;
  Result<std::vector<PendingWrite>> all_pending() const override;
  Result<std::optional<FailedItem>> failed(const std::string& shop, Concern concern,
                                           EntityKind kind, const std::string& id) const override;
  Result<std::vector<FailedItem>> all_failed() const override;
  Result<std::optional<OAuthTokens>> tokens() const override;
  Result<std::vector<RunRecord>> recent_runs(std::size_t limit) const override;
  Result<std::vector<NamedCheckpoint>> all_checkpoints() const override;

  Status set_checkpoint(const std::string& shop, Stream stream,
                        const Checkpoint& checkpoint) override;
  Status erase_checkpoint(const std::string& shop, Stream stream) override;
  Status put_link(const Link& link) override;
  Status erase_link(const std::string& shop, EntityKind kind, const std::string& woo_id) override;
  Status put_pending(const PendingWrite& pending) override;
  Status erase_pending(const std::string& shop, EntityKind kind,
                       const std::string& woo_id) override;
  Status put_failed(const FailedItem& item) override;
  Status erase_failed(const std::string& shop, Concern concern, EntityKind kind,
                      const std::string& id) override;
  Status put_tokens(const OAuthTokens& tokens) override;
  Status append_run(const RunRecord& run) override;

  /// The first write operation that failed, if any: the transaction must not be committed then,
  /// even when the caller's function went on and returned success.
  [[nodiscard]] const std::optional<Error>& write_failure() const { return write_failure_; }

 private:
  Status track(Status status);
  /// The link stored under `woo_key` with `value`, its key fields filled in.
  Result<Link> link_from(std::string_view woo_key, std::string_view value) const;
  /// The link under `woo_key` in links_by_woo, or nullopt.
  Result<std::optional<Link>> link_at(std::string_view woo_key) const;
  Status drop_reverse_entry(EntityKind kind, const std::string& visma_id, std::string_view woo_key);

  lmdb::Txn& txn_;
  const store_schema::Databases& dbs_;
  std::optional<Error> write_failure_;
};

}  // namespace wv
