#!/bin/sh
# Feeds each output class of `quamtx stream` to rngtest (FIPS 140-2) and dieharder, installing
# both from Debian's packages when missing. Run by `mvn -Pstatistical -pl quamtx-cli -am verify`.
#   QUAMTX_STAT_BYTES   bytes per class (default 100 MiB)
#   QUAMTX_DIEHARDER    "all" for dieharder -a (default), or dieharder test numbers, e.g. "0 1 100"
#   QUAMTX_STAT_CLASSES classes to test (default "hardware conditioned fallback")
set -eu
target="$1"
bytes="${QUAMTX_STAT_BYTES:-104857600}"
tests="${QUAMTX_DIEHARDER:-all}"
classes="${QUAMTX_STAT_CLASSES:-hardware conditioned fallback}"

if ! command -v rngtest >/dev/null || ! command -v dieharder >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rng-tools5 dieharder
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp="$(ls "$target"/quamtx-cli-*.jar | head -1):$target/lib/*"
status=0
for cls in $classes; do
  java -cp "$cp" io.quamtx.cli.Main --home "$work/home" stream --bytes "$bytes" --class "$cls" \
    > "$work/$cls.bin"
  # rngtest exits non-zero when any block fails; about 0.08% of blocks fail on good data.
  rngtest < "$work/$cls.bin" 2> "$work/$cls.rngtest" || true
  ok=$(sed -n 's/.*FIPS 140-2 successes: \([0-9]*\).*/\1/p' "$work/$cls.rngtest")
  bad=$(sed -n 's/.*FIPS 140-2 failures: \([0-9]*\).*/\1/p' "$work/$cls.rngtest")
  rate=$(awk -v g="$ok" -v b="$bad" 'BEGIN { printf "%.4f", 100 * b / (g + b) }')
  verdict=$(awk -v r="$rate" 'BEGIN { print (r <= 0.3) ? "pass" : "FAIL" }')
  echo "$cls: rngtest $ok blocks passed, $bad failed ($rate %): $verdict"
  [ "$verdict" = pass ] || status=1
  # dieharder's exit code is always 0: judge by its verdicts. Rewinds of the file are reported.
  if [ "$tests" = all ]; then
    dieharder -a -g 201 -f "$work/$cls.bin" > "$work/$cls.dieharder" 2>&1 || true
  else
    : > "$work/$cls.dieharder"
    for d in $tests; do
      dieharder -d "$d" -g 201 -f "$work/$cls.bin" >> "$work/$cls.dieharder" 2>&1 || true
    done
  fi
  failed=$(grep -c 'FAILED' "$work/$cls.dieharder" || true)
  weak=$(grep -c 'WEAK' "$work/$cls.dieharder" || true)
  passed=$(grep -c 'PASSED' "$work/$cls.dieharder" || true)
  echo "$cls: dieharder $passed passed, $weak weak, $failed failed"
  grep 'FAILED' "$work/$cls.dieharder" || true
  [ "$failed" -eq 0 ] || status=1
done
exit $status
