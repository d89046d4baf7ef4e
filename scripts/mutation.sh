#!/usr/bin/env bash
# Mutation testing of every library, one after the other, each from a clean state, then one table.
#
#   scripts/mutation.sh [options] [library ...]
#
# Libraries: Dual Reverse Hessian Tensors Testing Transforms (the default: all six, in that order). Each is mutated
# by Stryker.NET with the project's stryker-config.json and the Properties suite, from Properties/, with the FsCheck
# replay seed fixed (DUAL_REPLAY, default 20261123) so the score does not drift between runs.
#
# Clean state: each library is mutated in its own fresh clone of the committed HEAD (uncommitted edits are not
# measured), so no library's run sees another's build outputs or reports; the clone is deleted afterwards.
#
# Options:
#   -c, --concurrency N   Stryker's parallel test sessions per library (default: the config's, 2).
#   -j, --jobs N          libraries mutated at the same time (default 1), each in its own clone. On two cores,
#                         -j 2 -c 1 keeps both cores busy through each run's serial build and coverage phases.
#   -s, --since REF       mutate only the files changed since REF (Stryker's --since), the quick check of a branch;
#                         REF as the scratch clone knows it, e.g. origin/main.
#   -t, --table           run nothing: print the table of the reports already in DIR (with -o).
#   -o, --out DIR         where the reports and the table go (default: StrykerOutput/mutation-<date>).
#   -f, --files           also print, per library, the files below 90 % with their survivors' lines.
#   -h, --help            this text.
#
# Output: one row per library — mutants tested, detected (killed + timed out), of which timed out, survived, not
# covered, score (detected / tested), minutes and commit — then the minutes of each phase of each library's run
# (analysis, build, initial test run, coverage capture, testing the mutants), printed and written to DIR/table.md;
# each library's full Stryker report is in DIR/<library>/reports/ (mutation-report.json, mutation-report.html) and
# its console log in DIR/<library>.log.
# Exit status 0 when every library scored ≥ 90 %, 1 otherwise, 2 when a run failed.
set -uo pipefail

all=(Dual Reverse Hessian Tensors Testing Transforms)
concurrency=""
jobs=1
since=""
files=0
table_only=0
out=""
libraries=()
while [ $# -gt 0 ]; do
  case "$1" in
    -c|--concurrency) concurrency="$2"; shift 2 ;;
    -j|--jobs) jobs="$2"; shift 2 ;;
    -s|--since) since="$2"; shift 2 ;;
    -o|--out) out="$2"; shift 2 ;;
    -f|--files) files=1; shift ;;
    -t|--table) table_only=1; shift ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    *) libraries+=("$1"); shift ;;
  esac
done
[ ${#libraries[@]} -eq 0 ] && libraries=("${all[@]}")
for library in "${libraries[@]}"; do
  if [[ ! " ${all[*]} " == *" $library "* ]]; then
    echo "unknown library $library; the libraries are: ${all[*]}" >&2
    exit 2
  fi
done

repo="$(cd "$(dirname "$0")/.." && pwd)"
stamp="$(date +%Y-%m-%d)"
out="${out:-$repo/StrykerOutput/mutation-$stamp}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
commit="$(git -C "$repo" rev-parse --short HEAD)"
case "$jobs" in ''|*[!0-9]*|0) echo "--jobs needs a positive number" >&2; exit 2 ;; esac
failed=0
if [ "$table_only" -eq 0 ]; then
scratch="$(mktemp -d "${TMPDIR:-/tmp}/dual-mutation.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
export DUAL_REPLAY="${DUAL_REPLAY:-20261123}"

args=(--config-file ../stryker-config.json --skip-version-check)
[ -n "$concurrency" ] && args+=(--concurrency "$concurrency")
[ -n "$since" ] && args+=("--since:$since")

# One library: a fresh clone at the commit, Stryker from Properties/, the report and log into $out, then the clone goes.
mutate() {
  local library="$1" clone="$scratch/$1" start
  start=$(date +%s)
  rm -rf "${out:?}/$library"
  echo "== $library: started $(date +%H:%M)"
  git clone --quiet --no-hardlinks "$repo" "$clone" && git -C "$clone" checkout --quiet "$commit" &&
    (cd "$clone" && dotnet tool restore >/dev/null &&
      cd Properties && dotnet stryker "${args[@]}" --project "$library.csproj" --output "$out/$library") \
      >"$out/$library.log" 2>&1
  echo $(( $(date +%s) - start )) >"$out/$library.seconds"
  rm -rf "$clone"
  if [ -f "$out/$library/reports/mutation-report.json" ]; then
    echo "== $library: done in $(( ($(date +%s) - start + 30) / 60 )) min"
  else
    echo "== $library: no report; see $out/$library.log" >&2
    return 1
  fi
}

echo "$commit" >"$out/commit"
# DUAL_MAXTEST (cases per property, default 100) reaches the tests like DUAL_REPLAY; a run at another size says so,
# in the log and in DIR/maxtest, since its score is not comparable with the default's.
rm -f "$out/maxtest"
[ -n "${DUAL_MAXTEST:-}" ] && echo "$DUAL_MAXTEST" >"$out/maxtest"
echo "mutation run of ${libraries[*]} at $commit, $stamp (DUAL_REPLAY=$DUAL_REPLAY${DUAL_MAXTEST:+, DUAL_MAXTEST=$DUAL_MAXTEST}${concurrency:+, concurrency $concurrency}, $jobs at a time${since:+, since $since})"
started=$(date +%s)
running=0
for library in "${libraries[@]}"; do
  if [ "$running" -ge "$jobs" ]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
  mutate "$library" &
  running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=1
  running=$((running - 1))
done
echo "all libraries: $(( ($(date +%s) - started + 30) / 60 )) min"
fi

# The table, from each library's mutation-report.json (Stryker's schema: files → mutants → status).
python3 - "$out" "$stamp" "$commit" "$files" "${libraries[@]}" <<'PY'
import json, os, sys
out, stamp, commit, files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
if os.path.exists(os.path.join(out, "commit")):  # the commit the reports were made at
    commit = open(os.path.join(out, "commit")).read().strip()
maxtest = open(os.path.join(out, "maxtest")).read().strip() if os.path.exists(os.path.join(out, "maxtest")) else ""
detected_kinds, survived_kinds, uncovered_kinds = {"Killed", "Timeout"}, {"Survived"}, {"NoCoverage"}
rows, details, low = [], [], False
def score(d, s, n):
    return 100.0 * d / (d + s + n) if d + s + n else 100.0
for library in sys.argv[5:]:
    report = os.path.join(out, library, "reports", "mutation-report.json")
    seconds = open(os.path.join(out, library + ".seconds")).read().strip() if os.path.exists(os.path.join(out, library + ".seconds")) else "0"
    minutes = f"{int(seconds) / 60:.0f}"
    if not os.path.exists(report):
        rows.append(f"| `{library}/` | — | — | — | — | — | no report | {minutes} | `{commit}` |")
        low = True
        continue
    data = json.load(open(report))
    total = {"d": 0, "s": 0, "n": 0}
    # Stryker counts a timed-out mutant as detected (a mutant that makes a loop endless is caught); shown apart,
    # since a slow machine can turn a surviving but slowing mutant into a timeout.
    timeouts = sum(m["status"] == "Timeout" for entry in data["files"].values() for m in entry["mutants"])
    below = []
    for path, entry in sorted(data["files"].items()):
        mutants = entry["mutants"]
        d = sum(m["status"] in detected_kinds for m in mutants)
        s = sum(m["status"] in survived_kinds for m in mutants)
        n = sum(m["status"] in uncovered_kinds for m in mutants)
        total["d"] += d; total["s"] += s; total["n"] += n
        if score(d, s, n) < 90:
            lines = sorted({m["location"]["start"]["line"] for m in mutants if m["status"] in survived_kinds | uncovered_kinds})
            name = path[path.find(library + "/"):] if library + "/" in path else path
            below.append(f"| `{name}` | {d} | {s} | {n} | {score(d, s, n):.1f} % | {', '.join(map(str, lines))} |")
    d, s, n = total["d"], total["s"], total["n"]
    value = score(d, s, n)
    low |= value < 90
    rows.append(f"| `{library}/` | {d + s + n} | {d} | {timeouts} | {s} | {n} | {value:.2f} % | {minutes} | `{commit}` |")
    if below:
        details.append(f"\n`{library}/`, files below 90 %:\n\n| file | detected | survived | not covered | score | lines |\n|---|---:|---:|---:|---:|---|\n" + "\n".join(below))
table = [f"Mutation run of {stamp} at {commit}" + (f" with DUAL_MAXTEST={maxtest}" if maxtest else "") + ":", "",
         "| library | tested | detected | of which timed out | survived | not covered | score | minutes | commit |",
         "|---|---:|---:|---:|---:|---:|---:|---:|---|"] + rows
# Where each library's minutes went, from the timestamps of its Stryker log: everything before the mutants are
# tested (analysis, build, initial test run, mutation and compilation, per-test coverage capture) is paid once
# per library whatever the number of mutants.
import re
marks = [("build", "Building test project"), ("initial tests", "Initial test run started"),
         ("coverage", "mutants created"), ("mutants", "total mutants will be tested")]
phases = []
for library in sys.argv[5:]:
    log = os.path.join(out, library + ".log")
    if not os.path.exists(log):
        continue
    stamps, first, last = {}, None, None
    for line in open(log, errors="replace"):
        m = re.match(r"\[(\d\d):(\d\d):(\d\d) ", line)
        if not m:
            continue
        t = int(m[1]) * 3600 + int(m[2]) * 60 + int(m[3])
        first = t if first is None else first
        last = t
        for name, text in marks:
            if text in line and name not in stamps:
                stamps[name] = t
    if len(stamps) < len(marks) or first is None:
        continue
    points = [first] + [stamps[name] for name, _ in marks] + [last]
    spans = [((b - a) % 86400) / 60 for a, b in zip(points, points[1:])]
    phases.append(f"| `{library}/` | " + " | ".join(f"{x:.0f}" for x in spans) + " |")
if phases:
    table += ["", "Minutes per phase (from the Stryker logs):", "",
              "| library | analysis | build | initial test run, mutation, compilation | coverage capture | testing the mutants |",
              "|---|---:|---:|---:|---:|---:|"] + phases
text = "\n".join(table) + ("\n" + "\n".join(details) if files and details else "")
print(text)
open(os.path.join(out, "table.md"), "w").write(text + "\n")
sys.exit(1 if low else 0)
PY
status=$?
echo "reports: $out"
[ "$failed" -ne 0 ] && exit 2
exit $status
