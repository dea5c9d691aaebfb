# The demo repository (share/demo/make-repo): `iacrev tasks` lists every demo
# task with its documented problems, and the history has the shape of a real
# task repository (docs/domain.md, "How a task lives in git").
. "$TESTS_DIR/lib.sh"

R="$T/demo"
"$TESTS_DIR/../share/demo/make-repo" "$R" || fail "make-repo failed"

# --- iacrev tasks on HEAD (main) ------------------------------------------------

run_iacrev tasks -C "$R" --color=never
expect_rc "tasks" 0
expect_eq "tasks stderr" "" "$err"
expect_eq "tasks" '.                                                            349110  analysis-py          medium  none  PMIF
archive-localstack/LS-349104-cfn-yaml                        349104  cloudformation-yaml  medium  none  PMIF
archive/cdk-py/Pr102                                         349102  cdk-py               medium  8.5   PMIF
archive/cdk-ts/Pr101                                         349101  cdk-ts               hard    9     PMIF
archive/cfn-json/Pr105                                       -       -                    -       -     PMIF    archive/cfn-json/Pr105/metadata.json: line 22, column 1: a trailing comma before '"'}'"'
archive/cicd-yml/Pr109                                       -       -                    -       -     PMIF    no metadata.json
archive/pulumi-py/Pr107                                      349107  pulumi-py            hard    none  PMIF    training_quality is a string: "high"
archive/pulumi-ts/Pr106                                      349106  pulumi-typescript    expert  9     PMIF+3  training_quality is a string: "9"
archive/tf-hcl/Pr103                                         349103  tf-hcl               hard    none  PMIF    training_quality is absent but "training_qulity": 9 is present
subcategory-references/security-configuration-as-code/Pr108  349108  cdktf-ts             expert  none  PMIF    training_quality is an object, not a number' "$out"

# The reasons behind "none", as --json gives them.
run_iacrev tasks -C "$R" --json
expect_rc "tasks --json" 0
reasons=$(printf '%s\n' "$out" |
	sed -n 's/.*"path":"\([^"]*\)".*"training_quality_reason":\("\([^"\\]\|\\.\)*"\|null\).*/\1 \2/p')
expect_eq "training_quality reasons" '. "absent"
archive-localstack/LS-349104-cfn-yaml "absent"
archive/cdk-py/Pr102 null
archive/cdk-ts/Pr101 null
archive/cfn-json/Pr105 "metadata.json does not parse"
archive/cicd-yml/Pr109 "no metadata.json"
archive/pulumi-py/Pr107 "the string \"high\" is not a number"
archive/pulumi-ts/Pr106 "read from the string \"9\""
archive/tf-hcl/Pr103 "absent (a key \"training_qulity\": 9 is present)"
subcategory-references/security-configuration-as-code/Pr108 "an object, not a number"' "$reasons"

# The tag and a branch in progress: the task is at the root before its archiving.
run_iacrev tasks -C "$R" --rev v1.0 --color=never
expect_rc "tasks at v1.0" 0
# (spaces squeezed: the exact layout is pinned above)
expect_eq "tasks at v1.0" 'archive/cdk-py/Pr102 349102 cdk-py medium 8.5 PMIF
archive/cdk-ts/Pr101 349101 cdk-ts hard 9 PMIF' "$(printf '%s\n' "$out" | tr -s ' ')"
run_iacrev tasks -C "$R" --rev 'IAC-349106~1' --filter 'path:.' --color=never
expect_rc "root task of IAC-349106 before archiving" 0
expect_eq "root task of IAC-349106 before archiving" \
	'. 349106 pulumi-typescript expert 9 PMIF+3 training_quality is a string: "9"' "$(printf '%s\n' "$out" | tr -s ' ')"

# --- git history shape -----------------------------------------------------------

cd "$R"
expect_eq "HEAD" "refs/heads/main" "$(git symbolic-ref HEAD)"
expect_eq "clean work tree" "" "$(git status --porcelain)"

expect_eq "pull request merges on main" 'Merge pull request #109 from turing/IAC-349109
Merge pull request #108 from turing/IAC-349108
Merge pull request #106 from turing/IAC-349106
Merge pull request #107 from turing/IAC-349107
Merge pull request #104 from turing/IAC-349104
Merge pull request #105 from turing/IAC-349105
Merge pull request #103 from turing/IAC-349103
Merge pull request #102 from turing/IAC-349102
Merge pull request #101 from turing/IAC-349101' \
	"$(git log --first-parent --merges --format=%s main)"

# Every archived task: one commit in `git log -- DIR`, the bot's move, whose
# parent holds the same files at the root, on a branch with several revisions,
# merged by the matching pull request.
for dir in archive/cdk-ts/Pr101 archive/cdk-py/Pr102 archive/tf-hcl/Pr103 \
	archive-localstack/LS-349104-cfn-yaml archive/cfn-json/Pr105 archive/pulumi-ts/Pr106 \
	archive/pulumi-py/Pr107 subcategory-references/security-configuration-as-code/Pr108 \
	archive/cicd-yml/Pr109; do
	a=$(git log --format=%H -- "$dir")
	[ -n "$a" ] && [ "$(echo "$a" | wc -l)" -eq 1 ] || fail "$dir: git log -- $dir gives '$a', expected one commit"
	expect_eq "$dir: archived by" "GitHub Actions Bot" "$(git log -1 --format=%an "$a")"
	expect_eq "$dir: lib/ moved from the root" "$(git rev-parse "$a^:lib")" "$(git rev-parse "$a:$dir/lib")"
	git cat-file -e "$a:lib" 2>/dev/null && fail "$dir: lib/ still at the root after archiving"
	if git cat-file -e "$a^:metadata.json" 2>/dev/null; then
		expect_eq "$dir: metadata.json moved" "$(git rev-parse "$a^:metadata.json")" "$(git rev-parse "$a:$dir/metadata.json")"
	fi
	merge=$(git log --merges --format='%H %P' main | awk -v a="$a" '$3 == a { print $1 }')
	[ -n "$merge" ] || fail "$dir: no merge commit has $a as its second parent"
	n=${dir##*/Pr}
	case $dir in archive-localstack/*) n=104 ;; esac
	expect_contains "$dir: merge subject" "Merge pull request #$n from turing/IAC-" "$(git log -1 --format=%s "$merge")"
	revs=$(git rev-list --count --no-merges "$merge^1..$merge^2" -- lib metadata.json)
	[ "$revs" -ge 4 ] || fail "$dir: only $revs commits touch the root task on its branch"
done

# Branches overlap and some merge main into themselves before their PR merges.
expect_eq "main merged into branches" "Merge branch 'main' into IAC-349102
Merge branch 'main' into IAC-349104
Merge branch 'main' into IAC-349106" "$(git log --all --merges --format=%s | grep "^Merge branch 'main'" | sort)"
first=$(git rev-list --first-parent IAC-349102 | tail -n 2 | head -n 1)
expect_eq "IAC-349102 starts from the first commit" "$(git rev-list --max-parents=0 main)" "$(git rev-parse "$first^")"
merged101=$(git log --merges --format=%ct --grep='^Merge pull request #101 ' main)
[ "$(git log -1 --format=%ct "$first")" -lt "$merged101" ] || fail "IAC-349102 should start before PR #101 merges"

# Revisions that the history view shows: training_quality absent -> 8 -> 9.
tqs=""
for c in $(git rev-list --reverse "IAC-349101~1" -- metadata.json); do
	tqs="$tqs $(git show "$c:metadata.json" | sed -n 's/.*"training_quality": \([0-9]*\).*/\1/p')"
done
expect_eq "training_quality along IAC-349101" "  8 9" "$tqs"

# The work in progress at the root of main, never merged.
expect_eq "root task author" "Priya Raman" "$(git log -1 --format=%an -- lib/PROMPT.md)"
git merge-base --is-ancestor "$(git log -1 --format=%H -- lib/PROMPT.md)" IAC-349109 &&
	fail "the root task's commits should not be on a PR branch"

expect_eq "tag v1.0" "Merge pull request #102 from turing/IAC-349102" "$(git log -1 --format=%s 'v1.0^{commit}')"
expect_eq "v1.0 is annotated" "tag" "$(git cat-file -t v1.0)"

# A subject with an ESC sequence and a carriage return, as real ones have.
esc=$(printf '\033')
cr=$(printf '\r')
subject=$(git log --all --format=%s | grep -F "${esc}[200~") || fail "no commit subject with ESC [200~"
expect_contains "subject with CR" "$cr" "$subject"

# Dates: parents never newer than their children.
git log --all --format='%H %ct %P' | awk '
	{ t[$1] = $2; for (i = 3; i <= NF; i++) p[$1] = p[$1] " " $i }
	END { for (c in p) { n = split(p[c], ps, " "); for (i = 1; i <= n; i++)
		if (t[ps[i]] > t[c]) { print "commit " c " is older than its parent " ps[i]; bad = 1 } }
		exit bad }' || fail "commit dates go backwards"

# Several trainers, and the text hazards the documents are meant to carry.
expect_eq "trainers" "Daniel Okafor
Mei Lin
Priya Raman
Tomás Herrera" "$(git log --all --no-merges --format=%an | grep -v 'GitHub\|Ana Costa' | sort -u)"
git show main:archive/tf-hcl/Pr103/lib/PROMPT.md | head -c 3 | od -An -tx1 | grep -q 'ef bb bf' || fail "BOM lost"
git show main:archive/cfn-json/Pr105/lib/MODEL_FAILURES.md | grep -q "$cr\$" || fail "CRLF lost"
git show main:archive/tf-hcl/Pr103/lib/MODEL_FAILURES.md | grep -q "${esc}\[31m" || fail "ANSI escape lost"
[ "$(git show "main:archive/pulumi-py/Pr107/lib/MODEL_RESPONSE.md" | tail -c 1)" = "." ] ||
	fail "the truncated MODEL_RESPONSE.md should end without a newline"

# --- make-repo refuses to overwrite what it did not make -------------------------

mkdir "$T/mine"
echo precious >"$T/mine/notes.txt"
set +e
"$TESTS_DIR/../share/demo/make-repo" "$T/mine" 2>"$T/refuse.err"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "make-repo over a foreign folder: exit $rc, expected 1"
expect_contains "refusal message" "$T/mine exists and is not a demo repository" "$(cat "$T/refuse.err")"
expect_eq "foreign folder untouched" "precious" "$(cat "$T/mine/notes.txt")"
expect_eq "no temporary folder left" "" "$(ls -A "$T" | grep '^\.make-repo' || true)"
