#include "testlib.h"

#include "../../core/textdiff.h"

static void lines_numbers_and_counts(void **state)
{
	(void)state;
	const char *a = "one\ntwo\nthree\nfour\n";
	const char *b = "one\n2\nthree\nfour\nfive\n";
	struct textdiff d;
	assert_int_equal(textdiff_compute(a, strlen(a), b, strlen(b), 1, &d), 0);
	assert_int_equal(d.added, 2);
	assert_int_equal(d.removed, 1);
	/* one hunk: the context 1 joins the two changes */
	const enum textdiff_kind kinds[] = { TD_HUNK, TD_CONTEXT, TD_DEL, TD_ADD, TD_CONTEXT,
					     TD_CONTEXT, TD_ADD };
	const char *texts[] = { "@@ -1,4 +1,5 @@", "one", "two", "2", "three", "four", "five" };
	const uint32_t old_no[] = { 0, 1, 2, 0, 3, 4, 0 }, new_no[] = { 0, 1, 0, 2, 3, 4, 5 };
	assert_int_equal(d.n, 7);
	for (size_t i = 0; i < d.n; i++) {
		assert_int_equal(d.v[i].kind, kinds[i]);
		assert_string_equal(d.v[i].text, texts[i]);
		assert_int_equal(d.v[i].old_no, old_no[i]);
		assert_int_equal(d.v[i].new_no, new_no[i]);
	}
	textdiff_free(&d);
}

static void same_empty_and_no_newline(void **state)
{
	(void)state;
	struct textdiff d;
	assert_int_equal(textdiff_compute("x\n", 2, "x\n", 2, 3, &d), 0);
	assert_int_equal(d.n, 0);
	textdiff_free(&d);
	/* from nothing: every line added */
	assert_int_equal(textdiff_compute("", 0, "a\nb", 3, 3, &d), 0);
	assert_int_equal(d.added, 2);
	assert_int_equal(d.removed, 0);
	assert_int_equal(d.v[d.n - 1].kind, TD_NOTE); /* b has no final newline */
	textdiff_free(&d);
	/* bytes that are not text are still lines (shown through sline_add) */
	assert_int_equal(textdiff_compute("\033[2J\n", 5, "\r\n", 2, 3, &d), 0);
	assert_int_equal(d.removed, 1);
	assert_int_equal(d.added, 1);
	textdiff_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lines_numbers_and_counts),
		cmocka_unit_test(same_empty_and_no_newline),
	};
	return cmocka_run_group_tests(tests, fx_setup_global, fx_teardown_global);
}
