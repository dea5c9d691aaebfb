/* Input: keys to actions through the keymap (counts, sequences such as
 * ]c), the actions every view shares, `:` commands and the prompt line. */
#include "shell_int.h"

#include <curses.h>
#include <errno.h>
#include <string.h>

#include "../core/err.h"
#include "../core/mem.h"
#include "draw.h"

/* -- the prompt -- */

void view_prompt(struct view *v, const char *label, const char *initial,
		 void (*done)(struct view *v, const char *answer))
{
	int kind = label[0] == '/' ? HIST_SEARCH : label[0] == ':' ? HIST_COMMAND : HIST_OTHER;
	if (S.prompting)
		le_free(&S.le);
	free(S.prompt_label);
	S.prompt_label = xstrdup(label);
	le_init(&S.le, initial, &S.hist[kind]);
	S.prompt_view = v;
	S.prompt_done = done;
	S.prompting = true;
	S.dirty = true;
}

static void prompt_key(int key)
{
	enum le_result r = le_key(&S.le, key);
	S.dirty = true;
	if (r == LE_CONTINUE)
		return;
	char *answer = r == LE_DONE ? xstrdup(le_text(&S.le)) : NULL;
	if (answer && S.le.hist)
		history_add(S.le.hist, answer);
	le_free(&S.le);
	S.prompting = false;
	struct view *v = S.prompt_view;
	void (*done)(struct view *, const char *) = S.prompt_done;
	S.prompt_view = NULL;
	S.prompt_done = NULL;
	if (done)
		done(v, answer);
	free(answer);
}

/* -- actions and commands -- */

void sh_do_action(enum action a, long count);

void sh_resize_to(int cols, int rows);

void sh_run_command(const char *cmd)
{
	while (*cmd == ' ')
		cmd++;
	if (!*cmd)
		return;
	struct view *v = sh_top();
	char *end;
	long n = strtol(cmd, &end, 10);
	if (end != cmd && !*end) {
		if (v)
			view_show_line(v, n > 0 ? (size_t)n - 1 : 0);
		return;
	}
	if (strncmp(cmd, "save-display ", 13) == 0) {
		const char *path = cmd + 13;
		while (*path == ' ')
			path++;
		if (draw_mirror_save(path) < 0)
			sh_message(true, "save-display: %s", err_msg());
		else if (!S.scripted) /* a script's next screen stays as it was */
			sh_message(false, "screen saved to %s", path);
		return;
	}
	int cols, rows;
	if (sscanf(cmd, "resize %dx%d", &cols, &rows) == 2) {
		sh_resize_to(cols, rows);
		return;
	}
	if (strcmp(cmd, "idle") == 0) { /* what a pause does: the background work finishes */
		sh_idle_work(-1);
		return;
	}
	if (strcmp(cmd, "q") == 0 || strcmp(cmd, "quit") == 0) {
		S.quit = true;
		return;
	}
	const struct action_info *info = action_by_name(cmd);
	if (info) {
		sh_do_action(info->action, 0);
		return;
	}
	if (strncmp(cmd, "bind ", 5) == 0 || strncmp(cmd, "color ", 6) == 0) {
		struct buf err = BUF_INIT;
		if (config_line(&S.config, cmd, &err) < 0)
			sh_message(true, "%s", buf_cstr(&err));
		else
			draw_set_colors(S.config.colors);
		buf_free(&err);
		S.dirty = true;
		return;
	}
	sh_message(true, "unknown command '%s' (an action name, a line number, bind, color, "
		"save-display FILE, idle)", cmd);
}

static void command_done(struct view *v, const char *answer)
{
	(void)v;
	if (answer)
		sh_run_command(answer);
}

void sh_do_action(enum action a, long count)
{
	struct view *v = sh_top();
	if (!v)
		return;
	bool counted = count > 0; /* 5G and 5g go to line 5, as in less */
	if (count < 1)
		count = 1;
	int c = count > 1000000 ? 1000000 : (int)count;
	if (v->ops->key && v->ops->key(v, a, c) == VIEW_KEY_HANDLED) {
		S.dirty = true;
		return;
	}
	long half = v->height / 2 > 0 ? v->height / 2 : 1;
	switch (a) {
	case ACT_MOVE_DOWN: sh_move_by(v, count, false); break;
	case ACT_MOVE_UP: sh_move_by(v, -count, false); break;
	case ACT_HALF_DOWN: sh_move_by(v, half * count, true); break;
	case ACT_HALF_UP: sh_move_by(v, -half * count, true); break;
	case ACT_PAGE_DOWN: sh_move_by(v, (long)v->height * count, true); break;
	case ACT_PAGE_UP: sh_move_by(v, -(long)v->height * count, true); break;
	case ACT_TOP:
	case ACT_BOTTOM:
		if (counted)
			view_show_line(v, (size_t)count - 1);
		else
			view_show_line(v, a == ACT_TOP || !sh_line_count(v) ? 0 : sh_line_count(v) - 1);
		break;
	case ACT_SCROLL_LEFT:
		v->col = sh_add_clamped(v->col, -(long)(v->width / 2) * count, (size_t)-1);
		S.dirty = true;
		break;
	case ACT_SCROLL_RIGHT:
		v->col = sh_add_clamped(v->col, (long)(v->width / 2) * count, (size_t)1 << 20);
		S.dirty = true;
		break;
	case ACT_ENTER:
		if (!(v->ops->flags & VF_CURSOR))
			sh_move_by(v, count, false); /* as in less */
		break;
	case ACT_CLOSE: view_close(v); break;
	case ACT_QUIT: S.quit = true; break;
	case ACT_SEARCH: view_prompt(v, "/", NULL, sh_search_done); break;
	case ACT_SEARCH_NEXT: sh_search_next(v, +1); break;
	case ACT_SEARCH_PREV: sh_search_next(v, -1); break;
	case ACT_COMMAND: view_prompt(v, ":", NULL, command_done); break;
	case ACT_HELP:
		if (v->ops == &help_view_ops)
			view_close(v);
		else
			view_push(v, &help_view_ops, NULL);
		break;
	case ACT_REDRAW: clearok(curscr, TRUE); S.dirty = true; break;
	default: {
		const struct action_info *info = action_info(a);
		sh_message(true, "%s: not available in the %s view", info ? info->name : "?", v->ops->name);
		break;
	}
	}
}

/* -- keys -- */

static bool digit_bound(struct view *v, int key)
{
	struct keyseq one = { { key }, 1 };
	enum action a;
	return keymap_lookup(&S.keymap, v->ops->name, &one, &a) == KM_MATCH;
}

static void wheel(int dir)
{
	struct view *v = sh_top();
	if (!v)
		return;
	if (v->ops->flags & VF_CURSOR) {
		/* Scroll the page and keep the cursor on it, as tig does. */
		size_t before = v->top;
		v->top = sh_add_clamped(v->top, dir * WHEEL_LINES, sh_max_top(v));
		if (v->top == before)
			return;
		if (v->cursor < v->top)
			v->cursor = v->top;
		if (v->cursor >= v->top + (size_t)v->height)
			v->cursor = v->top + (size_t)v->height - 1;
		sh_selected(v);
	} else {
		sh_move_by(v, dir * WHEEL_LINES, false);
	}
}

void sh_on_resize(void)
{
	draw_mirror_resize(LINES, COLS);
	for (size_t i = 0; i < S.depth; i++)
		sh_layout(S.stack[i]);
	clear();
	S.dirty = true;
}

void sh_resize_to(int cols, int rows)
{
	if (cols < 1 || rows < 1 || cols > 10000 || rows > 10000) {
		sh_message(true, "resize: bad size %dx%d", cols, rows);
		return;
	}
	resizeterm(rows, cols);
	sh_on_resize();
}

void sh_handle_key(int key)
{
	S.dirty = true;
	if (key == (KEY_FN | KEY_RESIZE)) {
		sh_on_resize();
		return;
	}
	if (key == (KEY_FN | KEY_MOUSE)) {
		MEVENT ev;
		if (getmouse(&ev) == OK) {
			if (ev.bstate & BUTTON4_PRESSED)
				wheel(-1);
#ifdef BUTTON5_PRESSED
			else if (ev.bstate & BUTTON5_PRESSED)
				wheel(+1);
#endif
		}
		return;
	}
	if (S.prompting) {
		prompt_key(key);
		return;
	}
	struct view *v = sh_top();
	if (!v)
		return;
	if (key == KEYC_ESC) {
		S.typed.n = 0;
		S.count = 0;
		return;
	}
	if (S.typed.n == 0 && key >= '0' && key <= '9' && !digit_bound(v, key) &&
	    (key != '0' || S.count)) {
		if (S.count < 100000000)
			S.count = S.count * 10 + (key - '0');
		return;
	}
	S.typed.keys[S.typed.n++] = key;
	enum action a;
	enum keymap_result r = keymap_lookup(&S.keymap, v->ops->name, &S.typed, &a);
	if (r == KM_PREFIX && S.typed.n < KEYSEQ_MAX)
		return;
	long count = S.count;
	struct keyseq typed = S.typed;
	S.typed.n = 0;
	S.count = 0;
	if (r == KM_MATCH) {
		sh_do_action(a, count);
		return;
	}
	struct buf name = BUF_INIT;
	keyseq_format(&typed, &name);
	sh_message(true, "no action for %s in the %s view (? lists the keys)", buf_cstr(&name),
		v->ops->name);
	buf_free(&name);
}
