# Shell helpers for the CLI and end-to-end tests.  Source it; every test
# runs in its own temporary directory, removed at exit.
set -eu

T=$(mktemp -d "${TMPDIR:-/tmp}/iacrev-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T"

export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config"
mkdir -p "$HOME"
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME="Test Author" GIT_AUTHOR_EMAIL="author@example.org"
export GIT_COMMITTER_NAME="Test Committer" GIT_COMMITTER_EMAIL="committer@example.org"
export GIT_AUTHOR_DATE="2025-07-01T10:00:00Z" GIT_COMMITTER_DATE="2025-07-01T10:00:00Z"
export LC_ALL=C.UTF-8 TZ=UTC
unset NO_COLOR || true
git config --global init.defaultBranch main
git config --global user.name "Test Reviewer"
git config --global user.email "reviewer@example.org"

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# expect_eq NAME EXPECTED ACTUAL
expect_eq() {
	if [ "$2" != "$3" ]; then
		echo "--- expected ($1)" >&2
		printf '%s\n' "$2" >&2
		echo "--- actual" >&2
		printf '%s\n' "$3" >&2
		fail "$1"
	fi
}

# expect_contains NAME NEEDLE HAYSTACK
expect_contains() {
	case "$3" in
	*"$2"*) ;;
	*) printf '%s\n' "$3" >&2; fail "$1: expected to contain '$2'" ;;
	esac
}

expect_not_contains() {
	case "$3" in
	*"$2"*) printf '%s\n' "$3" >&2; fail "$1: expected not to contain '$2'" ;;
	*) ;;
	esac
}

# run_iacrev ARGS...: sets $out, $err and $rc without stopping on failure.
run_iacrev() {
	set +e
	"$IACREV" "$@" >"$T/.out" 2>"$T/.err"
	rc=$?
	set -e
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}

# expect_rc NAME WANT
expect_rc() {
	if [ "$rc" != "$2" ]; then
		printf 'stdout:\n%s\nstderr:\n%s\n' "$out" "$err" >&2
		fail "$1: exit code $rc, expected $2"
	fi
}

# No raw control bytes other than newline in a file (CLI output must be safe).
expect_no_controls() {
	if LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$2"; then
		fail "$1: raw control bytes in output"
	fi
}

# Write a file, creating its folder.  write_file PATH < content
write_file() {
	mkdir -p "$(dirname "$1")"
	cat >"$1"
}

# tick: advance the commit clock by one hour, so history has distinct dates.
TICK=0
tick() {
	TICK=$((TICK + 1))
	d=$(date -u -d "2025-07-01T10:00:00Z + $TICK hour" +%Y-%m-%dT%H:%M:%SZ)
	export GIT_AUTHOR_DATE="$d" GIT_COMMITTER_DATE="$d"
}

# commit_all MESSAGE: commit everything in the current repository.
commit_all() {
	tick
	git add -A
	git commit -q -m "$1"
}

# archive_task DEST: move the task at the repository root (lib/ and
# metadata.json) into DEST, as an archiving pull request does; not
# committed, so that a test can edit the moved files first.
archive_task() {
	mkdir -p "$1"
	git mv lib metadata.json "$1/"
}

# run_bounded NAME ARGS...: run iacrev for at most 60 s; sets $rc and
# leaves the output in $T/out and $T/err.  Fails on an exit code above
# BOUNDED_MAX_RC (default 2: usage and data errors are fine, a crash or a
# hang is not), a sanitizer report (ASan exits 1 with one on stderr), or a
# raw control byte in either output.
run_bounded() {
	name=$1; shift
	set +e
	timeout -k 5 60 "$IACREV" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	set -e
	[ "$rc" -le "${BOUNDED_MAX_RC:-2}" ] || { tail -n 20 "$T/err"; fail "$name: exit $rc"; }
	if grep -q 'Sanitizer' "$T/err"; then tail -n 30 "$T/err"; fail "$name: sanitizer report"; fi
	expect_no_controls "$name (stdout)" "$T/out"
	expect_no_controls "$name (stderr)" "$T/err"
}
