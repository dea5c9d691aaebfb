/* The rubric (rubric.md, version 1): its ten worked examples, each step,
 * the bands and the names. */
#include "testlib.h"

#include "../../core/rubric.h"

#define A RC_A
#define B RC_B
#define C RC_C
#define F(x) (1u << (x))

static struct rubric_result run(const enum rubric_cat *items, size_t n, unsigned factors,
				unsigned blockers)
{
	struct rubric_answers a = { blockers, items, n, factors, false };
	struct rubric_result r;
	rubric_compute(&a, &r);
	return r;
}

static void example_1(void **state)
{
	(void)state;
	enum rubric_cat items[] = { A, A, C, B };
	struct rubric_result r = run(items, 4, F(RF_SERVICES) | F(RF_SECURITY), 0);
	assert_int_equal(r.items_case, RCASE_MANY_A);
	assert_int_equal(r.items_adj, 2);
	assert_int_equal(r.complexity_adj, 2);
	assert_int_equal(r.raw, 12);
	assert_true(r.clamped);
	assert_int_equal(r.score, 10);
	char *f = rubric_formula(&r);
	assert_string_equal(f, "8 + 2 + 2 = 12, clamped to 10");
	free(f);
}

static void example_2(void **state)
{
	(void)state;
	enum rubric_cat items[] = { B, B, C, C };
	struct rubric_result r = run(items, 4, F(RF_SERVICES), 0);
	assert_int_equal(r.items_case, RCASE_B);
	assert_int_equal(r.items_adj, 0);
	assert_int_equal(r.score, 9);
	char *f = rubric_formula(&r);
	assert_string_equal(f, "8 + 0 + 1 = 9");
	free(f);
}

static void example_3(void **state)
{
	(void)state;
	enum rubric_cat items[] = { C, C, C, C, C };
	struct rubric_result r = run(items, 5, 0, 0);
	assert_int_equal(r.items_case, RCASE_C_SOME);
	assert_int_equal(r.score, 7);
	char *f = rubric_formula(&r);
	assert_string_equal(f, "8 - 1 + 0 = 7");
	free(f);
}

static void example_4(void **state)
{
	(void)state;
	enum rubric_cat items[] = { C, C };
	struct rubric_result r = run(items, 2, F(RF_SINGLE), 0);
	assert_int_equal(r.items_case, RCASE_C_FEW);
	assert_int_equal(r.single_adj, -1);
	assert_int_equal(r.score, 3);
	char *f = rubric_formula(&r);
	assert_string_equal(f, "8 - 4 - 1 = 3");
	free(f);
}

static void example_5(void **state)
{
	(void)state;
	enum rubric_cat items[] = { A, A };
	struct rubric_result r = run(items, 2, 0, F(RB_REGION));
	assert_true(r.blocked);
	assert_int_equal(r.blocker, RB_REGION);
	assert_int_equal(r.items_case, RCASE_BLOCKED);
	assert_int_equal(r.items_adj, 0);
	assert_int_equal(r.score, 5);
}

static void example_6(void **state)
{
	(void)state;
	struct rubric_result r = run(NULL, 0, F(RF_SERVICES), F(RB_PLATFORM) | F(RB_REGION));
	assert_int_equal(r.blocker, RB_PLATFORM);
	assert_int_equal(r.blockers_applied, F(RB_PLATFORM) | F(RB_REGION));
	assert_int_equal(r.score, 3);
	/* step 4 is skipped under a blocker: the ticked factor is ignored */
	assert_true(r.factor_ignored[RF_SERVICES]);
	assert_false(r.factor_counted[RF_SERVICES]);
	char *f = rubric_formula(&r);
	assert_string_equal(f, "blocker platform = 3");
	free(f);
}

static void example_7(void **state)
{
	(void)state;
	enum rubric_cat items[] = { A };
	struct rubric_result r = run(items, 1, F(RF_SERVICES) | F(RF_SECURITY) | F(RF_HA) | F(RF_PATTERNS), 0);
	assert_int_equal(r.items_case, RCASE_ONE_A);
	assert_int_equal(r.positive_adj, 2);
	assert_true(r.factor_counted[RF_SERVICES]);
	assert_true(r.factor_counted[RF_SECURITY]);
	assert_true(r.factor_ignored[RF_HA]);
	assert_true(r.factor_ignored[RF_PATTERNS]);
	assert_int_equal(r.raw, 11);
	assert_int_equal(r.score, 10);
}

static void example_8(void **state)
{
	(void)state;
	enum rubric_cat items[] = { C, C, C };
	struct rubric_result r = run(items, 3, F(RF_SECURITY) | F(RF_SINGLE), 0);
	assert_int_equal(r.items_case, RCASE_C_THREE);
	assert_int_equal(r.complexity_adj, 0);
	assert_int_equal(r.score, 5);
	char *f = rubric_formula(&r);
	assert_string_equal(f, "8 - 3 + 1 - 1 = 5");
	free(f);
}

static void example_9(void **state)
{
	(void)state;
	enum rubric_cat items[] = { C, C, C, C, C, C, C };
	struct rubric_result r = run(items, 7, 0, 0);
	assert_int_equal(r.items_case, RCASE_C_MANY);
	assert_int_equal(r.score, 6);
	assert_false(r.warn_no_items);
}

static void example_10(void **state)
{
	(void)state;
	struct rubric_result r = run(NULL, 0, 0, 0);
	assert_int_equal(r.items_case, RCASE_NONE);
	assert_int_equal(r.score, 4);
	assert_true(r.warn_no_items);
	struct rubric_answers a = { 0, NULL, 0, 0, false };
	char **lines;
	size_t n = rubric_explain(&a, &r, &lines);
	bool warned = false;
	for (size_t i = 0; i < n; i++) {
		if (strstr(lines[i], "MODEL_FAILURES.md lists nothing"))
			warned = true;
		free(lines[i]);
	}
	free(lines);
	assert_true(warned);
}

static void not_a_fix_and_unset(void **state)
{
	(void)state;
	/* items that are not fixes count for nothing: only "-" is the no-items case */
	enum rubric_cat nofix[] = { RC_NOFIX, RC_NOFIX };
	struct rubric_result r = run(nofix, 2, 0, 0);
	assert_int_equal(r.items_case, RCASE_NONE);
	assert_false(r.warn_no_items);
	assert_true(r.warn_no_fixes);
	assert_int_equal(r.score, 4);
	enum rubric_cat mixed[] = { RC_NOFIX, C, C, C, C, RC_UNSET };
	r = run(mixed, 6, 0, 0);
	assert_int_equal(r.count[RC_C], 4);
	assert_int_equal(r.uncategorised, 1);
	assert_int_equal(r.score, 7);
	/* the boundaries of the only-C case */
	enum rubric_cat c6[] = { C, C, C, C, C, C };
	assert_int_equal(run(c6, 6, 0, 0).score, 6);
	assert_int_equal(run(c6, 4, 0, 0).score, 7);
	assert_int_equal(run(c6, 3, 0, 0).score, 5);
	assert_int_equal(run(c6, 1, 0, 0).score, 4);
	/* single offsets a positive factor, and the clamp at 0 never bites here */
	enum rubric_cat b1[] = { B };
	assert_int_equal(run(b1, 1, F(RF_HA) | F(RF_SINGLE), 0).score, 8);
	assert_int_equal(run(c6, 1, F(RF_SINGLE), 0).score, 3);
	/* blockers: the lowest wins whatever the order */
	assert_int_equal(run(NULL, 0, 0, F(RB_SERVICES) | F(RB_REGION)).score, 4);
	assert_int_equal(run(NULL, 0, 0, F(RB_ACCOUNT)).score, 3);
}

static void explain_lists_every_step(void **state)
{
	(void)state;
	enum rubric_cat items[] = { A };
	struct rubric_answers a = { F(RB_SERVICES), items, 1, F(RF_HA), true };
	struct rubric_result r;
	rubric_compute(&a, &r);
	char **lines;
	size_t n = rubric_explain(&a, &r, &lines);
	const char *want[] = {
		"step 1: base 8",
		"step 2: blocker: half or more of the required services missing: 4",
		"        LocalStack task: services documented as unsupported by LocalStack do not count as missing",
		"step 3: A 1, B 0, C 0, not a fix 0: skipped (a blocker applies)",
		"step 4: high availability (multi-AZ, auto scaling, failover): ignored (a blocker applies)",
		"step 5: blocker services = 4",
	};
	assert_int_equal(n, FX_COUNT(want));
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(lines[i], want[i]);
		free(lines[i]);
	}
	free(lines);
}

static void bands_and_names(void **state)
{
	(void)state;
	assert_string_equal(rubric_band(10), "excellent");
	assert_string_equal(rubric_band(9), "excellent");
	assert_string_equal(rubric_band(8), "good (meets the bar)");
	assert_string_equal(rubric_band(7), "fair (below the bar)");
	assert_string_equal(rubric_band(6), "fair (below the bar)");
	assert_string_equal(rubric_band(5), "poor");
	assert_string_equal(rubric_band(4), "poor");
	assert_string_equal(rubric_band(3), "insufficient");
	assert_string_equal(rubric_band(0), "insufficient");
	assert_null(rubric_band(11));
	assert_null(rubric_band(-1));
	assert_int_equal(rubric_blocker_parse("region"), RB_REGION);
	assert_int_equal(rubric_blocker_parse("nope"), -1);
	assert_int_equal(rubric_factor_parse("single"), RF_SINGLE);
	assert_int_equal(rubric_factor_parse("ha"), RF_HA);
	assert_int_equal(rubric_cat_parse('a'), RC_A);
	assert_int_equal(rubric_cat_parse('-'), RC_NOFIX);
	assert_int_equal(rubric_cat_parse('D'), -1);
	assert_int_equal(rubric_cat_letter(RC_NOFIX), '-');
	assert_true(rubric_is_localstack("archive-localstack/pr-6929-cdk-ts"));
	assert_true(rubric_is_localstack("migrations/LS-349095-cfn-json"));
	assert_true(rubric_is_localstack("x/LocalStack-port"));
	assert_false(rubric_is_localstack("archive/cdk-ts/Pr5914"));
	assert_false(rubric_is_localstack("archive/tools-x/Pr1"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(example_1), cmocka_unit_test(example_2),
		cmocka_unit_test(example_3), cmocka_unit_test(example_4),
		cmocka_unit_test(example_5), cmocka_unit_test(example_6),
		cmocka_unit_test(example_7), cmocka_unit_test(example_8),
		cmocka_unit_test(example_9), cmocka_unit_test(example_10),
		cmocka_unit_test(not_a_fix_and_unset),
		cmocka_unit_test(explain_lists_every_step),
		cmocka_unit_test(bands_and_names),
	};
	return cmocka_run_group_tests(tests, fx_setup_global, fx_teardown_global);
}
