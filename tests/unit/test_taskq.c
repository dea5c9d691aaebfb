/* The filter language and the sort keys of the task list. */
#include "testlib.h"

#include "../../core/taskq.h"

static const struct fx_file files[] = {
	{ "archive/cdk-ts/Pr1/lib/PROMPT.md", "p", 0 },
	{ "archive/cdk-ts/Pr1/metadata.json", "{\"platform\":\"cdk\",\"language\":\"typescript\",\"complexity\":\"hard\",\"training_quality\":9,\"author\":\"ada-turing\",\"po_id\":\"20\",\"aws_services\":[\"S3\",\"KMS\"],\"subtask\":\"Application Deployment\"}", 0 },
	{ "archive/cfn-yaml/Pr2/lib/PROMPT.md", "p", 0 },
	{ "archive/cfn-yaml/Pr2/lib/MODEL_FAILURES.md", "f", 0 },
	{ "archive/cfn-yaml/Pr2/metadata.json", "{\"platform\":\"cloudformation\",\"language\":\"yaml\",\"complexity\":\"expert\",\"training_quality\":7,\"author\":\"bo\",\"po_id\":\"3\"}", 0 },
	{ "archive/tf-hcl/Pr3/lib/PROMPT.md", "p", 0 },
	{ "archive/tf-hcl/Pr3/metadata.json", "{\"platform\":\"tf\",\"language\":\"hcl\",\"complexity\":\"medium\",\"training_quality\":\"high\",\"author\":\"Ada\",\"po_id\":\"100\"}", 0 },
	{ "archive-localstack/LS-4-cdk-py/lib/PROMPT.md", "p", 0 },
	{ "archive-localstack/LS-4-cdk-py/metadata.json", "{\"platform\":\"cdk\",\"language\":\"py\",\"complexity\":\"hard\",\"training_quality\":8.5,}", 0 },
};

struct fx {
	struct fx_repo *repo;
	struct task_list list;
};

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	f->repo = fx_repo_new(0);
	git_oid c = fx_commit(f->repo, "HEAD", NULL, files, FX_COUNT(files), "m");
	assert_int_equal(task_list_load(f->repo->repo, &c, &f->list), 0);
	assert_int_equal(f->list.n, 4);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	task_list_free(&f->list);
	fx_repo_free(f->repo);
	free(f);
	return 0;
}

/* The matching paths, space-separated, in list order. */
static char *matches(struct fx *f, const char *expr)
{
	struct task_filter *flt = NULL;
	assert_int_equal(task_filter_parse(expr, &flt), 0);
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < f->list.n; i++) {
		if (task_filter_match(flt, &f->list.v[i], NULL)) {
			if (b.len)
				buf_putc(&b, ' ');
			buf_puts(&b, f->list.v[i].path);
		}
	}
	task_filter_free(flt);
	return buf_detach(&b);
}

#define EXPECT(expr, want) do { \
	char *got_ = matches(f, expr); \
	assert_string_equal(got_, want); \
	free(got_); \
} while (0)

static void filters(void **state)
{
	struct fx *f = *state;
	EXPECT("", "archive-localstack/LS-4-cdk-py archive/cdk-ts/Pr1 archive/cfn-yaml/Pr2 archive/tf-hcl/Pr3");
	EXPECT("platform:cdk", "archive/cdk-ts/Pr1");
	EXPECT("platform:cloudformation", "archive/cfn-yaml/Pr2");
	EXPECT("platform:CFN", "archive/cfn-yaml/Pr2");
	EXPECT("lang:ts", "archive/cdk-ts/Pr1");
	EXPECT("language:typescript", "archive/cdk-ts/Pr1");
	EXPECT("pl:cdk-typescript", "archive/cdk-ts/Pr1");
	EXPECT("tq:<8", "archive/cfn-yaml/Pr2");
	EXPECT("tq:>=9", "archive/cdk-ts/Pr1");
	EXPECT("tq:9", "archive/cdk-ts/Pr1");
	EXPECT("tq:none", "archive-localstack/LS-4-cdk-py archive/tf-hcl/Pr3");
	EXPECT("tq:any", "archive/cdk-ts/Pr1 archive/cfn-yaml/Pr2");
	EXPECT("author:ada", "archive/cdk-ts/Pr1 archive/tf-hcl/Pr3");
	EXPECT("author:ada tq:none", "archive/tf-hcl/Pr3");
	EXPECT("-author:ada", "archive-localstack/LS-4-cdk-py archive/cfn-yaml/Pr2");
	EXPECT("path:archive/tf-hcl", "archive/tf-hcl/Pr3");
	EXPECT("path:archive/*/Pr[12]", "archive/cdk-ts/Pr1 archive/cfn-yaml/Pr2");
	EXPECT("localstack", "archive-localstack/LS-4-cdk-py");
	EXPECT("complexity:medium", "archive/tf-hcl/Pr3");
	EXPECT("has:failures", "archive/cfn-yaml/Pr2");
	EXPECT("-has:failures has:prompt", "archive-localstack/LS-4-cdk-py archive/cdk-ts/Pr1 archive/tf-hcl/Pr3");
	EXPECT("problem:yes", "archive-localstack/LS-4-cdk-py archive/tf-hcl/Pr3");
	EXPECT("service:kms", "archive/cdk-ts/Pr1");
	EXPECT("subtask:\"application deploy\"", "archive/cdk-ts/Pr1");
	EXPECT("po:3", "archive/cfn-yaml/Pr2");
	/* without the review hooks, review keys match nothing */
	EXPECT("reviewed:yes", "");
	EXPECT("score:none", "archive-localstack/LS-4-cdk-py archive/cdk-ts/Pr1 archive/cfn-yaml/Pr2 archive/tf-hcl/Pr3");
}

static void bad_filters(void **state)
{
	(void)state;
	struct task_filter *flt = NULL;
	assert_int_equal(task_filter_parse("colour:red", &flt), ERR_USAGE);
	assert_non_null(strstr(err_msg(), "unknown filter key 'colour'"));
	assert_null(flt);
	assert_int_equal(task_filter_parse("tq:<eight", &flt), ERR_USAGE);
	assert_non_null(strstr(err_msg(), "not a number"));
	assert_int_equal(task_filter_parse("platform:", &flt), ERR_USAGE);
}

static bool fake_number(void *payload, const struct task *t, const char *name, double *out)
{
	(void)payload;
	if (strcmp(name, "score") == 0 && strstr(t->path, "Pr1")) {
		*out = 6;
		return true;
	}
	return false;
}

static bool fake_test(void *payload, const struct task *t, const char *name, const char *arg)
{
	(void)payload;
	return strcmp(name, "reviewed") == 0 && strcmp(arg, "no") == 0 && !strstr(t->path, "Pr1");
}

static void review_hooks(void **state)
{
	struct fx *f = *state;
	struct task_facts facts = { fake_number, fake_test, NULL };
	struct task_filter *flt = NULL;
	assert_int_equal(task_filter_parse("score:<8", &flt), 0);
	assert_true(task_filter_match(flt, task_list_find(&f->list, "archive/cdk-ts/Pr1"), &facts));
	assert_false(task_filter_match(flt, task_list_find(&f->list, "archive/cfn-yaml/Pr2"), &facts));
	task_filter_free(flt);
	assert_int_equal(task_filter_parse("reviewed:no", &flt), 0);
	assert_false(task_filter_match(flt, task_list_find(&f->list, "archive/cdk-ts/Pr1"), &facts));
	assert_true(task_filter_match(flt, task_list_find(&f->list, "archive/tf-hcl/Pr3"), &facts));
	task_filter_free(flt);
}

static char *sorted(struct fx *f, const char *key)
{
	enum task_sort k;
	bool rev;
	assert_int_equal(task_sort_parse(key, &k, &rev), 0);
	const struct task *v[8];
	for (size_t i = 0; i < f->list.n; i++)
		v[i] = &f->list.v[i];
	task_sort(v, f->list.n, k, rev);
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < f->list.n; i++) {
		const char *slash = strrchr(v[i]->path, '/');
		if (b.len)
			buf_putc(&b, ' ');
		buf_puts(&b, slash + 1);
	}
	return buf_detach(&b);
}

#define EXPECT_SORT(key, want) do { \
	char *got_ = sorted(f, key); \
	assert_string_equal(got_, want); \
	free(got_); \
} while (0)

static void sorts(void **state)
{
	struct fx *f = *state;
	EXPECT_SORT("path", "LS-4-cdk-py Pr1 Pr2 Pr3");
	EXPECT_SORT("-path", "Pr3 Pr2 Pr1 LS-4-cdk-py");
	EXPECT_SORT("tq", "Pr2 Pr1 LS-4-cdk-py Pr3");
	EXPECT_SORT("-tq", "Pr1 Pr2 LS-4-cdk-py Pr3");
	EXPECT_SORT("po", "Pr2 Pr1 Pr3 LS-4-cdk-py");
	EXPECT_SORT("complexity", "Pr3 Pr1 Pr2 LS-4-cdk-py");
	EXPECT_SORT("platform", "Pr1 Pr2 Pr3 LS-4-cdk-py");
	enum task_sort k;
	bool rev;
	assert_int_equal(task_sort_parse("colour", &k, &rev), ERR_USAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(filters, setup, teardown),
		cmocka_unit_test(bad_filters),
		cmocka_unit_test_setup_teardown(review_hooks, setup, teardown),
		cmocka_unit_test_setup_teardown(sorts, setup, teardown),
	};
	return cmocka_run_group_tests(tests, fx_setup_global, fx_teardown_global);
}
