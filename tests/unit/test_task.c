/* Task discovery: the rule of domain.md on trees built here. */
#include "testlib.h"

#include "../../core/task.h"

static const struct fx_file shape[] = {
	/* a task at the root, still in progress */
	{ "lib/PROMPT.md", "root prompt\n", 0 },
	{ "metadata.json", "{\"platform\":\"cdk\",\"language\":\"ts\",\"training_quality\":9}", 0 },
	/* archived, depth 3, with later turns and a name with a space */
	{ "archive/cdk-ts/Pr1/lib/PROMPT.md", "p\n", 0 },
	{ "archive/cdk-ts/Pr1/lib/PROMPT2.md", "p2\n", 0 },
	{ "archive/cdk-ts/Pr1/lib/PROMPT 3.md", "p3\n", 0 },
	{ "archive/cdk-ts/Pr1/lib/MODEL_RESPONSE.md", "m\n", 0 },
	{ "archive/cdk-ts/Pr1/lib/MODEL_RESPONSE2.md", "m2\n", 0 },
	{ "archive/cdk-ts/Pr1/lib/IDEAL_RESPONSE.md", "i\n", 0 },
	{ "archive/cdk-ts/Pr1/lib/MODEL_FAILURES.md", "f\n", 0 },
	{ "archive/cdk-ts/Pr1/lib/tap-stack.ts", "code\n", 0 },
	{ "archive/cdk-ts/Pr1/metadata.json", "{\"platform\":\"cdk\",\"language\":\"typescript\"}", 0 },
	/* depth 2, metadata only */
	{ "archive-localstack/LS-1-cfn-json/metadata.json", "{\"platform\":\"cloudformation\",\"language\":\"json\"}", 0 },
	/* docs only, no metadata */
	{ "subcategory-references/opt/Pr9/lib/MODEL_FAILURES.md", "f\n", 0 },
	/* not tasks */
	{ "templates/cdk-ts/lib/PROMPT.md", "Insert here the prompt\n", 0 },
	{ ".github/x/lib/PROMPT.md", "hidden\n", 0 },
	{ "archive/cfn-yaml/Pr7899/test/tap-stack.int.test.ts", "test\n", 0 },
	{ "archive/cdk-ts/Pr2/lib/metadata.json", "{}", 0 },
	{ "archive/cdk-ts/Pr2/lib/PROMPT2.md", "only a later turn\n", 0 },
	/* deep */
	{ "a/b/c/d/e/f/lib/IDEAL_RESPONSE.md", "deep\n", 0 },
};

static void discovers_by_rule(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	git_oid c = fx_commit(fx, "HEAD", NULL, shape, FX_COUNT(shape), "shape");
	struct task_list l;
	assert_int_equal(task_list_load(fx->repo, &c, &l), 0);
	const char *want[] = { "", "a/b/c/d/e/f", "archive-localstack/LS-1-cfn-json",
			       "archive/cdk-ts/Pr1", "subcategory-references/opt/Pr9" };
	assert_int_equal(l.n, FX_COUNT(want));
	for (size_t i = 0; i < FX_COUNT(want); i++)
		assert_non_null(task_list_find(&l, want[i]));
	assert_null(task_list_find(&l, "templates/cdk-ts"));
	assert_null(task_list_find(&l, "archive/cdk-ts/Pr2"));

	struct task *t = task_list_find(&l, "archive/cdk-ts/Pr1");
	assert_int_equal(t->ndocs, 7);
	assert_string_equal(t->docs[0].name, "PROMPT.md");
	assert_string_equal(t->docs[1].name, "PROMPT2.md");
	assert_int_equal(t->docs[1].turn, 2);
	assert_string_equal(t->docs[2].name, "PROMPT 3.md");
	assert_int_equal(t->docs[2].turn, 3);
	assert_int_equal(t->docs[3].kind, DOC_MODEL);
	assert_string_equal(t->meta.language.raw, "typescript");
	assert_string_equal(t->meta.language.norm, "ts");

	t = task_list_find(&l, ".");
	assert_non_null(t);
	assert_string_equal(task_display_path(t), ".");
	assert_true(t->meta.tq.has);
	assert_true(t->meta.tq.value == 9);

	t = task_list_find(&l, "subcategory-references/opt/Pr9");
	assert_false(t->has_meta);
	assert_non_null(task_doc(t, DOC_FAILURES));
	assert_null(task_doc(t, DOC_PROMPT));

	t = task_list_find(&l, "archive-localstack/LS-1-cfn-json");
	assert_string_equal(t->meta.platform.norm, "cfn");
	assert_int_equal(t->ndocs, 0);
	task_list_free(&l);
	fx_repo_free(fx);
}

static void stepwise_scan_equals_whole(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	git_oid c = fx_commit(fx, "HEAD", NULL, shape, FX_COUNT(shape), "shape");
	struct task_scan *s = NULL;
	struct task_list l;
	task_list_init(&l);
	assert_int_equal(task_scan_new(&s, fx->repo, &c), 0);
	int rc, steps = 0;
	while ((rc = task_scan_step(s, &l, 1)) > 0)
		steps++;
	assert_int_equal(rc, 0);
	assert_true(steps > 10);
	assert_int_equal(l.n, 5);
	task_scan_free(s);
	task_list_free(&l);
	fx_repo_free(fx);
}

static void missing_objects_are_reported(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	const struct fx_file files[] = {
		{ "archive/x/Pr1/lib/IDEAL_RESPONSE.md", "ideal that will vanish\n", 0 },
		{ "archive/x/Pr1/lib/PROMPT.md", "prompt\n", 0 },
		{ "archive/x/Pr1/metadata.json", "{\"platform\":\"tf\", \"x\": 1}", 0 },
		{ "archive/y/Pr2/lib/PROMPT.md", "second\n", 0 },
	};
	git_oid c = fx_commit(fx, "HEAD", NULL, files, FX_COUNT(files), "m");
	git_oid ideal = fx_blob_id("ideal that will vanish\n");
	git_oid meta = fx_blob_id("{\"platform\":\"tf\", \"x\": 1}");
	fx_remove_object(fx, &ideal);
	fx_remove_object(fx, &meta);

	struct task_list l;
	assert_int_equal(task_list_load(fx->repo, &c, &l), 0);
	assert_int_equal(l.n, 2);
	struct task *t = task_list_find(&l, "archive/x/Pr1");
	const struct task_doc *d = task_doc(t, DOC_IDEAL);
	assert_non_null(d);
	assert_true(d->missing);
	assert_false(task_doc(t, DOC_PROMPT)->missing);
	assert_true(t->has_meta);
	assert_non_null(t->meta.error);
	assert_non_null(strstr(t->meta.error, "archive/x/Pr1/metadata.json"));
	assert_non_null(strstr(t->meta.error, "missing"));

	/* Reading the missing document names path, revision and object. */
	struct buf b = BUF_INIT;
	assert_int_equal(repo_read_file(fx->repo, &c, "archive/x/Pr1/lib/IDEAL_RESPONSE.md", &b),
			 ERR_MISSING);
	char hex[GIT_OID_HEXSZ + 1], rev[11];
	git_oid_tostr(hex, sizeof(hex), &ideal);
	repo_short_id(rev, &c);
	assert_non_null(strstr(err_msg(), "archive/x/Pr1/lib/IDEAL_RESPONSE.md"));
	assert_non_null(strstr(err_msg(), hex));
	assert_non_null(strstr(err_msg(), rev));
	assert_int_equal(repo_read_file(fx->repo, &c, "archive/x/Pr1/lib/PROMPT.md", &b), 0);
	assert_string_equal(b.ptr, "prompt\n");
	assert_int_equal(repo_read_file(fx->repo, &c, "nope.md", &b), ERR_NOTFOUND);
	buf_free(&b);
	task_list_free(&l);
	fx_repo_free(fx);
}

static void missing_tree_skips_folder(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	const struct fx_file files[] = {
		{ "a/Pr1/lib/PROMPT.md", "one\n", 0 },
		{ "b/Pr2/lib/PROMPT.md", "two\n", 0 },
	};
	git_oid c = fx_commit(fx, "HEAD", NULL, files, FX_COUNT(files), "m");
	/* find the tree of b/ and remove it */
	git_commit *commit;
	git_tree *root;
	assert_int_equal(git_commit_lookup(&commit, fx->git, &c), 0);
	assert_int_equal(git_commit_tree(&root, commit), 0);
	git_oid b_tree;
	git_oid_cpy(&b_tree, git_tree_entry_id(git_tree_entry_byname(root, "b")));
	git_tree_free(root);
	git_commit_free(commit);
	fx_remove_object(fx, &b_tree);

	struct task_list l;
	assert_int_equal(task_list_load(fx->repo, &c, &l), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.nproblems, 1);
	assert_non_null(strstr(l.problems[0], "b/"));
	assert_non_null(strstr(l.problems[0], "missing"));
	task_list_free(&l);
	fx_repo_free(fx);
}

static void bare_repository(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(1);
	const struct fx_file files[] = { { "x/lib/PROMPT.md", "p\n", 0 } };
	fx_commit(fx, "HEAD", NULL, files, 1, "m");
	git_oid c;
	assert_true(fx->repo->bare);
	assert_int_equal(repo_resolve(fx->repo, NULL, &c), 0);
	struct task_list l;
	assert_int_equal(task_list_load(fx->repo, &c, &l), 0);
	assert_int_equal(l.n, 1);
	task_list_free(&l);
	fx_repo_free(fx);
}

static void empty_repository_and_revisions(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	git_oid c;
	assert_int_equal(repo_resolve(fx->repo, NULL, &c), ERR_NOTFOUND);
	assert_non_null(strstr(err_msg(), "no commits"));
	const struct fx_file f1[] = { { "x/lib/PROMPT.md", "1\n", 0 } };
	const struct fx_file f2[] = { { "x/lib/PROMPT.md", "2\n", 0 } };
	const struct fx_file f3[] = { { "x/lib/PROMPT.md", "3\n", 0 } };
	git_oid c1 = fx_commit(fx, "HEAD", NULL, f1, 1, "one");
	git_oid c2 = fx_commit(fx, "HEAD", &c1, f2, 1, "two");
	git_oid c3 = fx_commit(fx, "HEAD", &c2, f3, 1, "three");
	git_object *obj;
	git_commit *cc;
	assert_int_equal(git_commit_lookup(&cc, fx->git, &c1), 0);
	git_reference *tag;
	assert_int_equal(git_reference_create(&tag, fx->git, "refs/tags/v1", &c1, 0, NULL), 0);
	git_reference_free(tag);
	git_commit_free(cc);
	(void)obj;
	assert_int_equal(repo_resolve(fx->repo, "HEAD", &c), 0);
	assert_true(git_oid_equal(&c, &c3));
	assert_int_equal(repo_resolve(fx->repo, "HEAD~2", &c), 0);
	assert_true(git_oid_equal(&c, &c1));
	assert_int_equal(repo_resolve(fx->repo, "v1", &c), 0);
	assert_true(git_oid_equal(&c, &c1));
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), &c2);
	hex[12] = '\0';
	assert_int_equal(repo_resolve(fx->repo, hex, &c), 0);
	assert_true(git_oid_equal(&c, &c2));
	assert_int_equal(repo_resolve(fx->repo, "no-such-branch", &c), ERR_NOTFOUND);
	assert_non_null(strstr(err_msg(), "no-such-branch"));
	fx_repo_free(fx);
}

static void not_a_repository(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/iacrev-norepo.XXXXXX";
	char *dir = mkdtemp(tmpl);
	struct repo *r = NULL;
	assert_int_equal(repo_open(&r, dir), ERR_NOTFOUND);
	assert_null(r);
	assert_non_null(strstr(err_msg(), "not a git repository"));
	assert_int_equal(repo_open(&r, "/nonexistent/dir"), ERR_NOTFOUND);
	assert_non_null(strstr(err_msg(), "/nonexistent/dir"));
	rmdir(dir);
}

static void opens_from_subfolder(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	char *sub = xasprintf("%s/deep/er", fx->dir);
	char *mid = xasprintf("%s/deep", fx->dir);
	mkdir(mid, 0755);
	mkdir(sub, 0755);
	struct repo *r = NULL;
	assert_int_equal(repo_open(&r, sub), 0);
	char *real = realpath(fx->dir, NULL);
	assert_string_equal(r->display, real);
	free(real);
	repo_free(r);
	rmdir(sub);
	rmdir(mid);
	free(sub);
	free(mid);
	fx_repo_free(fx);
}

static void doc_names(void **state)
{
	(void)state;
	enum doc_kind k;
	int turn;
	assert_true(doc_parse_name("PROMPT.md", &k, &turn));
	assert_int_equal(k, DOC_PROMPT);
	assert_int_equal(turn, 1);
	assert_true(doc_parse_name("MODEL_RESPONSE3.md", &k, &turn));
	assert_int_equal(k, DOC_MODEL);
	assert_int_equal(turn, 3);
	assert_true(doc_parse_name("PROMPT-2.md", &k, &turn));
	assert_int_equal(turn, 2);
	assert_true(doc_parse_name("PROMPT 2.md", &k, &turn));
	assert_true(doc_parse_name("IDEAL_RESPONSE1.md", &k, &turn));
	assert_int_equal(turn, 1);
	assert_false(doc_parse_name("PROMPT.txt", &k, &turn));
	assert_false(doc_parse_name("PROMPTS.md", &k, &turn));
	assert_false(doc_parse_name("PROMPT-.md", &k, &turn));
	assert_false(doc_parse_name("README.md", &k, &turn));
}

/* Metadata parsed on worker threads (task_list_load) must be what the
 * stepwise scan parses on its own thread: enough tasks for the workers to
 * start, every metadata shape, one blob missing. */
static void assert_same_meta(const struct task *a, const struct task *b)
{
	assert_string_equal(a->path, b->path);
	assert_int_equal(a->has_meta, b->has_meta);
	const struct meta *x = &a->meta, *y = &b->meta;
	const char *xs[] = { x->platform.raw, x->language.norm, x->po_id.raw, x->error, x->tq.raw, x->tq.reason };
	const char *ys[] = { y->platform.raw, y->language.norm, y->po_id.raw, y->error, y->tq.raw, y->tq.reason };
	for (size_t i = 0; i < FX_COUNT(xs); i++) {
		if (!xs[i] || !ys[i])
			assert_true(xs[i] == ys[i]);
		else
			assert_string_equal(xs[i], ys[i]);
	}
	assert_int_equal(x->tq.has, y->tq.has);
	assert_true(x->tq.value == y->tq.value);
	assert_int_equal(x->n_problems, y->n_problems);
	for (size_t i = 0; i < x->n_problems; i++)
		assert_string_equal(x->problems[i], y->problems[i]);
	assert_int_equal(x->n_aws_services, y->n_aws_services);
	/* the workers also check that each document is in the object store */
	assert_int_equal(a->ndocs, b->ndocs);
	for (size_t i = 0; i < a->ndocs; i++)
		assert_int_equal(a->docs[i].missing, b->docs[i].missing);
}

static void threaded_load_equals_scan(void **state)
{
	(void)state;
	enum { N = 90 };
	struct fx_file files[2 * N + 1];
	char *owned[2 * N];
	for (int i = 0; i < N; i++) {
		owned[2 * i] = xasprintf("archive/x-%d/Pr%d/metadata.json", i % 7, i);
		int q = i % 11;
		switch (i % 4) {
		case 0:
			owned[2 * i + 1] = xasprintf("{\"platform\":\"cdk\",\"language\":\"ts\",\"po_id\":\"p%d\",\"training_quality\":%d}", i, q);
			break;
		case 1:
			owned[2 * i + 1] = xasprintf("{\"platform\":\"cloudformation\",\"language\":\"yaml\",\"po_id\":\"p%d\",\"training_quality\":\"%d\"}", i, q);
			break;
		case 2:
			owned[2 * i + 1] = xasprintf("{\"platform\":\"tf\",\"language\":\"hcl\",\"po_id\":\"p%d\",\"aws_services\":[\"S3\",\"%d\"],}", i, q);
			break;
		default:
			owned[2 * i + 1] = xasprintf("{\"platform\":\"pulumi\",\"po_id\":\"p%d\",\"training_qulity\":%d}", i, q);
			break;
		}
		files[2 * i] = (struct fx_file){ xasprintf("archive/x-%d/Pr%d/lib/PROMPT.md", i % 7, i), "p\n", 0 };
		files[2 * i + 1] = (struct fx_file){ owned[2 * i], owned[2 * i + 1], 0 };
	}
	files[2 * N] = (struct fx_file){ "archive/x-2/Pr9/lib/MODEL_RESPONSE.md", "lost answer\n", 0 };
	struct fx_repo *fx = fx_repo_new(0);
	git_oid c = fx_commit(fx, "HEAD", NULL, files, FX_COUNT(files), "many");
	git_oid gone = fx_blob_id(owned[2 * 5 + 1]), lost = fx_blob_id("lost answer\n");
	fx_remove_object(fx, &gone);
	fx_remove_object(fx, &lost);

	struct task_list scanned, threaded, inline_load;
	struct task_scan *s = NULL;
	task_list_init(&scanned);
	assert_int_equal(task_scan_new(&s, fx->repo, &c), 0);
	while (task_scan_step(s, &scanned, 7) > 0)
		;
	task_scan_free(s);
	task_set_meta_workers(2);
	assert_int_equal(task_list_load(fx->repo, &c, &threaded), 0);
	/* the first load wrote the cache of parsed metadata (meta_cache.h) */
	char *cache = xasprintf("%s/iacrev/meta.cache", fx->repo->gitdir);
	assert_int_equal(access(cache, F_OK), 0);
	free(cache);
	task_set_meta_workers(0);
	assert_int_equal(task_list_load(fx->repo, &c, &inline_load), 0);  /* from the cache */
	task_set_meta_workers(-1);

	assert_int_equal(scanned.n, N);
	assert_int_equal(threaded.n, N);
	assert_int_equal(inline_load.n, N);
	for (size_t i = 0; i < N; i++) {
		assert_same_meta(&scanned.v[i], &threaded.v[i]);
		assert_same_meta(&scanned.v[i], &inline_load.v[i]);
	}
	struct task *t = task_list_find(&threaded, "archive/x-5/Pr5");
	assert_non_null(t->meta.error);
	assert_non_null(strstr(t->meta.error, "is missing from the object store"));
	assert_non_null(task_list_find(&threaded, "archive/x-2/Pr2")->meta.error);  /* trailing comma */
	assert_true(task_list_find(&threaded, "archive/x-1/Pr8")->meta.tq.value == 8);
	assert_true(task_doc(task_list_find(&threaded, "archive/x-2/Pr9"), DOC_MODEL)->missing);
	assert_true(task_doc(task_list_find(&inline_load, "archive/x-2/Pr9"), DOC_MODEL)->missing);
	assert_false(task_doc(task_list_find(&threaded, "archive/x-2/Pr9"), DOC_PROMPT)->missing);

	task_list_free(&scanned);
	task_list_free(&threaded);
	task_list_free(&inline_load);
	for (int i = 0; i < N; i++) {
		free((char *)files[2 * i].path);
		free(owned[2 * i]);
		free(owned[2 * i + 1]);
	}
	fx_repo_free(fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(discovers_by_rule),
		cmocka_unit_test(stepwise_scan_equals_whole),
		cmocka_unit_test(threaded_load_equals_scan),
		cmocka_unit_test(missing_objects_are_reported),
		cmocka_unit_test(missing_tree_skips_folder),
		cmocka_unit_test(bare_repository),
		cmocka_unit_test(empty_repository_and_revisions),
		cmocka_unit_test(not_a_repository),
		cmocka_unit_test(opens_from_subfolder),
		cmocka_unit_test(doc_names),
	};
	return cmocka_run_group_tests(tests, fx_setup_global, fx_teardown_global);
}
