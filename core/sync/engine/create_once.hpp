#pragma once
// Creating a remote object at most once, whatever happens to the process or the network.
//
//   1. An intent (PendingWrite) is committed to the store before the create is sent.
//   2. After the answer, the link to the new object is stored and the intent cleared, in one
//      transaction.
//   3. A run that finds an intent left behind (killed, or the connection lost after sending)
//      looks the object up remotely before creating anything; only when it is certainly absent
//      is it created again.
// A create that certainly did not happen (refused, or never sent) clears the intent at once.

#include <functional>
#include <optional>

#include "core/error.hpp"
#include "core/store/store.hpp"

namespace wv {

template <class T>
struct CreateOnceSteps {
  /// The object, when a previous attempt created it; nullopt when it certainly does not exist.
  std::function<Result<std::optional<T>>(const PendingWrite& earlier)> find_existing;
  /// Creates the object (not idempotent).
  std::function<Result<T>()> create;
  /// Records the object in the store (its link, a checkpoint) inside the clearing transaction.
  std::function<Status(StoreWriter&, const T&)> record;
};

/// Result of create_once: the object and whether this call created it.
template <class T>
struct Created {
  T object;
  bool created_now = false;
  bool recovered = false;  ///< found after an earlier attempt had left an intent
};

template <class T>
Result<Created<T>> create_once(Store& store, const PendingWrite& intent, const CreateOnceSteps<T>& steps) {
  std::optional<PendingWrite> earlier;
  if (auto s = store.read([&](const StoreReader& r) -> Status {
        auto p = r.pending(intent.shop, intent.kind, intent.woo_id);
        if (!p) return fail(p.error());
        earlier = *p;
        return {};
      });
      !s) {
    return fail(s.error());
  }
  auto finish = [&](const T& object) -> Status {
    return store.write([&](StoreWriter& w) -> Status {
      if (auto s = steps.record(w, object); !s) return s;
      return w.erase_pending(intent.shop, intent.kind, intent.woo_id);
    });
  };
  if (earlier) {
    auto found = steps.find_existing(*earlier);
    if (!found) return fail(found.error());
    if (*found) {
      if (auto s = finish(**found); !s) return fail(s.error());
      return Created<T>{std::move(**found), false, true};
    }
  }
  if (auto s = store.write([&](StoreWriter& w) { return w.put_pending(intent); }); !s) {
    return fail(s.error());
  }
  auto made = steps.create();
  if (!made) {
    if (!made.error().ambiguous) {
      // Certainly not created: nothing to look for next time.
      (void)store.write([&](StoreWriter& w) {
        return w.erase_pending(intent.shop, intent.kind, intent.woo_id);
      });
    }
    return fail(made.error());
  }
  if (auto s = finish(*made); !s) return fail(s.error());
  return Created<T>{std::move(*made), true, false};
}

}  // namespace wv
