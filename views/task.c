/* The task view: one task's overview.  Its metadata (raw and normalised
 * values, problems, why training_quality is what it is), its documents
 * with their sizes (or why they cannot be read) and the keys to each of
 * its views.  Enter opens the document or view under the cursor. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "view.h"

/* What a line leads to (sline.ref). */
enum {
	REF_NONE = 0,
	REF_META = 1,
	REF_DOC = 100,        /* + the document's index */
	REF_ACTION = 100000,  /* + an action */
};

struct doc_info {
	bool read;
	bool failed;
	size_t bytes, lines;
	char *error;
};

struct task_view {
	struct task task;
	struct doc_info *docs;
	struct doc_info meta;
	size_t next;          /* the next document to measure */
	struct slist lines;
	struct buf blob;
};

static struct task_view *pv(struct view *v)
{
	return v->priv;
}

static void format_size(struct buf *b, size_t bytes)
{
	/* 24,244 bytes: thousands separated, as reviewers read sizes */
	char digits[32];
	int n = snprintf(digits, sizeof(digits), "%zu", bytes);
	for (int i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			buf_putc(b, ',');
		buf_putc(b, digits[i]);
	}
	buf_puts(b, bytes == 1 ? " byte" : " bytes");
}

static void add_blank(struct task_view *p)
{
	slist_push(&p->lines);
}

static void add_section(struct task_view *p, const char *title)
{
	sline_adds(slist_push(&p->lines), S_HEADER, title);
}

static void add_field(struct task_view *p, const char *name, const struct meta_field *f)
{
	struct sline *l = slist_push(&p->lines);
	sline_adds(l, S_NORMAL, "  ");
	sline_adds(l, S_DIM, name);
	sline_pad(l, S_NORMAL, 20);
	if (!f->raw) {
		sline_adds(l, S_DIM, "-");
		return;
	}
	sline_adds(l, S_NORMAL, f->raw);
	if (f->norm && strcmp(f->norm, f->raw) != 0) {
		sline_adds(l, S_DIM, "  → ");
		sline_adds(l, S_BOLD, f->norm);
	}
}

static void add_list(struct task_view *p, const char *name, char **v, size_t n)
{
	struct sline *l = slist_push(&p->lines);
	sline_adds(l, S_NORMAL, "  ");
	sline_adds(l, S_DIM, name);
	sline_pad(l, S_NORMAL, 20);
	if (!n)
		sline_adds(l, S_DIM, "-");
	for (size_t i = 0; i < n; i++) {
		if (i)
			sline_adds(l, S_DIM, ", ");
		sline_adds(l, S_NORMAL, v[i]);
	}
}

static void add_tq(struct task_view *p, const struct tq *tq)
{
	struct sline *l = slist_push(&p->lines);
	char value[16];
	tq_format(tq, value);
	sline_adds(l, S_NORMAL, "  ");
	sline_adds(l, S_DIM, "training_quality");
	sline_pad(l, S_NORMAL, 20);
	if (tq->raw)
		sline_adds(l, S_NORMAL, tq->raw);
	else
		sline_adds(l, S_DIM, "absent");
	sline_adds(l, S_DIM, "  → ");
	sline_adds(l, tq->has ? S_NUMBER : S_WARN, value);
	if (tq->reason) {
		sline_adds(l, S_DIM, "  (");
		sline_adds(l, S_DIM, tq->reason);
		sline_adds(l, S_DIM, ")");
	}
}

static void add_problem(struct task_view *p, const char *text)
{
	struct sline *l = slist_push(&p->lines);
	sline_adds(l, S_NORMAL, "  ");
	sline_adds(l, S_WARN, "! ");
	sline_adds(l, S_WARN, text);
}

static void add_doc_line(struct task_view *p, const char *name, const struct doc_info *d,
			 bool missing, intptr_t ref)
{
	struct sline *l = slist_push(&p->lines);
	l->ref = ref;
	sline_adds(l, S_NORMAL, "  ");
	sline_adds(l, S_PATH, name);
	sline_pad(l, S_NORMAL, 26);
	if (missing) {
		sline_adds(l, S_ERROR, "unreadable: the blob is missing from the object store");
		return;
	}
	if (d->failed) {
		sline_adds(l, S_ERROR, "unreadable: ");
		sline_adds(l, S_ERROR, d->error ? d->error : "?");
		return;
	}
	if (!d->read) {
		sline_adds(l, S_DIM, "…");
		return;
	}
	struct buf b = BUF_INIT;
	format_size(&b, d->bytes);
	buf_printf(&b, ", %zu line%s", d->lines, d->lines == 1 ? "" : "s");
	sline_adds(l, S_NUMBER, buf_cstr(&b));
	buf_free(&b);
}

static void add_action(struct task_view *p, enum action a, const char *view_name,
		       const char *what)
{
	struct sline *l = slist_push(&p->lines);
	l->ref = REF_ACTION + (intptr_t)a;
	struct buf keys = BUF_INIT;
	view_action_keys("task", a, &keys);
	sline_adds(l, S_NORMAL, "  ");
	sline_adds(l, S_KEY, keys.len ? buf_cstr(&keys) : "-");
	sline_pad(l, S_NORMAL, 8);
	sline_adds(l, S_NORMAL, what);
	if (view_name && !view_find(view_name))
		sline_adds(l, S_DIM, "  (not available yet)");
	buf_free(&keys);
}

static void build(struct view *v)
{
	struct task_view *p = pv(v);
	const struct task *t = &p->task;
	const struct meta *m = &t->meta;
	slist_clear(&p->lines);

	/* The title names the task.  Problems first: they change how
	 * everything below is read. */
	bool problems = !t->has_meta || m->error || m->n_problems;
	for (size_t i = 0; i < t->ndocs; i++)
		problems = problems || t->docs[i].missing || p->docs[i].failed;
	if (problems) {
		add_section(p, "Problems");
		if (!t->has_meta)
			add_problem(p, "no metadata.json");
		else if (m->error)
			add_problem(p, m->error);
		for (size_t i = 0; i < m->n_problems; i++)
			add_problem(p, m->problems[i]);
		for (size_t i = 0; i < t->ndocs; i++) {
			if (!t->docs[i].missing && !p->docs[i].failed)
				continue;
			char *s = xasprintf("lib/%s cannot be read", t->docs[i].name);
			add_problem(p, s);
			free(s);
		}
		add_blank(p);
	}

	add_section(p, "Documents (Enter opens)");
	if (!t->ndocs) {
		struct sline *n = slist_push(&p->lines);
		sline_adds(n, S_DIM, "  no documents in lib/");
	}
	for (size_t i = 0; i < t->ndocs; i++)
		add_doc_line(p, t->docs[i].name, &p->docs[i], t->docs[i].missing,
			     REF_DOC + (intptr_t)i);

	add_blank(p);
	add_section(p, "Views");
	add_action(p, ACT_VIEW_DIFF, "diff", "diff MODEL_RESPONSE.md → IDEAL_RESPONSE.md");
	add_action(p, ACT_VIEW_FAILURES, "failures", "failures: MODEL_FAILURES.md item by item");
	add_action(p, ACT_VIEW_PROMPT, NULL, "prompt: PROMPT.md");
	add_action(p, ACT_VIEW_HISTORY, "history", "history of the task");
	add_action(p, ACT_VIEW_SCORE, "score", "score sheet");
	add_action(p, ACT_NEXT_TASK, NULL, "next task of the list");
	add_action(p, ACT_PREV_TASK, NULL, "previous task of the list");

	add_blank(p);
	add_section(p, "Metadata");
	if (t->has_meta) {
		add_doc_line(p, "metadata.json", &p->meta, false, REF_META);
		if (!m->error) {
			add_field(p, "platform", &m->platform);
			add_field(p, "language", &m->language);
			add_field(p, "complexity", &m->complexity);
			add_field(p, "subtask", &m->subtask);
			add_list(p, "subject_labels", m->subject_labels, m->n_subject_labels);
			add_list(p, "aws_services", m->aws_services, m->n_aws_services);
			add_field(p, "region", &m->region);
			add_field(p, "po_id", &m->po_id);
			add_field(p, "team", &m->team);
			add_field(p, "author", &m->author);
			add_field(p, "startedAt", &m->started_at);
			add_tq(p, &m->tq);
		}
	} else {
		struct sline *n = slist_push(&p->lines);
		sline_adds(n, S_DIM, "  no metadata.json in this folder");
	}

	view_redraw(v);
}

static size_t first_doc_line(struct view *v)
{
	struct task_view *p = pv(v);
	for (size_t i = 0; i < p->lines.n; i++)
		if (p->lines.v[i].ref >= REF_DOC && p->lines.v[i].ref < REF_ACTION)
			return i;
	for (size_t i = 0; i < p->lines.n; i++)
		if (p->lines.v[i].ref)
			return i;
	return 0;
}

static void release(struct task_view *p)
{
	for (size_t i = 0; i < p->task.ndocs; i++)
		free(p->docs[i].error);
	free(p->docs);
	p->docs = NULL;
	free(p->meta.error);
	memset(&p->meta, 0, sizeof(p->meta));
	task_free_one(&p->task);
	p->next = 0;
}

static int load(struct view *v, const char *path)
{
	struct task_view *p = pv(v);
	struct task t;
	int rc = view_load_task(v, path, &t);
	if (rc < 0)
		return rc;
	release(p);
	p->task = t;
	p->docs = xcalloc(t.ndocs ? t.ndocs : 1, sizeof(*p->docs));
	size_t at = 0, n = v->work->norder;
	for (size_t k = 0; k < n && !at; k++)
		if (strcmp(task_display_path(&v->work->tasks.v[v->work->order[k]]), task_display_path(&t)) == 0)
			at = k + 1;
	if (at && !v->at_rev) /* at another revision the list is not this task's */
		view_set_title(v, "Task %s  (%zu/%zu in the list)", task_display_path(&t), at, n);
	else
		view_set_title(v, "Task %s", task_display_path(&t));
	v->loading = true;
	build(v);
	view_show_line(v, first_doc_line(v));
	return 0;
}

static int task_open(struct view *v, const struct view_args *args)
{
	return load(v, args->task);
}

static size_t count_lines(const char *s, size_t n)
{
	size_t lines = 0;
	for (size_t i = 0; i < n; i++)
		lines += s[i] == '\n';
	return lines + (n && s[n - 1] != '\n');
}

static void measure(struct view *v, struct doc_info *d, const git_oid *id, const char *path)
{
	struct task_view *p = pv(v);
	if (repo_read_blob(v->work->repo, id, path, view_commit_short(v), &p->blob) < 0) {
		d->failed = true;
		d->error = xstrdup(err_msg());
	} else {
		d->bytes = p->blob.len;
		d->lines = count_lines(p->blob.ptr ? p->blob.ptr : "", p->blob.len);
	}
	d->read = true;
}

/* One document a step: sizes and line counts come from the blobs. */
static int task_step(struct view *v)
{
	struct task_view *p = pv(v);
	const struct task *t = &p->task;
	if (t->has_meta && !p->meta.read) {
		char *path = t->path[0] ? xasprintf("%s/metadata.json", t->path) : xstrdup("metadata.json");
		measure(v, &p->meta, &t->meta_blob, path);
		free(path);
	} else if (p->next < t->ndocs) {
		const struct task_doc *d = &t->docs[p->next];
		if (!d->missing) {
			char *path = task_doc_path(t, d);
			measure(v, &p->docs[p->next], &d->blob, path);
			free(path);
		}
		p->next++;
	}
	size_t cursor = v->cursor;
	build(v);
	v->cursor = cursor < p->lines.n ? cursor : 0;
	return p->next < t->ndocs || (t->has_meta && !p->meta.read);
}

static size_t task_line_count(struct view *v)
{
	return pv(v)->lines.n;
}

static const struct sline *task_line(struct view *v, size_t i)
{
	return &pv(v)->lines.v[i];
}

static void open_view(struct view *v, const char *name)
{
	struct view_args args = { task_display_path(&pv(v)->task), NULL, 0, NULL, NULL };
	view_push_named(v, name, &args);
}

static int move_task(struct view *v, int delta)
{
	const char *next = view_task_neighbor(v, task_display_path(&pv(v)->task), delta);
	if (!next) {
		view_error(v, delta > 0 ? "no next task in the list" : "no previous task in the list");
		return -1;
	}
	char *path = xstrdup(next);
	int rc = load(v, path);
	if (rc < 0)
		view_error(v, "%s", err_msg());
	free(path);
	return rc;
}

static enum view_key_result task_key(struct view *v, enum action a, int count)
{
	struct task_view *p = pv(v);
	const char *path = task_display_path(&p->task);
	switch (a) {
	case ACT_ENTER: {
		if (v->cursor >= p->lines.n)
			return VIEW_KEY_HANDLED;
		intptr_t ref = p->lines.v[v->cursor].ref;
		if (ref >= REF_ACTION)
			return task_key(v, (enum action)(ref - REF_ACTION), count);
		if (ref >= REF_DOC) {
			const struct task_doc *d = &p->task.docs[ref - REF_DOC];
			if (d->missing)
				view_error(v, "lib/%s cannot be read: its blob is missing from the object store",
					   d->name);
			else
				view_open_doc(v, path, d->name);
		} else if (ref == REF_META) {
			struct view_args args = { path, "metadata.json", 0, NULL, NULL };
			view_push(v, &blob_view_ops, &args);
		}
		return VIEW_KEY_HANDLED;
	}
	case ACT_VIEW_DIFF: open_view(v, "diff"); return VIEW_KEY_HANDLED;
	case ACT_VIEW_FAILURES: open_view(v, "failures"); return VIEW_KEY_HANDLED;
	case ACT_VIEW_HISTORY: open_view(v, "history"); return VIEW_KEY_HANDLED;
	case ACT_VIEW_SCORE: open_view(v, "score"); return VIEW_KEY_HANDLED;
	case ACT_VIEW_LOG: view_push_named(v, "log", NULL); return VIEW_KEY_HANDLED;
	case ACT_VIEW_PROMPT:
		if (!task_doc(&p->task, DOC_PROMPT))
			view_error(v, "%s has no lib/PROMPT.md", path);
		else
			view_open_doc(v, path, "PROMPT.md");
		return VIEW_KEY_HANDLED;
	case ACT_NEXT_TASK: move_task(v, count); return VIEW_KEY_HANDLED;
	case ACT_PREV_TASK: move_task(v, -count); return VIEW_KEY_HANDLED;
	case ACT_REVIEW_NEXT: /* the review queue: the next task, on its score sheet */
		if (move_task(v, count) == 0)
			open_view(v, "score");
		return VIEW_KEY_HANDLED;
	default:
		return VIEW_KEY_UNHANDLED;
	}
}

static void task_done(struct view *v)
{
	struct task_view *p = pv(v);
	release(p);
	slist_free(&p->lines);
	buf_free(&p->blob);
}

const struct view_ops task_view_ops = {
	.name = "task",
	.flags = VF_CURSOR,
	.private_size = sizeof(struct task_view),
	.open = task_open,
	.step = task_step,
	.key = task_key,
	.line_count = task_line_count,
	.line = task_line,
	.done = task_done,
};
