# share/demo/make-repo is deterministic: two builds, the second under a
# different clock, time zone, identity and a hostile git configuration, give
# the same commit ids; a rebuild replaces an earlier build in place; and
# make-repo never replaces what it did not make.
. "$TESTS_DIR/lib.sh"

MAKE_REPO="$TESTS_DIR/../share/demo/make-repo"

refs() {
	git -C "$1" for-each-ref --format='%(objectname) %(refname)'
}

"$MAKE_REPO" "$T/one" || fail "first build failed"

# Everything a user's set-up could leak into commits: identity, dates, time
# zone, line endings, signing, the default branch name, commit encoding, hooks.
mkdir -p "$T/hooks"
printf '#!/bin/sh\nexit 1\n' >"$T/hooks/pre-commit"
chmod +x "$T/hooks/pre-commit"
git config --global core.autocrlf true
git config --global commit.gpgSign true
git config --global user.signingKey DEADBEEF
git config --global init.defaultBranch trunk
git config --global i18n.commitEncoding ISO-8859-1
git config --global core.hooksPath "$T/hooks"
mkdir -p "$T/sub"
(
	cd "$T/sub"
	export GIT_AUTHOR_NAME=Intruder GIT_AUTHOR_EMAIL=intruder@example.org
	export GIT_COMMITTER_DATE="2031-01-01T00:00:00Z" GIT_AUTHOR_DATE="2031-01-01T00:00:00Z"
	export TZ=Asia/Kolkata LC_ALL=C
	"$MAKE_REPO" ../two
) || fail "second build failed"

expect_eq "same refs in two builds" "$(refs "$T/one")" "$(refs "$T/two")"
expect_eq "same HEAD in two builds" "$(git -C "$T/one" rev-parse HEAD)" "$(git -C "$T/two" rev-parse HEAD)"
expect_eq "HEAD is main" "refs/heads/main" "$(git -C "$T/two" symbolic-ref HEAD)"

# The refs are the ones the demo is documented to have.
expect_eq "refs" "refs/heads/IAC-349101
refs/heads/IAC-349102
refs/heads/IAC-349103
refs/heads/IAC-349104
refs/heads/IAC-349105
refs/heads/IAC-349106
refs/heads/IAC-349107
refs/heads/IAC-349108
refs/heads/IAC-349109
refs/heads/main
refs/tags/v1.0" "$(refs "$T/one" | cut -d' ' -f2)"

# Rebuilding over an earlier build replaces it, with the same result.
head=$(git -C "$T/one" rev-parse HEAD)
echo "scratch" >"$T/one/scratch.txt"
"$MAKE_REPO" "$T/one" || fail "rebuild failed"
expect_eq "rebuild: same HEAD" "$head" "$(git -C "$T/one" rev-parse HEAD)"
[ -e "$T/one/scratch.txt" ] && fail "rebuild kept a file of the old build"

# An empty folder is fine; a folder or a symbolic link that make-repo did not
# make is refused and left as it was; no temporary folder is left behind.
mkdir "$T/empty"
"$MAKE_REPO" "$T/empty" || fail "build into an empty folder failed"
expect_eq "empty folder: same HEAD" "$head" "$(git -C "$T/empty" rev-parse HEAD)"

git init -q "$T/other"
ln -s one "$T/link"
for dest in "$T/other" "$T/link"; do
	set +e
	"$MAKE_REPO" "$dest" 2>"$T/refused.err"
	rc=$?
	set -e
	[ "$rc" -eq 1 ] || fail "$dest: make-repo exit $rc, expected 1"
	expect_contains "$dest: message names it" "make-repo: $dest" "$(cat "$T/refused.err")"
done
expect_eq "other repository untouched" "" "$(ls -A "$T/other" | grep -v '^\.git$' || true)"
[ -L "$T/link" ] || fail "the symbolic link was replaced"

set +e
"$MAKE_REPO" 2>"$T/usage.err"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "make-repo without DEST: exit $rc"
expect_contains "usage" "usage: make-repo DEST" "$(cat "$T/usage.err")"

expect_eq "no temporary folder left" "" "$(ls -A "$T" "$T/sub" | grep '^\.make-repo' || true)"
