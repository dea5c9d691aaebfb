/* The task history view: the task's lineage (core/history.h), newest
 * first: commit, date, author, training_quality then, the documents that
 * changed, the task's path then and the subject.  Enter opens the task at
 * that revision (its documents, diff and failures read there); m marks a
 * revision and d diffs MODEL_FAILURES.md (D: a document you name) between
 * the marked revision and the one under the cursor.  The lineage comes
 * from the history index, built in steps while keys are answered. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/err.h"
#include "../core/history.h"
#include "../core/mem.h"
#include "../core/utf8.h"
#include "hstate.h"
#include "log.h"
#include "revdiff.h"
#include "view.h"

#define REF_REV 1 /* + the revision's index */

struct history_view {
	char *task;
	bool ready;
	bool found;
	struct hist_lineage lin;
	struct hist_commit *commits;
	size_t path_cols;
	size_t mark;           /* the marked revision, SIZE_MAX: none */
	char *doc;             /* the document D diffed last */
	char *error;           /* why there is no lineage */
	struct slist lines;
	struct sline header;
};

static struct history_view *hv(struct view *v)
{
	return v->priv;
}

static void add_note(struct history_view *p, int style, const char *text)
{
	sline_adds(slist_push(&p->lines), style, text);
}

static void build(struct view *v)
{
	struct history_view *p = hv(v);
	slist_clear(&p->lines);
	sline_clear(&p->header);
	if (!p->ready) {
		add_note(p, S_DIM, "reading the history (the history index is being brought up to date)…");
		return;
	}
	if (!p->found) {
		add_note(p, S_WARN, p->error ? p->error : "no lineage");
		return;
	}
	sline_adds(&p->header, S_HEADER, "  commit      date              author            tq    docs    ");
	sline_adds(&p->header, S_HEADER, "path");
	sline_pad(&p->header, S_HEADER, 2 + 10 + 2 + 16 + 2 + LOG_AUTHOR_COLS + 2 + 6 + 8 + p->path_cols + 2);
	sline_adds(&p->header, S_HEADER, "subject");
	for (size_t i = 0; i < p->lin.n; i++) {
		struct sline *l = slist_push(&p->lines);
		l->ref = REF_REV + (intptr_t)i;
		sline_adds(l, S_WARN, p->mark == i ? "* " : "  ");
		lineage_row_line(l, &p->lin.v[i], &p->commits[i], p->path_cols);
	}
	slist_push(&p->lines);
	if (p->lin.cut)
		hstate_cut_note(v, slist_push(&p->lines), &p->lin.cut_at);
	if (p->lin.branch_bounded)
		add_note(p, S_DIM, "The lineage stops where the task's branch began (earlier commits are other tasks').");
	add_note(p, S_DIM, "docs: P prompt, M model response, I ideal response, F failures, t later turns,");
	add_note(p, S_DIM, "      m metadata.json; x deleted, ! unreadable (blob missing); - unchanged");
	add_note(p, S_DIM, "Enter: the task at that revision   m: mark   d: diff MODEL_FAILURES.md   D: another document");
}

static void set_title(struct view *v)
{
	struct history_view *p = hv(v);
	if (p->ready && p->found)
		view_set_title(v, "History %s: %zu revision%s%s", log_task_path(p->lin.path), p->lin.n,
			       p->lin.n == 1 ? "" : "s", p->mark != SIZE_MAX ? " (1 marked)" : "");
	else
		view_set_title(v, "History %s", log_task_path(p->task));
}

static int history_open(struct view *v, const struct view_args *args)
{
	struct history_view *p = hv(v);
	p->task = xstrdup(args->task ? args->task : ".");
	p->mark = SIZE_MAX;
	set_title(v);
	build(v);
	return 0;
}

static void load_lineage(struct view *v, const struct hindex *ix)
{
	struct history_view *p = hv(v);
	p->ready = true;
	int rc = hist_lineage(ix, v->work->repo, view_commit(v), p->task, &p->lin);
	if (rc < 0) {
		p->error = xstrdup(err_msg());
		err_clear();
		return;
	}
	p->found = true;
	p->commits = xcalloc(p->lin.n ? p->lin.n : 1, sizeof(*p->commits));
	p->path_cols = 4;
	for (size_t i = 0; i < p->lin.n; i++) {
		/* a missing commit object still has its row (its fields empty) */
		hist_commit_read(v->work->repo, &p->lin.v[i].commit, &p->commits[i]);
		char *path = lineage_path_text(&p->lin.v[i]);
		size_t w = utf8_columns(path, strlen(path));
		if (w > p->path_cols)
			p->path_cols = w;
		free(path);
	}
	if (p->path_cols > 72)
		p->path_cols = 72;
	err_clear();
}

static int history_step(struct view *v)
{
	int rc = hstate_step(v);
	if (rc != 0)
		return rc;
	if (!hv(v)->ready) {
		load_lineage(v, hstate_index(v));
		hstate_report_warning(v);
	}
	build(v);
	set_title(v);
	view_show_line(v, 0);
	return 0;
}

static size_t history_line_count(struct view *v)
{
	return hv(v)->lines.n;
}

static const struct sline *history_line(struct view *v, size_t i)
{
	return &hv(v)->lines.v[i];
}

static const struct sline *history_header(struct view *v)
{
	struct history_view *p = hv(v);
	return p->header.cols ? &p->header : NULL;
}

/* The revision under the cursor, or SIZE_MAX. */
static size_t cursor_rev(struct view *v)
{
	struct history_view *p = hv(v);
	if (!p->found || v->cursor >= p->lines.n || p->lines.v[v->cursor].ref < REF_REV)
		return SIZE_MAX;
	return (size_t)(p->lines.v[v->cursor].ref - REF_REV);
}

static void diff_doc(struct view *v, const char *doc)
{
	struct history_view *p = hv(v);
	size_t b = cursor_rev(v);
	if (b == SIZE_MAX) {
		view_error(v, "no revision under the cursor");
		return;
	}
	/* the marked revision, else the one before this one */
	size_t a = p->mark != SIZE_MAX && p->mark != b ? p->mark : b + 1;
	if (a < b) {
		size_t t = a;
		a = b;
		b = t;
	}
	struct revdiff_side old = { NULL, NULL }, new = { &p->lin.v[b].commit, p->lin.v[b].path };
	if (a < p->lin.n) {
		old.commit = &p->lin.v[a].commit;
		old.path = p->lin.v[a].path;
	}
	revdiff_open(v, doc, &old, &new);
}

static void doc_chosen(struct view *v, const char *answer)
{
	if (!answer || !answer[0])
		return;
	struct history_view *p = hv(v);
	free(p->doc);
	p->doc = xstrdup(answer);
	diff_doc(v, answer);
}

static enum view_key_result history_key(struct view *v, enum action a, int count)
{
	(void)count;
	struct history_view *p = hv(v);
	size_t r = cursor_rev(v);
	switch (a) {
	case ACT_ENTER: {
		if (r == SIZE_MAX)
			return VIEW_KEY_HANDLED;
		const struct hist_rev *rev = &p->lin.v[r];
		struct view_args args = { log_task_path(rev->path), NULL, 0, &rev->commit, NULL };
		view_push(v, &task_view_ops, &args);
		return VIEW_KEY_HANDLED;
	}
	case ACT_MARK_REV:
		if (r == SIZE_MAX) {
			view_error(v, "no revision under the cursor");
			return VIEW_KEY_HANDLED;
		}
		p->mark = p->mark == r ? SIZE_MAX : r;
		if (p->mark != SIZE_MAX) {
			char sid[11];
			repo_short_id(sid, &p->lin.v[r].commit);
			view_message(v, "marked %s: d diffs MODEL_FAILURES.md from there to the cursor", sid);
		} else {
			view_message(v, "mark removed");
		}
		build(v);
		set_title(v);
		view_redraw(v);
		return VIEW_KEY_HANDLED;
	case ACT_DIFF_REVS:
		diff_doc(v, "MODEL_FAILURES.md");
		return VIEW_KEY_HANDLED;
	case ACT_DIFF_REVS_DOC:
		if (r == SIZE_MAX) {
			view_error(v, "no revision under the cursor");
			return VIEW_KEY_HANDLED;
		}
		view_prompt(v, "document to diff: ", p->doc ? p->doc : "MODEL_FAILURES.md", doc_chosen);
		return VIEW_KEY_HANDLED;
	case ACT_VIEW_LOG:
		view_push_named(v, "log", NULL);
		return VIEW_KEY_HANDLED;
	default:
		return VIEW_KEY_UNHANDLED;
	}
}

static void history_done(struct view *v)
{
	struct history_view *p = hv(v);
	if (p->commits)
		for (size_t i = 0; i < p->lin.n; i++)
			hist_commit_free(&p->commits[i]);
	free(p->commits);
	if (p->found)
		hist_lineage_free(&p->lin);
	free(p->task);
	free(p->doc);
	free(p->error);
	slist_free(&p->lines);
	sline_free(&p->header);
}

const struct view_ops history_view_ops = {
	.name = "history",
	.flags = VF_CURSOR,
	.private_size = sizeof(struct history_view),
	.open = history_open,
	.step = history_step,
	.key = history_key,
	.line_count = history_line_count,
	.line = history_line,
	.header = history_header,
	.done = history_done,
};
