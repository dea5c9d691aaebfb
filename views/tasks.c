#include "tasks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/jsonx.h"
#include "../core/mem.h"
#include "../core/review_facts.h"
#include "../core/utf8.h"

static const char *const headers[TC_COUNT] = {
	"TASK", "PO_ID", "PLATFORM", "CPLX", "TQ", "MINE", "REVS", "STALE", "DOCS", "PROBLEMS",
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

/* The problems of a task appended to b (nothing when there are none). */
static void problems_into(struct buf *b, const struct task *t)
{
	if (!t->has_meta)
		buf_puts(b, "no metadata.json");
	else if (t->meta.error)
		buf_puts(b, t->meta.error);
	for (size_t i = 0; i < t->meta.n_problems; i++) {
		if (b->len)
			buf_puts(b, "; ");
		buf_puts(b, t->meta.problems[i]);
	}
	for (size_t i = 0; i < t->ndocs; i++) {
		if (!t->docs[i].missing)
			continue;
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), &t->docs[i].blob);
		if (b->len)
			buf_puts(b, "; ");
		buf_printf(b, "lib/%s unreadable: object %.10s missing", t->docs[i].name, hex);
	}
}

char *task_problems_text(const struct task *t)
{
	struct buf b = BUF_INIT;
	problems_into(&b, t);
	return buf_detach(&b);
}

/* The texts of a row's cells.  Rows are printed by the thousand, so the
 * cells point into the task where they can and the rest lives here. */
struct cells {
	const char *text[TC_COUNT];
	char tq[16], docs[32], mine[16], revs[24];
	char pl_small[64];
	char *pl_big;          /* "platform-language" when pl_small is too short */
	struct buf problems;
};

static bool is_review_col(int i)
{
	return i == TC_MINE || i == TC_REVS || i == TC_STALE;
}

/* Whether column i is shown: the review columns only with review facts. */
static bool shown(const struct task_cols *c, int i)
{
	return c->reviews || !is_review_col(i);
}

/* The review cells (my score, number of reviews, stale mark). */
static void review_cells(struct cells *c, const struct task *t, const struct task_cols *cols)
{
	c->text[TC_MINE] = c->text[TC_REVS] = c->text[TC_STALE] = "";
	if (!cols->reviews)
		return;
	struct review_summary s;
	review_summary_of(cols->reviews, t, &s);
	if (s.my_score != REVIEW_NO_SCORE)
		snprintf(c->mine, sizeof(c->mine), "%d", s.my_score);
	else
		snprintf(c->mine, sizeof(c->mine), "%s", s.my_withdrawn ? "w" : "-");
	snprintf(c->revs, sizeof(c->revs), "%zu", s.reviews);
	c->text[TC_MINE] = c->mine;
	c->text[TC_REVS] = c->revs;
	c->text[TC_STALE] = s.my_stale ? "stale" : "";
}

static void cells_of(struct cells *c, const struct task *t, const struct task_cols *cols)
{
	review_cells(c, t, cols);
	const char *p = t->meta.platform.raw, *l = t->meta.language.raw;
	tq_format(&t->meta.tq, c->tq);
	task_docs_mark(t, c->docs);
	c->text[TC_PATH] = task_display_path(t);
	c->text[TC_PO] = t->meta.po_id.raw ? t->meta.po_id.raw : "-";
	c->pl_big = NULL;
	if (!p && !l) {
		c->text[TC_PL] = "-";
	} else if ((size_t)snprintf(c->pl_small, sizeof(c->pl_small), "%s-%s", p ? p : "?", l ? l : "?") <
		   sizeof(c->pl_small)) {
		c->text[TC_PL] = c->pl_small;
	} else {
		c->pl_big = xasprintf("%s-%s", p ? p : "?", l ? l : "?");
		c->text[TC_PL] = c->pl_big;
	}
	c->text[TC_CX] = t->meta.complexity.raw ? t->meta.complexity.raw : "-";
	c->text[TC_TQ] = t->has_meta && !t->meta.error ? c->tq : "-";
	c->text[TC_DOCS] = c->docs;
	c->problems = (struct buf)BUF_INIT;
	problems_into(&c->problems, t);
	c->text[TC_PROBLEMS] = buf_cstr(&c->problems);
}

static void cells_free(struct cells *c)
{
	free(c->pl_big);
	buf_free(&c->problems);
}

void task_cols_init(struct task_cols *c, size_t max_path)
{
	for (int i = 0; i < TC_COUNT; i++)
		c->width[i] = strlen(headers[i]);
	c->max_path = max_path;
	c->reviews = NULL;
}

void task_cols_init_bare(struct task_cols *c, size_t max_path)
{
	for (int i = 0; i < TC_COUNT; i++)
		c->width[i] = 1;
	c->max_path = max_path;
	c->reviews = NULL;
}

void task_cols_set_reviews(struct task_cols *c, const struct review_facts *rf)
{
	c->reviews = rf;
}

static size_t columns(const char *s)
{
	return utf8_columns(s, strlen(s));
}

/* Widths only (no problems text): called for every row before printing. */
void task_cols_fit(struct task_cols *c, const struct task *t)
{
	const char *p = t->meta.platform.raw, *l = t->meta.language.raw;
	char tq[16], docs[32];
	size_t w[TC_PROBLEMS];
	tq_format(&t->meta.tq, tq);
	w[TC_PATH] = columns(task_display_path(t));
	w[TC_PO] = columns(t->meta.po_id.raw ? t->meta.po_id.raw : "-");
	/* the values are valid UTF-8 (jansson's), so widths add up */
	w[TC_PL] = !p && !l ? 1 : columns(p ? p : "?") + 1 + columns(l ? l : "?");
	w[TC_CX] = columns(t->meta.complexity.raw ? t->meta.complexity.raw : "-");
	w[TC_TQ] = t->has_meta && !t->meta.error ? strlen(tq) : 1;
	w[TC_DOCS] = task_docs_mark(t, docs);
	w[TC_MINE] = w[TC_REVS] = w[TC_STALE] = 0;
	if (c->reviews) {
		struct cells rc;
		review_cells(&rc, t, c);
		for (int i = TC_MINE; i <= TC_STALE; i++)
			w[i] = strlen(rc.text[i]);
	}
	if (c->max_path && w[TC_PATH] > c->max_path)
		w[TC_PATH] = c->max_path;
	for (int i = 0; i < TC_PROBLEMS; i++)
		if (w[i] > c->width[i])
			c->width[i] = w[i];
}

void task_header_line(struct sline *l, const struct task_cols *c)
{
	for (int i = 0; i < TC_COUNT; i++) {
		if (!shown(c, i))
			continue;
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
	/* Printable ASCII is as wide as it is long: no clipping, no copy. */
	size_t n = 0;
	while (text[n] >= 0x20 && text[n] < 0x7f)
		n++;
	if (!text[n] && n <= width) {
		sline_add(l, style, text, n);
		sline_pad(l, S_NORMAL, start + width + 2);
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
	struct cells cells;
	cells_of(&cells, t, c);
	static const int styles[TC_COUNT] = {
		S_PATH, S_ID, S_NORMAL, S_NORMAL, S_NUMBER, S_NUMBER, S_NUMBER, S_WARN, S_NORMAL, S_WARN,
	};
	for (int i = 0; i < TC_COUNT; i++) {
		if (!shown(c, i))
			continue;
		int style = styles[i];
		if (i == TC_MINE && cells.text[i][0] == '-')
			style = S_DIM;
		if (i == TC_TQ && !t->meta.tq.has)
			style = S_DIM;
		if (i == TC_DOCS && strchr(cells.text[i], '!'))
			style = S_ERROR;
		add_cell(l, style, cells.text[i], c->width[i], i == TC_COUNT - 1);
	}
	cells_free(&cells);
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

void task_json_reviews(json_t *o, const struct task *t, const struct review_facts *rf)
{
	struct review_summary s;
	review_summary_of(rf, t, &s);
	jsonx_set(o, "my_score", s.my_score != REVIEW_NO_SCORE ? json_integer(s.my_score) : json_null());
	jsonx_set(o, "my_review", json_string(!s.mine ? "none" : s.my_withdrawn ? "withdrawn"
					      : s.my_stale ? "stale" : "current"));
	jsonx_set(o, "reviews", json_integer((json_int_t)s.reviews));
	jsonx_set(o, "stale", json_boolean(s.my_stale));
}
