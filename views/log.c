#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/hdiff.h"
#include "../core/jsonx.h"
#include "../core/mem.h"
#include "../core/utf8.h"

/* Untrusted text clipped to `cols` columns (an ellipsis marks the cut)
 * and padded to cols + 2. */
static void add_cell(struct sline *l, int style, const char *text, size_t cols)
{
	size_t start = l->cols;
	struct sline tmp;
	sline_init(&tmp);
	sline_adds(&tmp, style, text);
	if (tmp.cols > cols && cols > 1) {
		sline_slice(l, &tmp, 0, cols - 1);
		sline_adds(l, S_DIM, "…");
	} else {
		sline_append(l, &tmp);
	}
	sline_free(&tmp);
	sline_pad(l, S_NORMAL, start + cols + 2);
}

static void add_id_date(struct sline *l, const struct hist_commit *c)
{
	char sid[11], date[32];
	repo_short_id(sid, &c->id);
	hist_format_date(c->time, c->offset, date);
	sline_adds(l, S_ID, sid);
	sline_adds(l, S_NORMAL, "  ");
	sline_adds(l, S_DATE, date);
	sline_adds(l, S_NORMAL, "  ");
	add_cell(l, S_AUTHOR, c->author, LOG_AUTHOR_COLS);
}

const char *log_task_path(const char *path)
{
	return path && path[0] ? path : ".";
}

void log_row_line(struct sline *l, const struct hist_commit *c, const struct hindex *ix, uint32_t cidx)
{
	add_id_date(l, c);
	sline_adds(l, S_NORMAL, c->subject);
	if (cidx == HX_NONE)
		return;
	uint32_t from = ix->rec_off[cidx], to = ix->rec_off[cidx + 1];
	if (from == to)
		return;
	const struct hx_rec **recs = hist_commit_recs(ix, cidx);
	sline_adds(l, S_NORMAL, "  [");
	for (uint32_t i = 0; i < to - from; i++) {
		if (i)
			sline_adds(l, S_NORMAL, ", ");
		if (i == LOG_MAX_TASKS) {
			sline_addf(l, S_DIM, "+%u more", to - from - i);
			break;
		}
		const struct hx_rec *rec = recs[i];
		sline_adds(l, S_PATH, log_task_path(hindex_path(ix, rec->path)));
		if (rec->mask & HC_ADDED)
			sline_adds(l, S_OK, " (new)");
		else if (rec->mask & HC_DELETED)
			sline_adds(l, S_WARN, " (gone)");
	}
	sline_adds(l, S_NORMAL, "]");
	free(recs);
}

static const unsigned change_bits[] = {
	HC_PROMPT, HC_MODEL, HC_IDEAL, HC_FAILURES, HC_TURNS, HC_META, HC_OTHER,
};

static json_t *commit_fields(const struct hist_commit *c, const struct hindex *ix, uint32_t cidx)
{
	json_t *o = json_object();
	char iso[40];
	hist_format_iso(c->time, c->offset, iso);
	jsonx_set(o, "commit", jsonx_oid(&c->id));
	json_t *parents = json_array();
	if (cidx != HX_NONE)
		for (uint32_t k = 0; k < hindex_nparents(ix, cidx); k++) {
			uint32_t p = hindex_parent(ix, cidx, k);
			json_array_append_new(parents, p == HX_NONE ? json_null() : jsonx_oid(&ix->oids[p]));
		}
	jsonx_set(o, "parents", parents);
	jsonx_set(o, "author", jsonx_str(c->author));
	jsonx_set(o, "email", jsonx_str(c->email));
	jsonx_set(o, "date", json_string(iso));
	jsonx_set(o, "subject", jsonx_str(c->subject));
	return o;
}

json_t *log_row_json(const struct hist_commit *c, const struct hindex *ix, uint32_t cidx)
{
	json_t *o = commit_fields(c, ix, cidx);
	json_t *tasks = json_array();
	const struct hx_rec **recs = cidx != HX_NONE ? hist_commit_recs(ix, cidx) : NULL;
	for (uint32_t i = 0; recs && recs[i]; i++) {
		const struct hx_rec *rec = recs[i];
		json_t *t = json_object();
		jsonx_set(t, "path", jsonx_str(log_task_path(hindex_path(ix, rec->path))));
		jsonx_set(t, "added", json_boolean(rec->mask & HC_ADDED));
		jsonx_set(t, "deleted", json_boolean(rec->mask & HC_DELETED));
		json_t *changed = json_array();
		for (size_t k = 0; k < sizeof(change_bits) / sizeof(change_bits[0]); k++)
			if (rec->mask & change_bits[k])
				json_array_append_new(changed, json_string(hchange_name(change_bits[k])));
		jsonx_set(t, "changed", changed);
		json_array_append_new(tasks, t);
	}
	free(recs);
	jsonx_set(o, "tasks", tasks);
	jsonx_set(o, "history_cut", json_boolean(cidx != HX_NONE && (ix->flags[cidx] & HX_CUT)));
	jsonx_set(o, "incomplete", json_boolean(cidx != HX_NONE && (ix->flags[cidx] & HX_INCOMPLETE)));
	return o;
}

void lineage_docs_mark(const struct hist_rev *rev, char out[8])
{
	static const unsigned bits[6] = { HC_PROMPT, HC_MODEL, HC_IDEAL, HC_FAILURES, HC_TURNS, HC_META };
	static const char letters[6] = { 'P', 'M', 'I', 'F', 't', 'm' };
	for (int i = 0; i < 6; i++) {
		char mark = '-';
		for (size_t k = 0; k < rev->ndocs; k++) {
			const struct hist_doc *d = &rev->docs[k];
			if (d->bit != bits[i])
				continue;
			char m = d->status == HD_DELETED ? 'x' : !d->readable ? '!' : letters[i];
			/* an unreadable document outweighs the others of its column */
			if (mark == '-' || m == '!')
				mark = m;
		}
		out[i] = mark;
	}
	out[6] = '\0';
}

void lineage_score_text(const struct hist_score *s, char out[16])
{
	if (s->state == HM_UNREADABLE || s->state == HM_MALFORMED)
		snprintf(out, 16, "!");
	else
		tq_format(&s->tq, out);
}

char *lineage_path_text(const struct hist_rev *rev)
{
	if (rev->from)
		return xasprintf("%s <- %s", log_task_path(rev->path), log_task_path(rev->from));
	return xstrdup(log_task_path(rev->path));
}

void lineage_row_line(struct sline *l, const struct hist_rev *rev, const struct hist_commit *c,
		      size_t path_cols)
{
	char score[16], mark[8];
	add_id_date(l, c);
	lineage_score_text(&rev->score, score);
	add_cell(l, rev->score.tq.has ? S_NUMBER : rev->score.state == HM_OK ||
		 rev->score.state == HM_ABSENT ? S_DIM : S_ERROR, score, 4);
	lineage_docs_mark(rev, mark);
	add_cell(l, strchr(mark, '!') ? S_ERROR : S_NORMAL, mark, 6);
	char *path = lineage_path_text(rev);
	add_cell(l, S_PATH, path, path_cols);
	free(path);
	sline_adds(l, S_NORMAL, c->subject);
	if (rev->cut)
		sline_adds(l, S_WARN, "  [history cut here]");
}

static const char *meta_state(enum hist_meta m)
{
	switch (m) {
	case HM_OK: return "ok";
	case HM_ABSENT: return "absent";
	case HM_UNREADABLE: return "unreadable";
	default: return "malformed";
	}
}

static const char *doc_status(enum hist_doc_status s)
{
	return s == HD_ADDED ? "added" : s == HD_DELETED ? "deleted" : "modified";
}

json_t *lineage_rev_json(const struct hist_lineage *lin, const struct hist_rev *rev,
			 const struct hist_commit *c)
{
	json_t *o = json_object();
	char iso[40];
	hist_format_iso(c->time, c->offset, iso);
	jsonx_set(o, "task", jsonx_str(log_task_path(lin->path)));
	jsonx_set(o, "commit", jsonx_oid(&rev->commit));
	jsonx_set(o, "author", jsonx_str(c->author));
	jsonx_set(o, "email", jsonx_str(c->email));
	jsonx_set(o, "date", json_string(iso));
	jsonx_set(o, "subject", jsonx_str(c->subject));
	jsonx_set(o, "path", jsonx_str(log_task_path(rev->path)));
	jsonx_set(o, "from", rev->from ? jsonx_str(log_task_path(rev->from)) : json_null());
	jsonx_set(o, "created", json_boolean(rev->created));
	jsonx_set(o, "history_cut", json_boolean(rev->cut));
	json_t *docs = json_array();
	for (size_t i = 0; i < rev->ndocs; i++) {
		const struct hist_doc *d = &rev->docs[i];
		json_t *jd = json_object();
		jsonx_set(jd, "name", jsonx_str(d->name));
		jsonx_set(jd, "kind", json_string(hchange_name(d->bit)));
		jsonx_set(jd, "status", json_string(doc_status(d->status)));
		jsonx_set(jd, "blob", jsonx_oid(&d->blob));
		jsonx_set(jd, "readable", json_boolean(d->readable));
		json_array_append_new(docs, jd);
	}
	jsonx_set(o, "docs", docs);
	const struct tq *tq = &rev->score.tq;
	if (!tq->has)
		jsonx_set(o, "training_quality", json_null());
	else if (tq->value == (double)(long long)tq->value)
		jsonx_set(o, "training_quality", json_integer((json_int_t)tq->value));
	else
		jsonx_set(o, "training_quality", json_real(tq->value));
	jsonx_set(o, "training_quality_raw", jsonx_str(tq->raw));
	jsonx_set(o, "training_quality_reason", jsonx_str(tq->reason));
	jsonx_set(o, "metadata", json_string(meta_state(rev->score.state)));
	jsonx_set(o, "metadata_error", jsonx_str(rev->score.error));
	return o;
}
