#!/bin/sh
# Statistical profile: each output class of `quamtx stream` through rngtest (FIPS 140-2) and every
# test of `dieharder -a`, installing both from Debian's packages when missing. Run by
# `mvn -Pstatistical -pl quamtx-cli -am verify` (argument: quamtx-cli's target directory).
#
# dieharder reads a file from its start and rewinds it at the end; a rewound file repeats data,
# which fails any test that notices. So every test runs in its own dieharder process with its
# psamples cut to what the file holds (its default where the file suffices), and a run in which
# dieharder reports a rewind fails. Bytes per psample are measured first on /dev/urandom.
#
#   QUAMTX_STAT_BYTES    bytes per class file (default 104857600, 100 MiB)
#   QUAMTX_STAT_CLASSES  classes (default "hardware conditioned fallback"); the controls
#                        "urandom", "repeated" (one 1 MiB block over and over) and "biased"
#                        (byte 0x00 written as 0x01) use the same checks
#   QUAMTX_DIEHARDER     "all" (default: the tests of dieharder -a) or specs "TEST[:NTUPLE] ..."
#   QUAMTX_STAT_BIG      "yes" (default): a test whose single psample needs more than the file
#                        runs on a second file just large enough; "no": it is reported NOT RUN
#   QUAMTX_STAT_STREAM   "yes": dieharder reads an unbounded `quamtx stream` on stdin (-g 200) at
#                        default psamples for conditioned and fallback (tens of GB; slow)
#   QUAMTX_STAT_WEAK_LIMIT  most WEAK results a class may show before the re-test (default 6)
#   QUAMTX_STAT_OUT      directory for per-class result tables (default TARGET/statistical)
set -eu
target="$1"
here="$(cd "$(dirname "$0")" && pwd)"
bytes="${QUAMTX_STAT_BYTES:-104857600}"
classes="${QUAMTX_STAT_CLASSES:-hardware conditioned fallback}"
tests="${QUAMTX_DIEHARDER:-all}"
big="${QUAMTX_STAT_BIG:-yes}"
stream="${QUAMTX_STAT_STREAM:-no}"
weak_limit="${QUAMTX_STAT_WEAK_LIMIT:-6}"
out="${QUAMTX_STAT_OUT:-$target/statistical}"
flags="-D test_name -D ntuple -D tsamples -D psamples -D pvalues -D assessment -D 65536"

if ! command -v rngtest >/dev/null || ! command -v dieharder >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rng-tools5 dieharder
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
cp="$(ls "$target"/quamtx-cli-*.jar | head -1):$target/lib/*"
start=$(date +%s)

# The tests of `dieharder -a` (3.31.1) as TEST:NTUPLE:DEFAULT_PSAMPLES; "-" keeps the test's own
# ntuple handling (sts_serial reports all its ntuples from one run).
all_specs() {
  for t in 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 100 101 102; do echo "$t:-:100"; done
  for n in 1 2 3 4 5 6 7 8 9 10 11 12; do echo "200:$n:100"; done
  for n in 2 3 4 5; do echo "201:$n:1000"; done
  for n in 2 3 4 5; do echo "202:$n:100"; done
  n=0
  while [ $n -le 32 ]; do echo "203:$n:100"; n=$((n + 1)); done
  echo "204:-:1000"
  for t in 205 206 207 208 209; do echo "$t:-:1"; done
}

selected_specs() {
  if [ "$tests" = all ]; then all_specs; return; fi
  for s in $tests; do
    case "$s" in *:*) t=${s%%:*} n=${s#*:} ;; *) t=$s n=- ;; esac
    all_specs | grep "^$t:$n:" || { echo "QUAMTX_DIEHARDER: no dieharder -a test $s" >&2; exit 2; }
  done
}

ntuple_opt() { [ "$1" = - ] && echo "" || echo "-n $1"; }

# Upper bound on the bytes one psample of a test reads: dd counts what it wrote into the pipe
# before dieharder exited (the pipe buffer and dieharder's stdio buffer included).
calibrate() {
  t=$1 n=$2
  # shellcheck disable=SC2046
  (trap '' PIPE; dd if=/dev/urandom bs=64k 2> "$work/dd.err") \
    | nice -n 19 dieharder -d "$t" $(ntuple_opt "$n") -p 1 -g 200 -D test_name > /dev/null 2>&1 \
    || true
  sed -n 's/^\([0-9][0-9]*\) bytes.*/\1/p' "$work/dd.err"
}

produce() { # CLASS BYTES FILE
  case "$1" in
    urandom) head -c "$2" /dev/urandom > "$3" ;;
    repeated)
      head -c 1048576 /dev/urandom > "$3.block"
      (trap '' PIPE; while cat "$3.block" 2> /dev/null; do :; done) | head -c "$2" > "$3"
      rm -f "$3.block" ;;
    biased) head -c "$2" /dev/urandom | tr '\000' '\001' > "$3" ;;
    *) nice -n 19 java -cp "$cp" io.quamtx.cli.Main --home "$work/home" stream --bytes "$2" \
         --class "$1" > "$3" ;;
  esac
}

streams() { # CLASS: may dieharder read this class from an unbounded stream?
  [ "$stream" = yes ] && { [ "$1" = conditioned ] || [ "$1" = fallback ]; }
}

# Runs one spec; prints "SPEC SOURCE IDX RESULT..." lines, REWOUND lines or NOTRUN, and
# "SPEC - 0 NORESULT" when dieharder gave no result (it died, or the stream ended).
run_spec() { # CLASS SPEC MAIN_FILE BIG_FILE
  dieharder_spec "$@" > "$work/spec.out"
  cat "$work/spec.out"
  grep -q ' RESULT \| NOTRUN ' "$work/spec.out" || echo "$2 - 0 NORESULT"
}

dieharder_spec() { # CLASS SPEC MAIN_FILE BIG_FILE
  cls=$1 spec=$2 t=${2%%:*} rest=${2#*:} n=${rest%%:*} def=${rest#*:}
  per=$(grep "^$spec " "$work/calibration" | cut -d' ' -f2)
  if streams "$cls"; then
    { (trap '' PIPE; java -cp "$cp" io.quamtx.cli.Main --home "$work/home" stream \
        --bytes 9000000000000000000 --class "$cls" 2> /dev/null) \
      | nice -n 19 dieharder -d "$t" $(ntuple_opt "$n") -g 200 $flags 2>&1 || true; } \
      | awk -f "$here/assess.awk" | awk -v s="$spec" '{ print s, "stream", NR, $0 }'
    return
  fi
  file=$3 size=$bytes src=file
  if [ $((per * 102 / 100)) -gt "$bytes" ]; then
    if [ "$big" != yes ]; then
      echo "$spec NOTRUN one psample needs $per bytes, the file has $bytes"
      return
    fi
    file=$4 size=$big_bytes src=bigfile
    [ -s "$file" ] || produce "$cls" "$big_bytes" "$file"
  fi
  p=$((size * 100 / (per * 102)))
  [ "$p" -le "$def" ] || p=$def
  { nice -n 19 dieharder -d "$t" $(ntuple_opt "$n") -p "$p" -g 201 -f "$file" $flags 2>&1 \
      || true; } | awk -f "$here/assess.awk" | awk -v s="$spec" -v f="$src" '{ print s, f, NR, $0 }'
}

rngtest_line() { # CLASS FILE
  rngtest < "$2" 2> "$work/rngtest" || true
  ok=$(sed -n 's/.*FIPS 140-2 successes: \([0-9]*\).*/\1/p' "$work/rngtest")
  bad=$(sed -n 's/.*FIPS 140-2 failures: \([0-9]*\).*/\1/p' "$work/rngtest")
  # About 0.08% of blocks fail on good data; 0.3% is far above what 100 MiB (41,943 blocks) shows.
  awk -v c="$1" -v g="$ok" -v b="$bad" 'BEGIN {
    r = 100 * b / (g + b); v = r <= 0.3 ? "pass" : "FAIL"
    printf "%s: rngtest %d blocks, %d failed (%.3f %%): %s\n", c, g + b, b, r, v }'
}

selected_specs > "$work/specs"
echo "calibrating bytes per psample on /dev/urandom ($(wc -l < "$work/specs") dieharder runs)"
while read -r spec; do
  t=${spec%%:*} rest=${spec#*:}
  per=$(calibrate "$t" "${rest%%:*}")
  [ -n "$per" ] || { echo "calibration of dieharder test $spec failed" >&2; exit 2; }
  echo "$spec $per" >> "$work/calibration"
done < "$work/specs"
big_bytes=$(awk -v b="$bytes" '{ if ($2 * 1.02 > b && $2 > m) m = $2 }
  END { printf "%d", (m > 0 ? m * 1.05 + 1048576 : 0) }' "$work/calibration")
cp "$work/calibration" "$out/calibration.txt"

status=0
for cls in $classes; do
  t0=$(date +%s)
  main="$work/$cls.bin" bigf="$work/$cls.big"
  produce "$cls" "$bytes" "$main"
  rngtest_line "$cls" "$main" | tee "$work/$cls.rng"
  grep -q ': pass$' "$work/$cls.rng" || status=1
  : > "$work/$cls.res"
  while read -r spec; do run_spec "$cls" "$spec" "$main" "$bigf" >> "$work/$cls.res"; done \
    < "$work/specs"
  # Fresh data for the re-test of WEAK results: new files of the same sizes.
  weak_specs=$(awk '$4 == "RESULT" && $5 != "diehard_sums" && $11 == "WEAK" { print $1 }' \
    "$work/$cls.res" | sort -u)
  : > "$work/$cls.retest"
  if [ -n "$weak_specs" ]; then
    rm -f "$main" "$bigf"
    streams "$cls" || produce "$cls" "$bytes" "$main"
    for spec in $weak_specs; do run_spec "$cls" "$spec" "$main" "$bigf" >> "$work/$cls.retest"; done
  fi
  rm -f "$main" "$bigf"
  cp "$work/$cls.res" "$out/$cls.txt"
  [ ! -s "$work/$cls.retest" ] || cp "$work/$cls.retest" "$out/$cls.retest.txt"
  awk -v c="$cls" -v limit="$weak_limit" -v secs=$(($(date +%s) - t0)) -f "$here/verdict.awk" \
    "$work/$cls.retest" "$work/$cls.res" | tee "$work/$cls.verdict"
  grep -q ': pass$' "$work/$cls.verdict" || status=1
done
[ $status -eq 0 ] && verdict=pass || verdict=FAIL
echo "statistical profile: $(($(date +%s) - start)) s, $verdict"
exit $status
