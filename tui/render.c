/* Drawing a frame: the title line, the top view's header and lines (the
 * cursor line and search matches marked), the status line, the key hints
 * and the message or prompt line; a notice when the terminal is too small. */
#include "shell_int.h"

#include <curses.h>
#include <string.h>

#include "../core/mem.h"
#include "../views/hstate.h"
#include "draw.h"

/* -- drawing -- */

static void render_too_small(void)
{
	erase();
	char *a = xasprintf("terminal too small: %dx%d", COLS, LINES);
	char *b = xasprintf("iacrev needs at least %dx%d", MIN_COLS, MIN_ROWS);
	const char *lines[] = { a, b, "q quits" };
	for (int i = 0; i < 3 && i < LINES; i++)
		draw_text(i, i == 0 ? S_ERROR : S_NORMAL, lines[i]);
	for (int i = 3; i < LINES; i++)
		draw_text(i, S_NORMAL, "");
	free(a);
	free(b);
	curs_set(0);
	refresh();
}

static void status_text(struct view *v, struct sline *l)
{
	struct work *w = S.work;
	sline_addf(l, S_STATUS, " %s @ %s", w->repo_name ? w->repo_name : "?", w->rev ? w->rev : "HEAD");
	if (w->rev && strncmp(w->rev, w->rev_short, strlen(w->rev)) != 0)
		sline_addf(l, S_STATUS, " (%s)", w->rev_short);
	sline_addf(l, S_STATUS, "  [%s]  ", v->ops->name);
	size_t n = sh_line_count(v);
	if (!n)
		sline_adds(l, S_STATUS, v->loading ? "loading" : "empty");
	else if (v->ops->flags & VF_CURSOR)
		sline_addf(l, S_STATUS, "%zu/%zu", v->cursor + 1, n);
	else {
		size_t last = v->top + (size_t)v->height;
		if (last > n)
			last = n;
		sline_addf(l, S_STATUS, "lines %zu-%zu/%zu %zu%%", v->top + 1, last, n,
			   n ? last * 100 / n : 100);
	}
	if (v->loading && v->progress)
		sline_addf(l, S_STATUS, "  %s", v->progress);
	/* Work still going on under this view. */
	bool loading = v->loading;
	for (size_t i = 0; i + 1 < S.depth; i++) {
		struct view *u = S.stack[i];
		loading |= u->loading;
		if (u != v && u->loading && u->progress)
			sline_addf(l, S_STATUS, "  %s: %s", u->ops->name, u->progress);
	}
	/* and in the background (sh_idle_work), once the views are loaded */
	if (!loading && hstate_progress(w))
		sline_addf(l, S_STATUS, "  %s", hstate_progress(w));
	if (S.count || S.typed.n) {
		struct buf k = BUF_INIT;
		if (S.count)
			buf_printf(&k, "%ld", S.count);
		keyseq_format(&S.typed, &k);
		sline_addf(l, S_STATUS, "  %s", buf_cstr(&k));
		buf_free(&k);
	}
}

static void hint_item(struct sline *l, struct view *v, const struct action_info *info,
		      const char *word)
{
	struct buf keys = BUF_INIT;
	keymap_keys_for(&S.keymap, v->ops->name, info->action, &keys);
	if (keys.len) {
		/* The first key is enough for a hint. */
		char *sp = strchr(keys.ptr, ' ');
		if (sp)
			buf_truncate(&keys, (size_t)(sp - keys.ptr));
		if (l->cols)
			sline_adds(l, S_HINT, "  ");
		sline_adds(l, S_KEY, buf_cstr(&keys));
		sline_addf(l, S_HINT, " %s", word);
	}
	buf_free(&keys);
}

static void hints_text(struct view *v, struct sline *l)
{
	/* Help first (at 40 columns it is what must show), then this view's
	 * own actions, then the ones of every view. */
	hint_item(l, v, action_info(ACT_HELP), action_info(ACT_HELP)->hint);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < action_count; i++) {
			const struct action_info *info = &action_table[i];
			if (!info->hint || (pass == 0) != (info->views != NULL) || info->action == ACT_HELP)
				continue;
			if (!action_in_view(info, v->ops->name))
				continue;
			if (info->action == ACT_ENTER && !(v->ops->flags & VF_CURSOR))
				continue;
			const char *word = info->hint;
			if (info->action == ACT_CLOSE && S.depth == 1)
				word = "quit";
			hint_item(l, v, info, word);
		}
	}
}

void sh_render(void)
{
	S.dirty = false;
	if (COLS < MIN_COLS || LINES < MIN_ROWS) {
		render_too_small();
		return;
	}
	struct view *v = sh_top();
	if (!v)
		return;
	sh_layout(v);
	if (v->top > sh_max_top(v) && !(v->ops->flags & VF_CURSOR))
		v->top = sh_max_top(v);
	struct sline l;
	sline_init(&l);

	sline_adds(&l, S_TITLE, " ");
	sline_adds(&l, S_TITLE, v->title ? v->title : v->ops->name);
	/* a view reading an older revision says which (unless its title does) */
	if (v->at_rev && !(v->title && strstr(v->title, v->rev_short)))
		sline_addf(&l, S_TITLE, "  @ %s", v->rev_short);
	draw_line(0, &l, 0, COLS, S_TITLE, -1);

	int y = 1;
	const struct sline *header = sh_header(v);
	if (header)
		draw_line(y++, header, v->col, COLS, S_NORMAL, -1);
	size_t n = sh_line_count(v);
	for (int r = 0; r < v->height; r++, y++) {
		size_t i = v->top + (size_t)r;
		if (i >= n) {
			draw_line(y, NULL, 0, COLS, S_NORMAL, -1);
			continue;
		}
		const struct sline *src = v->ops->line(v, i);
		sline_clear(&l);
		if (src)
			sline_append(&l, src);
		sh_highlight(&l);
		bool cur = (v->ops->flags & VF_CURSOR) && i == v->cursor;
		draw_line(y, &l, v->col, COLS, S_NORMAL, cur ? S_SELECTED : -1);
	}

	sline_clear(&l);
	status_text(v, &l);
	draw_line(LINES - 3, &l, 0, COLS, S_STATUS, -1);

	sline_clear(&l);
	hints_text(v, &l);
	draw_line(LINES - 2, &l, 0, COLS, S_HINT, -1);

	sline_clear(&l);
	int cursor_x = -1;
	if (S.prompting) {
		sline_adds(&l, S_KEY, S.prompt_label);
		size_t label = l.cols;
		sline_adds(&l, S_NORMAL, le_text(&S.le));
		size_t at = label + le_cursor_cols(&S.le);
		size_t from = at >= (size_t)COLS ? at - (size_t)COLS + 1 : 0;
		draw_line(LINES - 1, &l, from, COLS, S_NORMAL, -1);
		cursor_x = (int)(at - from);
	} else {
		if (S.message)
			sline_adds(&l, S.message_error ? S_ERROR : S_NORMAL, S.message);
		draw_line(LINES - 1, &l, 0, COLS, S_NORMAL, -1);
	}
	sline_free(&l);
	if (cursor_x >= 0) {
		curs_set(1);
		move(LINES - 1, cursor_x);
	} else {
		curs_set(0);
	}
	refresh();
}
