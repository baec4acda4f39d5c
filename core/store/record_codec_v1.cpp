#include "core/store/record_codec_v1.hpp"

namespace wv::store_codec_v1 {

using store_codec::ValueReader;

Decoded<CheckpointValue> decode_checkpoint(std::string_view bytes) {
  CheckpointValue c;
  ValueReader r(bytes, kFormat1);
  r.time(c.modified).str(c.last_id).time(c.updated_at);
  return r.finish(std::move(c));
}

Decoded<LinkValue> decode_link(std::string_view bytes) {
  LinkValue l;
  ValueReader r(bytes, kFormat1);
  r.str(l.visma_id).str(l.visma_number).str(l.state).time(l.linked_at);
  return r.finish(std::move(l));
}

Decoded<std::string> decode_link_ref(std::string_view bytes) {
  std::string key;
  ValueReader r(bytes, kFormat1);
  r.str(key);
  return r.finish(std::move(key));
}

Decoded<PendingValue> decode_pending(std::string_view bytes) {
  PendingValue p;
  ValueReader r(bytes, kFormat1);
  r.str(p.target).str(p.reference).time(p.recorded_at);
  return r.finish(std::move(p));
}

Decoded<FailedValue> decode_failed(std::string_view bytes) {
  FailedValue f;
  ValueReader r(bytes, kFormat1);
  r.integer(f.attempts).str(f.last_error).str(f.error_kind).str(f.hint);
  r.time(f.first_failed).time(f.last_failed).time(f.next_attempt);
  return r.finish(std::move(f));
}

Decoded<OAuthTokens> decode_tokens(std::string_view bytes) {
  OAuthTokens t;
  ValueReader r(bytes, kFormat1);
  r.str(t.access_token).str(t.refresh_token).time(t.expires_at).time(t.refreshed_at).str(t.scope);
  return r.finish(std::move(t));
}

Decoded<RunValue> decode_run(std::string_view bytes) {
  RunValue run;
  ValueReader r(bytes, kFormat1);
  r.str(run.shop).str(run.command).time(run.started).time(run.ended);
  r.integer(run.created).integer(run.updated).integer(run.skipped).integer(run.failed);
  r.str(run.outcome);
  return r.finish(std::move(run));
}

}  // namespace wv::store_codec_v1
