#!/usr/bin/env bash
# Coverage-guided fuzzing of one untrusted input with SharpFuzz and AFL++ (docs/safety.md, "Fuzzing").
#   tests/fuzz/run-fuzz.sh [--no-build] TARGET MINUTES      TARGET: profile | plan | scenario | command
# Builds the harness (tests/AmpsDevice.Fuzz) and instruments a copy of it and the product libraries in
# .fuzz/out (--no-build: use the copy already there), runs afl-fuzz for MINUTES on tests/fuzz/corpus/TARGET,
# then minimises AFL++'s queue (the seeds and every input that reached new code; afl-cmin) into
# .fuzz/TARGET/minimised, the corpus to commit. Crashes and hangs stay in .fuzz/TARGET/findings.
# One AFL++ instance at a time: it keeps a core busy. NICE (default 15) lowers its priority.
set -euo pipefail
cd "$(dirname "$0")/../.."

build=yes
if [ "${1:-}" = --no-build ]; then build=no; shift; fi
target=${1:?usage: tests/fuzz/run-fuzz.sh profile|plan|scenario|command MINUTES}
minutes=${2:?usage: tests/fuzz/run-fuzz.sh TARGET MINUTES}
[ -d "tests/fuzz/corpus/$target" ] || { echo "run-fuzz: no corpus for '$target' (tests/fuzz/corpus/)" >&2; exit 2; }
command -v afl-fuzz >/dev/null || { echo "run-fuzz: afl-fuzz not found (apt-get install afl++)" >&2; exit 2; }

out=.fuzz/out
work=.fuzz/$target
rm -rf "$work"
mkdir -p "$work"
if [ "$build" = yes ]; then
  rm -rf "$out"
  # A copy of the Release build is instrumented, never the build output itself. (Not `dotnet publish`: it
  # would publish the device service, which the harness references, as a self-contained native executable.)
  dotnet build tests/AmpsDevice.Fuzz -c Release --nologo -v quiet
  cp -r tests/AmpsDevice.Fuzz/bin/Release/net10.0 "$out"
  dotnet tool restore >/dev/null
  # Only the product's own code is instrumented: the readers and what they call (ampsdevice: the device service).
  for lib in AmpsDevice.Protocol AmpsDevice.Simulator ampsdevice; do
    dotnet sharpfuzz "$out/$lib.dll"
  done
fi
[ -f "$out/AmpsDevice.Fuzz.dll" ] || { echo "run-fuzz: no instrumented harness in $out; run without --no-build" >&2; exit 2; }

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
harness=("$(readlink -f "$(command -v dotnet)")" "$out/AmpsDevice.Fuzz.dll" "$target")
# -t 5000: .NET's first run of a path is slow (JIT); a real hang runs far longer than 5 s.
nice -n "${NICE:-15}" afl-fuzz -i "tests/fuzz/corpus/$target" -o "$work/findings" -V $((minutes * 60)) \
  -t 5000 -m none -x /usr/share/doc/afl++-doc/afl/dictionaries/json.dict -x tests/fuzz/amps.dict \
  -- "${harness[@]}" > "$work/afl.log" 2>&1 || { tail -n 30 "$work/afl.log" >&2; exit 1; }

stats=$work/findings/default/fuzzer_stats
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg) ' "$stats"

# The minimised corpus: the smallest set of the queue (which holds the seeds) covering the same edges.
nice -n "${NICE:-15}" afl-cmin -i "$work/findings/default/queue" -o "$work/minimised" -t 5000 -m none \
  -- "${harness[@]}" > "$work/cmin.log" 2>&1 || { tail -n 30 "$work/cmin.log" >&2; exit 1; }
echo "minimised corpus: $(ls "$work/minimised" | wc -l) files in $work/minimised"
echo "crashes: $(ls "$work/findings/default/crashes" | grep -vc README || true), hangs: $(ls "$work/findings/default/hangs" | wc -l)"
