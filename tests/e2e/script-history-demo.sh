# The history view on every task of the demo repository: each revision of
# its documents with the score then, exactly; the revision ids checked
# against git itself (the task's branch between the archiving commit and
# the merge's first parent, or the root task's commits since the last
# merge), the scores against the tasks list at each revision.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/e2e/tui.lib"
src=$(cd "$TESTS_DIR/.." && pwd)
"$src/share/demo/make-repo" "$T/demo" >/dev/null

# The rows of a saved history screen: id, score, document marks, path.
rows() {
	grep -E '^[ *] [0-9a-f]{10}  ' "$1" | awk -F'  +' '{ print $2, $5, $6, $7 }'
}

got=""
for t in $("$IACREV" -C "$T/demo" tasks | awk '{ print $1 }'); do
	run_script 250x40 -C "$T/demo" "$t" history <<-S
	:save-display $T/screen
	S
	expect_rc "history of $t" 0
	expect_contains "the title names $t" " History $t: " "$(sed -n 1p "$T/screen")"
	got="$got== $t
$(rows "$T/screen")
"
done

want='== .
055e4bb44b none ---F-- .
87a7b85281 none --IF-- .
ef588255d9 none -M---- .
9dab5f428f none P----m .
== archive-localstack/LS-349104-cfn-yaml
f9002ff69d none ------ archive-localstack/LS-349104-cfn-yaml <- .
f46c191ee8 none ---F-- .
3c1172d6d7 none --I--- .
84d844550e none PM---m .
== archive/cdk-py/Pr102
d69adb4da3 8.5 ------ archive/cdk-py/Pr102 <- .
995da8ac74 8.5 --IF-m .
4bed915420 8 ---F-- .
aec5384d99 8 --I--m .
fc13cd5c54 none PM---- .
== archive/cdk-ts/Pr101
8cb92619b6 9 ------ archive/cdk-ts/Pr101 <- .
7217dbb8ff 9 ---F-m .
09c6ae6000 8 --I--- .
bd1990c63d 8 ---F-m .
c45cd74e04 none --I--- .
4214493d29 none -M---- .
18448d7c31 none P----m .
== archive/cfn-json/Pr105
62204cd55f ! ------ archive/cfn-json/Pr105 <- .
0e374c618b ! -----m .
6f1acf79d2 8 ---F-m .
e01f0e43e6 none --I--- .
7ebdfa5566 none -M---- .
18ff119c1c none P----m .
== archive/cicd-yml/Pr109
76ed854e2f none ------ archive/cicd-yml/Pr109 <- .
c6470b0269 none ---F-- .
c3e53ef688 none ---F-x .
af97a046f6 none --I--- .
d31057d73c none -M---- .
76831fef29 none P----m .
== archive/pulumi-py/Pr107
b811911d53 none ------ archive/pulumi-py/Pr107 <- .
9a6e42b5fd none --I--- .
afc3c5ed50 none ---F-m .
29a61d6943 none --I--- .
9f67569c43 none -M---- .
a90155aaad none P----m .
== archive/pulumi-ts/Pr106
ef0d08927b 9 ------ archive/pulumi-ts/Pr106 <- .
1a0e8dd74b 9 ---F-- .
abc0f720bc 9 --I--- .
1354a5c92d 9 ---F-m .
dff1b3f831 none ----t- .
eddb205790 none --I--- .
857d1b2135 none ----t- .
760ad22ce4 none PM---m .
== archive/tf-hcl/Pr103
4eb1119c76 none ------ archive/tf-hcl/Pr103 <- .
bac9db388c none --IF-m .
34d9b3ce9f 8 --I--- .
69d45bdc10 8 ---F-m .
0301b9f765 none --I--- .
664c40892e none -M---m .
cc6679d598 none P----- .
== subcategory-references/security-configuration-as-code/Pr108
fdeb9d34fc none ------ subcategory-references/security-configuration-as-code/Pr108 <- .
5bf6a3c219 none ---F-m .
e0495f59a0 9 --IF-- .
1006bd1a9a 9 -M---- .
c6c132d776 9 P----m .
'
expect_eq "every task's lineage, exactly" "$want" "$got"

# The same revisions, from git: the commits of the task's branch that
# changed its documents.
cd "$T/demo"
docs=":(glob)lib/PROMPT*.md :(glob)lib/MODEL_RESPONSE*.md :(glob)lib/IDEAL_RESPONSE*.md :(glob)lib/MODEL_FAILURES*.md metadata.json"
oracle() {
	if [ "$1" = . ]; then
		last=$(git rev-list --first-parent --merges -1 HEAD)
		# shellcheck disable=SC2086
		git log --format=%h --abbrev=10 "$last..HEAD" -- $docs
		return
	fi
	moved=$(git log --format=%H --reverse -- "$1" | head -1)
	for m in $(git rev-list --first-parent --merges --reverse HEAD); do
		git merge-base --is-ancestor "$moved" "$m" && break
	done
	git rev-parse --short=10 "$moved"
	# shellcheck disable=SC2086
	git log --format=%h --abbrev=10 "$moved^" "^$m^1" -- $docs
}
from_git=""
for t in $("$IACREV" tasks | awk '{ print $1 }'); do
	from_git="$from_git== $t
$(oracle "$t")
"
done
from_git=$(printf '%s' "$from_git")
expect_eq "the revisions are git's" "$from_git" "$(printf '%s' "$got" | awk '$1 == "==" { print; next } { print $1 }')"

# The score at each revision is the one the tasks list shows at that
# revision ("-" there: no metadata.json, or one that cannot be read).
printf '%s' "$got" | while read -r id score marks path rest; do
	case $id in ==) continue ;; esac
	[ "$path" = . ] || continue
	listed=$("$IACREV" --rev "$id" tasks | awk '$1 == "." { print $5 }')
	case "$listed/$score" in
	-/none | -/!) ;;
	"$score/$score") ;;
	*) fail "score at $id: the tasks list says $listed, the history $score" ;;
	esac
done
