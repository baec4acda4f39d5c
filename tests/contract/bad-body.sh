#!/usr/bin/env bash
# Self-test of the contract check, run by scripts/contract-check before the real pass, through the
# very proxies the pass uses: request bodies that break the Visma document must be refused by
# Prism (422 with a validation list naming the field), a body that keeps to it must reach the
# emulator, a damaged emulator response must be turned into an error, and verdict.js — the same
# judge that gates the real pass — must fail exactly these exchanges. A check that cannot fail
# proves nothing; this shows that this one does.
#
# Reads its set-up from the environment (scripts/contract-check exports it):
#   CONTRACT_VISMA_URL         the Visma entry of the pass (recorder → Prism → sandbox), no /v2
#   CONTRACT_SANDBOX_URL       the sandbox itself, for its control API
#   CONTRACT_VISMA_TOKEN       a bearer token the Visma emulator accepts
#   CONTRACT_VISMA_RECORD      the Visma recorder's log
#   CONTRACT_VISMA_PRISM_LOG   the Visma Prism's log
#   CONTRACT_WOO_URL, CONTRACT_WOO_RECORD, CONTRACT_WOO_PRISM_LOG   the same for WooCommerce
#   CONTRACT_WORK              a scratch directory
#   CONTRACT_CA                the certificate to trust for these https addresses
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
visma=${CONTRACT_VISMA_URL:?}
sandbox=${CONTRACT_SANDBOX_URL:?}
token=${CONTRACT_VISMA_TOKEN:?}
record=${CONTRACT_VISMA_RECORD:?}
prism_log=${CONTRACT_VISMA_PRISM_LOG:?}
woo=${CONTRACT_WOO_URL:?}
woo_record=${CONTRACT_WOO_RECORD:?}
woo_prism_log=${CONTRACT_WOO_PRISM_LOG:?}
work=${CONTRACT_WORK:?}
ca=${CONTRACT_CA:?}
body_file=$work/selftest-body.txt

failures=0
fail() { echo "contract self-test: FAILED: $*"; failures=$((failures + 1)); }

# probe METHOD URL [JSON]: sets $status and $content_type; the body is in $body_file.
probe() {
  local answer args=("$1" "$2" --body-out "$body_file" --ca "$ca" --bearer "$token")
  (($# > 2)) && args+=(--json "$3")
  answer=$(node "$here/probe.js" "${args[@]}") || { status=000; content_type=-; return; }
  status=${answer%% *}
  content_type=${answer#* }
}

# A customer as Visma's CustomerApi schema wants it. The terms of payment id is the nil GUID: a
# well-formed id that names nothing, so the emulator may refuse it, but never for its shape.
customer() {
  local name=$1 private=$2 city=${3-}
  printf '{"Name":"%s","IsPrivatePerson":%s,"IsActive":true,%s"InvoicePostalCode":"11122",' \
    "$name" "$private" "${city:+\"InvoiceCity\":\"$city\",}"
  printf '"TermsOfPaymentId":"00000000-0000-0000-0000-000000000000"}'
}

expect_refused() {
  local what=$1 field=$2 body=$3
  probe POST "$visma/v2/customers" "$body"
  if [[ $status != 422 || $content_type != application/problem+json* ]]; then
    fail "$what: expected 422 application/problem+json from Prism, got $status $content_type"
  elif ! grep -q '"validation":\[' "$body_file" || ! grep -q "$field" "$body_file"; then
    fail "$what: the 422 has no validation list naming $field: $(head -c 400 "$body_file")"
  else
    echo "contract self-test: $what: refused, 422 naming $field"
  fi
}

expect_refused "IsPrivatePerson \"yes\" (type)" IsPrivatePerson "$(customer "Kontraktstest AB" '"yes"' Stockholm)"
expect_refused "Name of 51 characters (maxLength 50)" Name \
  "$(customer "$(printf 'N%.0s' {1..51})" false Stockholm)"
expect_refused "no InvoiceCity (required)" InvoiceCity "$(customer "Kontraktstest AB" false)"

probe POST "$visma/v2/customers" "$(customer "Kontraktstest AB" false Stockholm)"
if [[ $status == 000 || $content_type == application/problem+json* ]]; then
  fail "a valid customer body did not pass Prism: $status $(head -c 400 "$body_file")"
else
  echo "contract self-test: a valid customer body passed Prism (the emulator answered $status)"
fi

# A response that is not the JSON it says it is: the sandbox damages the next answer under
# /v2/termsofpayments after processing the request.
node "$here/probe.js" POST "$sandbox/_sandbox/faults" --body-out "$body_file" --ca "$ca" \
  --json '{"kind":"malformed_body","method":"GET","path":"/v2/termsofpayments","count":1}' >/dev/null
probe GET "$visma/v2/termsofpayments"
if [[ $status != 500 || $content_type != application/problem+json* ]]; then
  fail "a damaged emulator response was not turned into a 500 problem by Prism: $status $content_type"
else
  echo "contract self-test: a damaged emulator response became a 500 problem"
fi
node "$here/probe.js" DELETE "$sandbox/_sandbox/faults" --body-out "$body_file" --ca "$ca" >/dev/null

# The WooCommerce proxy validates too: per_page is at most 100 in the wc/v3 routes. Prism checks
# only that Basic credentials are present; this request never reaches the emulator.
status=000
answer=$(node "$here/probe.js" GET "$woo/wp-json/wc/v3/orders?per_page=500" --body-out "$body_file" \
           --ca "$ca" --basic self-test:self-test) && status=${answer%% *}
if [[ $status != 422 ]] || ! grep -q per_page "$body_file"; then
  fail "WooCommerce per_page=500 (maximum 100): expected 422 naming per_page, got $status"
else
  echo "contract self-test: WooCommerce per_page=500 (maximum 100): refused, 422 naming per_page"
fi

# Prism logs a refusal just after answering; wait until every exchange is in both logs.
settled() {  # settled RECORD PRISM_LOG REQUESTS REFUSALS
  local received refused recorded
  received=$(grep -c 'Request received' "$2" || true)
  refused=$(grep -c 'Request terminated with error' "$2" || true)
  recorded=$(grep -c . "$1" 2>/dev/null || true)
  ((received >= $3 && refused >= $4 && recorded >= $3))
}
for _ in $(seq 100); do
  settled "$record" "$prism_log" 5 4 && settled "$woo_record" "$woo_prism_log" 1 1 && break
  sleep 0.05
done

# The judge of the real pass must fail exactly the five offending exchanges.
summary=$work/selftest-verdict.json
node "$here/verdict.js" --phase self-test \
  --record "visma=$record" --prism-log "visma=$prism_log" \
  --record "woocommerce=$woo_record" --prism-log "woocommerce=$woo_prism_log" \
  --summary-json "$summary" >"$work/selftest-verdict.txt" || true
if ! node -e '
  const s = require(process.argv[1]);
  const offending = s.offences.map(o => o.request).sort();
  const expected = [...Array(3).fill("visma POST /v2/customers"), "visma GET /v2/termsofpayments",
                    "woocommerce GET /wp-json/wc/v3/orders?per_page"].sort();
  const ok = !s.passed && s.apis.visma.requests === 5 && s.apis.woocommerce.requests === 1 &&
             JSON.stringify(offending) === JSON.stringify(expected);
  process.exit(ok ? 0 : 1);' "$summary"; then
  fail "the verdict did not fail exactly the 5 offending exchanges of 6:"
  sed 's/^/  /' "$work/selftest-verdict.txt"
else
  echo "contract self-test: the verdict fails exactly the 5 offending exchanges of 6"
fi

if ((failures)); then
  echo "contract self-test: $failures check(s) failed; the contract pass cannot be trusted" >&2
  exit 1
fi
echo "contract self-test: OK"
