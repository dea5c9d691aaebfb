/* The log view: the repository's commits newest first (date, author,
 * subject, the tasks each touched), from the history index, which is
 * brought up to date in steps while keys are answered (the status line
 * shows how far).  Rows are read from the repository when first shown.
 * Enter opens the commit. */
#include <stdlib.h>
#include <string.h>

#include "../core/err.h"
#include "../core/history.h"
#include "../core/mem.h"
#include "hstate.h"
#include "log.h"
#include "view.h"

struct log_view {
	bool ready;
	uint32_t *commits;
	size_t n;
	struct sline *rows;    /* built when first asked for */
	bool *built;
	uint32_t cut;          /* the first commit whose parent is missing, HX_NONE */
	struct sline note;     /* before the index is ready, or for an empty log */
	struct sline header;
};

static struct log_view *lv(struct view *v)
{
	return v->priv;
}

static int log_open(struct view *v, const struct view_args *args)
{
	(void)args;
	struct log_view *p = lv(v);
	p->cut = HX_NONE;
	sline_adds(&p->note, S_DIM, "reading the history (the history index is being brought up to date)…");
	sline_adds(&p->header, S_HEADER, "commit      date              author            subject  [tasks]");
	view_set_title(v, "Log");
	return 0;
}

static int log_step(struct view *v)
{
	struct log_view *p = lv(v);
	int rc = hstate_step(v);
	if (rc != 0)
		return rc;
	const struct hindex *ix = hstate_index(v);
	if (hist_log(ix, view_commit(v), &p->commits, &p->n) < 0)
		return -1;
	p->ready = true;
	p->rows = xcalloc(p->n ? p->n : 1, sizeof(*p->rows));
	p->built = xcalloc(p->n ? p->n : 1, sizeof(*p->built));
	for (size_t i = 0; i < p->n && p->cut == HX_NONE; i++)
		if (ix->flags[p->commits[i]] & HX_CUT)
			p->cut = p->commits[i];
	sline_clear(&p->note);
	if (p->cut != HX_NONE)
		hstate_cut_note(v, &p->note, &ix->oids[p->cut]);
	else if (!p->n)
		sline_adds(&p->note, S_DIM, "no commits");
	view_set_title(v, "Log: %zu commit%s", p->n, p->n == 1 ? "" : "s");
	hstate_report_warning(v);
	view_show_line(v, 0);
	return 0;
}

static size_t log_line_count(struct view *v)
{
	struct log_view *p = lv(v);
	if (!p->ready)
		return 1;
	return p->n + (p->note.cols ? 1 : 0);
}

static const struct sline *log_line(struct view *v, size_t i)
{
	struct log_view *p = lv(v);
	if (!p->ready || i >= p->n)
		return &p->note;
	if (!p->built[i]) {
		const struct hindex *ix = hstate_index(v);
		struct hist_commit hc;
		/* a missing commit object still has its row: id and tasks */
		hist_commit_read(v->work->repo, &ix->oids[p->commits[i]], &hc);
		err_clear();
		sline_init(&p->rows[i]);
		log_row_line(&p->rows[i], &hc, ix, p->commits[i]);
		p->rows[i].ref = (intptr_t)i + 1;
		hist_commit_free(&hc);
		p->built[i] = true;
	}
	return &p->rows[i];
}

static const struct sline *log_header(struct view *v)
{
	return lv(v)->ready && lv(v)->n ? &lv(v)->header : NULL;
}

static enum view_key_result log_key(struct view *v, enum action a, int count)
{
	(void)count;
	struct log_view *p = lv(v);
	if (a != ACT_ENTER)
		return VIEW_KEY_UNHANDLED;
	if (!p->ready || v->cursor >= p->n)
		return VIEW_KEY_HANDLED;
	const struct hindex *ix = hstate_index(v);
	struct view_args args = { NULL, NULL, 0, &ix->oids[p->commits[v->cursor]], NULL };
	view_push(v, &commit_view_ops, &args);
	return VIEW_KEY_HANDLED;
}

static void log_done(struct view *v)
{
	struct log_view *p = lv(v);
	for (size_t i = 0; p->built && i < p->n; i++)
		if (p->built[i])
			sline_free(&p->rows[i]);
	free(p->rows);
	free(p->built);
	free(p->commits);
	sline_free(&p->note);
	sline_free(&p->header);
}

const struct view_ops log_view_ops = {
	.name = "log",
	.flags = VF_CURSOR,
	.private_size = sizeof(struct log_view),
	.open = log_open,
	.step = log_step,
	.key = log_key,
	.line_count = log_line_count,
	.line = log_line,
	.header = log_header,
	.done = log_done,
};
