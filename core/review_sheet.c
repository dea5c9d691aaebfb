#include "review_sheet.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "err.h"
#include "mem.h"

void review_items_split(const char *bytes, size_t len, struct review_items *out)
{
	memset(out, 0, sizeof(*out));
	out->has_doc = true;
	failures_split(&out->split, bytes, len);
	out->n = out->split.n;
	out->v = xcalloc(out->n ? out->n : 1, sizeof(*out->v));
	for (size_t i = 0; i < out->n; i++) {
		out->v[i].n = out->split.v[i].ordinal;
		out->v[i].title = xstrdup(out->split.v[i].title ? out->split.v[i].title : "");
		out->v[i].cat = RC_UNSET;
	}
}

int review_items_load(struct repo *r, const struct task *t, const git_oid *commit,
		      struct review_items *out)
{
	memset(out, 0, sizeof(*out));
	const struct task_doc *d = task_doc(t, DOC_FAILURES);
	if (!d)
		return 0;
	char *path = task_doc_path(t, d);
	char rev[11];
	repo_short_id(rev, commit);
	struct buf b = BUF_INIT;
	int rc = repo_read_blob(r, &d->blob, path, rev, &b);
	free(path);
	if (rc == 0)
		review_items_split(b.ptr ? b.ptr : "", b.len, out);
	else
		out->has_doc = true;
	buf_free(&b);
	return rc;
}

void review_items_free(struct review_items *items)
{
	for (size_t i = 0; i < items->n; i++)
		free(items->v[i].title);
	free(items->v);
	failures_free(&items->split);
	memset(items, 0, sizeof(*items));
}

static int64_t now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec;
}

void review_sheet_open(struct review_sheet *s, struct repo *r, const struct task *t,
		       const git_oid *commit, const struct review_record *mine)
{
	memset(s, 0, sizeof(*s));
	s->task = xstrdup(t->path);
	git_oid_cpy(&s->commit, commit);
	git_oid_cpy(&s->tree, &t->tree);
	s->localstack = rubric_is_localstack(t->path);
	s->final = SHEET_ACCEPT;
	s->note = xstrdup("");
	s->tq_has = t->meta.tq.has;
	s->tq = t->meta.tq.value;
	s->opened = now_s();
	if (review_items_load(r, t, commit, &s->items) < 0)
		s->items_error = true;
	if (!mine)
		return;
	s->had_record = true;
	if (mine->has_answers) {
		s->blockers = mine->blockers;
		s->factors = mine->factors;
		/* an item keeps its category while its number and title hold */
		for (size_t i = 0; i < s->items.n; i++)
			for (size_t k = 0; k < mine->nitems; k++)
				if (mine->items[k].n == s->items.v[i].n &&
				    strcmp(mine->items[k].title, s->items.v[i].title) == 0)
					s->items.v[i].cat = mine->items[k].cat;
	}
	free(s->note);
	s->note = xstrdup(mine->note ? mine->note : "");
	if (mine->score != REVIEW_NO_SCORE &&
	    (!mine->has_answers || mine->score != mine->computed)) {
		s->final = mine->score;
		s->reason = mine->reason ? xstrdup(mine->reason) : NULL;
	}
}

void review_sheet_free(struct review_sheet *s)
{
	free(s->task);
	review_items_free(&s->items);
	free(s->reason);
	free(s->note);
	memset(s, 0, sizeof(*s));
}

void review_sheet_result(const struct review_sheet *s, struct rubric_result *out)
{
	enum rubric_cat *cats = xcalloc(s->items.n + 1, sizeof(*cats));
	for (size_t i = 0; i < s->items.n; i++)
		cats[i] = s->items.v[i].cat;
	struct rubric_answers a = { s->blockers, cats, s->items.n, s->factors, s->localstack };
	rubric_compute(&a, out);
	free(cats);
}

int review_sheet_score(const struct review_sheet *s)
{
	if (s->final != SHEET_ACCEPT)
		return s->final;
	struct rubric_result r;
	review_sheet_result(s, &r);
	return r.score;
}

static bool blank(const char *s)
{
	for (; s && *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

const char *review_sheet_problem(const struct review_sheet *s)
{
	static _Thread_local char msg[64];
	for (size_t i = 0; i < s->items.n; i++) {
		if (s->items.v[i].cat == RC_UNSET) {
			snprintf(msg, sizeof(msg), "item %d has no category (a, b, c or - not a fix)",
				 s->items.v[i].n);
			return msg;
		}
	}
	struct rubric_result r;
	review_sheet_result(s, &r);
	if (s->final != SHEET_ACCEPT && s->final != r.score && blank(s->reason))
		return "the score differs from the computed one: an override needs a reason";
	return NULL;
}

bool review_sheet_tq_differs(const struct review_sheet *s)
{
	return s->tq_has && fabs((double)review_sheet_score(s) - s->tq) >= 2.0;
}

void review_sheet_set_cat(struct review_sheet *s, size_t item, enum rubric_cat c)
{
	if (item < s->items.n && s->items.v[item].cat != c) {
		s->items.v[item].cat = c;
		s->dirty = true;
	}
}

void review_sheet_toggle_blocker(struct review_sheet *s, enum rubric_blocker b)
{
	if (b < RB_COUNT) {
		s->blockers ^= 1u << b;
		s->dirty = true;
	}
}

void review_sheet_toggle_factor(struct review_sheet *s, enum rubric_factor f)
{
	if (f < RF_COUNT) {
		s->factors ^= 1u << f;
		s->dirty = true;
	}
}

void review_sheet_set_final(struct review_sheet *s, int final)
{
	if (final < SHEET_ACCEPT || final > RUBRIC_MAX || final == s->final)
		return;
	s->final = final;
	s->dirty = true;
}

static void set_text(char **field, const char *text, bool *dirty)
{
	const char *old = *field ? *field : "";
	const char *now = text ? text : "";
	if (strcmp(old, now) == 0)
		return;
	free(*field);
	*field = xstrdup(now);
	*dirty = true;
}

void review_sheet_set_reason(struct review_sheet *s, const char *reason)
{
	set_text(&s->reason, reason, &s->dirty);
}

void review_sheet_set_note(struct review_sheet *s, const char *note)
{
	set_text(&s->note, note, &s->dirty);
}

int review_sheet_save(struct review_sheet *s, struct repo *r, const struct reviewer *who,
		      const struct review_set *loaded, const struct review_save_opts *o,
		      struct review_saved *saved)
{
	const char *why = review_sheet_problem(s);
	if (why)
		return err_setc(ERR_USAGE, "%s", why);
	struct review_draft d;
	memset(&d, 0, sizeof(d));
	d.task = s->task;
	d.commit = s->commit;
	d.tree = s->tree;
	d.has_answers = true;
	d.blockers = s->blockers;
	d.factors = s->factors;
	d.items = s->items.v;
	d.nitems = s->items.n;
	d.localstack = s->localstack;
	d.has_score = s->final != SHEET_ACCEPT;
	d.score = s->final;
	d.reason = s->reason;
	d.note = s->note;
	d.secs = now_s() - s->opened;
	struct review_record rec;
	int rc = review_build(&d, who, loaded, &rec);
	struct review_saved local;
	if (rc == 0)
		rc = review_save(r, &rec, o, saved ? saved : &local);
	if (rc == 0) {
		s->saved_id = rec.id;
		s->dirty = false;
		s->had_record = true;
	}
	review_record_free(&rec);
	return rc;
}

bool review_sheet_show_others(struct repo *r, const struct review_set *set, const char *task,
			      const char *email)
{
	const struct review_current *mine = review_set_mine(set, task, email);
	if (mine && review_cur_record(set, mine)->score != REVIEW_NO_SCORE)
		return true;
	git_config *cfg = NULL;
	int blind = 1;
	if (git_repository_config_snapshot(&cfg, r->git) == 0) {
		if (git_config_get_bool(&blind, cfg, "iacrev.blindReview") < 0)
			blind = 1;
		git_config_free(cfg);
	}
	return !blind;
}
