#!/bin/sh
# Every man page must pass mandoc's linter without warnings.
set -eu
status=0
for page in "$1"/*.[0-9]; do
  out=$(mandoc -T lint -W warning "$page" 2>&1) || true
  if [ -n "$out" ]; then
    echo "$out"
    status=1
  fi
done
exit $status
