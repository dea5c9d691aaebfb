# iacrev sync between three clones through a bare remote, a fresh clone
# that needs sync to see scores, and interoperability with plain git:
# `git notes merge -s cat_sort_uniq` reads back as iacrev sync merges.
. "$TESTS_DIR/lib.sh"

git init -q origin && cd origin
for n in 1 2 3; do
	write_file "archive/cdk-ts/Pr$n/lib/MODEL_FAILURES.md" <<X
### 1. Fix $n
### 2. Tags
X
	write_file "archive/cdk-ts/Pr$n/metadata.json" <<'X'
{"platform": "cdk", "language": "ts", "complexity": "hard", "training_quality": 8}
X
done
commit_all "tasks"
cd "$T"
git clone -q --bare origin remote.git

clone() { # clone NAME EMAIL
	git clone -q remote.git "$1"
	git -C "$1" config user.name "$1"
	git -C "$1" config user.email "$2"
}
clone ada ada@example.org
clone bo bo@example.org

run_iacrev -C ada sync
expect_rc "sync, nothing anywhere" 0
expect_eq "sync, nothing anywhere" "origin has no reviews yet; nothing to push" "$out"

run_iacrev -C ada score archive/cdk-ts/Pr1 --items AB
expect_rc "ada scores" 0
run_iacrev -C ada sync
expect_rc "ada pushes" 0
expect_eq "ada pushes" "origin has no reviews yet; pushed yours to origin (refs/notes/iacrev at SHORT)" "$(printf '%s\n' "$out" | sed -E 's/at [0-9a-f]{10}/at SHORT/')"

run_iacrev -C bo score archive/cdk-ts/Pr1 --items CC
run_iacrev -C bo score archive/cdk-ts/Pr2 --items AA --factors ha
run_iacrev -C bo sync
expect_rc "bo merges" 0
expect_contains "bo merges" "merged the reviews of origin with yours; pushed yours to origin" "$out"

# A fresh clone has no scores until it syncs (README says so).
clone cy cy@example.org
run_iacrev -C cy reviews
expect_eq "fresh clone" "" "$out"
run_iacrev -C cy sync
expect_rc "cy takes" 0
expect_contains "cy takes" "took the reviews of origin (fast-forward); origin is up to date" "$out"
run_iacrev -C cy score archive/cdk-ts/Pr3 --score 6
run_iacrev -C cy sync
expect_contains "cy pushes" "pushed yours to origin" "$out"
run_iacrev -C ada sync
expect_contains "ada catches up" "took the reviews of origin (fast-forward)" "$out"
run_iacrev -C bo sync

# Everyone has everything, and the same notes commit.
for c in ada bo cy; do
	run_iacrev -C "$c" reviews --color=never
	expect_eq "$c sees 4 reviews" "4" "$(printf '%s\n' "$out" | wc -l)"
done
expect_eq "same tip ada/bo" "$(git -C ada rev-parse refs/notes/iacrev)" "$(git -C bo rev-parse refs/notes/iacrev)"
expect_eq "same tip ada/cy" "$(git -C ada rev-parse refs/notes/iacrev)" "$(git -C cy rev-parse refs/notes/iacrev)"
expect_eq "same tip remote" "$(git -C ada rev-parse refs/notes/iacrev)" "$(git -C remote.git rev-parse refs/notes/iacrev)"
run_iacrev -C cy reviews archive/cdk-ts/Pr1 --color=never
expect_contains "two reviewers on Pr1" "ada <ada@example.org>: 9, excellent" "$out"
expect_contains "two reviewers on Pr1" "bo <bo@example.org>: 4, poor" "$out"
# the remote-tracking copy is where git notes merge expects it
git -C cy rev-parse -q --verify refs/notes/remotes/origin/iacrev >/dev/null || fail "no tracking ref"

# Interoperability: two diverged clones merged by git and by iacrev.
run_iacrev -C ada score archive/cdk-ts/Pr2 --items BC --note "ada again"
run_iacrev -C ada sync
run_iacrev -C bo score archive/cdk-ts/Pr2 --items AC --note "bo again"
run_iacrev -C bo score archive/cdk-ts/Pr3 --score 9
cp -a bo bo-git
run_iacrev -C bo sync
expect_contains "iacrev merge" "merged the reviews of origin with yours" "$out"
(
	cd bo-git
	git fetch -q origin '+refs/notes/iacrev:refs/notes/remotes/origin/iacrev'
	git notes --ref=iacrev merge -q -s cat_sort_uniq refs/notes/remotes/origin/iacrev
)
run_iacrev -C bo reviews --all --json
by_iacrev=$(printf '%s\n' "$out" | sort)
run_iacrev -C bo-git reviews --all --json
by_git=$(printf '%s\n' "$out" | sort)
expect_eq "git's merge reads back as iacrev's" "$by_iacrev" "$by_git"
expect_eq "all records" "7" "$(printf '%s\n' "$by_git" | wc -l)"
# the same lines in every note
for c in bo bo-git; do
	git -C "$c" notes --ref=iacrev list | while read -r blob obj; do
		printf '%s %s\n' "$obj" "$(git -C "$c" cat-file blob "$blob" | git hash-object --stdin)"
	done | sort > "$T/$c.notes"
done
expect_eq "same note blobs" "$(cat "$T/bo.notes")" "$(cat "$T/bo-git.notes")"
# git shows them on the task's commit
expect_contains "git log --notes" '"note":"bo again"' "$(git -C bo log --notes=iacrev -1 --format=%N)"

# A forced refspec for the notes in remote.origin.fetch is warned about.
git -C cy config --add remote.origin.fetch '+refs/notes/iacrev:refs/notes/iacrev'
run_iacrev -C cy sync
expect_rc "warned sync" 0
expect_contains "forced refspec warning" "remote.origin.fetch has '+refs/notes/iacrev:refs/notes/iacrev'" "$err"

run_iacrev -C cy sync nowhere
expect_rc "unknown remote" 1
expect_contains "unknown remote" "no remote 'nowhere'" "$err"
