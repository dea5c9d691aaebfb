#include "tasks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/jsonx.h"
#include "../core/mem.h"
#include "../core/utf8.h"

static const char *const headers[TC_COUNT] = {
	"TASK", "PO_ID", "PLATFORM", "CPLX", "TQ", "DOCS", "PROBLEMS",
};

size_t task_docs_mark(const struct task *t, char out[32])
{
	size_t n = 0;
	int extra = 0;
	for (int k = 0; k < DOC_KINDS; k++) {
		const struct task_doc *d = task_doc(t, (enum doc_kind)k);
		out[n++] = !d ? '-' : d->missing ? '!' : doc_kind_letter((enum doc_kind)k);
	}
	for (size_t i = 0; i < t->ndocs; i++)
		if (strcmp(t->docs[i].name, doc_kind_file(t->docs[i].kind)) != 0)
			extra++;
	if (extra)
		n += (size_t)snprintf(out + n, 32 - n, "+%d", extra);
	out[n] = '\0';
	return n;
}

char *task_problems_text(const struct task *t)
{
	struct buf b = BUF_INIT;
	if (!t->has_meta)
		buf_puts(&b, "no metadata.json");
	else if (t->meta.error)
		buf_puts(&b, t->meta.error);
	for (size_t i = 0; i < t->meta.n_problems; i++) {
		if (b.len)
			buf_puts(&b, "; ");
		buf_puts(&b, t->meta.problems[i]);
	}
	for (size_t i = 0; i < t->ndocs; i++) {
		if (!t->docs[i].missing)
			continue;
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), &t->docs[i].blob);
		if (b.len)
			buf_puts(&b, "; ");
		buf_printf(&b, "lib/%s unreadable: object %.10s missing", t->docs[i].name, hex);
	}
	return buf_detach(&b);
}

static char *platform_text(const struct task *t)
{
	const char *p = t->meta.platform.raw, *l = t->meta.language.raw;
	if (!p && !l)
		return xstrdup("-");
	return xasprintf("%s-%s", p ? p : "?", l ? l : "?");
}

static void cell_texts(const struct task *t, char *cells[TC_COUNT])
{
	char tq[16], docs[32];
	tq_format(&t->meta.tq, tq);
	task_docs_mark(t, docs);
	cells[TC_PATH] = xstrdup(task_display_path(t));
	cells[TC_PO] = xstrdup(t->meta.po_id.raw ? t->meta.po_id.raw : "-");
	cells[TC_PL] = platform_text(t);
	cells[TC_CX] = xstrdup(t->meta.complexity.raw ? t->meta.complexity.raw : "-");
	cells[TC_TQ] = xstrdup(t->has_meta && !t->meta.error ? tq : "-");
	cells[TC_DOCS] = xstrdup(docs);
	cells[TC_PROBLEMS] = task_problems_text(t);
}

static void cells_free(char *cells[TC_COUNT])
{
	for (int i = 0; i < TC_COUNT; i++)
		free(cells[i]);
}

void task_cols_init(struct task_cols *c, size_t max_path)
{
	for (int i = 0; i < TC_COUNT; i++)
		c->width[i] = strlen(headers[i]);
	c->max_path = max_path;
}

void task_cols_init_bare(struct task_cols *c, size_t max_path)
{
	for (int i = 0; i < TC_COUNT; i++)
		c->width[i] = 1;
	c->max_path = max_path;
}

void task_cols_fit(struct task_cols *c, const struct task *t)
{
	char *cells[TC_COUNT];
	cell_texts(t, cells);
	for (int i = 0; i < TC_PROBLEMS; i++) {
		size_t w = utf8_columns(cells[i], strlen(cells[i]));
		if (i == TC_PATH && c->max_path && w > c->max_path)
			w = c->max_path;
		if (w > c->width[i])
			c->width[i] = w;
	}
	cells_free(cells);
}

void task_header_line(struct sline *l, const struct task_cols *c)
{
	for (int i = 0; i < TC_COUNT; i++) {
		size_t start = l->cols;
		sline_adds(l, S_HEADER, headers[i]);
		if (i + 1 < TC_COUNT)
			sline_pad(l, S_HEADER, start + c->width[i] + 2);
	}
}

/* Append a cell clipped to `width` columns (an ellipsis marks the cut). */
static void add_cell(struct sline *l, int style, const char *text, size_t width, bool last)
{
	size_t start = l->cols;
	if (last) {
		sline_adds(l, style, text);
		return;
	}
	struct sline tmp;
	sline_init(&tmp);
	sline_adds(&tmp, style, text);
	if (tmp.cols > width && width > 1) {
		sline_slice(l, &tmp, 0, width - 1);
		sline_adds(l, S_DIM, "…");
	} else {
		sline_append(l, &tmp);
	}
	sline_free(&tmp);
	sline_pad(l, S_NORMAL, start + width + 2);
}

void task_row_line(struct sline *l, const struct task *t, const struct task_cols *c)
{
	char *cells[TC_COUNT];
	cell_texts(t, cells);
	static const int styles[TC_COUNT] = {
		S_PATH, S_ID, S_NORMAL, S_NORMAL, S_NUMBER, S_NORMAL, S_WARN,
	};
	for (int i = 0; i < TC_COUNT; i++) {
		int style = styles[i];
		if (i == TC_TQ && !t->meta.tq.has)
			style = S_DIM;
		if (i == TC_DOCS && strchr(cells[i], '!'))
			style = S_ERROR;
		add_cell(l, style, cells[i], c->width[i], i == TC_COUNT - 1);
	}
	cells_free(cells);
}

static json_t *field(const struct meta_field *f)
{
	return jsonx_str(f->raw);
}

json_t *task_json(const struct task *t)
{
	const struct meta *m = &t->meta;
	json_t *o = json_object();
	jsonx_set(o, "path", jsonx_str(task_display_path(t)));
	jsonx_set(o, "tree", jsonx_oid(&t->tree));
	jsonx_set(o, "po_id", field(&m->po_id));
	jsonx_set(o, "platform", field(&m->platform));
	jsonx_set(o, "platform_norm", jsonx_str(m->platform.norm));
	jsonx_set(o, "language", field(&m->language));
	jsonx_set(o, "language_norm", jsonx_str(m->language.norm));
	jsonx_set(o, "complexity", field(&m->complexity));
	jsonx_set(o, "complexity_norm", jsonx_str(m->complexity.norm));
	jsonx_set(o, "subtask", field(&m->subtask));
	jsonx_set(o, "subject_labels", jsonx_strv(m->subject_labels, m->n_subject_labels));
	jsonx_set(o, "aws_services", jsonx_strv(m->aws_services, m->n_aws_services));
	jsonx_set(o, "region", field(&m->region));
	jsonx_set(o, "team", field(&m->team));
	jsonx_set(o, "author", field(&m->author));
	jsonx_set(o, "started_at", field(&m->started_at));
	jsonx_set(o, "training_quality", m->tq.has ? json_real(m->tq.value) : json_null());
	if (m->tq.has && m->tq.value == (double)(long long)m->tq.value)
		jsonx_set(o, "training_quality", json_integer((json_int_t)m->tq.value));
	jsonx_set(o, "training_quality_raw", jsonx_str(m->tq.raw));
	jsonx_set(o, "training_quality_reason", jsonx_str(m->tq.reason));
	json_t *docs = json_array();
	for (size_t i = 0; i < t->ndocs; i++) {
		const struct task_doc *d = &t->docs[i];
		static const char *const kinds[DOC_KINDS] = { "prompt", "model", "ideal", "failures" };
		json_t *jd = json_object();
		jsonx_set(jd, "name", jsonx_str(d->name));
		jsonx_set(jd, "kind", json_string(kinds[d->kind]));
		jsonx_set(jd, "turn", json_integer(d->turn));
		jsonx_set(jd, "blob", jsonx_oid(&d->blob));
		jsonx_set(jd, "readable", json_boolean(!d->missing));
		json_array_append_new(docs, jd);
	}
	jsonx_set(o, "docs", docs);
	jsonx_set(o, "metadata", json_string(!t->has_meta ? "absent" : m->error ? "unreadable" : "ok"));
	jsonx_set(o, "metadata_error", jsonx_str(m->error));
	json_t *probs = json_array();
	if (!t->has_meta)
		json_array_append_new(probs, json_string("no metadata.json"));
	else if (m->error)
		json_array_append_new(probs, jsonx_str(m->error));
	for (size_t i = 0; i < m->n_problems; i++)
		json_array_append_new(probs, jsonx_str(m->problems[i]));
	for (size_t i = 0; i < t->ndocs; i++)
		if (t->docs[i].missing) {
			char *s = xasprintf("lib/%s unreadable: object missing", t->docs[i].name);
			json_array_append_new(probs, jsonx_str(s));
			free(s);
		}
	jsonx_set(o, "problems", probs);
	return o;
}

/* ---- the tasks view of the workbench ---- */

#include "../core/err.h"
#include "../core/taskq.h"
#include "view.h"

/* Tree entries walked per step: a few hundred metadata reads at most. */
#define SCAN_BUDGET 256
#define VIEW_MAX_PATH 48

struct tasks_view {
	struct task_scan *scan;
	size_t *order;           /* shown tasks: indexes into work->tasks.v */
	size_t norder, order_cap;
	size_t seen;             /* tasks of work->tasks already filtered */
	struct task_filter *filter;
	char *filter_text;
	enum task_sort sort;
	bool reverse;
	struct task_cols cols;
	struct sline line, header;
};

static struct tasks_view *tv(struct view *v)
{
	return v->priv;
}

static void tasks_title(struct view *v)
{
	struct tasks_view *p = tv(v);
	struct work *w = v->work;
	struct buf b = BUF_INIT;
	buf_printf(&b, "Tasks %zu/%zu", p->norder, w->tasks.n);
	if (!w->tasks_loaded)
		buf_puts(&b, " (loading)");
	buf_printf(&b, "  sort: %s%s", p->reverse ? "-" : "", task_sort_name(p->sort));
	if (p->filter_text && *p->filter_text)
		buf_printf(&b, "  filter: %s", p->filter_text);
	view_set_title(v, "%s", buf_cstr(&b));
	buf_free(&b);
}

static void publish_order(struct view *v)
{
	struct tasks_view *p = tv(v);
	v->work->order = p->order;
	v->work->norder = p->norder;
	v->work->selected = p->norder ? p->order[v->cursor < p->norder ? v->cursor : 0] : SIZE_MAX;
}

static void sort_order(struct view *v)
{
	struct tasks_view *p = tv(v);
	struct task *base = v->work->tasks.v;
	const struct task **ptrs = xcalloc(p->norder ? p->norder : 1, sizeof(*ptrs));
	for (size_t i = 0; i < p->norder; i++)
		ptrs[i] = &base[p->order[i]];
	task_sort(ptrs, p->norder, p->sort, p->reverse);
	for (size_t i = 0; i < p->norder; i++)
		p->order[i] = (size_t)(ptrs[i] - base);
	free(ptrs);
}

/* Filter the tasks not seen yet and add the matches. */
static bool take_new(struct view *v)
{
	struct tasks_view *p = tv(v);
	struct task_list *l = &v->work->tasks;
	bool added = false;
	for (; p->seen < l->n; p->seen++) {
		task_cols_fit(&p->cols, &l->v[p->seen]);
		if (!task_filter_match(p->filter, &l->v[p->seen], NULL))
			continue;
		VEC_GROW(p->order, p->norder + 1, p->order_cap);
		p->order[p->norder++] = p->seen;
		added = true;
	}
	return added;
}

/* Rebuild the order (after a new filter or sort) keeping the cursor on
 * the task it was on when that task is still shown. */
static void reorder(struct view *v, bool refilter)
{
	struct tasks_view *p = tv(v);
	size_t keep = p->norder && v->cursor < p->norder ? p->order[v->cursor] : SIZE_MAX;
	if (refilter) {
		p->norder = 0;
		p->seen = 0;
		task_cols_init(&p->cols, VIEW_MAX_PATH);
		take_new(v);
	}
	sort_order(v);
	size_t at = 0;
	for (size_t i = 0; i < p->norder; i++)
		if (p->order[i] == keep)
			at = i;
	view_show_line(v, at);
	publish_order(v);
	tasks_title(v);
}

static int tasks_open(struct view *v, const struct view_args *args)
{
	(void)args;
	struct tasks_view *p = tv(v);
	struct work *w = v->work;
	task_cols_init(&p->cols, VIEW_MAX_PATH);
	p->sort = SORT_PATH;
	task_list_free(&w->tasks);
	w->tasks.commit = w->commit;
	w->tasks_loaded = false;
	int rc = task_scan_new(&p->scan, w->repo, &w->commit);
	if (rc < 0)
		return rc;
	publish_order(v);
	tasks_title(v);
	view_set_progress(v, "loading tasks");
	return 0;
}

static int tasks_step(struct view *v)
{
	struct tasks_view *p = tv(v);
	struct work *w = v->work;
	int rc = task_scan_step(p->scan, &w->tasks, SCAN_BUDGET);
	if (take_new(v))
		sort_order(v);
	if (rc > 0) {
		view_set_progress(v, "loading: %zu tasks, %zu entries", w->tasks.n,
				  task_scan_visited(p->scan));
	} else {
		task_scan_free(p->scan);
		p->scan = NULL;
		w->tasks_loaded = true;
		view_set_progress(v, NULL);
		if (rc == 0 && w->tasks.nproblems)
			view_error(v, "%zu folder%s could not be read: %s", w->tasks.nproblems,
				   w->tasks.nproblems == 1 ? "" : "s", w->tasks.problems[0]);
	}
	publish_order(v);
	tasks_title(v);
	return rc;
}

static size_t tasks_line_count(struct view *v)
{
	return tv(v)->norder;
}

static const struct sline *tasks_line(struct view *v, size_t i)
{
	struct tasks_view *p = tv(v);
	sline_clear(&p->line);
	task_row_line(&p->line, &v->work->tasks.v[p->order[i]], &p->cols);
	p->line.ref = (intptr_t)p->order[i];
	return &p->line;
}

static const struct sline *tasks_header(struct view *v)
{
	struct tasks_view *p = tv(v);
	sline_clear(&p->header);
	task_header_line(&p->header, &p->cols);
	return &p->header;
}

static void tasks_select(struct view *v)
{
	publish_order(v);
}

static void filter_done(struct view *v, const char *answer)
{
	struct tasks_view *p = tv(v);
	if (!answer)
		return;
	struct task_filter *f = NULL;
	if (task_filter_parse(answer, &f) < 0) {
		view_error(v, "filter: %s", err_msg());
		return; /* the old filter stays */
	}
	task_filter_free(p->filter);
	p->filter = f;
	free(p->filter_text);
	p->filter_text = xstrdup(answer);
	reorder(v, true);
	view_message(v, "%zu of %zu tasks match%s", p->norder, v->work->tasks.n,
		     v->work->tasks_loaded ? "" : " so far");
}

static const char *selected_path(struct view *v)
{
	struct tasks_view *p = tv(v);
	if (!p->norder)
		return NULL;
	return task_display_path(&v->work->tasks.v[p->order[v->cursor]]);
}

static enum view_key_result tasks_key(struct view *v, enum action a, int count)
{
	struct tasks_view *p = tv(v);
	(void)count;
	const char *open_name = NULL;
	switch (a) {
	case ACT_SORT_NEXT:
		p->sort = (enum task_sort)((p->sort + 1) % SORT_KEYS);
		reorder(v, false);
		view_message(v, "sorted by %s%s", p->reverse ? "-" : "", task_sort_name(p->sort));
		return VIEW_KEY_HANDLED;
	case ACT_SORT_REVERSE:
		p->reverse = !p->reverse;
		reorder(v, false);
		view_message(v, "sorted by %s%s", p->reverse ? "-" : "", task_sort_name(p->sort));
		return VIEW_KEY_HANDLED;
	case ACT_FILTER:
		view_prompt(v, "filter: ", p->filter_text, filter_done);
		return VIEW_KEY_HANDLED;
	case ACT_ENTER: open_name = "task"; break;
	case ACT_VIEW_DIFF: open_name = "diff"; break;
	case ACT_VIEW_FAILURES: open_name = "failures"; break;
	case ACT_VIEW_HISTORY: open_name = "history"; break;
	case ACT_VIEW_SCORE: open_name = "score"; break;
	case ACT_VIEW_PROMPT: open_name = "prompt"; break;
	default:
		return VIEW_KEY_UNHANDLED;
	}
	const char *path = selected_path(v);
	if (!path) {
		view_error(v, "no task selected");
		return VIEW_KEY_HANDLED;
	}
	if (strcmp(open_name, "prompt") == 0) {
		view_open_doc(v, path, "PROMPT.md");
	} else {
		struct view_args args = { path, NULL, 0 };
		view_push_named(v, open_name, &args);
	}
	return VIEW_KEY_HANDLED;
}

static void tasks_done(struct view *v)
{
	struct tasks_view *p = tv(v);
	task_scan_free(p->scan);
	task_filter_free(p->filter);
	free(p->filter_text);
	free(p->order);
	sline_free(&p->line);
	sline_free(&p->header);
	v->work->order = NULL;
	v->work->norder = 0;
}

const struct view_ops tasks_view_ops = {
	.name = "tasks",
	.flags = VF_CURSOR,
	.private_size = sizeof(struct tasks_view),
	.open = tasks_open,
	.step = tasks_step,
	.key = tasks_key,
	.line_count = tasks_line_count,
	.line = tasks_line,
	.header = tasks_header,
	.select = tasks_select,
	.done = tasks_done,
};
