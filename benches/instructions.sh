#!/usr/bin/env bash
# Instruction counts of `augur run --all --stats` on the suite's workloads: deterministic,
# where this VM's wall times vary by tens of percent. One line per workload: the whole
# process (cachegrind), then the phases (callgrind, inclusive, summed over threads).
#
#   AUGUR_BENCH_WRITE=/tmp/w cargo bench --bench suite      # writes the workloads, runs nothing
#   cargo build --release                                    # line tables are on in release
#   benches/instructions.sh target/release/augur /tmp/w [PHASES=1]
#
# Phases are the inclusive counts of: parse = `syntax::parse_range` (every piece, on any
# thread), check = the `program::Checker` each piece is lowered by as it is parsed (`piece`,
# `finish`) and `Lowered::complete`, or `program::check` when a file is checked whole, plan = `Analysis::engine` or `Engine::new` (whichever is
# larger: one may be inlined), evaluate = `Engine::run_with` or `run_inputs` (every scenario,
# on any thread). They do not add up to the whole:
# start-up, reading and printing are the rest. Set PHASES=0 to count the whole only (faster).
set -euo pipefail
bin=${1:?usage: instructions.sh AUGUR_BIN WORKLOAD_DIR}
dir=${2:?usage: instructions.sh AUGUR_BIN WORKLOAD_DIR}
phases=${PHASES:-1}
rules=$(realpath "${RULES:-$(dirname "$0")/../rules}")
bin=$(realpath "$bin")
dir=$(realpath "$dir")
tmp=$(mktemp -d)
# Elsewhere than the sources, so that callgrind_annotate names each function once.
cd "$tmp"
trap 'rm -rf "$tmp"' EXIT

# The inclusive count of a function: the largest of its entries (a function is also listed
# once per file whose code was inlined into it, with that part's count).
inclusive() { # callgrind file, function name as a regex
    callgrind_annotate --inclusive=yes --threshold=100 "$1" 2>/dev/null |
        grep -E "^ *[0-9,]+ \([ 0-9.]+%\)  [^ ]*:$2( \[|$)" |
        tr -d , | awk '$1 > m { m = $1 } END { printf "%.1fM", m / 1e6 }'
}

# The inclusive counts of several functions, none calling another, added up.
inclusive_sum() { # callgrind file, function names as a regex
    callgrind_annotate --inclusive=yes --threshold=100 "$1" 2>/dev/null | tr -d , |
        perl -ne 'if (/^ *(\d+) \([ \d.]+%\)  [^ ]*:('"$2"')( \[|$)/) { $m{$2} = $1 if $1 > $m{$2} }
            END { $s += $_ for values %m; printf "%.1fM", $s / 1e6 }'
}

printf '| workload | instructions | parse | check | plan | evaluate |\n|---|---|---|---|---|---|\n'
for input in w2-10000-ground-rules w2-10000-rules-as-data w2-100000-ground-rules \
    w2-100000-rules-as-data w2-1000000-ground-rules w2-1000000-rules-as-data \
    w1-random w1-chain w3 rules; do
    if [ "$input" = rules ]; then path=$rules; else path=$dir/$input.augur; fi
    [ -e "$path" ] || continue
    total=$(valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
        "$bin" run --all --stats "$path" 2>&1 >/dev/null | grep -E 'I +refs' | awk '{ print $NF }')
    if [ "$phases" = 1 ]; then
        valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$bin" run --all --stats "$path" \
            >/dev/null 2>&1
        parse=$(inclusive "$tmp/cg" 'augur::syntax::parse_range')
        check=$(inclusive_sum "$tmp/cg" 'augur::program::(Checker::piece|Checker::finish|Lowered::complete|check)')
        plan=$(inclusive "$tmp/cg" 'augur::(load::Analysis::engine|engine::Engine::new)')
        evaluate=$(inclusive "$tmp/cg" 'augur::engine::run::<impl augur::engine::Engine>::(run_with|run_inputs)')
        rm -f "$tmp/cg"
    else
        parse=- check=- plan=- evaluate=-
    fi
    printf '| %s | %s | %s | %s | %s | %s |\n' "$input" "$total" "$parse" "$check" "$plan" "$evaluate"
done
