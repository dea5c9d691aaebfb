/* core/notes: canonical notes, any layout read, 2/38 written, trap 1,
 * compare-and-swap under concurrent writers, union merge, and the same
 * tree as `git notes merge -s cat_sort_uniq`. */
#include "testlib.h"

#include <sys/wait.h>

#include "../../core/buf.h"
#include "../../core/notes.h"

#define REF "refs/notes/iacrev"

static git_signature *sig;

static struct notes_write_opts opts(const char *ref)
{
	struct notes_write_opts o = { ref, "iacrev: test", sig, 5000, NULL };
	return o;
}

static git_oid fake_oid(const char *hex)
{
	git_oid id;
	assert_int_equal(git_oid_fromstr(&id, hex), 0);
	return id;
}

static git_oid obj_n(int n)
{
	char s[32];
	snprintf(s, sizeof(s), "annotated %d", n);
	return fx_blob_id(s);
}

/* The note of object in the ref's tip, read with the layout-independent
 * listing ("" when none). */
static char *note_of(struct fx_repo *fx, const char *ref, const git_oid *object)
{
	git_oid tip;
	if (notes_tip(fx->git, ref, &tip) != 1)
		return xstrdup("");
	struct notes_list l;
	assert_int_equal(notes_list_commit(fx->git, &tip, &l), 0);
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < l.n; i++) {
		if (!git_oid_equal(&l.v[i].object, object))
			continue;
		git_blob *blob = NULL;
		assert_int_equal(git_blob_lookup(&blob, fx->git, &l.v[i].blob), 0);
		buf_put(&b, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
		git_blob_free(blob);
	}
	notes_list_free(&l);
	buf_putc(&b, '\0');
	char *s = xstrdup(b.ptr);
	buf_free(&b);
	return s;
}

static void canonical_form(void **state)
{
	(void)state;
	struct buf out = BUF_INIT;
	const char *texts[] = { "zeta\n\nbeta\nalpha", "gamma\nbeta\n\n\ndelta\n" };
	size_t lens[] = { strlen(texts[0]), strlen(texts[1]) };
	notes_canonical(&out, texts, lens, 2);
	/* the blob git 2.39's cat_sort_uniq made from these inputs */
	assert_string_equal(buf_cstr(&out), "alpha\nbeta\ndelta\ngamma\nzeta\n");
	assert_true(notes_is_canonical(out.ptr, out.len));
	assert_false(notes_is_canonical("b\na\n", 4));
	assert_false(notes_is_canonical("a\na\n", 4));
	assert_false(notes_is_canonical("a\n\nb\n", 5));
	assert_false(notes_is_canonical("a", 1));
	assert_true(notes_is_canonical("", 0));
	/* bytewise order: "{" sorts after letters, a prefix sorts first */
	const char *t2[] = { "{\"v\":1}\nab\na\n" };
	size_t l2[] = { strlen(t2[0]) };
	notes_canonical(&out, t2, l2, 1);
	assert_string_equal(buf_cstr(&out), "a\nab\n{\"v\":1}\n");
	buf_free(&out);
	char p[GIT_OID_HEXSZ + 2];
	git_oid x = fake_oid("0b7b5ed6aa000000000000000000000000000001");
	notes_path(p, &x);
	assert_string_equal(p, "0b/7b5ed6aa000000000000000000000000000001");
}

static void add_lines_writes_2_38_and_unions(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	struct notes_write_opts o = opts(REF);
	git_oid x = obj_n(1), y = obj_n(2), c1, c2, c3;
	const char *l1[] = { "{\"v\":1,\"b\":2}" };
	const char *l2[] = { "{\"v\":1,\"a\":1}", "" };
	assert_int_equal(notes_add_lines(fx->git, &o, &x, l1, 1, &c1), 0);
	assert_int_equal(notes_add_lines(fx->git, &o, &x, l2, 2, &c2), 0);
	assert_int_equal(notes_add_lines(fx->git, &o, &y, l1, 1, &c3), 0);
	char *n = note_of(fx, REF, &x);
	assert_string_equal(n, "{\"v\":1,\"a\":1}\n{\"v\":1,\"b\":2}\n");
	free(n);
	/* a line already there adds no commit */
	git_oid c4;
	assert_int_equal(notes_add_lines(fx->git, &o, &x, l1, 1, &c4), 0);
	assert_true(git_oid_equal(&c3, &c4));
	/* the history is linear: c3 → c2 → c1 */
	git_commit *c = NULL;
	assert_int_equal(git_commit_lookup(&c, fx->git, &c3), 0);
	assert_int_equal(git_commit_parentcount(c), 1);
	assert_true(git_oid_equal(git_commit_parent_id(c, 0), &c2));
	git_commit_free(c);
	struct notes_list l;
	assert_int_equal(notes_list_commit(fx->git, &c3, &l), 0);
	assert_int_equal(l.n, 2);
	assert_true(l.canonical_layout);
	char p[GIT_OID_HEXSZ + 2];
	notes_path(p, &x);
	bool found = false;
	for (size_t i = 0; i < l.n; i++)
		found |= strcmp(l.v[i].path, p) == 0;
	assert_true(found);
	notes_list_free(&l);
	/* git reads what iacrev wrote */
	char hex[GIT_OID_HEXSZ + 1];
	char *cmd = xasprintf("git -C '%s' notes --ref=iacrev show %s", fx->dir,
			      git_oid_tostr(hex, sizeof(hex), &x));
	FILE *f = popen(cmd, "r");
	char line[256];
	assert_non_null(fgets(line, sizeof(line), f));
	assert_string_equal(line, "{\"v\":1,\"a\":1}\n");
	pclose(f);
	free(cmd);
	/* no newline inside a line; nothing to add is refused */
	const char *bad[] = { "a\nb" };
	assert_int_equal(notes_add_lines(fx->git, &o, &x, bad, 1, NULL), ERR_USAGE);
	const char *empty[] = { "" };
	assert_int_equal(notes_add_lines(fx->git, &o, &x, empty, 1, NULL), ERR_USAGE);
	fx_repo_free(fx);
}

static git_oid blob_of(struct fx_repo *fx, const char *s)
{
	git_oid id;
	assert_int_equal(git_blob_create_from_buffer(&id, fx->git, s, strlen(s)), 0);
	return id;
}

static git_oid commit_tree_as_ref(struct fx_repo *fx, const char *ref, git_treebuilder *root)
{
	git_oid tree_id, id;
	assert_int_equal(git_treebuilder_write(&tree_id, root), 0);
	git_tree *tree = NULL;
	assert_int_equal(git_tree_lookup(&tree, fx->git, &tree_id), 0);
	assert_int_equal(git_commit_create(&id, fx->git, ref, sig, sig, NULL, "layout", tree, 0, NULL), 0);
	git_tree_free(tree);
	return id;
}

/* libgit2-facts.md trap 1: a flat note hidden by a same-prefix directory. */
static void trap1_flat_note_beside_directory(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	const char *xhex = "0b7b5ed6aa000000000000000000000000000001";
	const char *yhex = "0b00000000000000000000000000000000000002";
	git_oid x = fake_oid(xhex), y = fake_oid(yhex);
	git_treebuilder *root = NULL, *dir = NULL;
	assert_int_equal(git_treebuilder_new(&root, fx->git, NULL), 0);
	assert_int_equal(git_treebuilder_new(&dir, fx->git, NULL), 0);
	git_oid bx = blob_of(fx, "note-for-X\n"), by = blob_of(fx, "note-for-Y\n"), dir_id;
	assert_int_equal(git_treebuilder_insert(NULL, dir, yhex + 2, &by, GIT_FILEMODE_BLOB), 0);
	assert_int_equal(git_treebuilder_write(&dir_id, dir), 0);
	assert_int_equal(git_treebuilder_insert(NULL, root, "0b", &dir_id, GIT_FILEMODE_TREE), 0);
	assert_int_equal(git_treebuilder_insert(NULL, root, xhex, &bx, GIT_FILEMODE_BLOB), 0);
	commit_tree_as_ref(fx, REF, root);
	git_treebuilder_free(dir);
	git_treebuilder_free(root);

	/* the trap itself: libgit2's own lookup does not find X */
	git_note *gn = NULL;
	assert_int_equal(git_note_read(&gn, fx->git, REF, &x), GIT_ENOTFOUND);

	char *n = note_of(fx, REF, &x);
	assert_string_equal(n, "note-for-X\n");
	free(n);
	struct notes_write_opts o = opts(REF);
	const char *add[] = { "second-for-X" };
	assert_int_equal(notes_add_lines(fx->git, &o, &x, add, 1, NULL), 0);
	/* nothing lost, and the tree is pure 2/38 now */
	n = note_of(fx, REF, &x);
	assert_string_equal(n, "note-for-X\nsecond-for-X\n");
	free(n);
	n = note_of(fx, REF, &y);
	assert_string_equal(n, "note-for-Y\n");
	free(n);
	git_oid tip;
	assert_int_equal(notes_tip(fx->git, REF, &tip), 1);
	struct notes_list l;
	assert_int_equal(notes_list_commit(fx->git, &tip, &l), 0);
	assert_int_equal(l.n, 2);
	assert_true(l.canonical_layout);
	notes_list_free(&l);
	assert_int_equal(git_note_read(&gn, fx->git, REF, &x), 0);
	assert_string_equal(git_note_message(gn), "note-for-X\nsecond-for-X\n");
	git_note_free(gn);
	fx_repo_free(fx);
}

/* A deeper fanout (git's for very many notes), a note of one object at two
 * paths, and a non-note entry: rewritten into 2/38 in one commit. */
static void other_layouts_rewritten_in_one_commit(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	const char *ahex = "abcdef0000000000000000000000000000000001";
	git_oid a = fake_oid(ahex), other = obj_n(7);
	git_treebuilder *root = NULL, *ab = NULL, *cd = NULL;
	assert_int_equal(git_treebuilder_new(&root, fx->git, NULL), 0);
	assert_int_equal(git_treebuilder_new(&ab, fx->git, NULL), 0);
	assert_int_equal(git_treebuilder_new(&cd, fx->git, NULL), 0);
	git_oid b1 = blob_of(fx, "deep\n"), b2 = blob_of(fx, "flat\nzz\n"), b3 = blob_of(fx, "readme\n");
	git_oid t;
	assert_int_equal(git_treebuilder_insert(NULL, cd, ahex + 4, &b1, GIT_FILEMODE_BLOB), 0);
	assert_int_equal(git_treebuilder_write(&t, cd), 0);
	assert_int_equal(git_treebuilder_insert(NULL, ab, "cd", &t, GIT_FILEMODE_TREE), 0);
	assert_int_equal(git_treebuilder_write(&t, ab), 0);
	assert_int_equal(git_treebuilder_insert(NULL, root, "ab", &t, GIT_FILEMODE_TREE), 0);
	assert_int_equal(git_treebuilder_insert(NULL, root, ahex, &b2, GIT_FILEMODE_BLOB), 0);
	assert_int_equal(git_treebuilder_insert(NULL, root, "README", &b3, GIT_FILEMODE_BLOB), 0);
	git_oid before = commit_tree_as_ref(fx, REF, root);
	git_treebuilder_free(cd);
	git_treebuilder_free(ab);
	git_treebuilder_free(root);

	struct notes_list l;
	assert_int_equal(notes_list_commit(fx->git, &before, &l), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.non_notes, 1);
	assert_false(l.canonical_layout);
	notes_list_free(&l);

	/* a write to another object still converts the whole tree */
	struct notes_write_opts o = opts(REF);
	const char *add[] = { "x" };
	git_oid after;
	assert_int_equal(notes_add_lines(fx->git, &o, &other, add, 1, &after), 0);
	git_commit *c = NULL;
	assert_int_equal(git_commit_lookup(&c, fx->git, &after), 0);
	assert_true(git_oid_equal(git_commit_parent_id(c, 0), &before));
	git_commit_free(c);
	assert_int_equal(notes_list_commit(fx->git, &after, &l), 0);
	assert_int_equal(l.n, 2);
	assert_true(l.canonical_layout);
	assert_int_equal(l.non_notes, 1); /* README kept */
	notes_list_free(&l);
	char *n = note_of(fx, REF, &a);
	assert_string_equal(n, "deep\nflat\nzz\n");
	free(n);
	fx_repo_free(fx);
}

static void concurrent_writers_all_land(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	enum { PROCS = 4, EACH = 40 };
	for (int p = 0; p < PROCS; p++) {
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			git_repository *g = NULL;
			if (git_repository_open(&g, fx->dir) < 0)
				_exit(3);
			struct notes_write_opts o = opts(REF);
			for (int i = 0; i < EACH; i++) {
				char line[64];
				snprintf(line, sizeof(line), "proc %d save %02d", p, i);
				const char *lines[] = { line };
				git_oid obj = obj_n(i % 3);
				if (notes_add_lines(g, &o, &obj, lines, 1, NULL) < 0) {
					fprintf(stderr, "%s\n", err_msg());
					_exit(1);
				}
			}
			git_repository_free(g);
			_exit(0);
		}
	}
	for (int p = 0; p < PROCS; p++) {
		int st;
		assert_true(wait(&st) > 0);
		assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	size_t lines = 0;
	for (int i = 0; i < 3; i++) {
		git_oid obj = obj_n(i);
		char *n = note_of(fx, REF, &obj);
		for (char *p = n; *p; p++)
			lines += *p == '\n';
		assert_true(notes_is_canonical(n, strlen(n)));
		free(n);
	}
	assert_int_equal(lines, PROCS * EACH);
	fx_repo_free(fx);
}

static void merge_cases(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	struct notes_write_opts oa = opts("refs/notes/a"), ob = opts("refs/notes/b");
	git_oid x = obj_n(1), y = obj_n(2), z = obj_n(3), base, ta, tb, out;
	const char *l0[] = { "base" }, *la[] = { "from a" }, *lb[] = { "from b" };
	assert_int_equal(notes_add_lines(fx->git, &oa, &x, l0, 1, &base), 0);
	git_reference *r = NULL;
	assert_int_equal(git_reference_create(&r, fx->git, "refs/notes/b", &base, 0, NULL), 0);
	git_reference_free(r);
	/* b ahead: fast-forward a */
	assert_int_equal(notes_add_lines(fx->git, &ob, &y, lb, 1, &tb), 0);
	int result = -1;
	assert_int_equal(notes_merge(fx->git, &oa, &tb, &result, &out), 0);
	assert_int_equal(result, 1);
	assert_true(git_oid_equal(&out, &tb));
	/* up to date */
	assert_int_equal(notes_merge(fx->git, &oa, &base, &result, &out), 0);
	assert_int_equal(result, 0);
	/* diverged: a union */
	assert_int_equal(notes_add_lines(fx->git, &oa, &x, la, 1, &ta), 0);
	assert_int_equal(notes_add_lines(fx->git, &oa, &z, la, 1, &ta), 0);
	assert_int_equal(notes_add_lines(fx->git, &ob, &x, lb, 1, &tb), 0);
	assert_int_equal(notes_merge(fx->git, &oa, &tb, &result, &out), 0);
	assert_int_equal(result, 2);
	git_commit *c = NULL;
	assert_int_equal(git_commit_lookup(&c, fx->git, &out), 0);
	assert_int_equal(git_commit_parentcount(c), 2);
	assert_true(git_oid_equal(git_commit_parent_id(c, 0), &ta));
	assert_true(git_oid_equal(git_commit_parent_id(c, 1), &tb));
	git_commit_free(c);
	char *n = note_of(fx, "refs/notes/a", &x);
	assert_string_equal(n, "base\nfrom a\nfrom b\n");
	free(n);
	n = note_of(fx, "refs/notes/a", &y);
	assert_string_equal(n, "from b\n");
	free(n);
	n = note_of(fx, "refs/notes/a", &z);
	assert_string_equal(n, "from a\n");
	free(n);
	/* merging again changes nothing */
	assert_int_equal(notes_merge(fx->git, &oa, &tb, &result, &out), 0);
	assert_int_equal(result, 0);
	fx_repo_free(fx);
}

static char *run_out(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char line[256] = "";
	if (!fgets(line, sizeof(line), p))
		line[0] = '\0';
	assert_int_equal(pclose(p), 0);
	line[strcspn(line, "\n")] = '\0';
	return xstrdup(line);
}

/* reviews-in-git.md §5.5: git's cat_sort_uniq merge of notes that iacrev
 * wrote gives the same tree as iacrev's union merge.  With enough notes
 * that git writes 2/38 too (for a handful git writes flat; see the CLI
 * interop test, which compares the records). */
static void same_tree_as_git_notes_merge(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	struct notes_write_opts oa = opts("refs/notes/a"), ob = opts("refs/notes/b");
	git_oid base;
	enum { N = 300 };
	for (int i = 0; i < N; i++) {
		git_oid obj = obj_n(i);
		char line[64];
		snprintf(line, sizeof(line), "{\"v\":1,\"base\":%d}", i);
		const char *lines[] = { line };
		assert_int_equal(notes_add_lines(fx->git, &oa, &obj, lines, 1, &base), 0);
	}
	git_reference *r = NULL;
	assert_int_equal(git_reference_create(&r, fx->git, "refs/notes/b", &base, 0, NULL), 0);
	git_reference_free(r);
	/* both sides add, to shared and to their own objects */
	for (int i = 0; i < 60; i++) {
		char line[64];
		git_oid oa_obj = obj_n(i * 5 % (N + 40)), ob_obj = obj_n(i * 7 % (N + 40));
		snprintf(line, sizeof(line), "{\"v\":1,\"a\":%d}", i);
		const char *l1[] = { line };
		assert_int_equal(notes_add_lines(fx->git, &oa, &oa_obj, l1, 1, NULL), 0);
		snprintf(line, sizeof(line), "{\"v\":1,\"b\":%d}", i);
		const char *l2[] = { line };
		assert_int_equal(notes_add_lines(fx->git, &ob, &ob_obj, l2, 1, NULL), 0);
	}
	git_oid ta, tb, ours_tree;
	assert_int_equal(notes_tip(fx->git, "refs/notes/a", &ta), 1);
	assert_int_equal(notes_tip(fx->git, "refs/notes/b", &tb), 1);
	assert_int_equal(notes_union_tree(fx->git, &ta, &tb, &ours_tree), 0);
	char *cmd = xasprintf("cd '%s' && git -c user.name=T -c user.email=t@example.org "
			      "notes --ref=a merge -q -s cat_sort_uniq refs/notes/b && "
			      "git rev-parse 'refs/notes/a^{tree}'", fx->dir);
	char *git_tree = run_out(cmd);
	free(cmd);
	char hex[GIT_OID_HEXSZ + 1];
	assert_string_equal(git_oid_tostr(hex, sizeof(hex), &ours_tree), git_tree);
	free(git_tree);
	fx_repo_free(fx);
}

static int setup(void **state)
{
	fx_setup_global(state);
	return git_signature_new(&sig, "Ada L.", "ada@example.org", 1751364000, 0);
}

static int teardown(void **state)
{
	git_signature_free(sig);
	return fx_teardown_global(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(canonical_form),
		cmocka_unit_test(add_lines_writes_2_38_and_unions),
		cmocka_unit_test(trap1_flat_note_beside_directory),
		cmocka_unit_test(other_layouts_rewritten_in_one_commit),
		cmocka_unit_test(concurrent_writers_all_land),
		cmocka_unit_test(merge_cases),
		cmocka_unit_test(same_tree_as_git_notes_merge),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
