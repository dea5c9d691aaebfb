/* Lineages, the log and the last change, on repositories in the real shape:
 * tasks written at the root on a branch, revised, moved into archive/ and
 * merged; a second task reusing the root lib/; missing blobs; octopus and
 * conflicting merges; a mainline that keeps another task's root files. */
#include "histlib.h"

#include "../../core/hdiff.h"
#include "../../core/hindex.h"
#include "../../core/history.h"
#include "../../core/lastchange.h"
#include "../../views/log.h"

struct shape {
	struct fx_repo *fx;
	git_oid init, c1, c2, c3, c4, c5, c6, m1, M1, b1, b2, b3, M2, d1, M3;
};

#define META(tq) "{\"platform\":\"cdk\",\"language\":\"ts\"" tq "}"

/* The shape of tests/cli/log.sh, built with libgit2. */
static void build_shape(struct shape *sh)
{
	struct fx_repo *fx = sh->fx = fx_repo_new(0);
	struct state main_st = { 0 }, br = { 0 };
	st_set(&main_st, "README.md", "tasks\n");
	st_set(&main_st, "templates/cdk-ts/lib/PROMPT.md", "Insert here the prompt\n");
	sh->init = st_commit1(fx, "refs/heads/main", NULL, &main_st, "init");
	hl_head_main(fx);

	st_copy(&br, &main_st);
	st_set(&br, "lib/PROMPT.md", "Prompt A\n");
	st_set(&br, "metadata.json", META(""));
	sh->c1 = st_commit1(fx, NULL, &sh->init, &br, "A: prompt");
	st_set(&br, "lib/MODEL_RESPONSE.md", "model A\n");
	st_set(&br, "lib/IDEAL_RESPONSE.md", "ideal A\n");
	sh->c2 = st_commit1(fx, NULL, &sh->c1, &br, "A: responses");
	st_set(&br, "lib/MODEL_FAILURES.md", "### 1. fail A\n");
	st_set(&br, "metadata.json", META(",\"training_quality\":8"));
	sh->c3 = st_commit1(fx, NULL, &sh->c2, &br, "A: failures");
	st_set(&br, "lib/tap-stack.ts", "code\n");
	sh->c4 = st_commit1(fx, NULL, &sh->c3, &br, "A: code only");
	st_set(&br, "metadata.json", META(",\"training_quality\":9"));
	sh->c5 = st_commit1(fx, NULL, &sh->c4, &br, "A: tq 9");
	st_move_task(&br, "", "archive/cdk-ts/Pr1");
	sh->c6 = st_commit(fx, NULL, &sh->c5, 1, &br, "GitHub Actions Bot", "feat(cdk): archive Pr1");

	st_set(&main_st, "other.txt", "main moves\n");
	sh->m1 = st_commit1(fx, "refs/heads/main", &sh->init, &main_st, "main: unrelated");
	for (size_t i = 0; i < br.n; i++)
		if (strncmp(br.path[i], "archive/", 8) == 0)
			st_set(&main_st, br.path[i], br.content[i]);
	git_oid p[2] = { sh->m1, sh->c6 };
	sh->M1 = st_commit(fx, "refs/heads/main", p, 2, &main_st, NULL, "Merge pull request #1 from someone/pr1");

	st_copy(&br, &main_st);
	st_set(&br, "lib/PROMPT.md", "Prompt B\n");
	st_set(&br, "metadata.json", "{\"platform\":\"tf\",\"language\":\"hcl\"}");
	sh->b1 = st_commit1(fx, NULL, &sh->M1, &br, "B: prompt");
	st_set(&br, "lib/MODEL_FAILURES.md", "### 1. fail B\n");
	sh->b2 = st_commit1(fx, NULL, &sh->b1, &br, "B: failures");
	st_move_task(&br, "", "archive/tf-hcl/Pr2");
	sh->b3 = st_commit1(fx, NULL, &sh->b2, &br, "feat(tf): archive Pr2");
	st_copy(&main_st, &br);
	git_oid p2[2] = { sh->M1, sh->b3 };
	sh->M2 = st_commit(fx, "refs/heads/main", p2, 2, &main_st, NULL, "Merge pull request #2 from someone/pr2");

	st_copy(&br, &main_st);
	st_set(&br, "archive/cdk-ts/Pr1/metadata.json", META(",\"training_quality\":10"));
	sh->d1 = st_commit1(fx, NULL, &sh->M2, &br, "Pr1: review says 10");
	st_copy(&main_st, &br);
	git_oid p3[2] = { sh->M2, sh->d1 };
	sh->M3 = st_commit(fx, "refs/heads/main", p3, 2, &main_st, NULL, "Merge pull request #3 from someone/pr3");
	st_free(&main_st);
	st_free(&br);
}

static struct hindex *index_at(struct fx_repo *fx, const git_oid *tip)
{
	struct hindex *ix = NULL;
	assert_int_equal(hindex_open(&ix, fx->repo), 0);
	assert_int_equal(hindex_update(ix, fx->repo, tip, "refs/heads/main"), 0);
	assert_true(hindex_covers(ix, tip));
	return ix;
}

struct want {
	const git_oid *commit;
	const char *path;
	const char *from;    /* NULL: not moved */
	const char *mark;    /* lineage_docs_mark */
	const char *score;   /* lineage_score_text */
	bool created;
};

static void expect_lineage(const struct hist_lineage *l, const struct want *w, size_t n)
{
	for (size_t i = 0; i < l->n && i < n; i++) {
		char mark[8], score[16], a[GIT_OID_HEXSZ + 1], b[GIT_OID_HEXSZ + 1];
		lineage_docs_mark(&l->v[i], mark);
		lineage_score_text(&l->v[i].score, score);
		git_oid_tostr(a, sizeof(a), &l->v[i].commit);
		git_oid_tostr(b, sizeof(b), w[i].commit);
		if (strcmp(a, b) != 0)
			fprintf(stderr, "revision %zu: %s (%s), want %s\n", i, a, l->v[i].path, b);
		assert_string_equal(a, b);
		assert_string_equal(l->v[i].path, w[i].path);
		if (w[i].from)
			assert_string_equal(l->v[i].from ? l->v[i].from : "(null)", w[i].from);
		else
			assert_null(l->v[i].from);
		assert_string_equal(mark, w[i].mark);
		assert_string_equal(score, w[i].score);
		assert_int_equal(l->v[i].created, w[i].created);
	}
	assert_int_equal(l->n, n);
}

static void lineage_follows_branch_and_move(void **state)
{
	(void)state;
	struct shape sh;
	build_shape(&sh);
	struct hindex *ix = index_at(sh.fx, &sh.M3);
	struct hist_lineage l;
	assert_int_equal(hist_lineage(ix, sh.fx->repo, &sh.M3, "archive/cdk-ts/Pr1", &l), 0);
	const struct want a[] = {
		{ &sh.d1, "archive/cdk-ts/Pr1", NULL, "-----m", "10", false },
		{ &sh.c6, "archive/cdk-ts/Pr1", "", "------", "9", false },
		{ &sh.c5, "", NULL, "-----m", "9", false },
		{ &sh.c3, "", NULL, "---F-m", "8", false },
		{ &sh.c2, "", NULL, "-MI---", "none", false },
		{ &sh.c1, "", NULL, "P----m", "none", true },
	};
	expect_lineage(&l, a, FX_COUNT(a));
	assert_false(l.cut);
	/* statuses: c3 adds MODEL_FAILURES.md and modifies metadata.json */
	assert_int_equal(l.v[3].ndocs, 2);
	assert_string_equal(l.v[3].docs[0].name, "MODEL_FAILURES.md");
	assert_int_equal(l.v[3].docs[0].status, HD_ADDED);
	assert_string_equal(l.v[3].docs[1].name, "metadata.json");
	assert_int_equal(l.v[3].docs[1].status, HD_MODIFIED);
	assert_true(l.v[3].docs[0].readable);
	hist_lineage_free(&l);

	/* the second task reused the root lib/: none of the first one's commits */
	assert_int_equal(hist_lineage(ix, sh.fx->repo, &sh.M3, "./archive/tf-hcl/Pr2/", &l), 0);
	const struct want b[] = {
		{ &sh.b3, "archive/tf-hcl/Pr2", "", "------", "none", false },
		{ &sh.b2, "", NULL, "---F--", "none", false },
		{ &sh.b1, "", NULL, "P----m", "none", true },
	};
	expect_lineage(&l, b, FX_COUNT(b));
	hist_lineage_free(&l);

	/* at an older tip, the later revision is not there */
	assert_int_equal(hist_lineage(ix, sh.fx->repo, &sh.M1, "archive/cdk-ts/Pr1", &l), 0);
	assert_int_equal(l.n, 5);
	assert_true(git_oid_equal(&l.v[0].commit, &sh.c6));
	hist_lineage_free(&l);
	/* on the branch before the move, the task is the root's */
	assert_int_equal(hist_lineage(ix, sh.fx->repo, &sh.c5, ".", &l), 0);
	assert_int_equal(l.n, 4);
	assert_true(git_oid_equal(&l.v[0].commit, &sh.c5));
	hist_lineage_free(&l);

	assert_int_equal(hist_lineage(ix, sh.fx->repo, &sh.M3, "archive/cdk-ts/Pr9", &l), ERR_NOTFOUND);
	assert_non_null(strstr(err_msg(), "archive/cdk-ts/Pr9"));
	assert_int_equal(hist_lineage(ix, sh.fx->repo, &sh.M3, ".", &l), ERR_NOTFOUND);
	assert_int_equal(hist_lineage(ix, sh.fx->repo, &sh.M3, "templates/cdk-ts", &l), ERR_NOTFOUND);
	hindex_free(ix);
	fx_repo_free(sh.fx);
}

static void last_change_is_gits(void **state)
{
	(void)state;
	struct shape sh;
	build_shape(&sh);
	struct hindex *ix = index_at(sh.fx, &sh.M3);
	git_oid id;
	/* git log -1 -- archive/cdk-ts/Pr1: d1; the merges are TREESAME to
	 * their second parent */
	assert_int_equal(hist_last_change(ix, sh.fx->repo, &sh.M3, "archive/cdk-ts/Pr1", &id), 0);
	assert_true(git_oid_equal(&id, &sh.d1));
	assert_int_equal(hist_last_change(ix, sh.fx->repo, &sh.M2, "archive/cdk-ts/Pr1", &id), 0);
	assert_true(git_oid_equal(&id, &sh.c6));
	assert_int_equal(hist_last_change(ix, sh.fx->repo, &sh.M3, "archive/tf-hcl/Pr2/", &id), 0);
	assert_true(git_oid_equal(&id, &sh.b3));
	assert_int_equal(hist_last_change(ix, sh.fx->repo, &sh.M3, "archive/none", &id), ERR_NOTFOUND);
	assert_int_equal(hist_last_change(ix, sh.fx->repo, &sh.M3, ".", &id), ERR_USAGE);
	hindex_free(ix);
	fx_repo_free(sh.fx);
}

static void last_change_from_the_file(void **state)
{
	(void)state;
	struct shape sh;
	build_shape(&sh);
	git_oid id;
	/* no index yet: the caller must walk */
	assert_int_equal(hist_last_change_quick(sh.fx->repo, &sh.M3, "archive/cdk-ts/Pr1", &id), 1);
	struct hindex *ix = index_at(sh.fx, &sh.M2);
	hindex_free(ix);
	assert_int_equal(hist_last_change_quick(sh.fx->repo, &sh.M2, "archive/cdk-ts/Pr1", &id), 0);
	assert_true(git_oid_equal(&id, &sh.c6));
	/* a tip the index does not cover, the root, an unknown path */
	assert_int_equal(hist_last_change_quick(sh.fx->repo, &sh.M3, "archive/cdk-ts/Pr1", &id), 1);
	assert_int_equal(hist_last_change_quick(sh.fx->repo, &sh.M2, ".", &id), 1);
	assert_int_equal(hist_last_change_quick(sh.fx->repo, &sh.M2, "archive/none", &id), 1);
	/* the file changes: loaded again */
	ix = index_at(sh.fx, &sh.M3);
	hindex_free(ix);
	assert_int_equal(hist_last_change_quick(sh.fx->repo, &sh.M3, "archive/cdk-ts/Pr1", &id), 0);
	assert_true(git_oid_equal(&id, &sh.d1));
	/* lastchange_find asks the index first: the same answer, no walk */
	size_t visited = 99;
	assert_int_equal(lastchange_find(sh.fx->repo, &sh.M3, "archive/cdk-ts/Pr1", &id, &visited), 0);
	assert_true(git_oid_equal(&id, &sh.d1));
	assert_int_equal(visited, 0);
	/* and walks where the index cannot answer (the repository root) */
	assert_int_equal(lastchange_find(sh.fx->repo, &sh.M3, "", &id, &visited), 0);
	assert_true(visited > 0);
	hist_quick_release();
	fx_repo_free(sh.fx);
}

static void log_lists_commits_and_tasks(void **state)
{
	(void)state;
	struct shape sh;
	build_shape(&sh);
	struct hindex *ix = index_at(sh.fx, &sh.M3);
	uint32_t *v;
	size_t n;
	assert_int_equal(hist_log(ix, &sh.M3, &v, &n), 0);
	const git_oid *want[] = { &sh.M3, &sh.d1, &sh.M2, &sh.b3, &sh.b2, &sh.b1, &sh.M1,
				  &sh.m1, &sh.c6, &sh.c5, &sh.c4, &sh.c3, &sh.c2, &sh.c1, &sh.init };
	assert_int_equal(n, FX_COUNT(want));
	for (size_t i = 0; i < n; i++)
		assert_true(git_oid_equal(&ix->oids[v[i]], want[i]));
	/* the archiving commit: the root's documents gone; the task at its new
	 * path compared with the root before the move (a pure move: nothing) */
	uint32_t c6 = hindex_find(ix, &sh.c6);
	struct hist_change *ch;
	size_t nch;
	assert_int_equal(hist_commit_changes(ix, sh.fx->repo, c6, &ch, &nch), 0);
	assert_int_equal(nch, 2);
	assert_string_equal(ch[0].path, "");
	assert_true(ch[0].mask & HC_DELETED);
	assert_int_equal(ch[0].ndocs, 5);
	assert_int_equal(ch[0].docs[0].status, HD_DELETED);
	assert_null(ch[0].from);
	assert_string_equal(ch[1].path, "archive/cdk-ts/Pr1");
	assert_true(ch[1].mask & HC_ADDED);
	assert_non_null(ch[1].from);
	assert_string_equal(ch[1].from, "");
	assert_int_equal(ch[1].ndocs, 0);
	hist_changes_free(ch, nch);
	/* code only: the root task's lib/ changed, none of its documents */
	uint32_t c4 = hindex_find(ix, &sh.c4);
	assert_int_equal(ix->rec_off[c4 + 1] - ix->rec_off[c4], 1);
	assert_int_equal(ix->recs[ix->rec_off[c4]].mask, HC_OTHER);
	/* the merge lists what it brought to the mainline */
	uint32_t m = hindex_find(ix, &sh.M1);
	assert_int_equal(ix->rec_off[m + 1] - ix->rec_off[m], 1);
	assert_string_equal(hindex_path(ix, ix->recs[ix->rec_off[m]].path), "archive/cdk-ts/Pr1");

	struct hist_commit hc;
	assert_int_equal(hist_commit_read(sh.fx->repo, &sh.c6, &hc), 0);
	assert_string_equal(hc.author, "GitHub Actions Bot");
	assert_string_equal(hc.subject, "feat(cdk): archive Pr1");
	assert_int_equal(hc.nparents, 1);
	struct sline line;
	sline_init(&line);
	log_row_line(&line, &hc, ix, c6);
	assert_non_null(strstr(line.text, "GitHub Actions …  feat(cdk): archive Pr1  [. (gone), archive/cdk-ts/Pr1 (new)]"));
	sline_free(&line);
	hist_commit_free(&hc);
	free(v);
	hindex_free(ix);
	fx_repo_free(sh.fx);
}

static void missing_blobs_are_marked(void **state)
{
	(void)state;
	struct shape sh;
	build_shape(&sh);
	git_oid model = fx_blob_id("model A\n");
	git_oid meta8 = fx_blob_id(META(",\"training_quality\":8"));
	fx_remove_object(sh.fx, &model);
	fx_remove_object(sh.fx, &meta8);
	struct hindex *ix = index_at(sh.fx, &sh.M3);
	struct hist_lineage l;
	assert_int_equal(hist_lineage(ix, sh.fx->repo, &sh.M3, "archive/cdk-ts/Pr1", &l), 0);
	assert_int_equal(l.n, 6);
	/* c2 added MODEL_RESPONSE.md, whose blob is gone */
	char mark[8], score[16];
	lineage_docs_mark(&l.v[4], mark);
	assert_string_equal(mark, "-!I---");
	assert_false(l.v[4].docs[0].readable);
	/* c3's metadata.json cannot be read: its score says so, with the object */
	lineage_score_text(&l.v[3].score, score);
	assert_string_equal(score, "!");
	assert_int_equal(l.v[3].score.state, HM_UNREADABLE);
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), &meta8);
	assert_non_null(strstr(l.v[3].score.error, hex));
	assert_non_null(strstr(l.v[3].score.error, "metadata.json"));
	lineage_docs_mark(&l.v[3], mark);
	assert_string_equal(mark, "---F-!");
	/* and the walk carried on to the first revision */
	assert_true(l.v[5].created);
	hist_lineage_free(&l);
	hindex_free(ix);
	fx_repo_free(sh.fx);
}

/* The mainline keeps another task's files at the root; a branch rewrites
 * them, moves them into archive/ and is merged.  The lineage stays on
 * the branch. */
static void stays_on_the_branch(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	struct state m = { 0 }, b = { 0 };
	st_set(&m, "lib/PROMPT.md", "Z prompt\n");
	st_set(&m, "lib/MODEL_FAILURES.md", "Z failures\n");
	st_set(&m, "metadata.json", "{\"training_quality\":5}");
	git_oid z1 = st_commit1(fx, "refs/heads/main", NULL, &m, "Z: start");
	hl_head_main(fx);
	st_set(&m, "lib/PROMPT.md", "Z prompt, again\n");
	git_oid z2 = st_commit1(fx, "refs/heads/main", &z1, &m, "Z: prompt");
	st_copy(&b, &m);
	st_set(&b, "lib/PROMPT.md", "C prompt\n");
	git_oid c1 = st_commit1(fx, NULL, &z2, &b, "C: prompt over Z's");
	st_set(&b, "lib/MODEL_FAILURES.md", "C failures\n");
	st_set(&b, "metadata.json", "{\"training_quality\":9}");
	git_oid c2 = st_commit1(fx, NULL, &c1, &b, "C: failures");
	st_move_task(&b, "", "archive/x/PrC");
	git_oid c3 = st_commit1(fx, NULL, &c2, &b, "C: archive");
	for (size_t i = 0; i < b.n; i++)
		st_set(&m, b.path[i], b.content[i]);
	git_oid p[2] = { z2, c3 };
	git_oid M = st_commit(fx, "refs/heads/main", p, 2, &m, NULL, "Merge pull request #3 from c/pr");

	struct hindex *ix = index_at(fx, &M);
	struct hist_lineage l;
	assert_int_equal(hist_lineage(ix, fx->repo, &M, "archive/x/PrC", &l), 0);
	const struct want c[] = {
		{ &c3, "archive/x/PrC", "", "------", "9", false },
		{ &c2, "", NULL, "---F-m", "9", false },
		{ &c1, "", NULL, "P-----", "5", false },
	};
	expect_lineage(&l, c, FX_COUNT(c));
	assert_true(l.branch_bounded);
	hist_lineage_free(&l);
	/* the mainline's own root task keeps its own history */
	assert_int_equal(hist_lineage(ix, fx->repo, &M, ".", &l), 0);
	const struct want z[] = {
		{ &z2, "", NULL, "P-----", "5", false },
		{ &z1, "", NULL, "P--F-m", "5", true },
	};
	expect_lineage(&l, z, FX_COUNT(z));
	hist_lineage_free(&l);
	st_free(&m);
	st_free(&b);
	hindex_free(ix);
	fx_repo_free(fx);
}

/* The root task on a branch not merged yet, over the mainline's stale root
 * files: the lineage holds the branch's commits only. */
static void root_task_on_a_branch(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	struct state m = { 0 };
	st_set(&m, "lib/PROMPT.md", "Z prompt\n");
	st_set(&m, "metadata.json", "{\"training_quality\":5}");
	git_oid z1 = st_commit1(fx, "refs/heads/main", NULL, &m, "Z: start");
	hl_head_main(fx);
	st_set(&m, "lib/MODEL_FAILURES.md", "Z failures\n");
	git_oid z2 = st_commit1(fx, "refs/heads/main", &z1, &m, "Z: failures");
	st_set(&m, "lib/PROMPT.md", "C prompt\n");
	git_oid c1 = st_commit1(fx, "refs/heads/pr", &z2, &m, "C: prompt");
	st_set(&m, "metadata.json", "{\"training_quality\":9}");
	git_oid c2 = st_commit1(fx, "refs/heads/pr", &c1, &m, "C: score");
	struct hindex *ix = index_at(fx, &c2);
	struct hist_lineage l;
	assert_int_equal(hist_lineage(ix, fx->repo, &c2, ".", &l), 0);
	const struct want c[] = {
		{ &c2, "", NULL, "-----m", "9", false },
		{ &c1, "", NULL, "P-----", "5", false },
	};
	expect_lineage(&l, c, FX_COUNT(c));
	assert_true(l.branch_bounded);
	hist_lineage_free(&l);
	/* on the mainline itself, its own history */
	assert_int_equal(hist_lineage(ix, fx->repo, &z2, ".", &l), 0);
	assert_int_equal(l.n, 2);
	assert_false(l.branch_bounded);
	hist_lineage_free(&l);
	st_free(&m);
	hindex_free(ix);
	fx_repo_free(fx);
}

/* Three branches merged at once; the third wrote its task at the root. */
static void octopus_merge(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	struct state m = { 0 }, b = { 0 };
	st_set(&m, "README.md", "x\n");
	git_oid init = st_commit1(fx, "refs/heads/main", NULL, &m, "init");
	hl_head_main(fx);
	git_oid tips[4] = { init };
	const char *dirs[3] = { "archive/a/Pr1", "archive/b/Pr2", "archive/c/Pr3" };
	git_oid root1, root2;
	for (int i = 0; i < 3; i++) {
		st_copy(&b, &m);
		if (i < 2) {
			char *p = xasprintf("%s/lib/PROMPT.md", dirs[i]);
			st_set(&b, p, dirs[i]);
			tips[i + 1] = st_commit1(fx, NULL, &init, &b, "add directly");
			free(p);
			continue;
		}
		st_set(&b, "lib/PROMPT.md", "three\n");
		root1 = st_commit1(fx, NULL, &init, &b, "three: prompt");
		st_set(&b, "lib/MODEL_FAILURES.md", "three fails\n");
		root2 = st_commit1(fx, NULL, &root1, &b, "three: failures");
		st_move_task(&b, "", dirs[i]);
		tips[i + 1] = st_commit1(fx, NULL, &root2, &b, "three: archive");
	}
	st_set(&m, "archive/a/Pr1/lib/PROMPT.md", "archive/a/Pr1");
	st_set(&m, "archive/b/Pr2/lib/PROMPT.md", "archive/b/Pr2");
	st_set(&m, "archive/c/Pr3/lib/PROMPT.md", "three\n");
	st_set(&m, "archive/c/Pr3/lib/MODEL_FAILURES.md", "three fails\n");
	git_oid O = st_commit(fx, "refs/heads/main", tips, 4, &m, NULL, "Merge branches a, b and c");

	struct hindex *ix = index_at(fx, &O);
	uint32_t o = hindex_find(ix, &O);
	assert_int_equal(hindex_nparents(ix, o), 4);
	assert_int_equal(ix->rec_off[o + 1] - ix->rec_off[o], 3);
	struct hist_lineage l;
	assert_int_equal(hist_lineage(ix, fx->repo, &O, "archive/c/Pr3", &l), 0);
	const struct want c[] = {
		{ &tips[3], "archive/c/Pr3", "", "------", "none", false },
		{ &root2, "", NULL, "---F--", "none", false },
		{ &root1, "", NULL, "P-----", "none", true },
	};
	expect_lineage(&l, c, FX_COUNT(c));
	hist_lineage_free(&l);
	assert_int_equal(hist_lineage(ix, fx->repo, &O, "archive/b/Pr2", &l), 0);
	assert_int_equal(l.n, 1);
	assert_true(git_oid_equal(&l.v[0].commit, &tips[2]));
	assert_true(l.v[0].created);
	hist_lineage_free(&l);
	git_oid id;
	assert_int_equal(hist_last_change(ix, fx->repo, &O, "archive/b/Pr2", &id), 0);
	assert_true(git_oid_equal(&id, &tips[2]));
	st_free(&m);
	st_free(&b);
	hindex_free(ix);
	fx_repo_free(fx);
}

/* A merge whose result differs from both parents is a revision, and both
 * sides' revisions are in the lineage. */
static void conflicting_merge(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	struct state m = { 0 }, b = { 0 };
	st_set(&m, "archive/x/Pr1/lib/PROMPT.md", "p\n");
	st_set(&m, "archive/x/Pr1/metadata.json", "{\"training_quality\":8}");
	git_oid a = st_commit1(fx, "refs/heads/main", NULL, &m, "add");
	hl_head_main(fx);
	st_copy(&b, &m);
	st_set(&b, "archive/x/Pr1/metadata.json", "{\"training_quality\":9}");
	git_oid side = st_commit1(fx, NULL, &a, &b, "side: 9");
	st_set(&m, "archive/x/Pr1/metadata.json", "{\"training_quality\":7}");
	git_oid mainc = st_commit1(fx, "refs/heads/main", &a, &m, "main: 7");
	st_set(&m, "archive/x/Pr1/metadata.json", "{\"training_quality\":10}");
	git_oid p[2] = { mainc, side };
	git_oid M = st_commit(fx, "refs/heads/main", p, 2, &m, NULL, "Merge: settle on 10");
	struct hindex *ix = index_at(fx, &M);
	struct hist_lineage l;
	assert_int_equal(hist_lineage(ix, fx->repo, &M, "archive/x/Pr1", &l), 0);
	const struct want w[] = {
		{ &M, "archive/x/Pr1", NULL, "-----m", "10", false },
		{ &mainc, "archive/x/Pr1", NULL, "-----m", "7", false },
		{ &side, "archive/x/Pr1", NULL, "-----m", "9", false },
		{ &a, "archive/x/Pr1", NULL, "P----m", "8", true },
	};
	expect_lineage(&l, w, FX_COUNT(w));
	hist_lineage_free(&l);
	git_oid id;
	assert_int_equal(hist_last_change(ix, fx->repo, &M, "archive/x/Pr1", &id), 0);
	assert_true(git_oid_equal(&id, &M));
	st_free(&m);
	st_free(&b);
	hindex_free(ix);
	fx_repo_free(fx);
}

/* A commit whose parent is missing (a shallow clone, a lost object): the
 * history is cut there, and said so. */
static void cut_history(void **state)
{
	(void)state;
	struct shape sh;
	build_shape(&sh);
	fx_remove_object(sh.fx, &sh.c2);
	struct hindex *ix = index_at(sh.fx, &sh.M3);
	uint32_t c3 = hindex_find(ix, &sh.c3);
	assert_true(ix->flags[c3] & HX_CUT);
	assert_int_equal(hindex_find(ix, &sh.c2), HX_NONE);
	struct hist_lineage l;
	assert_int_equal(hist_lineage(ix, sh.fx->repo, &sh.M3, "archive/cdk-ts/Pr1", &l), 0);
	assert_true(l.cut);
	assert_true(git_oid_equal(&l.cut_at, &sh.c3));
	assert_int_equal(l.n, 4);
	assert_true(l.v[3].cut);
	assert_false(l.v[3].created);
	hist_lineage_free(&l);
	hindex_free(ix);
	fx_repo_free(sh.fx);
}

/* Folder names from real history: escapes, a newline, an emoji. */
static void strange_folder_names(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	struct state m = { 0 };
	const char *odd = "archive-localstack/LS-\033[1;33m\360\237\224\215 x\n1-pulumi-py";
	char *p = xasprintf("%s/lib/PROMPT.md", odd);
	st_set(&m, p, "p\n");
	git_oid a = st_commit1(fx, "refs/heads/main", NULL, &m, "odd \033[200~subject\r");
	hl_head_main(fx);
	st_del(&m, p);
	st_set(&m, "archive/x/Pr1/lib/PROMPT.md", "p\n");
	git_oid b = st_commit1(fx, "refs/heads/main", &a, &m, "move it");
	struct hindex *ix = index_at(fx, &b);
	assert_int_not_equal(hindex_path_find(ix, odd, strlen(odd)), HX_NONE);
	struct hist_lineage l;
	assert_int_equal(hist_lineage(ix, fx->repo, &b, "archive/x/Pr1", &l), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[1].path, odd);
	assert_string_equal(l.v[0].from, odd);
	struct hist_commit hc;
	assert_int_equal(hist_commit_read(fx->repo, &a, &hc), 0);
	assert_string_equal(hc.subject, "odd \033[200~subject\r");
	struct sline line;
	sline_init(&line);
	lineage_row_line(&line, &l.v[1], &hc, 20);
	assert_null(memchr(line.text, '\033', line.len));
	assert_null(memchr(line.text, '\r', line.len));
	assert_null(memchr(line.text, '\n', line.len));
	assert_non_null(strstr(line.text, "^[[200~subject^M"));
	sline_free(&line);
	hist_commit_free(&hc);
	hist_lineage_free(&l);
	free(p);
	st_free(&m);
	hindex_free(ix);
	fx_repo_free(fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lineage_follows_branch_and_move),
		cmocka_unit_test(last_change_is_gits),
		cmocka_unit_test(last_change_from_the_file),
		cmocka_unit_test(log_lists_commits_and_tasks),
		cmocka_unit_test(missing_blobs_are_marked),
		cmocka_unit_test(stays_on_the_branch),
		cmocka_unit_test(root_task_on_a_branch),
		cmocka_unit_test(octopus_merge),
		cmocka_unit_test(conflicting_merge),
		cmocka_unit_test(cut_history),
		cmocka_unit_test(strange_folder_names),
	};
	return cmocka_run_group_tests(tests, fx_setup_global, fx_teardown_global);
}
