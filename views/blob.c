/* The raw text of one file of a task, with line numbers: what a reviewer
 * sees when a document view is not wanted (or not there yet), and the
 * proof that hostile bytes (escape sequences, NULs, invalid UTF-8) are
 * shown as visible text.  Lines are indexed in step() and formatted only
 * when shown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "view.h"

struct blob_view {
	char *task;
	char *name;          /* the file as asked for */
	char *path;          /* the file's path in the repository */
	struct buf data;
	size_t *starts;      /* the byte offset of each line */
	size_t nlines, cap;
	bool read;
	int gutter;          /* columns of the line numbers */
	char *error;         /* why the file could not be read */
	struct sline line;
};

static struct blob_view *bv(struct view *v)
{
	return v->priv;
}

static int blob_open(struct view *v, const struct view_args *args)
{
	struct blob_view *p = bv(v);
	if (!args->doc)
		return err_setc(ERR_USAGE, "no file to show");
	struct task t;
	int rc = view_load_task(v, args->task, &t);
	if (rc < 0)
		return rc;
	p->task = xstrdup(task_display_path(&t));
	p->name = xstrdup(args->doc);
	const struct task_doc *d = task_doc_by_name(&t, args->doc);
	p->path = d ? task_doc_path(&t, d)
		    : t.path[0] ? xasprintf("%s/%s", t.path, args->doc) : xstrdup(args->doc);
	task_free_one(&t);
	view_set_title(v, "%s (raw)", p->path);
	return 0;
}

/* Read the file, then index its lines: two bounded steps. */
static int blob_step(struct view *v)
{
	struct blob_view *p = bv(v);
	if (!p->read) {
		p->read = true;
		struct task t;
		int rc = view_load_task(v, p->task, &t);
		if (rc < 0)
			return rc;
		rc = view_read_task_file(v, &t, p->name, NULL, &p->data);
		task_free_one(&t);
		if (rc < 0) {
			/* The reason is the content: whole, not cut by the width of
			 * the message line. */
			p->error = xstrdup(err_msg());
			view_redraw(v);
			return rc;
		}
		return 1;
	}
	const char *s = p->data.ptr ? p->data.ptr : "";
	size_t at = 0;
	while (at < p->data.len || (at == 0 && p->nlines == 0)) {
		VEC_GROW(p->starts, p->nlines + 1, p->cap);
		p->starts[p->nlines++] = at;
		const char *nl = memchr(s + at, '\n', p->data.len - at);
		if (!nl)
			break;
		at = (size_t)(nl - s) + 1;
	}
	p->gutter = snprintf(NULL, 0, "%zu", p->nlines);
	view_redraw(v);
	return 0;
}

static size_t blob_line_count(struct view *v)
{
	return bv(v)->error ? 1 : bv(v)->nlines;
}

static const struct sline *blob_line(struct view *v, size_t i)
{
	struct blob_view *p = bv(v);
	if (p->error) {
		sline_clear(&p->line);
		sline_adds(&p->line, S_ERROR, p->error);
		return &p->line;
	}
	const char *s = p->data.ptr ? p->data.ptr : "";
	size_t start = p->starts[i];
	size_t end = i + 1 < p->nlines ? p->starts[i + 1] : p->data.len;
	if (end > start && s[end - 1] == '\n') {
		end--;
		if (end > start && s[end - 1] == '\r')
			end--; /* a CRLF line ending */
	}
	sline_clear(&p->line);
	sline_addf(&p->line, S_DIFF_LINENO, "%*zu ", p->gutter, i + 1);
	struct sline text;
	sline_init(&text);
	sline_add(&text, S_NORMAL, s + start, end - start);
	sline_append(&p->line, &text);
	sline_free(&text);
	return &p->line;
}

static void blob_done(struct view *v)
{
	struct blob_view *p = bv(v);
	free(p->error);
	free(p->task);
	free(p->name);
	free(p->path);
	buf_free(&p->data);
	free(p->starts);
	sline_free(&p->line);
}

const struct view_ops blob_view_ops = {
	.name = "blob",
	.private_size = sizeof(struct blob_view),
	.open = blob_open,
	.step = blob_step,
	.line_count = blob_line_count,
	.line = blob_line,
	.done = blob_done,
};
