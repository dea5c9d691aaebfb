/* The score sheet's model: answers, the live rubric, what blocks a save,
 * dirty tracking, prefilling from the reviewer's record (an item keeps its
 * category only while its number and title hold), blind review. */
#include "testlib.h"

#include "../../core/review_sheet.h"

static const struct fx_file v1[] = {
	{ "t/lib/MODEL_FAILURES.md", "### 1. KMS\n### 2. Tags\n### 3. Outputs\n", 0 },
	{ "t/metadata.json", "{\"platform\":\"cdk\",\"training_quality\":9}", 0 },
};
static const struct fx_file v2[] = {
	{ "t/lib/MODEL_FAILURES.md", "### 1. KMS\n### 2. Tags renamed\n### 3. Outputs\n### 4. New\n", 0 },
	{ "t/metadata.json", "{\"platform\":\"cdk\",\"training_quality\":9}", 0 },
};

static struct reviewer ada = { "Ada", "ada@example.org" };

static void answers_and_rules(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	git_oid c = fx_commit(fx, "HEAD", NULL, v1, FX_COUNT(v1), "v1");
	struct task_list tasks;
	assert_int_equal(task_list_load(fx->repo, &c, &tasks), 0);
	struct review_sheet s;
	review_sheet_open(&s, fx->repo, &tasks.v[0], &c, NULL);
	assert_int_equal(s.items.n, 3);
	assert_false(s.dirty);
	assert_false(s.had_record);
	assert_int_equal(s.final, SHEET_ACCEPT);
	assert_string_equal(review_sheet_problem(&s), "item 1 has no category (a, b, c or - not a fix)");
	review_sheet_set_cat(&s, 0, RC_A);
	review_sheet_set_cat(&s, 1, RC_B);
	review_sheet_set_cat(&s, 2, RC_NOFIX);
	assert_true(s.dirty);
	assert_null(review_sheet_problem(&s));
	assert_int_equal(review_sheet_score(&s), 9);
	assert_false(review_sheet_tq_differs(&s));
	review_sheet_toggle_factor(&s, RF_HA);
	assert_int_equal(review_sheet_score(&s), 10);
	review_sheet_toggle_factor(&s, RF_HA);
	review_sheet_toggle_blocker(&s, RB_REGION);
	struct rubric_result r;
	review_sheet_result(&s, &r);
	assert_true(r.blocked);
	assert_int_equal(review_sheet_score(&s), 5);
	assert_true(review_sheet_tq_differs(&s)); /* 5 against 9 */
	review_sheet_toggle_blocker(&s, RB_REGION);
	/* an override needs a reason */
	review_sheet_set_final(&s, 6);
	assert_string_equal(review_sheet_problem(&s),
			    "the score differs from the computed one: an override needs a reason");
	assert_int_equal(review_sheet_save(&s, fx->repo, &ada, NULL, NULL, NULL), ERR_USAGE);
	assert_true(s.dirty); /* the answers stay to retry */
	review_sheet_set_reason(&s, "tags are trivial");
	struct review_set set;
	assert_int_equal(review_set_load(fx->repo, &set), 0);
	struct review_saved saved;
	assert_int_equal(review_sheet_save(&s, fx->repo, &ada, &set, NULL, &saved), 0);
	assert_false(s.dirty);
	assert_true(s.saved_id != 0);
	review_set_free(&set);
	/* the record as saved */
	assert_int_equal(review_set_load(fx->repo, &set), 0);
	const struct review_current *mine = review_set_mine(&set, "t", "ada@example.org");
	assert_non_null(mine);
	const struct review_record *rec = review_cur_record(&set, mine);
	assert_int_equal(rec->score, 6);
	assert_int_equal(rec->computed, 9);
	assert_string_equal(rec->reason, "tags are trivial");
	assert_true(rec->secs >= 0);
	/* setting what is already there is not a change */
	review_sheet_set_final(&s, 6);
	review_sheet_set_note(&s, "");
	assert_false(s.dirty);
	review_sheet_free(&s);
	review_set_free(&set);
	task_list_free(&tasks);
	fx_repo_free(fx);
}

static void prefill_from_my_record(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	git_oid c1 = fx_commit(fx, "HEAD", NULL, v1, FX_COUNT(v1), "v1");
	struct task_list tasks;
	assert_int_equal(task_list_load(fx->repo, &c1, &tasks), 0);
	struct review_sheet s;
	review_sheet_open(&s, fx->repo, &tasks.v[0], &c1, NULL);
	review_sheet_set_cat(&s, 0, RC_A);
	review_sheet_set_cat(&s, 1, RC_C);
	review_sheet_set_cat(&s, 2, RC_C);
	review_sheet_toggle_factor(&s, RF_SECURITY);
	review_sheet_set_note(&s, "first pass");
	assert_int_equal(review_sheet_save(&s, fx->repo, &ada, NULL, NULL, NULL), 0);
	review_sheet_free(&s);
	task_list_free(&tasks);

	/* the task changes: item 2 renamed, item 4 added */
	git_oid c2 = fx_commit(fx, "HEAD", &c1, v2, FX_COUNT(v2), "v2");
	assert_int_equal(task_list_load(fx->repo, &c2, &tasks), 0);
	struct review_set set;
	assert_int_equal(review_set_load(fx->repo, &set), 0);
	const struct review_current *mine = review_set_mine(&set, "t", "ada@example.org");
	review_sheet_open(&s, fx->repo, &tasks.v[0], &c2, review_cur_record(&set, mine));
	assert_true(s.had_record);
	assert_false(s.dirty);
	assert_int_equal(s.items.n, 4);
	assert_int_equal(s.items.v[0].cat, RC_A);
	assert_int_equal(s.items.v[1].cat, RC_UNSET);  /* renamed */
	assert_int_equal(s.items.v[2].cat, RC_C);
	assert_int_equal(s.items.v[3].cat, RC_UNSET);  /* new */
	assert_int_equal(s.factors, 1u << RF_SECURITY);
	assert_string_equal(s.note, "first pass");
	assert_int_equal(s.final, SHEET_ACCEPT);       /* not an override */
	review_sheet_free(&s);

	/* blind review: Bo sees Ada's score only once he has his own */
	struct reviewer bo = { "Bo", "bo@example.org" };
	assert_true(review_sheet_show_others(fx->repo, &set, "t", "ada@example.org"));
	assert_false(review_sheet_show_others(fx->repo, &set, "t", "bo@example.org"));
	char *cfg = xasprintf("%s/.git/config", fx->dir);
	git_config *c = NULL;
	assert_int_equal(git_config_open_ondisk(&c, cfg), 0);
	assert_int_equal(git_config_set_bool(c, "iacrev.blindReview", 0), 0);
	git_config_free(c);
	free(cfg);
	repo_free(fx->repo);
	assert_int_equal(repo_open(&fx->repo, fx->dir), 0);
	assert_true(review_sheet_show_others(fx->repo, &set, "t", "bo@example.org"));
	(void)bo;
	review_set_free(&set);
	task_list_free(&tasks);
	fx_repo_free(fx);
}

/* The sheet's items are the failures splitter's (core/failures), numbered
 * as `iacrev failures` numbers them: un-numbered headings under severity
 * sections, a numbered list, code blocks that look like headings. */
static void items_are_the_splitters(void **state)
{
	(void)state;
	static const char *const docs[] = {
		"# Failures\n## Critical\n### Missing KMS key\nbody\n### Open bucket policy\n"
		"## Low\n### Typo in an output\n",
		"Intro\n\n1. **No DLQ** attached\n2. **Timeout** too short\n3. Logs\n",
		"### 1. Real\n```\n### 2. Not a heading\n```\n### 2. Also real\n",
		"nothing to see\n",
	};
	/* fixed here, not taken from the splitter, so that both finding
	 * nothing cannot pass; "3. Logs" is no item in a bold list */
	static const size_t counts[] = { 3, 2, 2, 0 };
	for (size_t d = 0; d < sizeof(docs) / sizeof(docs[0]); d++) {
		struct review_items it;
		review_items_split(docs[d], strlen(docs[d]), &it);
		struct failures f;
		failures_split(&f, docs[d], strlen(docs[d]));
		assert_true(it.has_doc);
		if (f.n != counts[d])
			fail_msg("document %zu: %zu items, expected %zu", d, f.n, counts[d]);
		assert_int_equal(it.n, f.n);
		for (size_t i = 0; i < f.n; i++) {
			assert_int_equal(it.v[i].n, f.v[i].ordinal);
			assert_int_equal(it.v[i].n, (int)i + 1);
			assert_string_equal(it.v[i].title, f.v[i].title);
			assert_int_equal(it.split.v[i].severity, f.v[i].severity);
			assert_int_equal(it.v[i].cat, RC_UNSET);
		}
		failures_free(&f);
		review_items_free(&it);
	}
	struct review_items it;
	review_items_split(docs[0], strlen(docs[0]), &it);
	assert_int_equal(it.n, 3);
	assert_string_equal(it.v[1].title, "Open bucket policy");
	assert_int_equal(it.split.v[1].severity, SEV_CRITICAL);
	assert_int_equal(it.split.v[2].severity, SEV_LOW);
	review_items_free(&it);
	review_items_split(docs[2], strlen(docs[2]), &it);
	assert_int_equal(it.n, 2);
	assert_string_equal(it.v[1].title, "Also real");
	review_items_free(&it);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(items_are_the_splitters),
		cmocka_unit_test(answers_and_rules),
		cmocka_unit_test(prefill_from_my_record),
	};
	return cmocka_run_group_tests(tests, fx_setup_global, fx_teardown_global);
}
