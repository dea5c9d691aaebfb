/* Words inside lines: tokens, line similarity and the token diff. */
#include "testlib.h"

#include "../../core/tokdiff.h"

static void splits_words_blanks_and_punctuation(void **state)
{
	(void)state;
	const char *s = "const x_1 = f(a, \"é\");";
	struct tok *t = NULL;
	size_t n = tok_split(s, strlen(s), &t);
	const char *want[] = { "const", " ", "x_1", " ", "=", " ", "f", "(", "a", ",", " ",
			       "\"", "\xc3\xa9", "\"", ")", ";" };
	assert_int_equal(n, FX_COUNT(want));
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(t[i].len, strlen(want[i]));
		assert_memory_equal(s + t[i].off, want[i], t[i].len);
		assert_int_equal(t[i].blank, want[i][0] == ' ');
	}
	free(t);
}

static unsigned dice(const char *a, const char *b)
{
	struct tok_sig x, y;
	tok_sig_make(&x, a, strlen(a));
	tok_sig_make(&y, b, strlen(b));
	unsigned d = tok_sig_dice(&x, &y);
	tok_sig_free(&x);
	tok_sig_free(&y);
	return d;
}

static void similarity_of_lines(void **state)
{
	(void)state;
	assert_int_equal(dice("const y = 2;", "const y = 2;"), 1000);
	assert_int_equal(dice("const y = 2;", "  const   y=2;"), 1000); /* blanks do not count */
	assert_int_equal(dice("const y = 2;", "const z = 3;"), 600);
	assert_int_equal(dice("a b", "c d"), 0);
	assert_int_equal(dice("", ""), 1000);
	assert_int_equal(dice("", "x"), 0);
}

/* The changed text of each side, spans joined by '|'. */
static void changed(const char *line, const struct tok_span *v, size_t n, char *out)
{
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(out, "|");
		strncat(out, line + v[i].start, v[i].len);
	}
}

static void check(const char *a, const char *b, bool ws, const char *wa, const char *wb)
{
	struct tok_diff d;
	assert_int_equal(tok_diff(a, strlen(a), b, strlen(b), ws, &d), 0);
	char got[256];
	changed(a, d.a, d.na, got);
	assert_string_equal(got, wa);
	changed(b, d.b, d.nb, got);
	assert_string_equal(got, wb);
	tok_diff_free(&d);
}

static void token_diff_marks_changed_words(void **state)
{
	(void)state;
	check("const y = 2;", "const y = 3;", false, "2", "3");
	check("new Stack(this, `Net-${env}`, {", "new Stack(this, 'Net', {", false, "`|-${env}`", "'|'");
	/* changes separated only by blanks join into one span */
	check("a b c", "a x y c", false, "b", "x y");
	check("environmentSuffix", "environmentSuffix,", false, "", ",");
	/* blanks: changed when compared, ignored with ignore_ws */
	check("a  b", "a b", false, "  ", " ");
	check("a  b", "a b", true, "", "");
	check("", "x", false, "", "x");
}

static void token_diff_measures_what_is_left(void **state)
{
	(void)state;
	struct tok_diff d;
	assert_int_equal(tok_diff("a b c d", 7, "a b c e", 7, false, &d), 0);
	assert_int_equal(d.same, 750);
	assert_int_equal(d.tokens, 14);
	tok_diff_free(&d);
	assert_int_equal(tok_diff("one two", 7, "three four", 10, false, &d), 0);
	assert_int_equal(d.same, 0);
	tok_diff_free(&d);
	/* NUL and control bytes are tokens like any other */
	assert_int_equal(tok_diff("a\0b", 3, "a\x1b" "b", 3, false, &d), 0);
	assert_int_equal(d.na, 1);
	assert_int_equal(d.a[0].start, 1);
	assert_int_equal(d.a[0].len, 1);
	tok_diff_free(&d);
}

static void sorts_hashes(void **state)
{
	(void)state;
	for (size_t n = 0; n < 300; n += 37) {
		uint32_t *v = xcalloc(n + 1, sizeof(uint32_t));
		uint32_t x = (uint32_t)n + 1;
		for (size_t i = 0; i < n; i++) {
			x = x * 1103515245u + 12345u;
			v[i] = i % 5 ? x : 7; /* repeats too */
		}
		tok_sort(v, n);
		for (size_t i = 1; i < n; i++)
			assert_true(v[i - 1] <= v[i]);
		free(v);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(splits_words_blanks_and_punctuation),
		cmocka_unit_test(similarity_of_lines),
		cmocka_unit_test(token_diff_marks_changed_words),
		cmocka_unit_test(token_diff_measures_what_is_left),
		cmocka_unit_test(sorts_hashes),
	};
	return cmocka_run_group_tests(tests, fx_setup_global, fx_teardown_global);
}
