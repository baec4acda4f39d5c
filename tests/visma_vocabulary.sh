#!/bin/sh
# Core speaks the domain's vocabulary; Visma's field names stay in the Visma connector and its
# adapter, which translate. Fails, naming file and line, when a Visma JSON or OData field name
# appears under core/sync, core/domain or core/store. Comments count too: a comment that names
# a Visma field is a sign that the code beside it thinks in Visma's terms.
#
# The list is the one place that says what Visma's names are: the quoted CamelCase names of two
# or more words in connectors/visma and the Visma adapter, read on every run so that it grows
# with the connector. Single words (Name, Note, Number, Text, Status) are left out because they
# are ordinary English in comments; the names below are domain words core uses for its own
# types (money.hpp, accounting.hpp, shop.hpp) and are exempt.
set -eu
root=$1
exempt="CurrencyCode TermsOfPayment VatRate"
cd "$root"
patterns=$(mktemp)
trap 'rm -f "$patterns"' EXIT
grep -ohE '"[A-Z][a-z0-9]+([A-Z][A-Za-z0-9]*)+"' connectors/visma/*.cpp connectors/adapters/visma_*.cpp |
  tr -d '"' | sort -u | while read -r name; do
    case " $exempt " in
      *" $name "*) ;;
      *) echo "$name" ;;
    esac
  done >"$patterns"
if [ ! -s "$patterns" ]; then
  echo "found no Visma field names in connectors/visma; has the connector moved?"
  exit 1
fi
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  hits=$(git grep --untracked -n -w -F -f "$patterns" -- core/sync core/domain core/store || true)
else
  hits=$(grep -rn -w -F -f "$patterns" core/sync core/domain core/store || true)
fi
if [ -n "$hits" ]; then
  echo "Visma field names in core; name the domain field and let connectors/adapters translate:"
  echo "$hits"
  exit 1
fi
