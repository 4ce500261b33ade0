#!/usr/bin/env bash
# Runs every tests/test_*.sh (each file is one test) and writes a JUnit XML report to
# target/test-reports/, the format nightshift's gate reads to count the tests that ran.
cd "$(dirname "$0")/.." || exit 2
passed=0
failed=0
cases=""
for test in tests/test_*.sh; do
  [ -e "$test" ] || continue
  name=$(basename "$test" .sh)
  if output=$(bash "$test" 2>&1); then
    passed=$((passed + 1))
    cases="$cases<testcase classname=\"sample\" name=\"$name\"/>"
    echo "PASS $name"
  else
    failed=$((failed + 1))
    cases="$cases<testcase classname=\"sample\" name=\"$name\"><failure message=\"failed\"/></testcase>"
    echo "FAIL $name"
    echo "$output" | sed 's/^/    /'
  fi
done
mkdir -p target/test-reports
printf '<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="sample" tests="%d" failures="%d" errors="0" skipped="0">%s</testsuite>\n' \
  $((passed + failed)) "$failed" "$cases" > target/test-reports/TEST-sample.xml
echo "Tests run: $((passed + failed)), Failures: $failed"
[ "$failed" -eq 0 ]
