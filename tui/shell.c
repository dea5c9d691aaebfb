#include "shell.h"

#include <curses.h>
#include <errno.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/err.h"
#include "../core/mem.h"
#include "../core/utf8.h"
#include "config.h"
#include "draw.h"
#include "keymap.h"
#include "keys.h"
#include "lineedit.h"

/* Below this size the views are not drawn, only a notice. */
#define MIN_COLS 40
#define MIN_ROWS 10
/* Rows that are not the view's: title, status, hints, message/prompt. */
#define CHROME_ROWS 4
/* Work between two polls of the keyboard, in milliseconds. */
#define SLICE_MS 12
#define WHEEL_LINES 3

struct view_search {
	regex_t re;
	char *pattern;
};

enum { HIST_SEARCH, HIST_COMMAND, HIST_OTHER, HIST__COUNT };

struct shell {
	struct work *work;
	struct keymap keymap;
	struct config config;
	struct view **stack;
	size_t depth, cap;
	struct view **closed;     /* views closed during a key, freed after it */
	size_t nclosed, closed_cap;
	bool quit, dirty;
	int exit_code;
	char *message;
	bool message_error;
	/* the prompt */
	bool prompting;
	char *prompt_label;
	struct lineedit le;
	struct view *prompt_view;
	void (*prompt_done)(struct view *v, const char *answer);
	struct history hist[HIST__COUNT];
	/* search */
	struct view_search search;
	bool has_search;
	/* keys typed so far: a count and a sequence prefix */
	struct keyseq typed;
	long count;
	/* script mode */
	bool scripted;
	char **script;
	size_t script_n, script_next;
	int *queue;               /* the keys of the current script line */
	size_t queue_n, queue_at, queue_cap;
};

static struct shell S;
static volatile sig_atomic_t got_signal;

static struct view *top(void)
{
	return S.depth ? S.stack[S.depth - 1] : NULL;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* -- messages -- */

static void set_message(bool error, const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;
	buf_vprintf(&b, fmt, ap);
	free(S.message);
	S.message = buf_detach(&b);
	S.message_error = error;
	S.dirty = true;
}

void view_message(struct view *v, const char *fmt, ...)
{
	(void)v;
	va_list ap;
	va_start(ap, fmt);
	set_message(false, fmt, ap);
	va_end(ap);
}

void view_error(struct view *v, const char *fmt, ...)
{
	(void)v;
	va_list ap;
	va_start(ap, fmt);
	set_message(true, fmt, ap);
	va_end(ap);
}

static void message(bool error, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void message(bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(error, fmt, ap);
	va_end(ap);
}

void view_set_title(struct view *v, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(v->title);
	v->title = buf_detach(&b);
	S.dirty = true;
}

void view_set_progress(struct view *v, const char *fmt, ...)
{
	free(v->progress);
	v->progress = NULL;
	if (fmt) {
		struct buf b = BUF_INIT;
		va_list ap;
		va_start(ap, fmt);
		buf_vprintf(&b, fmt, ap);
		va_end(ap);
		v->progress = buf_detach(&b);
	}
	S.dirty = true;
}

void view_redraw(struct view *v)
{
	(void)v;
	S.dirty = true;
}

void view_action_keys(const char *view_name, enum action a, struct buf *out)
{
	keymap_keys_for(&S.keymap, view_name, a, out);
}

/* -- the stack -- */

static size_t line_count(struct view *v)
{
	return v->ops->line_count ? v->ops->line_count(v) : 0;
}

static const struct sline *header_of(struct view *v)
{
	return v->ops->header ? v->ops->header(v) : NULL;
}

/* Give the view its size from the terminal; tell it when that changed. */
static void layout(struct view *v)
{
	int width = COLS;
	int height = LINES - CHROME_ROWS - (header_of(v) ? 1 : 0);
	if (height < 1)
		height = 1;
	if (width != v->width || height != v->height) {
		v->width = width;
		v->height = height;
		if (v->ops->resize)
			v->ops->resize(v);
	}
}

static void free_view(struct view *v)
{
	if (v->ops->done)
		v->ops->done(v);
	free(v->priv);
	free(v->title);
	free(v->progress);
	free(v);
}

int view_push(struct view *from, const struct view_ops *ops, const struct view_args *args)
{
	(void)from;
	struct view_args none = { NULL, NULL, 0 };
	struct view *v = xcalloc(1, sizeof(*v));
	v->ops = ops;
	v->work = S.work;
	v->priv = xcalloc(1, ops->private_size ? ops->private_size : 1);
	v->below = top();
	v->width = COLS;
	v->height = LINES - CHROME_ROWS > 1 ? LINES - CHROME_ROWS : 1;
	err_clear();
	if (ops->open && ops->open(v, args ? args : &none) < 0) {
		message(true, "%s", err_msg());
		free_view(v);
		return -1;
	}
	v->loading = ops->step != NULL;
	VEC_GROW(S.stack, S.depth + 1, S.cap);
	S.stack[S.depth++] = v;
	layout(v);
	S.dirty = true;
	return 0;
}

int view_push_named(struct view *from, const char *name, const struct view_args *args)
{
	const struct view_ops *ops = view_find(name);
	if (!ops) {
		message(true, "the %s view is not available yet", name);
		return -1;
	}
	return view_push(from, ops, args);
}

void view_close(struct view *v)
{
	if (!S.depth || top() != v)
		return;
	S.depth--;
	VEC_GROW(S.closed, S.nclosed + 1, S.closed_cap);
	S.closed[S.nclosed++] = v;
	if (S.depth == 0)
		S.quit = true;
	S.dirty = true;
}

static void free_closed(void)
{
	for (size_t i = 0; i < S.nclosed; i++)
		free_view(S.closed[i]);
	S.nclosed = 0;
}

/* -- moving -- */

static size_t max_top(struct view *v)
{
	size_t n = line_count(v), h = (size_t)v->height;
	return n > h ? n - h : 0;
}

static void selected(struct view *v)
{
	if (v->ops->select)
		v->ops->select(v);
	S.dirty = true;
}

void view_show_line(struct view *v, size_t i)
{
	size_t n = line_count(v), h = (size_t)v->height;
	if (n == 0)
		i = 0;
	else if (i >= n)
		i = n - 1;
	if (v->ops->flags & VF_CURSOR) {
		v->cursor = i;
		if (i < v->top || i >= v->top + h)
			v->top = i > h / 3 ? i - h / 3 : 0;
		if (v->top > max_top(v))
			v->top = max_top(v);
	} else {
		v->top = i > max_top(v) ? max_top(v) : i;
		v->cursor = v->top;
	}
	selected(v);
}

static size_t add_clamped(size_t at, long delta, size_t limit)
{
	if (delta < 0)
		return (size_t)-delta > at ? 0 : at - (size_t)-delta;
	size_t r = at + (size_t)delta;
	return r > limit || r < at ? limit : r;
}

/* Move the cursor (lists) or the top line (pagers) by delta lines; a page
 * move also scrolls a list by the same amount, as tig does. */
static void move_by(struct view *v, long delta, bool page)
{
	size_t n = line_count(v), h = (size_t)v->height;
	if (!n)
		return;
	if (v->ops->flags & VF_CURSOR) {
		v->cursor = add_clamped(v->cursor, delta, n - 1);
		if (page)
			v->top = add_clamped(v->top, delta, max_top(v));
		if (v->cursor < v->top)
			v->top = v->cursor;
		if (v->cursor >= v->top + h)
			v->top = v->cursor - h + 1;
	} else {
		v->top = add_clamped(v->top, delta, max_top(v));
		v->cursor = v->top;
	}
	selected(v);
}

/* -- the tasks list's order -- */

const char *view_task_neighbor(struct view *v, const char *path, int delta)
{
	struct work *w = v->work;
	for (size_t k = 0; k < w->norder; k++) {
		const struct task *t = &w->tasks.v[w->order[k]];
		if (strcmp(task_display_path(t), path) != 0)
			continue;
		if ((delta < 0 && (size_t)-delta > k) || (delta > 0 && k + (size_t)delta >= w->norder))
			return NULL;
		size_t j = delta < 0 ? k - (size_t)-delta : k + (size_t)delta;
		/* The list follows, so that q comes back to where the reviewer is. */
		if (S.depth && S.stack[0]->ops == &tasks_view_ops)
			view_show_line(S.stack[0], j);
		return task_display_path(&w->tasks.v[w->order[j]]);
	}
	return NULL;
}

/* -- search -- */

bool view_search_match(const struct view_search *s, const char *text, size_t len)
{
	regmatch_t m[1];
	m[0].rm_so = 0;
	m[0].rm_eo = (regoff_t)len;
	return regexec(&s->re, text, 1, m, REG_STARTEND) == 0;
}

static bool line_matches(struct view *v, size_t i)
{
	if (v->ops->grep)
		return v->ops->grep(v, i, &S.search);
	const struct sline *l = v->ops->line(v, i);
	return l && view_search_match(&S.search, l->text ? l->text : "", l->len);
}

/* Find the next match after line `origin` in direction dir, wrapping. */
static void search_from(struct view *v, size_t origin, int dir)
{
	size_t n = line_count(v);
	if (!n) {
		message(true, "pattern not found: %s", S.search.pattern);
		return;
	}
	if (origin >= n)
		origin = n - 1;
	size_t i = origin;
	for (size_t k = 0; k < n; k++) {
		i = dir > 0 ? (i + 1 == n ? 0 : i + 1) : (i == 0 ? n - 1 : i - 1);
		if (!line_matches(v, i))
			continue;
		bool wrapped = dir > 0 ? i <= origin : i >= origin;
		view_show_line(v, i);
		message(false, "%s/%s", wrapped ? "search wrapped: " : "", S.search.pattern);
		return;
	}
	message(true, "pattern not found: %s", S.search.pattern);
}

static bool has_upper(const char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			return true;
	return false;
}

static void search_done(struct view *v, const char *answer)
{
	if (!answer)
		return;
	if (!*answer) {
		if (!S.has_search)
			return;
		answer = S.search.pattern; /* an empty search repeats the last one */
	}
	char *pattern = xstrdup(answer);
	regex_t re;
	int flags = REG_EXTENDED | (has_upper(pattern) ? 0 : REG_ICASE);
	int rc = regcomp(&re, pattern, flags);
	if (rc != 0) {
		char why[128];
		regerror(rc, &re, why, sizeof(why));
		message(true, "bad pattern '%s': %s", pattern, why);
		free(pattern);
		return;
	}
	if (S.has_search) {
		regfree(&S.search.re);
		free(S.search.pattern);
	}
	S.search.re = re;
	S.search.pattern = pattern;
	S.has_search = true;
	/* As in less, the search starts after the current line. */
	search_from(v, v->ops->flags & VF_CURSOR ? v->cursor : v->top, +1);
}

static void search_next(struct view *v, int dir)
{
	if (!S.has_search) {
		message(true, "no search yet: / starts one");
		return;
	}
	search_from(v, v->ops->flags & VF_CURSOR ? v->cursor : v->top, dir);
}

/* Mark every match in a copy of the line. */
static void highlight(struct sline *l)
{
	if (!S.has_search || !l->len)
		return;
	size_t off = 0;
	while (off < l->len) {
		regmatch_t m[1];
		m[0].rm_so = (regoff_t)off;
		m[0].rm_eo = (regoff_t)l->len;
		if (regexec(&S.search.re, l->text, 1, m, off ? REG_STARTEND | REG_NOTBOL : REG_STARTEND) != 0)
			break;
		size_t so = (size_t)m[0].rm_so, eo = (size_t)m[0].rm_eo;
		if (eo > so)
			sline_restyle(l, (uint32_t)so, (uint32_t)(eo - so), S_MATCH);
		off = eo > so ? eo : so + 1;
	}
}

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

static void do_action(enum action a, long count);

static void report_config(const char *msg, void *payload)
{
	int *bad = payload;
	if ((*bad)++ == 0)
		message(true, "%s", msg);
}

static void resize_to(int cols, int rows);

static void run_command(const char *cmd)
{
	while (*cmd == ' ')
		cmd++;
	if (!*cmd)
		return;
	struct view *v = top();
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
			message(true, "save-display %s: %s", path, strerror(errno));
		else if (!S.scripted) /* a script's next screen stays as it was */
			message(false, "screen saved to %s", path);
		return;
	}
	int cols, rows;
	if (sscanf(cmd, "resize %dx%d", &cols, &rows) == 2) {
		resize_to(cols, rows);
		return;
	}
	if (strcmp(cmd, "q") == 0 || strcmp(cmd, "quit") == 0) {
		S.quit = true;
		return;
	}
	const struct action_info *info = action_by_name(cmd);
	if (info) {
		do_action(info->action, 1);
		return;
	}
	if (strncmp(cmd, "bind ", 5) == 0 || strncmp(cmd, "color ", 6) == 0) {
		struct buf err = BUF_INIT;
		if (config_line(&S.config, cmd, &err) < 0)
			message(true, "%s", buf_cstr(&err));
		else
			draw_set_colors(S.config.colors);
		buf_free(&err);
		S.dirty = true;
		return;
	}
	message(true, "unknown command '%s' (an action name, a line number, bind, color, "
		"save-display FILE)", cmd);
}

static void command_done(struct view *v, const char *answer)
{
	(void)v;
	if (answer)
		run_command(answer);
}

static void do_action(enum action a, long count)
{
	struct view *v = top();
	if (!v)
		return;
	if (count < 1)
		count = 1;
	int c = count > 1000000 ? 1000000 : (int)count;
	if (v->ops->key && v->ops->key(v, a, c) == VIEW_KEY_HANDLED) {
		S.dirty = true;
		return;
	}
	long half = v->height / 2 > 0 ? v->height / 2 : 1;
	switch (a) {
	case ACT_MOVE_DOWN: move_by(v, count, false); break;
	case ACT_MOVE_UP: move_by(v, -count, false); break;
	case ACT_HALF_DOWN: move_by(v, half * count, true); break;
	case ACT_HALF_UP: move_by(v, -half * count, true); break;
	case ACT_PAGE_DOWN: move_by(v, (long)v->height * count, true); break;
	case ACT_PAGE_UP: move_by(v, -(long)v->height * count, true); break;
	case ACT_TOP: view_show_line(v, 0); break;
	case ACT_BOTTOM: view_show_line(v, line_count(v) ? line_count(v) - 1 : 0); break;
	case ACT_SCROLL_LEFT:
		v->col = add_clamped(v->col, -(long)(v->width / 2) * count, (size_t)-1);
		S.dirty = true;
		break;
	case ACT_SCROLL_RIGHT:
		v->col = add_clamped(v->col, (long)(v->width / 2) * count, (size_t)1 << 20);
		S.dirty = true;
		break;
	case ACT_ENTER:
		if (!(v->ops->flags & VF_CURSOR))
			move_by(v, count, false); /* as in less */
		break;
	case ACT_CLOSE: view_close(v); break;
	case ACT_QUIT: S.quit = true; break;
	case ACT_SEARCH: view_prompt(v, "/", NULL, search_done); break;
	case ACT_SEARCH_NEXT: search_next(v, +1); break;
	case ACT_SEARCH_PREV: search_next(v, -1); break;
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
		message(true, "%s: not available in the %s view", info ? info->name : "?", v->ops->name);
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
	struct view *v = top();
	if (!v)
		return;
	if (v->ops->flags & VF_CURSOR) {
		/* Scroll the page and keep the cursor on it, as tig does. */
		size_t before = v->top;
		v->top = add_clamped(v->top, dir * WHEEL_LINES, max_top(v));
		if (v->top == before)
			return;
		if (v->cursor < v->top)
			v->cursor = v->top;
		if (v->cursor >= v->top + (size_t)v->height)
			v->cursor = v->top + (size_t)v->height - 1;
		selected(v);
	} else {
		move_by(v, dir * WHEEL_LINES, false);
	}
}

static void on_resize(void)
{
	draw_mirror_resize(LINES, COLS);
	for (size_t i = 0; i < S.depth; i++)
		layout(S.stack[i]);
	clear();
	S.dirty = true;
}

static void resize_to(int cols, int rows)
{
	if (cols < 1 || rows < 1 || cols > 10000 || rows > 10000) {
		message(true, "resize: bad size %dx%d", cols, rows);
		return;
	}
	resizeterm(rows, cols);
	on_resize();
}

static void handle_key(int key)
{
	S.dirty = true;
	if (key == (KEY_FN | KEY_RESIZE)) {
		on_resize();
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
	struct view *v = top();
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
		do_action(a, count);
		return;
	}
	struct buf name = BUF_INIT;
	keyseq_format(&typed, &name);
	message(true, "no action for %s in the %s view (? lists the keys)", buf_cstr(&name),
		v->ops->name);
	buf_free(&name);
}

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
	size_t n = line_count(v);
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
	for (size_t i = 0; i + 1 < S.depth; i++) {
		struct view *u = S.stack[i];
		if (u != v && u->loading && u->progress)
			sline_addf(l, S_STATUS, "  %s: %s", u->ops->name, u->progress);
	}
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

static void render(void)
{
	S.dirty = false;
	if (COLS < MIN_COLS || LINES < MIN_ROWS) {
		render_too_small();
		return;
	}
	struct view *v = top();
	if (!v)
		return;
	layout(v);
	if (v->top > max_top(v) && !(v->ops->flags & VF_CURSOR))
		v->top = max_top(v);
	struct sline l;
	sline_init(&l);

	sline_adds(&l, S_TITLE, " ");
	sline_adds(&l, S_TITLE, v->title ? v->title : v->ops->name);
	draw_line(0, &l, 0, COLS, S_TITLE, -1);

	int y = 1;
	const struct sline *header = header_of(v);
	if (header)
		draw_line(y++, header, v->col, COLS, S_NORMAL, -1);
	size_t n = line_count(v);
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
		highlight(&l);
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

/* -- work between keys -- */

static bool any_loading(void)
{
	for (size_t i = 0; i < S.depth; i++)
		if (S.stack[i]->loading)
			return true;
	return false;
}

/* Step the loading views, the top one first, for about `ms` milliseconds
 * (ms < 0: until every view is done). */
static void run_steps(double ms)
{
	double start = now_ms();
	do {
		bool any = false;
		for (size_t k = S.depth; k-- > 0;) {
			struct view *v = S.stack[k];
			if (!v->loading)
				continue;
			any = true;
			err_clear();
			int rc = v->ops->step(v);
			if (rc <= 0) {
				v->loading = false;
				if (rc < 0)
					message(true, "%s", err_msg());
			}
			S.dirty = true;
			break;
		}
		if (!any)
			return;
	} while (ms < 0 || now_ms() - start < ms);
}

/* -- script mode -- */

static void queue_key(int key, void *payload)
{
	(void)payload;
	VEC_GROW(S.queue, S.queue_n + 1, S.queue_cap);
	S.queue[S.queue_n++] = key;
}

static int load_script(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return err_set("%s: %s", path, strerror(errno));
	char *line = NULL;
	size_t cap = 0, cap_lines = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, f)) >= 0) {
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		VEC_GROW(S.script, S.script_n + 1, cap_lines);
		S.script[S.script_n++] = xstrdup(line);
	}
	free(line);
	fclose(f);
	return 0;
}

/* Deliver the next key or command of the script; false at its end. */
static bool script_next(void)
{
	if (S.queue_at < S.queue_n) {
		handle_key(S.queue[S.queue_at++]);
		return true;
	}
	while (S.script_next < S.script_n) {
		const char *line = S.script[S.script_next++];
		const char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '#')
			continue;
		if (*p == ':') {
			run_command(p + 1);
			return true;
		}
		S.queue_n = S.queue_at = 0;
		struct buf err = BUF_INIT;
		if (keys_parse_stream(p, queue_key, NULL, &err) < 0) {
			fprintf(stderr, "iacrev: script line %zu: %s\n", S.script_next, buf_cstr(&err));
			S.exit_code = 1;
			S.quit = true;
			buf_free(&err);
			return false;
		}
		buf_free(&err);
		return script_next();
	}
	return false;
}

/* -- signals and the terminal -- */

static void on_signal(int sig)
{
	got_signal = sig;
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a blocked read returns to the loop */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static SCREEN *screen;
static FILE *null_in, *null_out;

static int start_curses(void)
{
	if (S.scripted) {
		/* No terminal: draw into curses' memory only; the size comes
		 * from COLUMNS and LINES (or the script's :resize). */
		null_out = fopen("/dev/null", "w");
		null_in = fopen("/dev/null", "r");
		const char *term = getenv("TERM");
		if (!term || !*term || strcmp(term, "dumb") == 0)
			term = "xterm";
		screen = null_out && null_in ? newterm(term, null_out, null_in) : NULL;
	} else {
		screen = newterm(NULL, stdout, stdin);
	}
	if (!screen)
		return err_set("cannot start the terminal interface (TERM=%s)",
			       getenv("TERM") ? getenv("TERM") : "unset");
	set_term(screen);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	if (!S.scripted) {
		mousemask(BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
			  | BUTTON5_PRESSED
#endif
			  , NULL);
		mouseinterval(0);
	}
	const char *no_color = getenv("NO_COLOR");
	draw_init(!(no_color && *no_color), S.config.colors);
	draw_mirror_resize(LINES, COLS);
	return 0;
}

static void stop_curses(void)
{
	if (!screen)
		return;
	endwin();
	delscreen(screen);
	screen = NULL;
	if (null_in)
		fclose(null_in);
	if (null_out)
		fclose(null_out);
	null_in = null_out = NULL;
	draw_mirror_free();
}

/* -- the loop -- */

static void loop(void)
{
	while (!S.quit && !got_signal) {
		free_closed();
		if (S.dirty)
			render();
		bool pending = any_loading();
		if (S.scripted) {
			if (pending)
				run_steps(-1);
			else if (!script_next())
				S.quit = true;
			continue;
		}
		timeout(pending ? 0 : -1);
		wint_t ch;
		int r = get_wch(&ch);
		if (r == ERR) {
			if (pending)
				run_steps(SLICE_MS);
			continue;
		}
		handle_key(key_from_curses((int)ch, r == KEY_CODE_YES));
	}
	free_closed();
}

static void open_initial(const struct shell_options *o)
{
	if (view_push(NULL, &tasks_view_ops, NULL) < 0)
		return;
	if (!o->task)
		return;
	struct view_args args = { o->task, o->doc, 0 };
	if (view_push(top(), &task_view_ops, &args) < 0)
		return;
	if (!o->view)
		return;
	if (strcmp(o->view, "prompt") == 0) {
		view_open_doc(top(), o->task, "PROMPT.md");
	} else if (strcmp(o->view, "doc") == 0) {
		view_open_doc(top(), o->task, o->doc);
	} else {
		view_push_named(top(), o->view, &args);
	}
}

int shell_run(struct work *work, const struct shell_options *o)
{
	memset(&S, 0, sizeof(S));
	S.work = work;
	keymap_init(&S.keymap);
	S.config.keymap = &S.keymap;
	int bad = 0;
	char *path = o->config ? xstrdup(o->config) : config_default_path();
	if (path)
		config_load(&S.config, path, report_config, &bad);
	free(path);
	char *config_msg = S.message ? xstrdup(S.message) : NULL;
	if (bad > 1) {
		free(config_msg);
		config_msg = xasprintf("%s (and %d more bad lines)", S.message, bad - 1);
	}
	S.scripted = o->script != NULL;
	if (S.scripted && load_script(o->script) < 0) {
		fprintf(stderr, "iacrev: script: %s\n", err_msg());
		keymap_free(&S.keymap);
		free(config_msg);
		free(S.message);
		return 1;
	}
	install_signals();
	if (start_curses() < 0) {
		fprintf(stderr, "iacrev: %s\n", err_msg());
		keymap_free(&S.keymap);
		free(config_msg);
		free(S.message);
		return 1;
	}
	open_initial(o);
	if (config_msg) /* the config's complaint outlives the views' first words */
		message(true, "%s", config_msg);
	free(config_msg);
	S.dirty = true;
	loop();
	while (S.depth)
		free_view(S.stack[--S.depth]);
	stop_curses();

	int code = S.exit_code;
	if (got_signal)
		code = 128 + got_signal;
	free(S.stack);
	free(S.closed);
	free(S.message);
	free(S.prompt_label);
	if (S.prompting)
		le_free(&S.le);
	for (int i = 0; i < HIST__COUNT; i++)
		history_free(&S.hist[i]);
	if (S.has_search) {
		regfree(&S.search.re);
		free(S.search.pattern);
	}
	for (size_t i = 0; i < S.script_n; i++)
		free(S.script[i]);
	free(S.script);
	free(S.queue);
	keymap_free(&S.keymap);
	memset(&S, 0, sizeof(S));
	return code;
}
