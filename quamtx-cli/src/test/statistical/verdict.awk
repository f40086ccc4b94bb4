# Verdict of one class from run.sh's result lines: first file the re-test of WEAK results on
# fresh data, second file the first pass. Lines: SPEC SOURCE IDX RESULT name ntuple psamples
# dieharder_p dieharder_verdict our_p our_verdict, or SPEC SOURCE IDX REWOUND count, or
# SPEC NOTRUN reason. The class fails on any FAILED, any rewind, any unparsed result, more WEAK
# results than the limit, or a WEAK result that is WEAK or FAILED again on fresh data.
# diehard_sums is shown but not judged: dieharder itself lists it as "Do Not Use".
FILENAME == ARGV[1] {
  if ($4 == "RESULT") again[$1, $3] = $11
  if ($4 == "REWOUND") rewound++
  next
}
$2 == "NOTRUN" { notrun++; print c ": NOT RUN " $0; next }
$4 == "REWOUND" { rewound++; print c ": REWOUND " $0; next }
$4 == "NORESULT" { incomplete++; print c ": NO RESULT from dieharder for " $1; next }
$4 == "RESULT" {
  split($1, s, ":")
  if ($5 == "diehard_sums") { sums = $11; next }
  results++
  if ($7 < s[3]) reduced++
  if ($2 == "bigfile") onbig++
  if ($11 == "PASSED") passed++
  else if ($11 == "WEAK") {
    weak++
    r = (($1, $3) in again) ? again[$1, $3] : "missing"
    if (r != "PASSED") confirmed++
    print c ": WEAK " $5 " ntuple " $6 " psamples " $7 " p " $10 ", on fresh data: " r
  } else if ($11 == "FAILED") { failed++; print c ": FAILED " $5 " ntuple " $6 " p " $10 }
  else { incomplete++; print c ": UNPARSED " $0 }
}
END {
  ok = !failed && !rewound && !incomplete && !confirmed && weak <= limit && results > 0
  printf "%s: dieharder %d results: %d passed, %d weak (%d again on fresh data), %d failed; ", \
    c, results, passed, weak, confirmed, failed
  printf "%d with reduced psamples, %d on the larger file, %d not run, %d rewinds; ", \
    reduced, onbig, notrun, rewound
  printf "diehard_sums (not judged) %s; %d s: %s\n", sums == "" ? "not run" : sums, secs, \
    ok ? "pass" : "FAIL"
}
