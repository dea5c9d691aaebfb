/* The commit view: what one commit says (author, date, parents, subject)
 * and the tasks and documents it changed against its first parent, from
 * the history index.  Enter on a task opens it at this commit; on a
 * document, its diff against the parent (views/revdiff.h), at the folder
 * the task had there when this commit moved it (the archiving commit). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/err.h"
#include "../core/hdiff.h"
#include "../core/history.h"
#include "../core/mem.h"
#include "hstate.h"
#include "log.h"
#include "revdiff.h"
#include "view.h"

/* sline.ref: (change + 1) << 16, plus the document's index + 1. */
#define REF_CHANGE(c) ((intptr_t)((c) + 1) << 16)
#define REF_DOC_OF(ref) ((size_t)((ref) & 0xffff))
#define REF_CHANGE_OF(ref) ((size_t)((ref) >> 16) - 1)

struct commit_view {
	uint32_t cidx;
	bool has_parent;
	git_oid parent;
	struct hist_change *changes;
	size_t nchanges;
	struct slist lines;
};

static struct commit_view *cv(struct view *v)
{
	return v->priv;
}

static int commit_open(struct view *v, const struct view_args *args)
{
	(void)args;
	char sid[11];
	repo_short_id(sid, view_commit(v));
	view_set_title(v, "Commit %s", sid);
	sline_adds(slist_push(&cv(v)->lines), S_DIM, "reading the history…");
	return 0;
}

static const char *status_word(enum hist_doc_status s)
{
	return s == HD_ADDED ? "added" : s == HD_DELETED ? "deleted" : "modified";
}

/* The folder the task at `path` moved to in this commit, or NULL. */
static const char *moved_to(const struct commit_view *p, const char *path)
{
	for (size_t c = 0; c < p->nchanges; c++)
		if (p->changes[c].from && strcmp(p->changes[c].from, path) == 0)
			return p->changes[c].path;
	return NULL;
}

/* A new line "name     " for a field's value. */
static struct sline *label(struct commit_view *p, const char *name)
{
	struct sline *l = slist_push(&p->lines);
	sline_adds(l, S_DIM, name);
	sline_pad(l, S_NORMAL, 9);
	return l;
}

static void field(struct commit_view *p, const char *name, int style, const char *value)
{
	sline_adds(label(p, name), style, value);
}

static void build(struct view *v, const struct hindex *ix, const struct hist_commit *hc, bool readable)
{
	struct commit_view *p = cv(v);
	slist_clear(&p->lines);
	char hex[GIT_OID_HEXSZ + 1], date[32];
	git_oid_tostr(hex, sizeof(hex), view_commit(v));
	field(p, "commit", S_ID, hex);
	if (!readable) {
		field(p, "", S_ERROR, "the commit object is missing from the object store");
	} else {
		struct sline *l = label(p, "author");
		sline_adds(l, S_AUTHOR, hc->author);
		sline_adds(l, S_DIM, " <");
		sline_adds(l, S_DIM, hc->email);
		sline_adds(l, S_DIM, ">");
		hist_format_date(hc->time, hc->offset, date);
		field(p, "date", S_DATE, date);
	}
	struct sline *l = label(p, "parents");
	uint32_t np = p->cidx != HX_NONE ? hindex_nparents(ix, p->cidx) : 0;
	if (!np)
		sline_adds(l, S_DIM, "none (the first commit)");
	for (uint32_t k = 0; k < np; k++) {
		uint32_t q = hindex_parent(ix, p->cidx, k);
		if (k)
			sline_adds(l, S_NORMAL, " ");
		if (q == HX_NONE) {
			sline_adds(l, S_WARN, "(missing: the history is cut here)");
			continue;
		}
		char sid[11];
		repo_short_id(sid, &ix->oids[q]);
		sline_adds(l, S_ID, sid);
	}
	slist_push(&p->lines);
	if (readable) {
		l = slist_push(&p->lines);
		sline_adds(l, S_NORMAL, "    ");
		sline_adds(l, S_BOLD, hc->subject);
		slist_push(&p->lines);
	}
	sline_adds(slist_push(&p->lines), S_HEADER,
		   np ? "Tasks changed against the first parent (Enter: the task here, or the document's diff)"
		      : "Tasks added (Enter: the task here, or the document)");
	if (!p->nchanges)
		sline_adds(slist_push(&p->lines), S_DIM, "  no task documents changed");
	for (size_t c = 0; c < p->nchanges; c++) {
		const struct hist_change *ch = &p->changes[c];
		l = slist_push(&p->lines);
		l->ref = REF_CHANGE(c);
		sline_adds(l, S_NORMAL, "  ");
		sline_adds(l, S_PATH, log_task_path(ch->path));
		const char *to = moved_to(p, ch->path);
		if (ch->from) {
			sline_adds(l, S_OK, "  (moved from ");
			sline_adds(l, S_PATH, log_task_path(ch->from));
			sline_adds(l, S_OK, ch->ndocs ? ")" : "; its documents unchanged)");
		} else if (ch->mask & HC_ADDED) {
			sline_adds(l, S_OK, "  (new)");
		} else if ((ch->mask & HC_DELETED) && to) {
			sline_adds(l, S_DIM, "  (moved to ");
			sline_adds(l, S_PATH, log_task_path(to));
			sline_adds(l, S_DIM, ")");
		} else if (ch->mask & HC_DELETED) {
			sline_adds(l, S_WARN, "  (gone)");
		}
		for (size_t d = 0; d < ch->ndocs; d++) {
			const struct hist_doc *doc = &ch->docs[d];
			l = slist_push(&p->lines);
			l->ref = REF_CHANGE(c) + (intptr_t)d + 1;
			sline_adds(l, S_NORMAL, "      ");
			sline_adds(l, S_PATH, doc->name);
			sline_pad(l, S_NORMAL, 30);
			sline_adds(l, doc->status == HD_DELETED ? S_WARN : S_NORMAL, status_word(doc->status));
			if (!doc->readable)
				sline_adds(l, S_ERROR, "  unreadable: the blob is missing from the object store");
		}
	}
	if (p->cidx != HX_NONE && (ix->flags[p->cidx] & HX_INCOMPLETE))
		sline_adds(slist_push(&p->lines), S_WARN,
			   "  (a tree of this commit could not be read: the list may be partial)");
}

static int commit_step(struct view *v)
{
	struct commit_view *p = cv(v);
	int rc = hstate_step(v);
	if (rc != 0)
		return rc;
	const struct hindex *ix = hstate_index(v);
	p->cidx = hindex_find(ix, view_commit(v));
	if (p->cidx != HX_NONE && hindex_nparents(ix, p->cidx)) {
		uint32_t q = hindex_parent(ix, p->cidx, 0);
		if (q != HX_NONE) {
			p->has_parent = true;
			git_oid_cpy(&p->parent, &ix->oids[q]);
		}
	}
	if (p->cidx != HX_NONE && hist_commit_changes(ix, v->work->repo, p->cidx, &p->changes, &p->nchanges) < 0)
		return -1;
	struct hist_commit hc;
	bool readable = hist_commit_read(v->work->repo, view_commit(v), &hc) == 0;
	err_clear();
	build(v, ix, &hc, readable);
	hist_commit_free(&hc);
	size_t first = 0;
	while (first < p->lines.n && !p->lines.v[first].ref)
		first++;
	view_show_line(v, first < p->lines.n ? first : 0);
	return 0;
}

static size_t commit_line_count(struct view *v)
{
	return cv(v)->lines.n;
}

static const struct sline *commit_line(struct view *v, size_t i)
{
	return &cv(v)->lines.v[i];
}

static enum view_key_result commit_key(struct view *v, enum action a, int count)
{
	(void)count;
	struct commit_view *p = cv(v);
	if (a != ACT_ENTER)
		return VIEW_KEY_UNHANDLED;
	/* only the changes' lines have a ref (none while the index builds) */
	if (v->cursor >= p->lines.n || !p->lines.v[v->cursor].ref)
		return VIEW_KEY_HANDLED;
	intptr_t ref = p->lines.v[v->cursor].ref;
	const struct hist_change *ch = &p->changes[REF_CHANGE_OF(ref)];
	size_t d = REF_DOC_OF(ref);
	if (!d) {
		/* a task that is gone is shown as it was just before */
		if ((ch->mask & HC_DELETED) && !p->has_parent) {
			view_error(v, "the task is gone and the parent commit is missing");
			return VIEW_KEY_HANDLED;
		}
		struct view_args args = { log_task_path(ch->path), NULL, 0,
					  (ch->mask & HC_DELETED) ? &p->parent : view_commit(v), NULL };
		view_push(v, &task_view_ops, &args);
		return VIEW_KEY_HANDLED;
	}
	const struct hist_doc *doc = &ch->docs[d - 1];
	/* a moved task's document is compared with the one it was before the move */
	struct revdiff_side old = { p->has_parent ? &p->parent : NULL, ch->from ? ch->from : ch->path };
	struct revdiff_side new = { view_commit(v), ch->path };
	revdiff_open(v, doc->name, &old, &new);
	return VIEW_KEY_HANDLED;
}

static void commit_done(struct view *v)
{
	struct commit_view *p = cv(v);
	hist_changes_free(p->changes, p->nchanges);
	slist_free(&p->lines);
}

const struct view_ops commit_view_ops = {
	.name = "commit",
	.flags = VF_CURSOR,
	.private_size = sizeof(struct commit_view),
	.open = commit_open,
	.step = commit_step,
	.key = commit_key,
	.line_count = commit_line_count,
	.line = commit_line,
	.done = commit_done,
};
