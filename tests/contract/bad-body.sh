#!/usr/bin/env bash
# Self-test of the contract check, run by scripts/contract-check before the real pass, through the
# very proxies the pass uses. Request bodies that break the Visma document must be refused by
# Prism (422 with a validation list naming the field), and a body that keeps to it must reach the
# emulator; an emulator answer that breaks the document, and one that is not even
# JSON, must each be turned into a 500; the WooCommerce proxy must refuse a bad query as well; and
# verdict.js, the judge of the real pass, must fail exactly the offending exchanges. A check that
# cannot fail proves nothing; this shows that this one does. The sandbox is left as it was found.
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
# The records and logs must hold nothing but this test's exchanges.
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
say() { echo "contract self-test: $*"; }
fail() { say "FAILED: $*"; failures=$((failures + 1)); }

# probe METHOD URL [JSON]: one request with the credentials in $auth (Visma's bearer token unless
# the caller says otherwise); sets $status and $content_type and leaves the body in $body_file.
auth=(--bearer "$token")
probe() {
  local answer args=("$1" "$2" --body-out "$body_file" --ca "$ca" "${auth[@]}")
  [[ -n ${3-} ]] && args+=(--json "$3")
  answer=$(node "$here/probe.js" "${args[@]}") || { status=000; content_type=-; return; }
  status=${answer%% *}
  content_type=${answer#* }
}
# control METHOD PATH [JSON]: the sandbox's control API; must answer 2xx.
control() {
  local auth=()
  probe "$@"
  [[ $status == 2* ]] || fail "control $1 $2 answered $status: $(head -c 300 "$body_file")"
}
# json EXPRESSION: evaluates a JavaScript expression over the last body, bound to `d`.
json() { node -e "const d = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8')); \
                  process.stdout.write(String($1))" "$body_file"; }
is_problem() { [[ $content_type == application/problem+json* ]]; }

# --- requests -------------------------------------------------------------------------------
probe GET "$visma/v2/termsofpayments"
if [[ $status != 200 ]] || is_problem; then
  fail "a valid GET /v2/termsofpayments did not pass: $status $(head -c 300 "$body_file")"
fi

# A customer as Visma's CustomerApi wants it (Name, InvoiceCity and the rest are required). The
# terms of payment are the nil GUID: well-formed, so Prism lets it pass, but naming nothing, so
# the emulator refuses to create the customer and the sandbox stays as it was.
customer() {
  local name=$1 private=$2 city=${3-}
  printf '{"Name":"%s","IsPrivatePerson":%s,"IsActive":true,%s"InvoicePostalCode":"11122",' \
    "$name" "$private" "${city:+\"InvoiceCity\":\"$city\",}"
  printf '"TermsOfPaymentId":"00000000-0000-0000-0000-000000000000"}'
}
expect_refused() {
  local what=$1 field=$2 body=$3
  probe POST "$visma/v2/customers" "$body"
  if [[ $status != 422 ]] || ! is_problem; then
    fail "$what: expected 422 application/problem+json from Prism, got $status $content_type"
  elif ! grep -q '"validation":\[' "$body_file" || ! grep -q "$field" "$body_file"; then
    fail "$what: the 422 has no validation list naming $field: $(head -c 400 "$body_file")"
  else
    say "$what: refused, 422 naming $field"
  fi
}
expect_refused "IsPrivatePerson \"yes\" (type)" IsPrivatePerson "$(customer "Kontraktstest AB" '"yes"' Stockholm)"
expect_refused "Name of 51 characters (maxLength 50)" Name \
  "$(customer "$(printf 'N%.0s' {1..51})" false Stockholm)"
expect_refused "no InvoiceCity (required)" InvoiceCity "$(customer "Kontraktstest AB" false)"

probe POST "$visma/v2/customers" "$(customer "Kontraktstest AB" false Stockholm)"
if [[ $status == 000 ]] || is_problem; then
  fail "a valid customer body did not pass Prism: $status $(head -c 400 "$body_file")"
else
  say "a valid customer body passed Prism (the emulator answered $status)"
fi

# --- responses ------------------------------------------------------------------------------
# An answer that breaks the document: the company's VatPeriod is an integer 1..9; the control API
# sets it to a string for one GET, then puts it back.
control POST "$sandbox/_sandbox/visma/company" '{}'
vat_period=$(json 'JSON.stringify(d.VatPeriod ?? null)')
control POST "$sandbox/_sandbox/visma/company" '{"VatPeriod":"monthly"}'
probe GET "$visma/v2/companysettings"
if [[ $status != 500 ]] || ! is_problem || ! grep -q VatPeriod "$body_file"; then
  fail "an answer breaking the document was not turned into a 500 naming VatPeriod: $status $content_type"
else
  say "an emulator answer breaking the document became a 500 naming VatPeriod"
fi
control POST "$sandbox/_sandbox/visma/company" "{\"VatPeriod\":$vat_period}"

# An answer that is not the JSON it says it is: the sandbox damages the next one.
control POST "$sandbox/_sandbox/faults" '{"kind":"malformed_body","method":"GET","path":"/v2/termsofpayments","count":1}'
probe GET "$visma/v2/termsofpayments"
if [[ $status != 500 ]] || ! is_problem; then
  fail "a damaged emulator answer was not turned into a 500 problem: $status $content_type"
else
  say "a damaged emulator answer became a 500"
fi
control DELETE "$sandbox/_sandbox/faults"

# The WooCommerce proxy validates too: per_page is at most 100 in the wc/v3 routes. Prism checks
# only that Basic credentials are present; this request never reaches the emulator.
auth=(--basic self-test:self-test)
probe GET "$woo/wp-json/wc/v3/orders?per_page=500"
if [[ $status != 422 ]] || ! grep -q per_page "$body_file"; then
  fail "WooCommerce per_page=500 (maximum 100): expected 422 naming per_page, got $status"
else
  say "WooCommerce per_page=500 (maximum 100): refused, 422 naming per_page"
fi

# --- the verdict ----------------------------------------------------------------------------
visma_expected=(
  "visma POST /v2/customers" "visma POST /v2/customers" "visma POST /v2/customers"
  "visma GET /v2/companysettings" "visma GET /v2/termsofpayments"
)
visma_requests=7  # the five above, the first GET of terms and the valid POST
woo_expected=("woocommerce GET /wp-json/wc/v3/orders?per_page")

# Prism logs a refusal just after answering; wait until every exchange is in the logs and records.
settled() {  # settled RECORD PRISM_LOG REQUESTS REFUSALS
  local received refused recorded
  received=$(grep -c 'Request received' "$2" || true)
  refused=$(grep -c 'Request terminated with error' "$2" || true)
  recorded=$(grep -c . "$1" 2>/dev/null || true)
  ((received >= $3 && refused >= $4 && recorded >= $3))
}
for _ in $(seq 100); do
  settled "$record" "$prism_log" "$visma_requests" "${#visma_expected[@]}" \
    && settled "$woo_record" "$woo_prism_log" 1 "${#woo_expected[@]}" && break
  sleep 0.05
done

summary=$work/selftest-verdict.json
node "$here/verdict.js" --phase self-test \
  --record "visma=$record" --prism-log "visma=$prism_log" \
  --record "woocommerce=$woo_record" --prism-log "woocommerce=$woo_prism_log" \
  --summary-json "$summary" >"$work/selftest-verdict.txt" || true
expected=("${visma_expected[@]}" "${woo_expected[@]}")
if ! node -e '
  const [file, visma_requests, ...expected] = process.argv.slice(1);
  const s = require(file);
  const offending = s.offences.map(o => o.request).sort();
  const ok = !s.passed && s.apis.visma.requests === Number(visma_requests) &&
             s.apis.woocommerce.requests === 1 && JSON.stringify(offending) === JSON.stringify(expected.sort());
  process.exit(ok ? 0 : 1);' "$summary" "$visma_requests" "${expected[@]}"; then
  fail "the verdict did not fail exactly the ${#expected[@]} offending exchanges of $((visma_requests + 1)):"
  sed 's/^/  /' "$work/selftest-verdict.txt"
else
  say "the verdict fails exactly the ${#expected[@]} offending exchanges of $((visma_requests + 1))"
fi

if ((failures)); then
  say "$failures check(s) failed; the contract pass cannot be trusted"
  exit 1
fi
say "OK"
