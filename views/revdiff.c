/* The revision diff screen (views/revdiff.h): a pager over the lines of
 * core/textdiff, with line numbers, read once at open. */
#include "revdiff.h"

#include <stdlib.h>
#include <string.h>

#include "../core/err.h"
#include "../core/mem.h"
#include "../core/textdiff.h"

#define REVDIFF_CONTEXT 3

struct revdiff_view {
	struct slist lines;
};

/* What is handed from revdiff_open to open() through view_args.data. */
struct revdiff_payload {
	const char *doc;
	const struct revdiff_side *old, *new;
};

static char *file_path(const char *task, const char *doc)
{
	bool in_lib = !strchr(doc, '/') && strcmp(doc, "metadata.json") != 0;
	bool root = !task[0] || strcmp(task, ".") == 0;
	return xasprintf("%s%s%s%s", root ? "" : task, root ? "" : "/", in_lib ? "lib/" : "", doc);
}

/* Read one side into text; a line for the header says what was read. */
static void read_side(struct view *v, struct slist *out, char mark, const char *doc,
		      const struct revdiff_side *s, struct buf *text)
{
	struct sline *l = slist_push(out);
	sline_addf(l, S_DIFF_FILE, "%c%c%c ", mark, mark, mark);
	if (!s->commit) {
		sline_adds(l, S_DIM, "(nothing: the task did not exist)");
		return;
	}
	char sid[11];
	repo_short_id(sid, s->commit);
	char *path = file_path(s->path, doc);
	sline_adds(l, S_PATH, path);
	sline_adds(l, S_DIFF_FILE, " @ ");
	sline_adds(l, S_ID, sid);
	int rc = repo_read_file(v->work->repo, s->commit, path, text);
	if (rc == ERR_NOTFOUND) {
		sline_adds(l, S_DIM, "  (absent)");
		buf_truncate(text, 0);
	} else if (rc < 0) {
		sline_adds(l, S_ERROR, "  unreadable: ");
		sline_adds(l, S_ERROR, err_msg());
		buf_truncate(text, 0);
	}
	err_clear();
	free(path);
}

static void render(struct slist *out, const struct textdiff *d)
{
	struct sline *l = slist_push(out);
	if (!d->n) {
		sline_adds(l, S_DIM, "no difference: the two revisions hold the same text");
		return;
	}
	sline_addf(l, S_DIFF_ADD, "+%zu", d->added);
	sline_adds(l, S_NORMAL, " ");
	sline_addf(l, S_DIFF_DEL, "-%zu", d->removed);
	for (size_t i = 0; i < d->n; i++) {
		const struct textdiff_line *t = &d->v[i];
		l = slist_push(out);
		if (t->kind == TD_HUNK) {
			sline_add(l, S_DIFF_HUNK, t->text, t->len);
			continue;
		}
		if (t->kind == TD_NOTE) {
			sline_add(l, S_DIM, t->text, t->len);
			continue;
		}
		if (t->old_no)
			sline_addf(l, S_DIFF_LINENO, "%5u ", t->old_no);
		else
			sline_adds(l, S_DIFF_LINENO, "      ");
		if (t->new_no)
			sline_addf(l, S_DIFF_LINENO, "%5u ", t->new_no);
		else
			sline_adds(l, S_DIFF_LINENO, "      ");
		int style = t->kind == TD_ADD ? S_DIFF_ADD : t->kind == TD_DEL ? S_DIFF_DEL : S_DIFF_CONTEXT;
		sline_adds(l, style, t->kind == TD_ADD ? "+" : t->kind == TD_DEL ? "-" : " ");
		sline_add(l, style, t->text, t->len);
	}
}

static int revdiff_view_open(struct view *v, const struct view_args *args)
{
	const struct revdiff_payload *p = args->data;
	if (!p)
		return err_set("the revision diff is opened from the history or commit views");
	struct revdiff_view *rv = v->priv;
	struct buf a = BUF_INIT, b = BUF_INIT;
	read_side(v, &rv->lines, '-', p->doc, p->old, &a);
	read_side(v, &rv->lines, '+', p->doc, p->new, &b);
	struct textdiff d;
	int rc = textdiff_compute(a.ptr ? a.ptr : "", a.len, b.ptr ? b.ptr : "", b.len, REVDIFF_CONTEXT, &d);
	buf_free(&a);
	buf_free(&b);
	if (rc < 0) {
		slist_free(&rv->lines);
		return rc;
	}
	render(&rv->lines, &d);
	textdiff_free(&d);
	char so[11] = "none", sn[11] = "none";
	if (p->old->commit)
		repo_short_id(so, p->old->commit);
	if (p->new->commit)
		repo_short_id(sn, p->new->commit);
	view_set_title(v, "Diff %s: %s → %s", p->doc, so, sn);
	return 0;
}

int revdiff_open(struct view *from, const char *doc, const struct revdiff_side *old,
		 const struct revdiff_side *new)
{
	struct revdiff_payload p = { doc, old, new };
	/* both revisions are in the title: not inherited from `from` */
	struct view_args args = { NULL, doc, 0, &from->work->commit, &p };
	return view_push(from, &revdiff_view_ops, &args);
}

static size_t revdiff_line_count(struct view *v)
{
	return ((struct revdiff_view *)v->priv)->lines.n;
}

static const struct sline *revdiff_line(struct view *v, size_t i)
{
	return &((struct revdiff_view *)v->priv)->lines.v[i];
}

static void revdiff_done(struct view *v)
{
	slist_free(&((struct revdiff_view *)v->priv)->lines);
}

const struct view_ops revdiff_view_ops = {
	.name = "revdiff",
	.private_size = sizeof(struct revdiff_view),
	.open = revdiff_view_open,
	.line_count = revdiff_line_count,
	.line = revdiff_line,
	.done = revdiff_done,
};
