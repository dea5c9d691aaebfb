/* The prompt's line editor: UTF-8 cursor moves, deletion by character,
 * kills, history, and the keys that end or cancel a prompt. */
#include "testlib.h"

#include <curses.h>

#include "../../tui/keys.h"
#include "../../tui/lineedit.h"

static void type(struct lineedit *le, const char *s)
{
	size_t i = 0, n = strlen(s);
	while (i < n) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		assert_int_equal(le_key(le, (int)cp), LE_CONTINUE);
	}
}

static void edits_by_character(void **state)
{
	(void)state;
	struct lineedit le;
	le_init(&le, NULL, NULL);
	type(&le, "aé✅b");
	assert_string_equal(le_text(&le), "aé✅b");
	assert_int_equal(le_cursor_cols(&le), 5); /* ✅ is two columns wide */
	le_key(&le, KEY_FN | KEY_LEFT);
	assert_int_equal(le_cursor_cols(&le), 4);
	le_key(&le, KEYC_BACKSPACE); /* removes the whole emoji, not a byte */
	assert_string_equal(le_text(&le), "aéb");
	le_key(&le, KEY_FN | KEY_HOME);
	le_key(&le, KEY_FN | KEY_RIGHT);
	type(&le, "X");
	assert_string_equal(le_text(&le), "aXéb");
	le_key(&le, KEY_FN | KEY_DC);
	assert_string_equal(le_text(&le), "aXb");
	le_key(&le, KEY_FN | KEY_END);
	le_key(&le, KEY_FN | KEY_RIGHT); /* past the end: stays */
	type(&le, "c");
	assert_string_equal(le_text(&le), "aXbc");
	le_key(&le, 1); /* Ctrl-a */
	le_key(&le, KEY_FN | KEY_LEFT); /* before the start: stays */
	le_key(&le, 11); /* Ctrl-k */
	assert_string_equal(le_text(&le), "");
	le_free(&le);
}

static void kills_words_and_lines(void **state)
{
	(void)state;
	struct lineedit le;
	le_init(&le, "platform:cdk  tq:<8", NULL);
	assert_int_equal(le_cursor_cols(&le), 19);
	le_key(&le, 23); /* Ctrl-w */
	assert_string_equal(le_text(&le), "platform:cdk  ");
	le_key(&le, 23);
	assert_string_equal(le_text(&le), "");
	le_free(&le);
	le_init(&le, "abc def", NULL);
	le_key(&le, KEY_FN | KEY_LEFT);
	le_key(&le, KEY_FN | KEY_LEFT);
	le_key(&le, 21); /* Ctrl-u */
	assert_string_equal(le_text(&le), "ef");
	assert_int_equal(le_cursor_cols(&le), 0);
	le_free(&le);
}

static void ends_and_cancels(void **state)
{
	(void)state;
	struct lineedit le;
	le_init(&le, "x", NULL);
	assert_int_equal(le_key(&le, KEYC_ENTER), LE_DONE);
	assert_int_equal(le_key(&le, '\r'), LE_DONE);
	assert_int_equal(le_key(&le, KEYC_ESC), LE_CANCEL);
	assert_int_equal(le_key(&le, 3), LE_CANCEL);
	assert_int_equal(le_key(&le, KEYC_BACKSPACE), LE_CONTINUE);
	assert_int_equal(le_key(&le, KEYC_BACKSPACE), LE_CANCEL); /* on an empty line */
	/* Control characters and function keys never enter the text. */
	assert_int_equal(le_key(&le, 0x9b), LE_CONTINUE); /* C1 CSI */
	le_key(&le, 0x202E); /* bidi override */
	le_key(&le, KEY_FN | KEY_F(3));
	le_key(&le, 0x110000);
	le_key(&le, 0x7f);
	le_key(&le, '\t'); /* a tab is a space */
	assert_string_equal(le_text(&le), " ");
	le_free(&le);
}

static void browses_history(void **state)
{
	(void)state;
	struct history h = { NULL, 0, 0 };
	history_add(&h, "first");
	history_add(&h, "second");
	history_add(&h, "second"); /* not twice in a row */
	history_add(&h, "");
	assert_int_equal(h.n, 2);
	struct lineedit le;
	le_init(&le, NULL, &h);
	type(&le, "draft");
	le_key(&le, KEY_FN | KEY_UP);
	assert_string_equal(le_text(&le), "second");
	le_key(&le, KEY_FN | KEY_UP);
	assert_string_equal(le_text(&le), "first");
	le_key(&le, KEY_FN | KEY_UP); /* the oldest stays */
	assert_string_equal(le_text(&le), "first");
	le_key(&le, KEY_FN | KEY_DOWN);
	le_key(&le, KEY_FN | KEY_DOWN);
	assert_string_equal(le_text(&le), "draft");
	le_key(&le, KEY_FN | KEY_DOWN);
	assert_string_equal(le_text(&le), "draft");
	le_free(&le);
	history_free(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(edits_by_character),
		cmocka_unit_test(kills_words_and_lines),
		cmocka_unit_test(ends_and_cancels),
		cmocka_unit_test(browses_history),
	};
	return cmocka_run_group_tests(tests, fx_setup_global, fx_teardown_global);
}
