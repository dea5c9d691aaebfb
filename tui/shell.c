#include "shell_int.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "../core/err.h"
#include "../core/mem.h"
#include "../views/hstate.h"
#include "draw.h"

struct shell S;
static volatile sig_atomic_t got_signal;

struct view *sh_top(void)
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

static void set_message(bool error, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

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

void sh_message(bool error, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sh_message(bool error, const char *fmt, ...)
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

size_t sh_line_count(struct view *v)
{
	return v->ops->line_count ? v->ops->line_count(v) : 0;
}

const struct sline *sh_header(struct view *v)
{
	return v->ops->header ? v->ops->header(v) : NULL;
}

/* Give the view its size from the terminal; tell it when that changed. */
void sh_layout(struct view *v)
{
	int width = COLS;
	int height = LINES - CHROME_ROWS - (sh_header(v) ? 1 : 0);
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
	struct view_args none = { NULL, NULL, 0, NULL, NULL };
	struct view *v = xcalloc(1, sizeof(*v));
	v->ops = ops;
	v->work = S.work;
	/* A view reads the revision it is given, else the one of the view it
	 * comes from: the diff opened from a task at an old revision is the
	 * diff at that revision. */
	const git_oid *rev = args && args->commit ? args->commit
			     : from && from->at_rev ? &from->rev : NULL;
	if (rev && !git_oid_equal(rev, &S.work->commit)) {
		v->at_rev = true;
		git_oid_cpy(&v->rev, rev);
		repo_short_id(v->rev_short, rev);
	}
	v->priv = xcalloc(1, ops->private_size ? ops->private_size : 1);
	v->below = sh_top();
	v->width = COLS;
	v->height = LINES - CHROME_ROWS > 1 ? LINES - CHROME_ROWS : 1;
	err_clear();
	if (ops->open && ops->open(v, args ? args : &none) < 0) {
		sh_message(true, "%s", err_msg());
		free_view(v);
		return -1;
	}
	v->loading = ops->step != NULL;
	VEC_GROW(S.stack, S.depth + 1, S.cap);
	S.stack[S.depth++] = v;
	sh_layout(v);
	S.dirty = true;
	return 0;
}

int view_push_named(struct view *from, const char *name, const struct view_args *args)
{
	const struct view_ops *ops = view_find(name);
	if (!ops) {
		sh_message(true, "the %s view is not available yet", name);
		return -1;
	}
	return view_push(from, ops, args);
}

bool view_is_top(const struct view *v)
{
	return S.depth && S.stack[S.depth - 1] == v;
}

void view_close(struct view *v)
{
	if (!S.depth || sh_top() != v)
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

size_t sh_max_top(struct view *v)
{
	size_t n = sh_line_count(v), h = (size_t)v->height;
	return n > h ? n - h : 0;
}

void sh_selected(struct view *v)
{
	if (v->ops->select)
		v->ops->select(v);
	S.dirty = true;
}

void view_show_line(struct view *v, size_t i)
{
	size_t n = sh_line_count(v), h = (size_t)v->height;
	if (n == 0)
		i = 0;
	else if (i >= n)
		i = n - 1;
	if (v->ops->flags & VF_CURSOR) {
		v->cursor = i;
		if (i < v->top || i >= v->top + h)
			v->top = i > h / 3 ? i - h / 3 : 0;
		if (v->top > sh_max_top(v))
			v->top = sh_max_top(v);
	} else {
		v->top = i > sh_max_top(v) ? sh_max_top(v) : i;
		v->cursor = v->top;
	}
	sh_selected(v);
}

size_t sh_add_clamped(size_t at, long delta, size_t limit)
{
	if (delta < 0)
		return (size_t)-delta > at ? 0 : at - (size_t)-delta;
	size_t r = at + (size_t)delta;
	return r > limit || r < at ? limit : r;
}

/* Move the cursor (lists) or the top line (pagers) by delta lines; a page
 * move also scrolls a list by the same amount, as tig does. */
void sh_move_by(struct view *v, long delta, bool page)
{
	size_t n = sh_line_count(v), h = (size_t)v->height;
	if (!n)
		return;
	if (v->ops->flags & VF_CURSOR) {
		v->cursor = sh_add_clamped(v->cursor, delta, n - 1);
		if (page)
			v->top = sh_add_clamped(v->top, delta, sh_max_top(v));
		if (v->cursor < v->top)
			v->top = v->cursor;
		if (v->cursor >= v->top + h)
			v->top = v->cursor - h + 1;
	} else {
		v->top = sh_add_clamped(v->top, delta, sh_max_top(v));
		v->cursor = v->top;
	}
	sh_selected(v);
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
					sh_message(true, "%s", err_msg());
			}
			S.dirty = true;
			break;
		}
		if (!any)
			return;
	} while (ms < 0 || now_ms() - start < ms);
}

/* The work nobody waits for: the history index is built between key
 * polls while no view is loading (design.md), so that h and L open at
 * once later.  For about `ms` milliseconds (ms < 0: until it is done). */
void sh_idle_work(double ms)
{
	double start = now_ms();
	while (hstate_background_pending(S.work)) {
		if (!hstate_background_step(S.work))
			break;
		S.dirty = true;
		if (ms >= 0 && now_ms() - start >= ms)
			break;
	}
	S.dirty = true;
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

/* Ctrl-S saves the score sheet: the terminal must not take it as XOFF
 * (which freezes output until Ctrl-Q).  raw() would do it but also turns
 * Ctrl-C into a key; only IXON goes.  def_prog_mode() records it, so that
 * endwin() gives the shell its own modes back and a resume restores ours. */
static void no_flow_control(void)
{
	struct termios tio;
	if (tcgetattr(STDIN_FILENO, &tio) != 0)
		return;
	tio.c_iflag &= ~(tcflag_t)IXON;
	if (tcsetattr(STDIN_FILENO, TCSANOW, &tio) == 0)
		def_prog_mode();
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
	if (!S.scripted)
		no_flow_control();
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

static void report_config(const char *msg, void *payload)
{
	int *bad = payload;
	if ((*bad)++ == 0)
		sh_message(true, "%s", msg);
}

/* -- the loop -- */

static void loop(void)
{
	while (!S.quit && !got_signal) {
		free_closed();
		if (S.dirty)
			sh_render();
		bool pending = any_loading();
		if (S.scripted) {
			if (pending) {
				run_steps(-1);
				continue;
			}
			double start = now_ms();
			S.script_key = false;
			if (!sh_script_next()) {
				S.quit = true;
				continue;
			}
			/* A key's cost: its action and the frame it leaves (work it
			 * starts is spread over later frames, as interactively). */
			free_closed();
			if (S.dirty && !S.quit)
				sh_render();
			if (S.key_times && S.script_key)
				fprintf(S.key_times, "%.3f\n", now_ms() - start);
			continue;
		}
		bool idle_work = !pending && hstate_background_pending(S.work);
		timeout(pending || idle_work ? 0 : -1);
		wint_t ch;
		int r = get_wch(&ch);
		if (r == ERR) {
			if (pending)
				run_steps(SLICE_MS);
			else if (idle_work)
				sh_idle_work(SLICE_MS);
			continue;
		}
		sh_handle_key(key_from_curses((int)ch, r == KEY_CODE_YES));
	}
	free_closed();
}

static void open_initial(const struct shell_options *o)
{
	if (view_push(NULL, &tasks_view_ops, NULL) < 0)
		return;
	if (!o->task)
		return;
	struct view_args args = { o->task, o->doc, 0, NULL, NULL };
	if (view_push(sh_top(), &task_view_ops, &args) < 0)
		return;
	if (!o->view)
		return;
	if (strcmp(o->view, "prompt") == 0) {
		view_open_doc(sh_top(), o->task, "PROMPT.md");
	} else if (strcmp(o->view, "doc") == 0) {
		view_open_doc(sh_top(), o->task, o->doc);
	} else if (strcmp(o->view, "raw") == 0) {
		view_push(sh_top(), &blob_view_ops, &args);
	} else {
		view_push_named(sh_top(), o->view, &args);
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
	const char *times = getenv("IACREV_KEY_TIMES");
	if (S.scripted && times && *times && !(S.key_times = fopen(times, "w")))
		fprintf(stderr, "iacrev: %s: %s\n", times, strerror(errno));
	if (S.scripted && sh_script_load(o->script) < 0) {
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
		sh_message(true, "%s", config_msg);
	free(config_msg);
	S.dirty = true;
	loop();
	while (S.depth)
		free_view(S.stack[--S.depth]);
	stop_curses();

	int code = S.exit_code;
	if (got_signal)
		code = 128 + got_signal;
	if (S.key_times)
		fclose(S.key_times);
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
