/* Review records: encode/decode round trips, hostile text, opaque lines,
 * building (overrides, withdraw), saving and loading, which record is
 * current (supersedes, concurrent edits, unknown ids), staleness. */
#include "testlib.h"

#include "../../core/notes.h"
#include "../../core/review.h"
#include "../../core/review_save.h"
#include "../../core/review_set.h"
#include "../../core/task.h"

static const struct fx_file v1[] = {
	{ "archive/cdk-ts/Pr1/lib/MODEL_FAILURES.md", "### 1. KMS\n### 2. Tags\n", 0 },
	{ "archive/cdk-ts/Pr1/metadata.json", "{\"platform\":\"cdk\",\"language\":\"ts\"}", 0 },
	{ "archive/cdk-ts/Pr2/metadata.json", "{\"platform\":\"cdk\",\"language\":\"ts\"}", 0 },
};
static const struct fx_file v2[] = {
	{ "archive/cdk-ts/Pr1/lib/MODEL_FAILURES.md", "### 1. KMS\n### 2. Tags\n", 0 },
	{ "archive/cdk-ts/Pr1/metadata.json", "{\"platform\":\"cdk\",\"language\":\"ts\"}", 0 },
	{ "archive/cdk-ts/Pr2/metadata.json", "{\"platform\":\"cdk\",\"language\":\"ts\",\"x\":1}", 0 },
};

static struct reviewer ada = { "Ada L.", "ada@example.org" };
static struct reviewer bo = { "Bo", "BO@example.org" };

static struct review_record sample(void)
{
	struct review_record r;
	memset(&r, 0, sizeof(r));
	r.v = 1;
	r.at = xstrdup("2026-11-22T10:15:30.123Z");
	r.id = 0x9f3c2a7d1e4b8c05ull;
	r.task = xstrdup("archive/cdk-ts/Pr5914");
	git_oid_fromstr(&r.tree, "1111111111111111111111111111111111111111");
	git_oid_fromstr(&r.commit, "2222222222222222222222222222222222222222");
	r.by_name = xstrdup("Ada L.");
	r.by_email = xstrdup("ada@example.org");
	r.has_supersedes = true;
	r.supersedes = 0x2b7e11c94f0a6d3eull;
	r.rubric = xstrdup(RUBRIC_ID);
	r.has_answers = true;
	r.nitems = 2;
	r.items = xcalloc(2, sizeof(*r.items));
	r.items[0] = (struct review_item){ 1, xstrdup("KMS key rotation enabled"), RC_A };
	r.items[1] = (struct review_item){ 2, xstrdup("Tags added"), RC_B };
	r.factors = (1u << RF_SERVICES) | (1u << RF_SECURITY);
	r.computed = 9;
	r.score = 9;
	r.note = xstrdup("clean fix set");
	r.secs = 412;
	return r;
}

static void encode_is_the_documented_line(void **state)
{
	(void)state;
	struct review_record r = sample();
	char *line = review_encode(&r);
	/* reviews-in-git.md §5.2, with its placeholders filled in */
	assert_string_equal(line,
		"{\"v\":1,\"at\":\"2026-11-22T10:15:30.123Z\",\"id\":\"9f3c2a7d1e4b8c05\","
		"\"task\":\"archive/cdk-ts/Pr5914\",\"tree\":\"1111111111111111111111111111111111111111\","
		"\"commit\":\"2222222222222222222222222222222222222222\","
		"\"by\":{\"name\":\"Ada L.\",\"email\":\"ada@example.org\"},\"supersedes\":\"2b7e11c94f0a6d3e\","
		"\"rubric\":\"iacrev-rubric-1\",\"answers\":{\"blockers\":[],\"items\":[{\"n\":1,"
		"\"title\":\"KMS key rotation enabled\",\"cat\":\"A\"},{\"n\":2,\"title\":\"Tags added\","
		"\"cat\":\"B\"}],\"factors\":[\"services\",\"security\"]},\"computed\":9,\"score\":9,"
		"\"reason\":null,\"note\":\"clean fix set\",\"secs\":412}");
	struct review_record back;
	memset(&back, 0, sizeof(back));
	review_decode(line, strlen(line), &back);
	assert_true(back.parsed);
	char *again = review_encode(&back);
	assert_string_equal(again, line);
	assert_int_equal(back.id, r.id);
	assert_int_equal(back.supersedes, r.supersedes);
	assert_int_equal(back.items[1].cat, RC_B);
	free(again);
	free(line);
	review_record_free(&back);
	review_record_free(&r);
}

static void hostile_text_round_trips(void **state)
{
	(void)state;
	struct review_record r = sample();
	free(r.items[0].title);
	/* cp1252 apostrophe (invalid UTF-8), ESC, NUL cannot be in a C title */
	r.items[0].title = xstrdup("Don\x92t \x1b[31mpanic\x1b[0m");
	free(r.note);
	r.note = xstrdup("line one\nline two\ttab \x01 bidi \xe2\x80\xae end");
	free(r.by_name);
	r.by_name = xstrdup("Zoë \"Q\" \\ O'Brien");
	r.score = REVIEW_NO_SCORE;
	r.reason = xstrdup("withdrawn: wrong task");
	r.has_supersedes = false;
	r.secs = -1;
	char *line = review_encode(&r);
	/* one line, no raw control bytes */
	for (const char *p = line; *p; p++)
		assert_true((unsigned char)*p >= 0x20);
	assert_non_null(strstr(line, "\"supersedes\":null"));
	assert_non_null(strstr(line, "\"score\":null"));
	assert_null(strstr(line, "secs"));
	assert_non_null(strstr(line, "Don\xef\xbf\xbdt \\u001B[31mpanic"));
	struct review_record back;
	memset(&back, 0, sizeof(back));
	review_decode(line, strlen(line), &back);
	assert_true(back.parsed);
	assert_string_equal(back.items[0].title, "Don\xef\xbf\xbdt \x1b[31mpanic\x1b[0m");
	assert_string_equal(back.note, r.note);
	assert_string_equal(back.by_name, r.by_name);
	assert_int_equal(back.score, REVIEW_NO_SCORE);
	assert_false(back.has_supersedes);
	assert_int_equal(back.secs, -1);
	free(line);
	review_record_free(&back);
	review_record_free(&r);
}

static void opaque_lines(void **state)
{
	(void)state;
	const char *cases[][2] = {
		{ "hello from git notes append", "not JSON" },
		{ "{\"v\":2,\"whatever\":true}", "format version 2" },
		{ "[1,2]", "not a JSON object" },
		{ "{\"v\":1,\"at\":\"x\",\"id\":\"nothex\"}", "no 16-hex id" },
		{ "{\"v\":1,\"v\":1}", "not JSON" },
	};
	for (size_t i = 0; i < FX_COUNT(cases); i++) {
		struct review_record r;
		memset(&r, 0, sizeof(r));
		review_decode(cases[i][0], strlen(cases[i][0]), &r);
		assert_false(r.parsed);
		assert_non_null(strstr(r.why, cases[i][1]));
		assert_string_equal(r.line, cases[i][0]);
		review_record_free(&r);
	}
	/* a NUL inside a line: kept byte for byte */
	const char nul[] = "{\"v\":1}\0tail";
	struct review_record r;
	memset(&r, 0, sizeof(r));
	review_decode(nul, sizeof(nul) - 1, &r);
	assert_false(r.parsed);
	assert_int_equal(r.len, sizeof(nul) - 1);
	assert_memory_equal(r.line, nul, sizeof(nul) - 1);
	review_record_free(&r);
}

struct fixture {
	struct fx_repo *fx;
	git_oid c1, c2;
	struct task_list tasks;
};

static void fixture_init(struct fixture *f)
{
	f->fx = fx_repo_new(0);
	f->c1 = fx_commit(f->fx, "HEAD", NULL, v1, FX_COUNT(v1), "v1");
	f->c2 = fx_commit(f->fx, "HEAD", &f->c1, v2, FX_COUNT(v2), "v2: Pr2 changes");
	assert_int_equal(task_list_load(f->fx->repo, &f->c1, &f->tasks), 0);
}

static void fixture_free(struct fixture *f)
{
	task_list_free(&f->tasks);
	fx_repo_free(f->fx);
}

/* Build and save a review of `path` at c1. */
static uint64_t save(struct fixture *f, const struct reviewer *who, const char *path,
		     const struct review_draft *tmpl)
{
	struct review_set loaded;
	assert_int_equal(review_set_load(f->fx->repo, &loaded), 0);
	struct review_draft d = *tmpl;
	struct task *t = task_list_find(&f->tasks, path);
	d.task = path;
	d.commit = f->c1;
	d.tree = t->tree;
	struct review_record rec;
	int rc = review_build(&d, who, &loaded, &rec);
	if (rc < 0)
		fail_msg("build: %s", err_msg());
	struct review_saved saved;
	if (review_save(f->fx->repo, &rec, NULL, &saved) < 0)
		fail_msg("save: %s", err_msg());
	uint64_t id = rec.id;
	review_record_free(&rec);
	review_set_free(&loaded);
	return id;
}

static struct review_draft answers_draft(const struct review_item *items, size_t n)
{
	struct review_draft d;
	memset(&d, 0, sizeof(d));
	d.has_answers = true;
	d.items = items;
	d.nitems = n;
	d.factors = 1u << RF_SERVICES;
	d.secs = -1;
	d.note = "";
	return d;
}

static void build_rules(void **state)
{
	(void)state;
	struct fixture f;
	fixture_init(&f);
	struct review_item items[] = { { 1, "KMS", RC_A }, { 2, "Tags", RC_UNSET } };
	struct review_draft d = answers_draft(items, 2);
	d.task = "archive/cdk-ts/Pr1";
	struct review_record rec;
	assert_int_equal(review_build(&d, &ada, NULL, &rec), ERR_USAGE);
	assert_non_null(strstr(err_msg(), "item 2 has no category"));
	items[1].cat = RC_C;
	assert_int_equal(review_build(&d, &ada, NULL, &rec), 0);
	assert_int_equal(rec.computed, 10); /* 8 + 1 + 1 */
	assert_int_equal(rec.score, 10);
	assert_null(rec.reason);
	review_record_free(&rec);
	/* an override needs a reason */
	d.has_score = true;
	d.score = 7;
	assert_int_equal(review_build(&d, &ada, NULL, &rec), ERR_USAGE);
	assert_non_null(strstr(err_msg(), "differs from the computed 10"));
	d.reason = "   ";
	assert_int_equal(review_build(&d, &ada, NULL, &rec), ERR_USAGE);
	d.reason = "the KMS fix is a one-liner";
	assert_int_equal(review_build(&d, &ada, NULL, &rec), 0);
	assert_int_equal(rec.score, 7);
	assert_int_equal(rec.computed, 10);
	assert_string_equal(rec.reason, "the KMS fix is a one-liner");
	review_record_free(&rec);
	d.score = 11;
	assert_int_equal(review_build(&d, &ada, NULL, &rec), ERR_USAGE);
	/* a direct score has no computed score and needs no reason */
	struct review_draft direct;
	memset(&direct, 0, sizeof(direct));
	direct.task = "archive/cdk-ts/Pr1";
	direct.has_score = true;
	direct.score = 6;
	direct.secs = -1;
	assert_int_equal(review_build(&direct, &ada, NULL, &rec), 0);
	assert_int_equal(rec.computed, REVIEW_NO_SCORE);
	char *line = review_encode(&rec);
	assert_non_null(strstr(line, "\"answers\":null,\"computed\":null,\"score\":6"));
	free(line);
	review_record_free(&rec);
	fixture_free(&f);
}

static void supersede_withdraw_and_staleness(void **state)
{
	(void)state;
	struct fixture f;
	fixture_init(&f);
	struct review_item items[] = { { 1, "KMS", RC_A }, { 2, "Tags", RC_B } };
	struct review_draft d = answers_draft(items, 2);
	uint64_t first = save(&f, &ada, "archive/cdk-ts/Pr1", &d);
	uint64_t second = save(&f, &ada, "archive/cdk-ts/Pr1", &d);
	uint64_t bo1 = save(&f, &bo, "archive/cdk-ts/Pr1", &d);
	struct review_draft w;
	memset(&w, 0, sizeof(w));
	w.withdraw = true;
	w.note = "wrong task";
	w.secs = -1;
	uint64_t withdrawn = save(&f, &ada, "archive/cdk-ts/Pr2", &d);
	uint64_t wd = save(&f, &ada, "archive/cdk-ts/Pr2", &w);
	(void)withdrawn;

	struct review_set s;
	assert_int_equal(review_set_load(f.fx->repo, &s), 0);
	assert_int_equal(s.n, 5);
	assert_int_equal(s.opaque, 0);
	const struct review_current *first_cur;
	assert_int_equal(review_set_task(&s, "archive/cdk-ts/Pr1", &first_cur), 2);
	/* (task, email) order ignores case: ada before BO */
	const struct review_record *r = review_cur_record(&s, &first_cur[0]);
	assert_int_equal(r->id, second);
	assert_true(r->has_supersedes);
	assert_int_equal(r->supersedes, first);
	assert_int_equal(first_cur[0].nheads, 1);
	assert_int_equal(first_cur[0].nrecords, 2);
	assert_int_equal(review_cur_record(&s, &first_cur[1])->id, bo1);
	/* the reviewer key is the email, case ignored */
	const struct review_current *mine = review_set_mine(&s, "archive/cdk-ts/Pr1", "bo@EXAMPLE.org");
	assert_non_null(mine);
	mine = review_set_mine(&s, "archive/cdk-ts/Pr2", "ada@example.org");
	assert_int_equal(review_cur_record(&s, mine)->id, wd);
	assert_int_equal(review_cur_record(&s, mine)->score, REVIEW_NO_SCORE);
	assert_null(review_set_mine(&s, "archive/cdk-ts/Pr2", "bo@example.org"));
	size_t *hist;
	assert_int_equal(review_set_history(&s, "archive/cdk-ts/Pr1", NULL, &hist), 3);
	free(hist);

	/* records were saved at c1: at c2 only Pr2 changed */
	struct task_list at2;
	assert_int_equal(task_list_load(f.fx->repo, &f.c2, &at2), 0);
	assert_int_equal(review_freshness(r, &at2), REVIEW_FRESH);
	assert_int_equal(review_freshness(review_cur_record(&s, mine), &at2), REVIEW_STALE);
	task_list_free(&at2);

	/* the notes: one per annotated commit (c1 for both tasks here),
	 * canonical, in 2/38 */
	struct notes_list l;
	assert_int_equal(notes_list_commit(f.fx->git, &s.tip, &l), 0);
	assert_int_equal(l.n, 1);
	assert_true(git_oid_equal(&l.v[0].object, &f.c1));
	assert_true(l.canonical_layout);
	notes_list_free(&l);
	review_set_free(&s);
	fixture_free(&f);
}

/* Two machines without sync: two heads; a supersedes naming an id that
 * is not there; an opaque line among records. */
static void concurrent_edits_and_unknown_ids(void **state)
{
	(void)state;
	struct review_set s;
	memset(&s, 0, sizeof(s));
	struct review_record base = sample();
	base.has_supersedes = false;
	base.id = 1;
	free(base.at);
	base.at = xstrdup("2026-01-01T00:00:00.000Z");
	char *l0 = review_encode(&base);
	base.has_supersedes = true;
	base.supersedes = 1;
	base.id = 2;
	free(base.at);
	base.at = xstrdup("2026-01-02T00:00:00.000Z");
	char *l1 = review_encode(&base);
	base.id = 3;
	free(base.at);
	base.at = xstrdup("2026-01-01T12:00:00.000Z"); /* a machine with a slow clock */
	char *l2 = review_encode(&base);
	base.id = 4;
	base.supersedes = 0xdeadbeefull;
	free(base.task);
	base.task = xstrdup("other/task");
	char *l3 = review_encode(&base);
	review_record_free(&base);
	char *note = xasprintf("%s\n%s\n%s\n%s\nfree text a human appended\n%s\n", l0, l1, l2, l3, l1);
	git_oid bucket, blob;
	git_oid_fromstr(&bucket, "3333333333333333333333333333333333333333");
	git_oid_fromstr(&blob, "4444444444444444444444444444444444444444");
	review_set_add_note(&s, &bucket, &blob, note, strlen(note));
	review_set_index(&s);
	assert_int_equal(s.n, 6);
	assert_int_equal(s.opaque, 1);
	/* each line knows where it is, for the message naming a bad one */
	assert_false(s.v[4].parsed);
	assert_int_equal(s.v[4].lineno, 5);
	assert_true(git_oid_equal(&s.v[4].blob, &blob));
	assert_int_equal(s.v[5].lineno, 6);
	const struct review_current *c;
	assert_int_equal(review_set_task(&s, "archive/cdk-ts/Pr5914", &c), 1);
	assert_int_equal(c->nheads, 2);        /* ids 2 and 3 both supersede 1 */
	assert_int_equal(c->nrecords, 3);      /* the duplicate line counts once */
	assert_int_equal(review_cur_record(&s, c)->id, 2); /* the greatest (at, id) */
	assert_int_equal(s.v[c->heads[0]].id, 3);
	assert_int_equal(review_set_task(&s, "other/task", &c), 1);
	assert_true(review_cur_record(&s, c)->unknown_supersedes);
	assert_int_equal(review_cur_record(&s, c)->id, 4);
	free(l0);
	free(l1);
	free(l2);
	free(l3);
	free(note);
	review_set_free(&s);
}

/* The task's history cannot be read: the record goes on the task's tree. */
static void missing_history_annotates_the_tree(void **state)
{
	(void)state;
	struct fixture f;
	fixture_init(&f);
	git_commit *c = NULL;
	assert_int_equal(git_commit_lookup(&c, f.fx->git, &f.c1), 0);
	git_oid root_tree = *git_commit_tree_id(c);
	git_commit_free(c);
	/* reviewing at c2, whose parent's tree is gone */
	struct task_list at2;
	assert_int_equal(task_list_load(f.fx->repo, &f.c2, &at2), 0);
	fx_remove_object(f.fx, &root_tree);
	struct task *t = task_list_find(&at2, "archive/cdk-ts/Pr1");
	struct review_draft d;
	memset(&d, 0, sizeof(d));
	d.task = t->path;
	d.commit = f.c2;
	d.tree = t->tree;
	d.has_score = true;
	d.score = 8;
	d.secs = -1;
	struct review_record rec;
	assert_int_equal(review_build(&d, &ada, NULL, &rec), 0);
	struct review_saved saved;
	assert_int_equal(review_save(f.fx->repo, &rec, NULL, &saved), 0);
	assert_true(saved.on_tree);
	assert_true(git_oid_equal(&saved.bucket, &t->tree));
	review_record_free(&rec);
	struct review_set s;
	assert_int_equal(review_set_load(f.fx->repo, &s), 0);
	assert_int_equal(s.n, 1);
	assert_true(git_oid_equal(&s.v[0].bucket, &t->tree));
	review_set_free(&s);
	task_list_free(&at2);
	fixture_free(&f);
}

static void reviewer_needs_identity(void **state)
{
	(void)state;
	/* no global, XDG or system configuration: only the repository's */
	char empty[] = "/tmp/iacrev-unit-home.XXXXXX";
	assert_non_null(mkdtemp(empty));
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, empty);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, empty);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM, empty);
	struct fx_repo *fx = fx_repo_new(0);
	char *cfg = xasprintf("%s/.git/config", fx->dir);
	struct reviewer w;
	assert_int_equal(reviewer_from_config(fx->repo, &w), ERR_USAGE);
	assert_non_null(strstr(err_msg(), "user.name and user.email are not set"));
	git_config *c = NULL;
	assert_int_equal(git_config_open_ondisk(&c, cfg), 0);
	assert_int_equal(git_config_set_string(c, "user.email", "ada@example.org"), 0);
	assert_int_equal(reviewer_from_config(fx->repo, &w), ERR_USAGE);
	assert_non_null(strstr(err_msg(), "user.name is not set"));
	assert_int_equal(git_config_set_string(c, "user.name", "Ada"), 0);
	git_config_free(c);
	assert_int_equal(reviewer_from_config(fx->repo, &w), 0);
	assert_string_equal(w.email, "ada@example.org");
	reviewer_free(&w);
	free(cfg);
	fx_repo_free(fx);
	rmdir(empty);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(encode_is_the_documented_line),
		cmocka_unit_test(hostile_text_round_trips),
		cmocka_unit_test(opaque_lines),
		cmocka_unit_test(build_rules),
		cmocka_unit_test(supersede_withdraw_and_staleness),
		cmocka_unit_test(concurrent_edits_and_unknown_ids),
		cmocka_unit_test(missing_history_annotates_the_tree),
		cmocka_unit_test(reviewer_needs_identity),
	};
	return cmocka_run_group_tests(tests, fx_setup_global, fx_teardown_global);
}
