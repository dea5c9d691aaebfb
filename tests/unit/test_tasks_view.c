/* The tasks view without a terminal: it fills in bounded steps (the
 * first lines exist long before the walk ends) and keeps the cursor's
 * task across sorts; with reviews in the repository it shows the review
 * columns.  (Filters go through the prompt: tests/e2e.) */
#include "testlib.h"

#include "../../core/review_save.h"
#include "../../core/task.h"
#include "../../views/reviews.h"
#include "../../views/view.h"

#define NTASKS 600

static struct fx_repo *fx;
static git_oid head;

static int setup(void **state)
{
	fx_setup_global(state);
	fx = fx_repo_new(0);
	struct fx_file *files = xcalloc(NTASKS, sizeof(*files));
	char **paths = xcalloc(NTASKS, sizeof(*paths));
	char **metas = xcalloc(NTASKS, sizeof(*metas));
	for (int i = 0; i < NTASKS; i++) {
		paths[i] = xasprintf("archive/%s/Pr%03d/metadata.json", i % 2 ? "cdk-ts" : "tf-hcl", i);
		metas[i] = xasprintf("{\"platform\":\"%s\",\"training_quality\":%d}", i % 2 ? "cdk" : "tf",
				     i % 10);
		files[i] = (struct fx_file){ paths[i], metas[i], 0 };
	}
	head = fx_commit(fx, "HEAD", NULL, files, NTASKS, "many tasks");
	for (int i = 0; i < NTASKS; i++) {
		free(paths[i]);
		free(metas[i]);
	}
	free(paths);
	free(metas);
	free(files);
	return 0;
}

static int teardown(void **state)
{
	fx_repo_free(fx);
	return fx_teardown_global(state);
}

struct harness {
	struct work work;
	struct view view;
};

static void open_view(struct harness *h)
{
	memset(h, 0, sizeof(*h));
	task_list_init(&h->work.tasks);
	h->work.repo = fx->repo;
	h->work.commit = head;
	h->work.selected = SIZE_MAX;
	h->view.ops = &tasks_view_ops;
	h->view.work = &h->work;
	h->view.priv = xcalloc(1, tasks_view_ops.private_size);
	h->view.width = 100;
	h->view.height = 20;
	assert_int_equal(tasks_view_ops.open(&h->view, &(struct view_args){ NULL, NULL, 0, NULL, NULL }), 0);
}

static void close_view(struct harness *h)
{
	tasks_view_ops.done(&h->view);
	free(h->view.priv);
	free(h->view.title);
	free(h->view.progress);
	work_reviews_free(&h->work);
	task_list_free(&h->work.tasks);
}

static const char *row_path(struct harness *h, size_t i)
{
	const struct sline *l = tasks_view_ops.line(&h->view, i);
	return h->work.tasks.v[l->ref].path;
}

static void fills_in_steps(void **state)
{
	(void)state;
	struct harness h;
	open_view(&h);
	assert_int_equal(tasks_view_ops.line_count(&h.view), 0);
	assert_int_equal(tasks_view_ops.step(&h.view), 1);
	size_t first = tasks_view_ops.line_count(&h.view);
	assert_true(first > 0);
	assert_true(first < NTASKS);
	assert_non_null(strstr(h.view.title, "(loading)"));
	assert_non_null(h.view.progress);
	int steps = 1;
	while (tasks_view_ops.step(&h.view) > 0)
		steps++;
	assert_true(steps > 2);
	assert_int_equal(tasks_view_ops.line_count(&h.view), NTASKS);
	assert_true(h.work.tasks_loaded);
	assert_null(h.view.progress);
	assert_string_equal(h.view.title, "Tasks 600/600  sort: path");
	assert_int_equal(h.work.norder, NTASKS);
	close_view(&h);
}

static void sorts_keeping_the_cursor(void **state)
{
	(void)state;
	struct harness h;
	open_view(&h);
	while (tasks_view_ops.step(&h.view) > 0)
		;
	h.view.cursor = 7;
	const char *at = row_path(&h, 7);
	char *keep = xstrdup(at);
	/* o cycles path -> po -> platform */
	assert_int_equal(tasks_view_ops.key(&h.view, ACT_SORT_NEXT, 1), VIEW_KEY_HANDLED);
	assert_int_equal(tasks_view_ops.key(&h.view, ACT_SORT_NEXT, 1), VIEW_KEY_HANDLED);
	assert_string_equal(h.view.title, "Tasks 600/600  sort: platform");
	assert_string_equal(row_path(&h, h.view.cursor), keep);
	assert_int_equal(tasks_view_ops.key(&h.view, ACT_SORT_REVERSE, 1), VIEW_KEY_HANDLED);
	assert_string_equal(h.view.title, "Tasks 600/600  sort: -platform");
	assert_string_equal(row_path(&h, h.view.cursor), keep);
	assert_string_equal(h.work.tasks.v[h.work.selected].path, keep);
	free(keep);
	close_view(&h);
}

/* The row's cell that starts under the header's column NAME is WANT. */
static void expect_cell(const char *header, const char *row, const char *name, const char *want)
{
	const char *h = strstr(header, name);
	assert_non_null(h);
	size_t at = (size_t)(h - header), n = strlen(want);
	assert_true(strlen(row) >= at + n);
	assert_memory_equal(row + at, want, n);
	assert_true(row[at + n] == ' ' || row[at + n] == '\0');
}

/* Runs last: it saves a review into the shared repository. */
static void review_columns_once_there_are_reviews(void **state)
{
	(void)state;
	struct task t;
	assert_int_equal(task_load_path(fx->repo, &head, "archive/cdk-ts/Pr001", &t), 0);
	struct review_draft d;
	memset(&d, 0, sizeof(d));
	d.task = t.path;
	d.commit = head;
	d.tree = t.tree;
	d.has_score = true;
	d.score = 6;
	d.secs = -1;
	struct reviewer me = { "Ada", "ada@example.org" };
	struct review_record rec;
	assert_int_equal(review_build(&d, &me, NULL, &rec), 0);
	struct review_saved saved;
	assert_int_equal(review_save(fx->repo, &rec, NULL, &saved), 0);
	review_record_free(&rec);
	task_free_one(&t);
	git_config *cfg = NULL;
	assert_int_equal(git_repository_config(&cfg, fx->repo->git), 0);
	assert_int_equal(git_config_set_string(cfg, "user.name", "Ada"), 0);
	assert_int_equal(git_config_set_string(cfg, "user.email", "ada@example.org"), 0);
	git_config_free(cfg);

	struct harness h;
	open_view(&h);
	while (tasks_view_ops.step(&h.view) > 0)
		;
	assert_non_null(h.work.reviews);
	assert_int_equal(work_reviews_gen(&h.work), 1);
	const struct sline *hd = tasks_view_ops.header(&h.view);
	assert_non_null(strstr(hd->text, "MINE"));
	assert_non_null(strstr(hd->text, "REVS"));
	assert_non_null(strstr(hd->text, "STALE"));
	bool found = false;
	for (size_t i = 0; i < tasks_view_ops.line_count(&h.view); i++) {
		const struct sline *l = tasks_view_ops.line(&h.view, i);
		if (strcmp(h.work.tasks.v[l->ref].path, "archive/cdk-ts/Pr001") != 0)
			continue;
		found = true;
		/* TQ 1, then my score 6 and one review, each under its heading
		 * (" 1 " anywhere would be found in the TQ column alone) */
		expect_cell(hd->text, l->text, "TQ", "1");
		expect_cell(hd->text, l->text, "MINE", "6");
		expect_cell(hd->text, l->text, "REVS", "1");
	}
	assert_true(found);
	assert_int_equal(work_reviews_reload(&h.work), 0);
	assert_int_equal(work_reviews_gen(&h.work), 2);
	close_view(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fills_in_steps),
		cmocka_unit_test(sorts_keeping_the_cursor),
		cmocka_unit_test(review_columns_once_there_are_reviews),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
