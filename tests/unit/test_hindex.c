/* The history index: task-level tree diffs, incremental updates, rebuilds
 * after rewritten history and after damage, steps, and its file. */
#include "histlib.h"

#include <fcntl.h>

#include "../../core/hdiff.h"
#include "../../core/hindex.h"

/* hdiff */

struct got {
	char path[128];
	unsigned mask;
};

struct gots {
	struct got v[16];
	size_t n;
};

static int collect(const struct hdiff_change *c, void *payload)
{
	struct gots *g = payload;
	assert_true(g->n < 16);
	snprintf(g->v[g->n].path, sizeof(g->v[g->n].path), "%s", c->path);
	g->v[g->n++].mask = c->mask;
	return 0;
}

static unsigned mask_of(const struct gots *g, const char *path)
{
	for (size_t i = 0; i < g->n; i++)
		if (strcmp(g->v[i].path, path) == 0)
			return g->v[i].mask;
	return 0;
}

static void diff_states(struct fx_repo *fx, const struct state *a, const struct state *b,
			struct gots *g, struct hdiff_stats *st)
{
	git_oid ta = st_commit1(fx, NULL, NULL, a, "a"), tb = st_commit1(fx, NULL, NULL, b, "b");
	git_tree *x = NULL, *y = NULL;
	assert_int_equal(repo_commit_tree(fx->repo, &ta, &x), 0);
	assert_int_equal(repo_commit_tree(fx->repo, &tb, &y), 0);
	memset(g, 0, sizeof(*g));
	git_odb *odb = NULL;
	assert_int_equal(git_repository_odb(&odb, fx->git), 0);
	assert_int_equal(hdiff_trees(odb, a->n ? git_tree_id(x) : NULL, git_tree_id(y), collect, g, st), 0);
	git_odb_free(odb);
	git_tree_free(x);
	git_tree_free(y);
}

static void diff_masks(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	struct state a = { 0 }, b = { 0 };
	st_set(&a, "lib/PROMPT.md", "root\n");
	st_set(&a, "lib/code.ts", "x\n");
	st_set(&a, "README.md", "r\n");
	st_set(&a, "archive/x/Pr1/lib/PROMPT.md", "p\n");
	st_set(&a, "archive/x/Pr1/lib/MODEL_FAILURES.md", "f\n");
	st_set(&a, "archive/x/Pr1/metadata.json", "{}");
	st_set(&a, "archive/x/Pr1/test/t.ts", "t\n");
	st_set(&a, "archive/x/Pr2/metadata.json", "{}");
	st_set(&a, "archive/x/Pr3/lib/PROMPT.md", "3\n");
	st_set(&a, "templates/x/lib/PROMPT.md", "Insert here\n");
	st_copy(&b, &a);
	st_set(&b, "README.md", "changed\n");                        /* not a task's */
	st_set(&b, "lib/code.ts", "y\n");                            /* the root's lib/ */
	st_set(&b, "archive/x/Pr1/lib/MODEL_FAILURES.md", "g\n");
	st_set(&b, "archive/x/Pr1/lib/PROMPT2.md", "turn 2\n");
	st_set(&b, "archive/x/Pr1/metadata.json", "{\"training_quality\":9}");
	st_set(&b, "archive/x/Pr1/test/t.ts", "u\n");
	st_del(&b, "archive/x/Pr2/metadata.json");
	st_set(&b, "archive/x/Pr2/notes.txt", "n\n");                /* Pr2 stops being a task */
	st_set(&b, "archive/y/Pr4/lib/IDEAL_RESPONSE.md", "i\n");    /* a new task */
	st_set(&b, "templates/x/lib/PROMPT.md", "Insert there\n");   /* never a task */
	st_set(&b, ".github/x/lib/PROMPT.md", "hidden\n");
	struct gots g;
	struct hdiff_stats st = { 0, 0, NULL };
	diff_states(fx, &a, &b, &g, &st);
	assert_int_equal(g.n, 4);
	assert_int_equal(mask_of(&g, ""), HC_OTHER);
	assert_int_equal(mask_of(&g, "archive/x/Pr1"), HC_FAILURES | HC_TURNS | HC_META | HC_OTHER);
	assert_int_equal(mask_of(&g, "archive/x/Pr2"), HC_META | HC_OTHER | HC_DELETED);
	assert_int_equal(mask_of(&g, "archive/y/Pr4"), HC_IDEAL | HC_ADDED);
	assert_int_equal(mask_of(&g, "archive/x/Pr3"), 0);
	assert_int_equal(st.missing_trees, 0);
	/* from nothing: every task is added with all its documents */
	struct state none = { 0 };
	diff_states(fx, &none, &a, &g, &st);
	assert_int_equal(g.n, 4);
	assert_int_equal(mask_of(&g, "archive/x/Pr1"),
			 HC_PROMPT | HC_FAILURES | HC_META | HC_OTHER | HC_ADDED);
	assert_int_equal(mask_of(&g, ""), HC_PROMPT | HC_OTHER | HC_ADDED);
	st_free(&a);
	st_free(&b);
	fx_repo_free(fx);
}

/* The index. */

struct chain {
	struct fx_repo *fx;
	struct state st;
	git_oid tips[64];
	size_t n;
};

static void chain_init(struct chain *c)
{
	memset(c, 0, sizeof(*c));
	c->fx = fx_repo_new(0);
}

static void chain_free(struct chain *c)
{
	st_free(&c->st);
	fx_repo_free(c->fx);
}

/* n commits on main, each revising one of three tasks. */
static void grow(struct chain *c, size_t n, const char *tag)
{
	for (size_t i = 0; i < n; i++) {
		char path[64], text[64];
		snprintf(path, sizeof(path), "archive/x/Pr%zu/metadata.json", (c->n + i) % 3);
		snprintf(text, sizeof(text), "{\"training_quality\":%zu,\"tag\":\"%s\"}", c->n + i, tag);
		st_set(&c->st, path, text);
		git_oid *parent = c->n ? &c->tips[c->n - 1] : NULL;
		c->tips[c->n] = st_commit1(c->fx, "refs/heads/main", parent, &c->st, text);
		c->n++;
	}
	hl_head_main(c->fx);
}

static struct hindex *open_update(struct fx_repo *fx, const git_oid *tip)
{
	struct hindex *ix = NULL;
	assert_int_equal(hindex_open(&ix, fx->repo), 0);
	assert_int_equal(hindex_update(ix, fx->repo, tip, "refs/heads/main"), 0);
	assert_null(hindex_save_error(ix));
	return ix;
}

/* Two indexes hold the same commits with the same parents and records. */
static void expect_same(const struct hindex *a, const struct hindex *b)
{
	assert_int_equal(a->ncommits, b->ncommits);
	assert_int_equal(a->nrecs, b->nrecs);
	for (uint32_t i = 0; i < a->ncommits; i++) {
		uint32_t j = hindex_find(b, &a->oids[i]);
		assert_int_not_equal(j, HX_NONE);
		assert_int_equal(a->gens[i], b->gens[j]);
		assert_int_equal(hindex_nparents(a, i), hindex_nparents(b, j));
		for (uint32_t k = 0; k < hindex_nparents(a, i); k++)
			assert_true(git_oid_equal(&a->oids[hindex_parent(a, i, k)],
						  &b->oids[hindex_parent(b, j, k)]));
		assert_int_equal(a->rec_off[i + 1] - a->rec_off[i], b->rec_off[j + 1] - b->rec_off[j]);
		for (uint32_t r = a->rec_off[i]; r < a->rec_off[i + 1]; r++) {
			const char *p = hindex_path(a, a->recs[r].path);
			const struct hx_rec *o = hindex_rec(b, j, hindex_path_find(b, p, strlen(p)));
			assert_non_null(o);
			assert_int_equal(o->mask, a->recs[r].mask);
			assert_true(git_oid_equal(&o->tree, &a->recs[r].tree));
		}
	}
}

static void incremental_update_equals_build(void **state)
{
	(void)state;
	struct chain c;
	chain_init(&c);
	grow(&c, 10, "a");
	struct hindex *ix = open_update(c.fx, &c.tips[9]);
	assert_string_equal(hindex_status(ix), "built: 10 commits (there was no index yet)");
	hindex_free(ix);
	/* reused while valid */
	ix = open_update(c.fx, &c.tips[9]);
	assert_string_equal(hindex_status(ix), "loaded: 10 commits");
	/* the branch moves forward: extended, not rebuilt */
	grow(&c, 5, "b");
	assert_false(hindex_covers(ix, &c.tips[14]));
	assert_int_equal(hindex_update(ix, c.fx->repo, &c.tips[14], "refs/heads/main"), 0);
	assert_string_equal(hindex_status(ix), "extended by 5 commits to 15");
	assert_int_equal(ix->ncommits, 15);
	hindex_free(ix);
	/* the same as a build from nothing, and as the file says */
	ix = open_update(c.fx, &c.tips[14]);
	assert_string_equal(hindex_status(ix), "loaded: 15 commits");
	char *file = xasprintf("%s/.git/iacrev/history.idx", c.fx->dir);
	assert_int_equal(unlink(file), 0);
	struct hindex *fresh = open_update(c.fx, &c.tips[14]);
	assert_string_equal(hindex_status(fresh), "built: 15 commits (there was no index yet)");
	expect_same(ix, fresh);
	expect_same(fresh, ix);
	free(file);
	hindex_free(fresh);
	hindex_free(ix);
	chain_free(&c);
}

static void rewritten_history_rebuilds(void **state)
{
	(void)state;
	struct chain c;
	chain_init(&c);
	grow(&c, 8, "a");
	struct hindex *ix = open_update(c.fx, &c.tips[7]);
	/* an amended tip: one commit dropped of nine, extended */
	c.n--;
	grow(&c, 1, "amended");
	assert_int_equal(hindex_update(ix, c.fx->repo, &c.tips[7], "refs/heads/main"), 0);
	assert_string_equal(hindex_status(ix), "extended by 1 commit to 9");
	/* everything rewritten (a filter-branch): rebuilt, the old commits gone */
	git_oid old_tip = c.tips[7];
	c.n = 0;
	grow(&c, 6, "rewritten");
	assert_int_equal(hindex_update(ix, c.fx->repo, &c.tips[5], "refs/heads/main"), 0);
	assert_non_null(strstr(hindex_status(ix), "rebuilt: 6 commits (history was rewritten"));
	assert_int_equal(ix->ncommits, 6);
	assert_int_equal(hindex_find(ix, &old_tip), HX_NONE);
	assert_true(hindex_covers(ix, &c.tips[5]));
	hindex_free(ix);
	ix = open_update(c.fx, &c.tips[5]);
	assert_string_equal(hindex_status(ix), "loaded: 6 commits");
	assert_int_equal(ix->ntips, 1);
	assert_string_equal(ix->tips[0].ref, "refs/heads/main");
	hindex_free(ix);
	chain_free(&c);
}

/* Damage the index file at `offset` (from the end when negative) or cut it. */
static void damage(const char *file, long offset, int cut)
{
	int fd = open(file, O_RDWR);
	assert_true(fd >= 0);
	off_t size = lseek(fd, 0, SEEK_END);
	if (cut) {
		assert_int_equal(ftruncate(fd, size - cut), 0);
	} else {
		off_t at = offset < 0 ? size + offset : offset;
		unsigned char byte;
		assert_int_equal(pread(fd, &byte, 1, at), 1);
		byte ^= 0x40;
		assert_int_equal(pwrite(fd, &byte, 1, at), 1);
	}
	close(fd);
}

static void damaged_file_rebuilds(void **state)
{
	(void)state;
	struct chain c;
	chain_init(&c);
	grow(&c, 6, "a");
	char *file = xasprintf("%s/.git/iacrev/history.idx", c.fx->dir);
	static const struct {
		long offset;
		int cut;
		const char *why;
	} cases[] = {
		{ -30, 0, "the index file is corrupt (checksum mismatch)" },
		{ 200, 0, "the index file is corrupt (checksum mismatch)" },
		{ 0, 8, "the index file is corrupt (its size does not match its header)" },
		{ 2, 0, "the index file is not an iacrev history index" },
		{ 8, 0, "the index was written by another version of iacrev (format 65, this is 1)" },
	};
	for (size_t i = 0; i < FX_COUNT(cases); i++) {
		struct hindex *ix = open_update(c.fx, &c.tips[5]);
		assert_int_equal(ix->ncommits, 6);
		hindex_free(ix);
		damage(file, cases[i].offset, cases[i].cut);
		assert_int_equal(hindex_open(&ix, c.fx->repo), 0);
		assert_string_equal(hindex_status(ix), cases[i].why);
		assert_int_equal(ix->ncommits, 0);
		assert_false(hindex_covers(ix, &c.tips[5]));
		assert_int_equal(hindex_update(ix, c.fx->repo, &c.tips[5], "refs/heads/main"), 0);
		char *want = xasprintf("built: 6 commits (%s)", cases[i].why);
		assert_string_equal(hindex_status(ix), want);
		free(want);
		hindex_free(ix);
	}
	/* a file that passes the checksum but lies: caught by validation */
	struct hindex *ix = open_update(c.fx, &c.tips[5]);
	hindex_own(ix); /* the loaded arrays are a read-only mapping */
	ix->recs[0].path = 999;
	assert_int_equal(hindex_save(ix), 0);
	hindex_free(ix);
	assert_int_equal(hindex_open(&ix, c.fx->repo), 0);
	assert_string_equal(hindex_status(ix), "the index file is corrupt (a change record is out of range)");
	hindex_free(ix);
	free(file);
	chain_free(&c);
}

static void steps_leave_the_old_state_readable(void **state)
{
	(void)state;
	struct chain c;
	chain_init(&c);
	grow(&c, 4, "a");
	struct hindex *ix = open_update(c.fx, &c.tips[3]);
	grow(&c, 20, "b");
	struct hindex_update *u = NULL;
	assert_int_equal(hindex_update_new(&u, ix, c.fx->repo, &c.tips[23], "refs/heads/main"), 0);
	int rc, steps = 0;
	bool walked = false, compared = false;
	size_t last_done = 0;
	while ((rc = hindex_update_step(u, 1)) > 0) {
		struct hindex_progress p;
		hindex_update_progress(u, &p);
		if (strcmp(p.phase, "reading commits") == 0) {
			assert_false(compared);
			walked = true;
		} else if (strcmp(p.phase, "comparing trees") == 0) {
			compared = true;
			assert_int_equal(p.total, 20);
			assert_true(p.done >= last_done);
			last_done = p.done;
		}
		/* queries meanwhile answer from the previous state */
		assert_true(hindex_covers(ix, &c.tips[3]));
		assert_false(hindex_covers(ix, &c.tips[23]));
		steps++;
	}
	assert_int_equal(rc, 0);
	assert_true(walked && compared);
	assert_true(steps >= 30); /* a commit a step */
	assert_true(hindex_covers(ix, &c.tips[23]));
	struct hindex_progress p;
	hindex_update_progress(u, &p);
	assert_string_equal(p.phase, "done");
	hindex_update_free(u);
	hindex_free(ix);
	chain_free(&c);
}

static void thread_job(void **state)
{
	(void)state;
	struct chain c;
	chain_init(&c);
	grow(&c, 30, "a");
	struct hindex_job *job = NULL;
	assert_int_equal(hindex_job_start(&job, c.fx->repo, &c.tips[29], "refs/heads/main"), 0);
	struct hindex *got = NULL;
	struct hindex_progress p;
	int rc;
	while ((rc = hindex_job_poll(job, &p, &got)) > 0)
		usleep(1000);
	assert_int_equal(rc, 0);
	assert_non_null(got);
	assert_true(hindex_covers(got, &c.tips[29]));
	assert_string_equal(p.phase, "done");
	hindex_job_free(job);
	/* the file it saved is the same index */
	struct hindex *ix = open_update(c.fx, &c.tips[29]);
	assert_string_equal(hindex_status(ix), "loaded: 30 commits");
	expect_same(ix, got);
	hindex_free(ix);
	hindex_free(got);
	/* freed while running: cancelled, nothing leaks */
	char *file = xasprintf("%s/.git/iacrev/history.idx", c.fx->dir);
	unlink(file);
	free(file);
	assert_int_equal(hindex_job_start(&job, c.fx->repo, &c.tips[29], NULL), 0);
	hindex_job_free(job);
	chain_free(&c);
}

static void missing_parent_then_found(void **state)
{
	(void)state;
	struct chain c;
	chain_init(&c);
	grow(&c, 5, "a");
	/* move a commit's object away, as a shallow clone lacks it */
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), &c.tips[1]);
	char *obj = xasprintf("%s/.git/objects/%.2s/%s", c.fx->dir, hex, hex + 2);
	char *aside = xasprintf("%s.aside", obj);
	assert_int_equal(rename(obj, aside), 0);
	struct hindex *ix = open_update(c.fx, &c.tips[4]);
	assert_int_equal(ix->ncommits, 3);
	uint32_t cut = hindex_find(ix, &c.tips[2]);
	assert_true(ix->flags[cut] & HX_CUT);
	assert_int_equal(ix->nmissing, 1);
	assert_true(git_oid_equal(&ix->missing[0].parent, &c.tips[1]));
	hindex_free(ix);
	/* fetched deeper: the index is rebuilt with the whole history */
	assert_int_equal(rename(aside, obj), 0);
	assert_int_equal(hindex_open(&ix, c.fx->repo), 0);
	assert_string_equal(hindex_status(ix), "commits that were missing are now in the repository");
	assert_int_equal(hindex_update(ix, c.fx->repo, &c.tips[4], "refs/heads/main"), 0);
	assert_int_equal(ix->ncommits, 5);
	assert_int_equal(ix->nmissing, 0);
	hindex_free(ix);
	free(obj);
	free(aside);
	chain_free(&c);
}

static void save_failure_is_reported(void **state)
{
	(void)state;
	struct chain c;
	chain_init(&c);
	grow(&c, 2, "a");
	/* a file where the folder should be: the save fails, the index works */
	char *dir = xasprintf("%s/.git/iacrev", c.fx->dir);
	FILE *f = fopen(dir, "w");
	assert_non_null(f);
	fclose(f);
	struct hindex *ix = NULL;
	assert_int_equal(hindex_open(&ix, c.fx->repo), 0);
	assert_int_equal(hindex_update(ix, c.fx->repo, &c.tips[1], NULL), 0);
	assert_true(hindex_covers(ix, &c.tips[1]));
	assert_non_null(hindex_save_error(ix));
	assert_non_null(strstr(hindex_save_error(ix), "iacrev"));
	hindex_free(ix);
	free(dir);
	chain_free(&c);
}

static void empty_repository(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	struct hindex *ix = NULL;
	git_oid tip;
	assert_int_equal(hindex_load(&ix, fx->repo, NULL, &tip), ERR_NOTFOUND);
	assert_null(ix);
	assert_non_null(strstr(err_msg(), "no commits"));
	fx_repo_free(fx);
}

static void ref_names(void **state)
{
	(void)state;
	struct chain c;
	chain_init(&c);
	grow(&c, 2, "a");
	char *ref = hindex_ref_of(c.fx->repo, NULL);
	assert_string_equal(ref, "refs/heads/main");
	free(ref);
	ref = hindex_ref_of(c.fx->repo, "main");
	assert_string_equal(ref, "refs/heads/main");
	free(ref);
	assert_null(hindex_ref_of(c.fx->repo, "HEAD~1"));
	/* detached */
	assert_int_equal(git_repository_set_head_detached(c.fx->git, &c.tips[0]), 0);
	assert_null(hindex_ref_of(c.fx->repo, NULL));
	chain_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(diff_masks),
		cmocka_unit_test(incremental_update_equals_build),
		cmocka_unit_test(rewritten_history_rebuilds),
		cmocka_unit_test(damaged_file_rebuilds),
		cmocka_unit_test(steps_leave_the_old_state_readable),
		cmocka_unit_test(thread_job),
		cmocka_unit_test(missing_parent_then_found),
		cmocka_unit_test(save_failure_is_reported),
		cmocka_unit_test(empty_repository),
		cmocka_unit_test(ref_names),
	};
	return cmocka_run_group_tests(tests, fx_setup_global, fx_teardown_global);
}
