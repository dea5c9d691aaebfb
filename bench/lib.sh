# bench/lib.sh: what every benchmark script shares.  Source it (bash).
#
# A benchmark is an executable bash script in bench/ without an extension
# (bench/tasks, bench/diff, ...).  `bench/run` (and `make bench`) runs
# them all; each also runs alone.  A benchmark compares iacrev with what git
# (or tig) needs for the same answer, in one run on the same repository,
# and prints a table with ratios.  Benchmarks never run in `make test`.
#
#   #!/usr/bin/env bash
#   . "$(dirname "$0")/lib.sh"
#   bench_begin tasks "list every task of HEAD with its metadata"
#   repo=$(bench_repo)          # the large generated repository
#   iacrev=$(bench_iacrev)      # ./iacrev, built if needed
#   bench_cmd "git ls-tree -r" git -C "$repo" ls-tree -r HEAD
#   bench_cmd "iacrev tasks" "$iacrev" tasks -C "$repo"
#   bench_report                # ratios against the first command
#   bench_aim "iacrev tasks" 1.5 100
#
# Functions
#   bench_begin NAME TEXT      start a benchmark (title, fresh table)
#   bench_repo                 print the path of the large repository, built
#                              once under build/bench-repo by bench/gen-repo
#                              and rebuilt when the generator (bench/gen-repo,
#                              bench/gen-repo.c) or BENCH_GEN_ARGS change
#   bench_iacrev               print the path of ./iacrev (make builds it)
#   bench_cmd LABEL CMD...     run CMD once to warm the caches (it must exit
#                              0), then BENCH_RUNS timed runs (stdout to
#                              /dev/null), then once under GNU time for the
#                              peak RSS; adds a row to the table.  For a
#                              pipeline: bench_cmd LABEL sh -c '... | ...' sh ARGS
#   bench_time CMD...          time CMD over BENCH_RUNS runs; sets
#                              BENCH_MEDIAN_US, BENCH_MIN_US (wall clock)
#                              and BENCH_CPU_US (median user+system time
#                              of CMD and its children: steadier than the
#                              wall clock when other work shares the cores)
#   bench_rss CMD...           print the peak RSS of CMD in KB ("" without
#                              GNU time).  For `sh -c 'a | b'` it is the
#                              largest process of the pipeline, not the sum
#   bench_report [LABEL]       print the table: median and min wall clock,
#                              median CPU, peak RSS, and the ratios of the
#                              median wall clock and CPU to those of LABEL
#                              (default: the first row)
#   bench_aim LABEL RATIO MB   say whether LABEL is within RATIO× of the
#                              baseline and under MB of peak RSS
#   bench_repo_info KEY        a value of the repository's summary
#                              (commits, tasks, pack_bytes, ...)
#   bench_note TEXT            a line under the table
#
# Environment
#   BENCH_RUNS      timed runs per command (default 5; the median is shown)
#   BENCH_REPO      use this repository instead of build/bench-repo
#   BENCH_GEN_ARGS  options for bench/gen-repo (default: its full scale,
#                   52,000 commits and 3,300 tasks; e.g. "--tasks 300 --commits 5000")
#   IACREV          the binary to measure (default ./iacrev, built by make)
#
# Peak memory needs GNU time (/usr/bin/time, Debian package `time`; `make
# bench` installs it with tig and hyperfine through scripts/deps).
#
# lib.sh removes its temporary files in an EXIT trap: a script that needs
# its own trap calls bench_cleanup from it.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_ROOT=$(dirname "$BENCH_DIR")
BENCH_RUNS=${BENCH_RUNS:-5}
BENCH_GEN_ARGS=${BENCH_GEN_ARGS:-}
export LC_ALL=C.UTF-8 NO_COLOR=1
# Measure git as a clone uses it: no user or system configuration.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_PAGER=cat PAGER=cat

_bench_labels=()
_bench_medians=()
_bench_mins=()
_bench_cpus=()
_bench_rss=()
_bench_name=
_bench_times=$(mktemp -d)
bench_cleanup() {
	rm -rf "$_bench_times"
}
trap bench_cleanup EXIT

bench_begin() {
	_bench_name=$1
	_bench_labels=()
	_bench_medians=()
	_bench_mins=()
	_bench_cpus=()
	_bench_rss=()
	echo "== bench/$1: $2"
}

bench_note() {
	echo "   $*"
}

# A fingerprint of what makes the repository: the generator and its options.
_bench_repo_stamp() {
	cat "$BENCH_DIR/gen-repo" "$BENCH_DIR/gen-repo.c" | sha1sum | cut -c1-16
	echo "args: $BENCH_GEN_ARGS"
}

bench_repo() {
	if [ -n "${BENCH_REPO:-}" ]; then
		echo "$BENCH_REPO"
		return
	fi
	local repo="$BENCH_ROOT/build/bench-repo" stamp="$BENCH_ROOT/build/bench-repo.stamp"
	local want
	want=$(_bench_repo_stamp)
	if [ ! -d "$repo/.git" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
		echo "   building the large repository (bench/gen-repo $BENCH_GEN_ARGS build/bench-repo) ..." >&2
		rm -f "$stamp"
		# shellcheck disable=SC2086 # options are words
		"$BENCH_DIR/gen-repo" $BENCH_GEN_ARGS "$repo" >/dev/null
		echo "$want" >"$stamp"
		echo "   built in $(bench_repo_info seconds) s" >&2
	fi
	echo "$repo"
}

bench_repo_info() {
	local repo="${BENCH_REPO:-$BENCH_ROOT/build/bench-repo}"
	[ -f "$repo/.git/gen-repo.summary" ] || return 0
	sed -n "s/^$1=//p" "$repo/.git/gen-repo.summary" | head -n 1
}

bench_iacrev() {
	if [ -n "${IACREV:-}" ]; then
		echo "$IACREV"
		return
	fi
	make --no-print-directory -s -C "$BENCH_ROOT" iacrev >&2
	echo "$BENCH_ROOT/iacrev"
}

# CPU time (user + system, µs) of the children this shell had waited for
# when `times` wrote FILE.  `times` must run in this shell (not in a $(...)
# subshell) and nothing may run between the two snapshots but the command.
_bench_cpu_of() {
	awk 'END {
		n = split($0, f, " "); us = 0
		for (i = 1; i <= n; i++) { split(f[i], p, "m"); us += (p[1] * 60 + p[2]) * 1e6 }
		printf "%d", us
	}' "$1"
}

# The median of the numbers given as arguments.
_bench_median() {
	printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
		if (NR % 2) printf "%d", v[(NR + 1) / 2]; else printf "%d", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

bench_time() {
	local walls=() cpus=() i t0 t1
	for ((i = 0; i < BENCH_RUNS; i++)); do
		times >"$_bench_times/before"
		t0=${EPOCHREALTIME/./}
		"$@" >/dev/null 2>>"${_BENCH_ERR:-/dev/null}"
		t1=${EPOCHREALTIME/./}
		times >"$_bench_times/after"
		walls+=($((t1 - t0)))
		cpus+=($(($(_bench_cpu_of "$_bench_times/after") - $(_bench_cpu_of "$_bench_times/before"))))
	done
	BENCH_MEDIAN_US=$(_bench_median "${walls[@]}")
	BENCH_MIN_US=$(printf '%s\n' "${walls[@]}" | sort -n | head -n 1)
	BENCH_CPU_US=$(_bench_median "${cpus[@]}")
}

bench_rss() {
	if [ ! -x /usr/bin/time ]; then
		echo ""
		return
	fi
	local f
	f=$(mktemp)
	/usr/bin/time -f %M -o "$f" "$@" >/dev/null 2>/dev/null || true
	tail -n 1 "$f"
	rm -f "$f"
}

bench_cmd() {
	local label=$1
	shift
	local err
	err=$(mktemp)
	if ! "$@" >/dev/null 2>"$err"; then
		echo "   FAILED: $label: $*" >&2
		sed 's/^/   | /' "$err" | head -n 20 >&2
		rm -f "$err"
		return 1
	fi
	_BENCH_ERR=$err bench_time "$@"
	rm -f "$err"
	_bench_labels+=("$label")
	_bench_medians+=("$BENCH_MEDIAN_US")
	_bench_mins+=("$BENCH_MIN_US")
	_bench_cpus+=("$BENCH_CPU_US")
	_bench_rss+=("$(bench_rss "$@")")
}

_bench_secs() {
	awk -v us="$1" 'BEGIN { printf "%.3f s", us / 1e6 }'
}

_bench_mb() {
	if [ -z "$1" ]; then
		echo "n/a"
	else
		awk -v kb="$1" 'BEGIN { printf "%.1f MB", kb / 1024 }'
	fi
}

_bench_row_of() {
	local i
	for i in "${!_bench_labels[@]}"; do
		if [ "${_bench_labels[$i]}" = "$1" ]; then
			echo "$i"
			return
		fi
	done
	echo "bench: no row '$1'" >&2
	return 1
}

_bench_ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'
}

bench_report() {
	local base=0 i width=8
	[ $# -gt 0 ] && base=$(_bench_row_of "$1")
	for i in "${!_bench_labels[@]}"; do
		((${#_bench_labels[$i]} > width)) && width=${#_bench_labels[$i]}
	done
	local repo
	repo=$(bench_repo_info commits)
	if [ -n "$repo" ]; then
		echo "   repository: $(bench_repo_info commits) commits, $(bench_repo_info tasks) tasks," \
			"pack $(_bench_mb $(($(bench_repo_info pack_bytes) / 1024))); $BENCH_RUNS runs each"
	else
		echo "   repository: ${BENCH_REPO:-?}; $BENCH_RUNS runs each"
	fi
	printf "   %-*s  %9s  %9s  %9s  %9s  %6s  %6s\n" "$width" "command" "median" "min" "CPU" \
		"peak RSS" "ratio" "CPU r."
	for i in "${!_bench_labels[@]}"; do
		printf "   %-*s  %9s  %9s  %9s  %9s  %6s  %6s\n" "$width" "${_bench_labels[$i]}" \
			"$(_bench_secs "${_bench_medians[$i]}")" "$(_bench_secs "${_bench_mins[$i]}")" \
			"$(_bench_secs "${_bench_cpus[$i]}")" "$(_bench_mb "${_bench_rss[$i]}")" \
			"$(_bench_ratio "${_bench_medians[$i]}" "${_bench_medians[$base]}")" \
			"$(_bench_ratio "${_bench_cpus[$i]}" "${_bench_cpus[$base]}")"
	done
}

bench_aim() {
	local i base=0 ratio cpu mb verdict=met
	i=$(_bench_row_of "$1")
	ratio=$(_bench_ratio "${_bench_medians[$i]}" "${_bench_medians[$base]}")
	cpu=$(_bench_ratio "${_bench_cpus[$i]}" "${_bench_cpus[$base]}")
	mb=$(_bench_mb "${_bench_rss[$i]}")
	if awk -v r="$ratio" -v m="$2" 'BEGIN { exit !(r > m) }'; then
		verdict="NOT met"
	fi
	if [ -n "${_bench_rss[$i]}" ] && [ "${_bench_rss[$i]}" -gt $(($3 * 1024)) ]; then
		verdict="NOT met"
	fi
	echo "   aim: $1 within ${2}x of ${_bench_labels[$base]} and under $3 MB: $verdict" \
		"(${ratio}x wall clock, ${cpu}x CPU, $mb)"
}
