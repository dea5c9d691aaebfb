/* The document screen: a Markdown file of a task rendered from the
 * libcmark tree (views/document.c), or its raw source with line numbers
 * (r).  Rendering waits for step() and follows the width. */

#include <stdlib.h>
#include <string.h>

#include "../core/err.h"
#include "../core/mem.h"
#include "document.h"
#include "view.h"

struct document_view {
	char *task;        /* the task's display path */
	char *name;        /* the file as asked for (lib/ name or path) */
	char *path;        /* its path in the repository */
	struct buf data;
	bool raw;
	bool rendered;     /* lines are up to date with the width and mode */
	struct slist lines;
};

static struct document_view *docv(struct view *v)
{
	return v->priv;
}

static void title(struct view *v)
{
	struct document_view *p = docv(v);
	view_set_title(v, "%s%s", p->path, p->raw ? " (raw)" : "");
}

static void release(struct document_view *p)
{
	free(p->task);
	free(p->name);
	free(p->path);
	p->task = p->name = p->path = NULL;
	buf_free(&p->data);
	slist_clear(&p->lines);
}

static int load(struct view *v, const char *task_path, const char *name)
{
	struct document_view *p = docv(v);
	struct task t;
	int rc = view_load_task(v, task_path, &t);
	if (rc < 0)
		return rc;
	struct buf data = BUF_INIT;
	char *path = NULL;
	rc = view_read_task_file(v, &t, name, &path, &data);
	if (rc < 0) {
		task_free_one(&t);
		buf_free(&data);
		return rc;
	}
	char *keep_name = xstrdup(name);
	release(p);
	p->task = xstrdup(task_display_path(&t));
	p->name = keep_name;
	p->path = path;
	p->data = data;
	p->rendered = false;
	task_free_one(&t);
	v->cursor = v->top = 0;
	v->loading = true;
	title(v);
	return 0;
}

static int document_open(struct view *v, const struct view_args *args)
{
	if (!args->doc)
		return err_setc(ERR_USAGE, "no document to show");
	docv(v)->raw = args->mode == 1;
	return load(v, args->task, args->doc);
}

static void render(struct view *v)
{
	struct document_view *p = docv(v);
	slist_clear(&p->lines);
	size_t width = v->width > 0 ? (size_t)v->width : 80;
	const char *bytes = p->data.ptr ? p->data.ptr : "";
	if (p->raw)
		document_render_raw(&p->lines, bytes, p->data.len, 1, 0, width);
	else
		document_render(&p->lines, bytes, p->data.len, width, 0);
	p->rendered = true;
	view_redraw(v);
}

static int document_step(struct view *v)
{
	render(v);
	return 0;
}

/* Keep the same place of the source across a re-render: the first line
 * that comes from the source line the top line came from. */
static void rerender(struct view *v)
{
	struct document_view *p = docv(v);
	intptr_t at = v->top < p->lines.n ? p->lines.v[v->top].ref : 0;
	render(v);
	size_t top = 0;
	for (size_t i = 0; i < p->lines.n; i++) {
		if (p->lines.v[i].ref >= at) {
			top = i;
			break;
		}
	}
	view_show_line(v, top);
}

static void move_task(struct view *v, int delta)
{
	struct document_view *p = docv(v);
	const char *next = view_task_neighbor(v, p->task, delta);
	if (!next) {
		view_error(v, delta > 0 ? "no next task in the list" : "no previous task in the list");
		return;
	}
	char *task = xstrdup(next), *name = xstrdup(p->name);
	if (load(v, task, name) < 0)
		view_error(v, "%s", err_msg());
	free(task);
	free(name);
}

static enum view_key_result document_key(struct view *v, enum action a, int count)
{
	struct document_view *p = docv(v);
	struct view_args args = { p->task, NULL, 0, NULL, NULL };
	switch (a) {
	case ACT_RAW:
		p->raw = !p->raw;
		title(v);
		rerender(v);
		return VIEW_KEY_HANDLED;
	case ACT_NEXT_TASK: move_task(v, count); return VIEW_KEY_HANDLED;
	case ACT_PREV_TASK: move_task(v, -count); return VIEW_KEY_HANDLED;
	case ACT_VIEW_DIFF: view_push_named(v, "diff", &args); return VIEW_KEY_HANDLED;
	case ACT_VIEW_FAILURES: view_push_named(v, "failures", &args); return VIEW_KEY_HANDLED;
	case ACT_VIEW_HISTORY: view_push_named(v, "history", &args); return VIEW_KEY_HANDLED;
	case ACT_VIEW_SCORE: view_push_named(v, "score", &args); return VIEW_KEY_HANDLED;
	default:
		return VIEW_KEY_UNHANDLED;
	}
}

static size_t document_line_count(struct view *v)
{
	return docv(v)->lines.n;
}

static const struct sline *document_line(struct view *v, size_t i)
{
	return &docv(v)->lines.v[i];
}

static void document_resize(struct view *v)
{
	if (docv(v)->rendered)
		rerender(v);
}

static void document_done(struct view *v)
{
	struct document_view *p = docv(v);
	release(p);
	slist_free(&p->lines);
}

const struct view_ops document_view_ops = {
	.name = "document",
	.private_size = sizeof(struct document_view),
	.open = document_open,
	.step = document_step,
	.key = document_key,
	.line_count = document_line_count,
	.line = document_line,
	.resize = document_resize,
	.done = document_done,
};

