/* The line model: untrusted bytes become safe, measured text. */
#include "testlib.h"

#include "../../core/sline.h"

static void controls_are_visible(void **state)
{
	(void)state;
	struct sline l;
	sline_init(&l);
	const char in[] = "a\x1b[2Jb\x07\r\x7f" "c";
	sline_add(&l, S_NORMAL, in, sizeof(in) - 1);
	assert_string_equal(l.text, "a^[[2Jb^G^M^?c");
	assert_int_equal(l.cols, strlen("a^[[2Jb^G^M^?c"));
	for (uint32_t i = 0; i < l.len; i++)
		assert_true((unsigned char)l.text[i] >= 0x20 && (unsigned char)l.text[i] != 0x7f);
	assert_int_equal(sline_style_at(&l, 1), S_CTRL);
	assert_int_equal(sline_style_at(&l, 0), S_NORMAL);
	sline_clear(&l);

	/* NUL, C1 controls, bidi override, zero-width space */
	const char in2[] = "x\0y\xc2\x85z\xe2\x80\xae!\xe2\x80\x8b";
	sline_add(&l, S_NORMAL, in2, sizeof(in2) - 1);
	assert_string_equal(l.text, "x^@y<U+0085>z<U+202E>!<U+200B>");
	sline_free(&l);
}

static void invalid_utf8_is_replaced_not_dropped(void **state)
{
	(void)state;
	struct sline l;
	sline_init(&l);
	sline_adds(&l, S_NORMAL, "it\x92s \xff\xfe ok \xe2\x82");
	assert_string_equal(l.text, "it\xef\xbf\xbds \xef\xbf\xbd\xef\xbf\xbd ok \xef\xbf\xbd\xef\xbf\xbd");
	assert_int_equal(l.cols, 13);
	sline_free(&l);

	size_t n;
	char *fixed = utf8_repair("a\x80" "b", 3, &n);
	assert_int_equal(n, 5);
	assert_memory_equal(fixed, "a\xef\xbf\xbd" "b", 5);
	assert_true(utf8_valid(fixed, n));
	assert_false(utf8_valid("a\x80", 2));
	assert_false(utf8_valid("\xed\xa0\x80", 3)); /* a surrogate */
	assert_false(utf8_valid("\xc0\xaf", 2));     /* overlong */
	free(fixed);
}

static void tabs_and_wide_characters(void **state)
{
	(void)state;
	struct sline l;
	sline_init(&l);
	sline_adds(&l, S_NORMAL, "a\tb\t\tc");
	assert_string_equal(l.text, "a       b               c");
	assert_int_equal(l.cols, 25);
	sline_clear(&l);

	sline_adds(&l, S_NORMAL, "✅ 脆弱 ⚠️ ─│");
	/* ✅ 2, space, 脆弱 4, space, ⚠ 1 (variation selector dropped), space, ─│ 2 */
	assert_int_equal(l.cols, 2 + 1 + 4 + 1 + 1 + 1 + 2);
	assert_null(strstr(l.text, "\xef\xb8\x8f"));
	assert_int_equal(utf8_columns("✅ 脆弱", strlen("✅ 脆弱")), 7);
	sline_free(&l);
}

static void slice_cuts_wide_characters_into_spaces(void **state)
{
	(void)state;
	struct sline src, dst;
	sline_init(&src);
	sline_init(&dst);
	sline_adds(&src, S_NORMAL, "ab");
	sline_adds(&src, S_DIFF_ADD, "脆弱");
	sline_adds(&src, S_NORMAL, "cd");
	/* columns: a b [脆 脆] [弱 弱] c d */
	assert_int_equal(sline_slice(&dst, &src, 3, 4), 4);
	assert_string_equal(dst.text, " 弱c");
	assert_int_equal(dst.cols, 4);
	assert_int_equal(sline_style_at(&dst, 0), S_DIFF_ADD);
	sline_clear(&dst);
	assert_int_equal(sline_slice(&dst, &src, 0, 3), 3);
	assert_string_equal(dst.text, "ab ");
	sline_clear(&dst);
	assert_int_equal(sline_slice(&dst, &src, 6, 10), 2);
	assert_string_equal(dst.text, "cd");
	sline_free(&src);
	sline_free(&dst);
}

static void restyle_pad_append_rtrim(void **state)
{
	(void)state;
	struct sline l, m;
	sline_init(&l);
	sline_init(&m);
	sline_adds(&l, S_NORMAL, "hello world");
	sline_restyle(&l, 6, 5, S_MATCH);
	assert_int_equal(l.nspans, 2);
	assert_int_equal(sline_style_at(&l, 5), S_NORMAL);
	assert_int_equal(sline_style_at(&l, 6), S_MATCH);
	sline_restyle(&l, 2, 2, S_BOLD);
	assert_int_equal(l.nspans, 4);
	sline_pad(&l, S_NORMAL, 60);
	assert_int_equal(l.cols, 60);
	assert_int_equal(l.len, 60);
	sline_rtrim(&l);
	assert_int_equal(l.cols, 11);
	assert_string_equal(l.text, "hello world");
	sline_append(&m, &l);
	sline_repeat(&m, S_DIM, "─", 3);
	assert_int_equal(m.cols, 14);
	assert_string_equal(m.text, "hello world───");
	assert_int_equal(style_by_name(style_name(S_DIFF_ADD_WORD)), S_DIFF_ADD_WORD);
	assert_int_equal(style_by_name("no-such-style"), -1);
	sline_free(&l);
	sline_free(&m);

	struct slist list = { NULL, 0, 0 };
	for (int i = 0; i < 100; i++)
		sline_addf(slist_push(&list), S_NORMAL, "line %d", i);
	assert_int_equal(list.n, 100);
	assert_string_equal(list.v[99].text, "line 99");
	slist_free(&list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(controls_are_visible),
		cmocka_unit_test(invalid_utf8_is_replaced_not_dropped),
		cmocka_unit_test(tabs_and_wide_characters),
		cmocka_unit_test(slice_cuts_wide_characters_into_spaces),
		cmocka_unit_test(restyle_pad_append_rtrim),
	};
	return cmocka_run_group_tests(tests, fx_setup_global, fx_teardown_global);
}
