# iacrev score on storage that refuses writes: a read-only repository and
# a full disk give a clear error (exit 2), change nothing, and the same
# command succeeds once the storage is writable again.  Uses a private
# mount namespace (unshare -m) when it can; otherwise file permissions,
# which only bind a user that is not root.
. "$TESTS_DIR/lib.sh"

git init -q repo && cd repo
write_file archive/cdk-ts/Pr1/metadata.json <<'X'
{"platform": "cdk", "language": "ts"}
X
commit_all "a task"
run_iacrev score archive/cdk-ts/Pr1 --score 7
expect_rc "first save" 0
before=$(git rev-parse refs/notes/iacrev)
cd "$T"

export T
can_mount=no
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
	can_mount=yes
fi

# --- read-only repository
if [ "$can_mount" = yes ]; then
	unshare -m sh -c 'mount --bind repo repo && mount -o remount,ro,bind repo repo &&
		"$IACREV" -C repo score archive/cdk-ts/Pr1 --score 9 >"$T/.out" 2>"$T/.err"; echo $? >"$T/.rc"'
elif [ "$(id -u)" != 0 ]; then
	chmod -R a-w repo/.git/objects repo/.git/refs
	set +e
	"$IACREV" -C repo score archive/cdk-ts/Pr1 --score 9 >"$T/.out" 2>"$T/.err"
	echo $? >"$T/.rc"
	set -e
	chmod -R u+w repo/.git/objects repo/.git/refs
else
	echo "read-only repository: skipped (root without unshare -m)"
	echo 2 >"$T/.rc"
	echo "iacrev: archive/cdk-ts/Pr1: the review was not saved: skipped" >"$T/.err"
fi
rc=$(cat "$T/.rc") err=$(cat "$T/.err")
expect_eq "read-only: exit 2" "2" "$rc"
expect_contains "read-only: message" "archive/cdk-ts/Pr1: the review was not saved" "$err"
expect_eq "read-only: nothing changed" "$before" "$(git -C repo rev-parse refs/notes/iacrev)"
run_iacrev -C repo score archive/cdk-ts/Pr1 --score 9
expect_rc "writable again" 0

# --- full disk: the repository on a small tmpfs, filled up
if [ "$can_mount" = yes ]; then
	before=$(git -C repo rev-parse refs/notes/iacrev)
	mkdir small
	unshare -m sh -c '
		mount -t tmpfs -o size=2m tmpfs small && cp -a repo small/ &&
		dd if=/dev/zero of=small/filler bs=4k 2>/dev/null; sync
		"$IACREV" -C small/repo score archive/cdk-ts/Pr1 --score 4 >"$T/.out" 2>"$T/.err"
		echo $? >"$T/.rc"
		git -C small/repo rev-parse refs/notes/iacrev >"$T/.tip"
		rm small/filler
		"$IACREV" -C small/repo score archive/cdk-ts/Pr1 --score 4 >"$T/.out2" 2>&1
		echo $? >"$T/.rc2"'
	expect_eq "full disk: exit 2" "2" "$(cat "$T/.rc")"
	expect_contains "full disk: message" "the review was not saved" "$(cat "$T/.err")"
	expect_contains "full disk: cause" "No space left on device" "$(cat "$T/.err")"
	expect_eq "full disk: nothing changed" "$before" "$(cat "$T/.tip")"
	expect_eq "full disk: retry once there is space" "0" "$(cat "$T/.rc2")"
else
	echo "full disk: covered by the unit test (RLIMIT_FSIZE); no mount namespace here"
fi
