/* Statistics: Krippendorff's alpha on his own worked example, the mean
 * absolute difference, groups and the histogram. */
#include "testlib.h"

#include <math.h>

#include "../../core/review_stats.h"

/* Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
 * the 4 observers × 12 units example with missing values: interval
 * alpha = 0.849. */
static void krippendorff_example(void **state)
{
	(void)state;
	static const double u1[] = { 1, 1, 1 }, u2[] = { 2, 2, 3, 2 }, u3[] = { 3, 3, 3, 3 },
		u4[] = { 3, 3, 3, 3 }, u5[] = { 2, 2, 2, 2 }, u6[] = { 1, 2, 3, 4 }, u7[] = { 4, 4, 4, 4 },
		u8[] = { 1, 1, 2, 1 }, u9[] = { 2, 2, 2, 2 }, u10[] = { 5, 5, 5 }, u11[] = { 1, 1 },
		u12[] = { 3 };
	const double *units[] = { u1, u2, u3, u4, u5, u6, u7, u8, u9, u10, u11, u12 };
	const size_t sizes[] = { 3, 4, 4, 4, 4, 4, 4, 4, 4, 3, 2, 1 };
	struct agreement a;
	stats_agreement(units, sizes, 12, &a);
	assert_int_equal(a.units, 11);
	assert_int_equal(a.values, 40);
	assert_true(a.alpha_defined);
	assert_true(fabs(a.alpha - 0.849) < 0.0005);
	/* pairs: 3+6*8+3+1 = 55; differing pairs: u2 3×1, u6 1+2+3+1+2+1 = 10, u8 3×1 */
	assert_int_equal(a.pairs, 3 + 6 * 8 + 3 + 1);
	assert_true(fabs(a.mean_abs_diff - 16.0 / 55.0) < 1e-9);
}

static void agreement_edge_cases(void **state)
{
	(void)state;
	static const double same[] = { 8, 8 }, one[] = { 7 };
	const double *units[] = { same, one };
	const size_t sizes[] = { 2, 1 };
	struct agreement a;
	stats_agreement(units, sizes, 2, &a);
	assert_int_equal(a.units, 1);
	assert_false(a.alpha_defined);  /* no variation at all */
	assert_true(a.mean_abs_diff == 0);
	stats_agreement(units, sizes, 0, &a);
	assert_int_equal(a.pairs, 0);
	/* perfect agreement with variation: alpha 1 */
	static const double x[] = { 3, 3 }, y[] = { 9, 9 };
	const double *u2[] = { x, y };
	const size_t s2[] = { 2, 2 };
	stats_agreement(u2, s2, 2, &a);
	assert_true(a.alpha_defined);
	assert_true(fabs(a.alpha - 1.0) < 1e-12);
}

static void groups_and_histogram(void **state)
{
	(void)state;
	struct stats_group *v = NULL;
	size_t n = 0;
	stats_group_add_score(stats_group_get(&v, &n, "cdk"), 9);
	stats_group_add_score(stats_group_get(&v, &n, "cdk"), 7);
	stats_group_add_score(stats_group_get(&v, &n, ""), 3);
	stats_group_add_score(stats_group_get(&v, &n, "cfn"), 8);
	stats_group_add_score(stats_group_get(&v, &n, "cfn"), 11); /* ignored */
	assert_int_equal(n, 3);
	stats_groups_sort(v, n);
	assert_string_equal(v[0].key, "cdk");
	assert_string_equal(v[2].key, "");
	assert_int_equal(v[0].scores, 2);
	assert_int_equal(v[0].at_bar, 1);
	assert_true(v[0].sum == 16);
	assert_int_equal(v[1].scores, 1);
	size_t hist[RUBRIC_MAX + 1] = { 0 };
	hist[0] = 1;
	hist[8] = 8;
	hist[9] = 4;
	char *h = stats_histogram(hist);
	assert_string_equal(h, "▁       █▄ ");
	free(h);
	stats_groups_free(v, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(krippendorff_example),
		cmocka_unit_test(agreement_edge_cases),
		cmocka_unit_test(groups_and_histogram),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
