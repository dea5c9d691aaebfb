/* The failures screen: MODEL_FAILURES.md as its list of items (number,
 * severity badge, title, source lines); Enter reads an item, q comes back
 * to the list, r shows the item's raw source, D opens the whole document.
 * The splitter is core/failures.c, the rows and items views/failures.c. */

#include <stdlib.h>
#include <string.h>

#include "../core/err.h"
#include "../core/failures.h"
#include "../core/mdsrc.h"
#include "../core/mem.h"
#include "document.h"
#include "failures.h"
#include "view.h"

struct failures_view {
	char *task;
	char *path;
	struct buf data;
	struct mdsrc src;
	struct failures items;
	bool split;
	size_t item;          /* the item being read, or SIZE_MAX in the list */
	size_t list_cursor;   /* where the list's cursor was */
	bool raw;
	size_t open_item;     /* args.mode: open on this item (1-based) once split */
	bool direct;          /* opened on an item: q closes the view */
	struct slist lines;
};

static struct failures_view *fv(struct view *v)
{
	return v->priv;
}

static void title(struct view *v)
{
	struct failures_view *p = fv(v);
	if (p->item == SIZE_MAX) {
		view_set_title(v, "Failures %s: %zu item%s%s", p->task, p->items.n,
			       p->items.n == 1 ? "" : "s",
			       p->split && !p->items.n ? " (none found: D shows the document)" : "");
		return;
	}
	char num[32];
	failures_item_number(&p->items.v[p->item], num);
	view_set_title(v, "Failures %s: item %s of %zu%s", p->task, num, p->items.n,
		       p->raw ? " (raw)" : "");
}

static void render(struct view *v)
{
	struct failures_view *p = fv(v);
	size_t width = v->width > 0 ? (size_t)v->width : 80;
	slist_clear(&p->lines);
	if (!p->split)
		return;
	if (p->item == SIZE_MAX) {
		failures_list_lines(&p->lines, &p->items, width);
	} else {
		const struct failure_item *it = &p->items.v[p->item];
		if (p->raw)
			document_render_raw(&p->lines, p->data.ptr ? p->data.ptr : "", p->data.len,
					    it->first, it->last, width);
		else
			failures_item_lines(&p->lines, &p->src, it, width, 0);
	}
	view_redraw(v);
}

static void release(struct failures_view *p)
{
	free(p->task);
	free(p->path);
	p->task = p->path = NULL;
	buf_free(&p->data);
	if (p->split) {
		mdsrc_free(&p->src);
		failures_free(&p->items);
	}
	memset(&p->items, 0, sizeof(p->items));
	p->split = false;
	slist_clear(&p->lines);
}

static int load(struct view *v, const char *task_path)
{
	struct failures_view *p = fv(v);
	struct task t;
	int rc = view_load_task(v, task_path, &t);
	if (rc < 0)
		return rc;
	struct buf data = BUF_INIT;
	char *path = NULL;
	rc = view_read_task_file(v, &t, "MODEL_FAILURES.md", &path, &data);
	if (rc < 0) {
		task_free_one(&t);
		buf_free(&data);
		return rc;
	}
	release(p);
	p->task = xstrdup(task_display_path(&t));
	p->path = path;
	p->data = data;
	p->item = SIZE_MAX;
	p->raw = false;
	task_free_one(&t);
	v->cursor = v->top = 0;
	v->loading = true;
	title(v);
	return 0;
}

static int failures_open(struct view *v, const struct view_args *args)
{
	fv(v)->open_item = args->mode > 0 ? (size_t)args->mode : 0;
	return load(v, args->task);
}

static void read_item(struct view *v, size_t i);

/* The split is one pass over the file: one step. */
static int failures_step(struct view *v)
{
	struct failures_view *p = fv(v);
	mdsrc_init(&p->src, p->data.ptr ? p->data.ptr : "", p->data.len);
	memset(&p->items, 0, sizeof(p->items));
	failures_split_src(&p->items, &p->src);
	p->split = true;
	title(v);
	render(v);
	if (p->open_item && p->open_item <= p->items.n) {
		/* the score sheet's Enter on an item: that item, q goes back */
		read_item(v, p->open_item - 1);
		p->direct = true;
	}
	p->open_item = 0;
	if (!p->items.n)
		view_message(v, "no failure items found in %s: D shows the whole document", p->path);
	return 0;
}

static void read_item(struct view *v, size_t i)
{
	struct failures_view *p = fv(v);
	p->list_cursor = v->cursor;
	p->item = i;
	p->raw = false;
	title(v);
	render(v);
	view_show_line(v, 0);
}

static void back_to_list(struct view *v)
{
	struct failures_view *p = fv(v);
	p->item = SIZE_MAX;
	title(v);
	render(v);
	view_show_line(v, p->list_cursor);
}

static void move_task(struct view *v, int delta)
{
	struct failures_view *p = fv(v);
	const char *next = view_task_neighbor(v, p->task, delta);
	if (!next) {
		view_error(v, delta > 0 ? "no next task in the list" : "no previous task in the list");
		return;
	}
	char *task = xstrdup(next);
	p->direct = false;
	if (load(v, task) < 0)
		view_error(v, "%s", err_msg());
	free(task);
}

static enum view_key_result failures_key(struct view *v, enum action a, int count)
{
	struct failures_view *p = fv(v);
	struct view_args args = { p->task, NULL, 0, NULL, NULL };
	switch (a) {
	case ACT_ENTER:
		if (p->item == SIZE_MAX && v->cursor < p->lines.n && p->split && p->items.n)
			read_item(v, (size_t)p->lines.v[v->cursor].ref);
		return VIEW_KEY_HANDLED;
	case ACT_CLOSE:
		if (p->item == SIZE_MAX || p->direct)
			return VIEW_KEY_UNHANDLED;
		back_to_list(v);
		return VIEW_KEY_HANDLED;
	case ACT_RAW:
		if (p->item == SIZE_MAX) {
			struct view_args raw = { p->task, "MODEL_FAILURES.md", 1, NULL, NULL };
			view_push_named(v, "document", &raw);
			return VIEW_KEY_HANDLED;
		}
		p->raw = !p->raw;
		title(v);
		render(v);
		return VIEW_KEY_HANDLED;
	case ACT_WHOLE_DOC:
		view_open_doc(v, p->task, "MODEL_FAILURES.md");
		return VIEW_KEY_HANDLED;
	case ACT_NEXT_TASK: move_task(v, count); return VIEW_KEY_HANDLED;
	case ACT_PREV_TASK: move_task(v, -count); return VIEW_KEY_HANDLED;
	case ACT_VIEW_DIFF: view_push_named(v, "diff", &args); return VIEW_KEY_HANDLED;
	case ACT_VIEW_HISTORY: view_push_named(v, "history", &args); return VIEW_KEY_HANDLED;
	case ACT_VIEW_SCORE: view_push_named(v, "score", &args); return VIEW_KEY_HANDLED;
	case ACT_VIEW_PROMPT: view_open_doc(v, p->task, "PROMPT.md"); return VIEW_KEY_HANDLED;
	default:
		return VIEW_KEY_UNHANDLED;
	}
}

static size_t failures_line_count(struct view *v)
{
	return fv(v)->lines.n;
}

static const struct sline *failures_line(struct view *v, size_t i)
{
	return &fv(v)->lines.v[i];
}

static void failures_resize(struct view *v)
{
	render(v);
}

static void failures_done(struct view *v)
{
	struct failures_view *p = fv(v);
	release(p);
	slist_free(&p->lines);
}

const struct view_ops failures_view_ops = {
	.name = "failures",
	.flags = VF_CURSOR,
	.private_size = sizeof(struct failures_view),
	.open = failures_open,
	.step = failures_step,
	.key = failures_key,
	.line_count = failures_line_count,
	.line = failures_line,
	.resize = failures_resize,
	.done = failures_done,
};

