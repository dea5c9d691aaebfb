/* task_load_path: one task by its path, by the scanner's rule. */
#include "testlib.h"

#include "../../core/task.h"

static const struct fx_file files[] = {
	{ "lib/PROMPT.md", "root prompt\n", 0 },
	{ "metadata.json", "{\"platform\":\"cdk\",\"language\":\"ts\"}", 0 },
	{ "archive/cdk-ts/Pr1/lib/MODEL_RESPONSE.md", "m\n", 0 },
	{ "archive/cdk-ts/Pr1/lib/IDEAL_RESPONSE.md", "i\n", 0 },
	{ "archive/cdk-ts/Pr1/metadata.json", "{\"platform\":\"cdk\",\"language\":\"typescript\"}", 0 },
	{ "archive/cfn-yaml/Pr7899/test/tap-stack.int.test.ts", "test\n", 0 },
	{ "templates/cdk-ts/lib/PROMPT.md", "Insert here the prompt\n", 0 },
	{ ".github/x/lib/PROMPT.md", "hidden\n", 0 },
};

static void loads_one_task(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	git_oid c = fx_commit(fx, "HEAD", NULL, files, FX_COUNT(files), "tasks");
	struct task t;
	const char *spellings[] = { "archive/cdk-ts/Pr1", "archive/cdk-ts/Pr1/", "./archive/cdk-ts/Pr1" };
	for (size_t i = 0; i < FX_COUNT(spellings); i++) {
		assert_int_equal(task_load_path(fx->repo, &c, spellings[i], &t), 0);
		assert_string_equal(t.path, "archive/cdk-ts/Pr1");
		assert_int_equal(t.ndocs, 2);
		assert_non_null(task_doc(&t, DOC_IDEAL));
		assert_true(t.has_meta);
		assert_string_equal(t.meta.language.norm, "ts");
		task_free_one(&t);
	}
	/* the root task */
	assert_int_equal(task_load_path(fx->repo, &c, ".", &t), 0);
	assert_string_equal(task_display_path(&t), ".");
	assert_non_null(task_doc(&t, DOC_PROMPT));
	task_free_one(&t);
	fx_repo_free(fx);
}

static void refuses_what_is_not_a_task(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	git_oid c = fx_commit(fx, "HEAD", NULL, files, FX_COUNT(files), "tasks");
	struct task t;
	const char *not_tasks[] = { "archive/cfn-yaml/Pr7899", "templates/cdk-ts", ".github/x",
				    "archive/none", "archive", "archive/cdk-ts/Pr1/lib/MODEL_RESPONSE.md" };
	for (size_t i = 0; i < FX_COUNT(not_tasks); i++) {
		assert_int_equal(task_load_path(fx->repo, &c, not_tasks[i], &t), ERR_NOTFOUND);
		assert_non_null(strstr(err_msg(), "no task at '"));
		assert_non_null(strstr(err_msg(), not_tasks[i]));
	}
	fx_repo_free(fx);
}

static void names_a_missing_tree(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	git_oid c = fx_commit(fx, "HEAD", NULL, files, FX_COUNT(files), "tasks");
	git_commit *commit = NULL;
	git_tree *root = NULL;
	git_tree_entry *e = NULL;
	assert_int_equal(git_commit_lookup(&commit, fx->git, &c), 0);
	assert_int_equal(git_commit_tree(&root, commit), 0);
	assert_int_equal(git_tree_entry_bypath(&e, root, "archive/cdk-ts/Pr1"), 0);
	git_oid tree;
	git_oid_cpy(&tree, git_tree_entry_id(e));
	git_tree_entry_free(e);
	git_tree_free(root);
	git_commit_free(commit);
	fx_remove_object(fx, &tree);
	struct task t;
	assert_int_equal(task_load_path(fx->repo, &c, "archive/cdk-ts/Pr1", &t), ERR_MISSING);
	assert_non_null(strstr(err_msg(), "archive/cdk-ts/Pr1/ at "));
	assert_non_null(strstr(err_msg(), "is missing from the object store"));
	fx_repo_free(fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loads_one_task),
		cmocka_unit_test(refuses_what_is_not_a_task),
		cmocka_unit_test(names_a_missing_tree),
	};
	return cmocka_run_group_tests(tests, fx_setup_global, fx_teardown_global);
}
