/* Keys, the keymap and the config parser: what `bind` and `color` lines
 * and scripts can say, and how bad lines are reported. */
#include "testlib.h"

#include <curses.h>

#include "../../tui/config.h"
#include "../../tui/keymap.h"
#include "../../tui/keys.h"

static void parses_key_names(void **state)
{
	(void)state;
	struct keyseq s;
	assert_int_equal(keyseq_parse("j", &s, NULL), 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.keys[0], 'j');
	assert_int_equal(keyseq_parse("]c", &s, NULL), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.keys[0], ']');
	assert_int_equal(s.keys[1], 'c');
	assert_int_equal(keyseq_parse("<Ctrl-d>", &s, NULL), 0);
	assert_int_equal(s.keys[0], 4);
	assert_int_equal(keyseq_parse("Ctrl-d", &s, NULL), 0); /* a whole word names a key */
	assert_int_equal(s.n, 1);
	assert_int_equal(s.keys[0], 4);
	assert_int_equal(keyseq_parse("^U", &s, NULL), 0);
	assert_int_equal(s.keys[0], 21);
	assert_int_equal(keyseq_parse("<S-Tab>", &s, NULL), 0);
	assert_int_equal(s.keys[0], KEY_FN | KEY_BTAB);
	assert_int_equal(keyseq_parse("F1", &s, NULL), 0);
	assert_int_equal(s.keys[0], KEY_FN | KEY_F(1));
	assert_int_equal(keyseq_parse("<Enter>", &s, NULL), 0);
	assert_int_equal(s.keys[0], KEYC_ENTER);
	assert_int_equal(keyseq_parse("<", &s, NULL), 0);
	assert_int_equal(s.keys[0], '<');
	assert_int_equal(keyseq_parse("<Lt>x", &s, NULL), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(keyseq_parse("é", &s, NULL), 0);
	assert_int_equal(s.keys[0], 0xE9);

	struct buf err = BUF_INIT;
	assert_int_equal(keyseq_parse("<Nope>", &s, &err), -1);
	assert_string_equal(buf_cstr(&err), "unknown key name <Nope>");
	assert_int_equal(keyseq_parse("abcde", &s, &err), -1);
	assert_non_null(strstr(buf_cstr(&err), "longer than 4 keys"));
	assert_int_equal(keyseq_parse("", &s, &err), -1);
	assert_int_equal(keyseq_parse("\xff", &s, &err), -1);
	buf_free(&err);
}

static void formats_keys(void **state)
{
	(void)state;
	static const char *const specs[] = { "j", "Enter", "Ctrl-d", "S-Tab", "F1", "]c", "Space",
					     "Down", "Esc" };
	for (size_t i = 0; i < FX_COUNT(specs); i++) {
		struct keyseq s;
		struct buf b = BUF_INIT;
		assert_int_equal(keyseq_parse(specs[i], &s, NULL), 0);
		keyseq_format(&s, &b);
		assert_string_equal(buf_cstr(&b), specs[i]);
		buf_free(&b);
	}
}

static void looks_up_with_prefixes_and_shadows(void **state)
{
	(void)state;
	struct keymap m;
	keymap_init(&m);
	struct keyseq s;
	enum action a;
	keyseq_parse("j", &s, NULL);
	assert_int_equal(keymap_lookup(&m, "tasks", &s, &a), KM_MATCH);
	assert_int_equal(a, ACT_MOVE_DOWN);
	keyseq_parse("o", &s, NULL);
	assert_int_equal(keymap_lookup(&m, "tasks", &s, &a), KM_MATCH);
	assert_int_equal(a, ACT_SORT_NEXT);
	assert_int_equal(keymap_lookup(&m, "help", &s, &a), KM_NONE); /* tasks only */
	keyseq_parse("]", &s, NULL);
	assert_int_equal(keymap_lookup(&m, "diff", &s, &a), KM_PREFIX);
	assert_int_equal(keymap_lookup(&m, "tasks", &s, &a), KM_NONE);
	keyseq_parse("]c", &s, NULL);
	assert_int_equal(keymap_lookup(&m, "diff", &s, &a), KM_MATCH);
	assert_int_equal(a, ACT_NEXT_CHANGE);

	/* A view's binding shadows the generic one; none unbinds. */
	keyseq_parse("j", &s, NULL);
	keymap_bind(&m, "diff", &s, ACT_NEXT_FILE);
	assert_int_equal(keymap_lookup(&m, "diff", &s, &a), KM_MATCH);
	assert_int_equal(a, ACT_NEXT_FILE);
	assert_int_equal(keymap_lookup(&m, "tasks", &s, &a), KM_MATCH);
	assert_int_equal(a, ACT_MOVE_DOWN);
	keymap_bind(&m, "tasks", &s, ACT_NONE);
	assert_int_equal(keymap_lookup(&m, "tasks", &s, &a), KM_NONE);

	struct buf keys = BUF_INIT;
	keymap_keys_for(&m, "tasks", ACT_MOVE_DOWN, &keys);
	assert_string_equal(buf_cstr(&keys), "Down Ctrl-n"); /* j is unbound there now */
	buf_truncate(&keys, 0);
	keymap_keys_for(&m, "help", ACT_MOVE_DOWN, &keys);
	assert_string_equal(buf_cstr(&keys), "j Down Ctrl-n");
	buf_free(&keys);
	keymap_free(&m);
}

/* The default table's view-only keys win over generic ones in their views
 * only: n is the review queue in the task and score views, search-next
 * elsewhere; the score sheet's digits and Ctrl-S are its own. */
static void default_view_keys_shadow_generic_ones(void **state)
{
	(void)state;
	struct keymap m;
	keymap_init(&m);
	struct keyseq s;
	enum action a;
	keyseq_parse("n", &s, NULL);
	assert_int_equal(keymap_lookup(&m, "task", &s, &a), KM_MATCH);
	assert_int_equal(a, ACT_REVIEW_NEXT);
	assert_int_equal(keymap_lookup(&m, "score", &s, &a), KM_MATCH);
	assert_int_equal(a, ACT_REVIEW_NEXT);
	assert_int_equal(keymap_lookup(&m, "diff", &s, &a), KM_MATCH);
	assert_int_equal(a, ACT_SEARCH_NEXT);
	assert_int_equal(keymap_lookup(&m, "tasks", &s, &a), KM_MATCH);
	assert_int_equal(a, ACT_SEARCH_NEXT);
	struct buf keys = BUF_INIT;
	keymap_keys_for(&m, "task", ACT_SEARCH_NEXT, &keys);
	assert_string_equal(buf_cstr(&keys), ""); /* shadowed: help does not list it */
	keymap_keys_for(&m, "document", ACT_SEARCH_NEXT, &keys);
	assert_string_equal(buf_cstr(&keys), "n");
	buf_free(&keys);

	assert_int_equal(keyseq_parse("<Ctrl-s>", &s, NULL), 0);
	assert_int_equal(s.keys[0], 19);
	assert_int_equal(keymap_lookup(&m, "score", &s, &a), KM_MATCH);
	assert_int_equal(a, ACT_SAVE);
	assert_int_equal(keymap_lookup(&m, "task", &s, &a), KM_NONE);
	keyseq_parse("7", &s, NULL);
	assert_int_equal(keymap_lookup(&m, "score", &s, &a), KM_MATCH);
	assert_int_equal(a, ACT_SCORE_7);
	keyseq_parse("+", &s, NULL);
	assert_int_equal(keymap_lookup(&m, "score", &s, &a), KM_MATCH);
	assert_int_equal(a, ACT_SCORE_10);
	keyseq_parse("-", &s, NULL);
	assert_int_equal(keymap_lookup(&m, "score", &s, &a), KM_MATCH);
	assert_int_equal(a, ACT_CAT_NOFIX);
	for (int k = 0; k <= 10; k++) /* the view relies on consecutive values */
		assert_non_null(action_info((enum action)(ACT_SCORE_0 + k)));
	assert_int_equal(ACT_SCORE_10 - ACT_SCORE_0, 10);
	keymap_free(&m);
}

struct reports {
	char *v[8];
	int n;
};

static void collect(const char *msg, void *payload)
{
	struct reports *r = payload;
	if (r->n < 8)
		r->v[r->n++] = xstrdup(msg);
}

static void config_reports_bad_lines_and_applies_good_ones(void **state)
{
	(void)state;
	struct keymap m;
	keymap_init(&m);
	struct config c;
	memset(&c, 0, sizeof(c));
	c.keymap = &m;
	static const char text[] =
		"# my keys\n"
		"bind tasks x view-diff\n"
		"\n"
		"bind nowhere x quit\n"
		"bind tasks x no-such-action\n"
		"color cursor black yellow bold underline\n"
		"color nothing red blue\n"
		"color title red mauve\n"
		"frobnicate\n"
		"bind generic <Ctrl-x> quit\n"
		"bind tasks \"<Space>\" filter\n"
		"color diff-add 28 default\n"
		"bind tasks <Bad> quit";
	struct reports r = { { NULL }, 0 };
	int bad = config_parse(&c, text, sizeof(text) - 1, "cfg", collect, &r);
	assert_int_equal(bad, 6);
	assert_string_equal(r.v[0], "cfg:4: unknown view 'nowhere' (views: generic tasks task diff "
				    "document failures help blob history score log commit revdiff)");
	assert_string_equal(r.v[1], "cfg:5: unknown action 'no-such-action' (see the help view, ?)");
	assert_string_equal(r.v[2], "cfg:7: unknown area 'nothing' (areas are style names: title, "
				    "cursor, diff-add, ...)");
	assert_string_equal(r.v[3], "cfg:8: unknown colour 'mauve' (default, black, red, ..., "
				    "bright-red, 0-255)");
	assert_string_equal(r.v[4], "cfg:9: unknown setting 'frobnicate' (expected bind or color)");
	assert_string_equal(r.v[5], "cfg:13: unknown key name <Bad>");
	for (int i = 0; i < r.n; i++)
		free(r.v[i]);

	struct keyseq s;
	enum action a;
	keyseq_parse("x", &s, NULL);
	assert_int_equal(keymap_lookup(&m, "tasks", &s, &a), KM_MATCH);
	assert_int_equal(a, ACT_VIEW_DIFF);
	keyseq_parse("<Ctrl-x>", &s, NULL);
	assert_int_equal(keymap_lookup(&m, "diff", &s, &a), KM_MATCH);
	assert_int_equal(a, ACT_QUIT);
	keyseq_parse("<Space>", &s, NULL);
	assert_int_equal(keymap_lookup(&m, "tasks", &s, &a), KM_MATCH);
	assert_int_equal(a, ACT_FILTER);

	int cur = style_by_name("cursor");
	assert_true(c.colors[cur].set);
	assert_int_equal(c.colors[cur].fg, 0);
	assert_int_equal(c.colors[cur].bg, 3);
	assert_int_equal(c.colors[cur].attrs, CA_BOLD | CA_UNDERLINE);
	int add = style_by_name("diff-add");
	assert_int_equal(c.colors[add].fg, 28);
	assert_int_equal(c.colors[add].bg, COLOR_DEFAULT);
	assert_false(c.colors[style_by_name("title")].set);
	keymap_free(&m);
}

static void config_survives_hostile_lines(void **state)
{
	(void)state;
	struct keymap m;
	keymap_init(&m);
	struct config c;
	memset(&c, 0, sizeof(c));
	c.keymap = &m;
	static const char text[] = "bind tasks \"unterminated\n\0\0\0\nbind\n\xff\xfe\n"
				   "color\r\nbind tasks x quit\r\n";
	struct reports r = { { NULL }, 0 };
	int bad = config_parse(&c, text, sizeof(text) - 1, "f", collect, &r);
	assert_int_equal(bad, 5);
	assert_string_equal(r.v[0], "f:1: unterminated quote");
	assert_string_equal(r.v[1], "f:2: a NUL byte in the line");
	for (int i = 0; i < r.n; i++)
		free(r.v[i]);
	struct keyseq s;
	enum action a;
	keyseq_parse("x", &s, NULL);
	assert_int_equal(keymap_lookup(&m, "tasks", &s, &a), KM_MATCH); /* CRLF is fine */
	assert_int_equal(a, ACT_QUIT);
	keymap_free(&m);
}

static void colour_names(void **state)
{
	(void)state;
	assert_int_equal(config_color_by_name("default"), COLOR_DEFAULT);
	assert_int_equal(config_color_by_name("red"), 1);
	assert_int_equal(config_color_by_name("bright-red"), 9);
	assert_int_equal(config_color_by_name("brightwhite"), 15);
	assert_int_equal(config_color_by_name("color200"), 200);
	assert_int_equal(config_color_by_name("255"), 255);
	assert_int_equal(config_color_by_name("256"), -2);
	assert_int_equal(config_color_by_name("-3"), -2);
	assert_int_equal(config_color_by_name(""), -2);
	assert_int_equal(config_color_by_name("color"), -2);
}

static void every_action_has_a_name_keys_and_help(void **state)
{
	(void)state;
	for (size_t i = 0; i < action_count; i++) {
		const struct action_info *info = &action_table[i];
		assert_non_null(info->name);
		assert_non_null(info->help);
		assert_ptr_equal(action_by_name(info->name), info);
		assert_ptr_equal(action_info(info->action), info);
		char *copy = xstrdup(info->keys), *save = NULL;
		for (char *k = strtok_r(copy, " ", &save); k; k = strtok_r(NULL, " ", &save)) {
			struct keyseq s;
			assert_int_equal(keyseq_parse(k, &s, NULL), 0);
		}
		free(copy);
	}
	for (int a = ACT_NONE + 1; a < ACT__COUNT; a++)
		assert_non_null(action_info((enum action)a));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_key_names),
		cmocka_unit_test(formats_keys),
		cmocka_unit_test(looks_up_with_prefixes_and_shadows),
		cmocka_unit_test(default_view_keys_shadow_generic_ones),
		cmocka_unit_test(config_reports_bad_lines_and_applies_good_ones),
		cmocka_unit_test(config_survives_hostile_lines),
		cmocka_unit_test(colour_names),
		cmocka_unit_test(every_action_has_a_name_keys_and_help),
	};
	return cmocka_run_group_tests(tests, fx_setup_global, fx_teardown_global);
}
