/* task_load_path as the workbench uses it: one task by its path, without
 * the walk of the tree, by the same rule as the walk. */
#include "testlib.h"

#include "../../core/task.h"

static const struct fx_file files[] = {
	{ "lib/PROMPT.md", "root\n", 0 },
	{ "archive/cdk-ts/Pr1/lib/PROMPT.md", "p\n", 0 },
	{ "archive/cdk-ts/Pr1/lib/MODEL_RESPONSE2.md", "m2\n", 0 },
	{ "archive/cdk-ts/Pr1/metadata.json", "{\"platform\":\"cdk\",\"training_quality\":8}", 0 },
	{ "templates/cdk-ts/lib/PROMPT.md", "Insert here\n", 0 },
	{ ".hidden/t/lib/PROMPT.md", "x\n", 0 },
	{ "archive/cdk-ts/Pr2/lib/metadata.json", "{}", 0 },
	{ "notes.txt", "n\n", 0 },
};

static void loads_one_task(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	git_oid c = fx_commit(fx, "HEAD", NULL, files, FX_COUNT(files), "tasks");
	struct task t;
	assert_int_equal(task_load_path(fx->repo, &c, "archive/cdk-ts/Pr1/", &t), 0);
	assert_string_equal(t.path, "archive/cdk-ts/Pr1");
	assert_int_equal(t.ndocs, 2);
	assert_true(t.has_meta);
	assert_true(t.meta.tq.has);
	task_free_one(&t);

	assert_int_equal(task_load_path(fx->repo, &c, ".", &t), 0);
	assert_string_equal(t.path, "");
	assert_false(t.has_meta);
	task_free_one(&t);

	static const char *const not_tasks[] = {
		"templates/cdk-ts", ".hidden/t", "archive/cdk-ts", "archive/cdk-ts/Pr2",
		"archive/cdk-ts/Pr2/lib", "nowhere", "notes.txt",
	};
	for (size_t i = 0; i < FX_COUNT(not_tasks); i++) {
		assert_int_equal(task_load_path(fx->repo, &c, not_tasks[i], &t), ERR_NOTFOUND);
		assert_non_null(strstr(err_msg(), "no task at"));
	}
	fx_repo_free(fx);
}

static void missing_tree_is_an_error(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	git_oid c = fx_commit(fx, "HEAD", NULL, files, FX_COUNT(files), "tasks");
	git_tree *root = NULL;
	assert_int_equal(repo_commit_tree(fx->repo, &c, &root), 0);
	git_tree_entry *e = NULL;
	assert_int_equal(git_tree_entry_bypath(&e, root, "archive/cdk-ts/Pr1"), 0);
	git_oid id = *git_tree_entry_id(e);
	git_tree_entry_free(e);
	git_tree_free(root);
	fx_remove_object(fx, &id);
	struct task t;
	assert_int_equal(task_load_path(fx->repo, &c, "archive/cdk-ts/Pr1", &t), ERR_MISSING);
	assert_non_null(strstr(err_msg(), "is missing from the object store"));
	fx_repo_free(fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loads_one_task),
		cmocka_unit_test(missing_tree_is_an_error),
	};
	return cmocka_run_group_tests(tests, fx_setup_global, fx_teardown_global);
}
