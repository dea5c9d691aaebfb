/* The score sheet drawn: its model (core/review_sheet) as styled lines,
 * with a ref per line that the keys act on (views/scoresheet.h). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/mem.h"
#include "document.h"
#include "failures.h"
#include "reviews.h"
#include "scoresheet.h"

static struct sline *add(struct sheet_view *p, int style, const char *text)
{
	struct sline *l = slist_push(&p->lines);
	if (text)
		sline_adds(l, style, text);
	return l;
}

/* Text on as many lines as the view's width needs, broken at spaces (an
 * error must be read whole: it says how to fix the cause). */
static void add_wrapped(struct view *v, int style, const char *indent, const char *text)
{
	struct sheet_view *p = sheet_of(v);
	size_t width = v->width > 20 ? (size_t)v->width : 80;
	struct sline t;
	sline_init(&t);
	sline_adds(&t, style, text);
	struct range *r = NULL;
	size_t cap = 0;
	size_t n = t.len ? doc_wrap(&t, width - 1 - strlen(indent), true, NULL, 0, &r, &cap) : 0;
	for (size_t i = 0; i < n; i++)
		doc_slice(add(p, style, indent), &t, r[i].a, r[i].b);
	free(r);
	sline_free(&t);
}

static void add_tick(struct sline *l, bool on)
{
	sline_adds(l, S_NORMAL, "  [");
	sline_adds(l, on ? S_BOLD : S_NORMAL, on ? "x" : " ");
	sline_adds(l, S_NORMAL, "] ");
}

static void build_mine(struct view *v)
{
	struct sheet_view *p = sheet_of(v);
	struct work_reviews *wr = v->work->reviews;
	const struct review_current *c =
		wr && wr->me.email ? review_set_mine(&wr->set, p->task.path, wr->me.email) : NULL;
	struct sline *l = add(p, S_DIM, "  your review: ");
	if (!c) {
		sline_adds(l, S_DIM, "none saved yet");
		return;
	}
	const struct review_record *r = review_cur_record(&wr->set, c);
	if (r->score == REVIEW_NO_SCORE)
		sline_adds(l, S_NORMAL, "withdrawn");
	else
		sline_addf(l, S_NUMBER, "%d", r->score);
	sline_addf(l, S_DIM, "  saved %s", r->at ? r->at : "?");
	if (git_oid_cmp(&r->tree, &p->task.tree) != 0)
		sline_adds(l, S_WARN, "  STALE: the task changed since it was reviewed");
}

static void build_items(struct sheet_view *p)
{
	const struct review_items *it = &p->s.items;
	struct sline *h = add(p, S_HEADER, "Failure items");
	sline_adds(h, S_DIM, "  a b c: category, - or x: not a fix");
	if (p->s.items_error) {
		add(p, S_ERROR, "  lib/MODEL_FAILURES.md cannot be read: no items to categorise");
		return;
	}
	if (!it->has_doc) {
		add(p, S_DIM, "  no lib/MODEL_FAILURES.md: scored as a minimal change (-4)");
		return;
	}
	if (!it->n) {
		add(p, S_WARN, "  MODEL_FAILURES.md lists nothing: scored as a minimal change (-4)");
		return;
	}
	for (size_t i = 0; i < it->n; i++) {
		const struct failure_item *f = &it->split.v[i];
		struct sline *l = slist_push(&p->lines);
		char num[32];
		failures_item_number(f, num);
		sline_addf(l, S_NUMBER, "  %3s ", num);
		enum rubric_cat c = it->v[i].cat;
		sline_adds(l, S_NORMAL, " [");
		if (c == RC_UNSET)
			sline_adds(l, S_WARN, "?");
		else
			sline_addf(l, S_BOLD, "%c", rubric_cat_letter(c));
		sline_adds(l, S_NORMAL, "] ");
		int style;
		const char *badge = failures_badge(f->severity, &style);
		sline_adds(l, style, badge);
		sline_pad(l, S_NORMAL, 22);
		sline_adds(l, S_NORMAL, it->v[i].title);
		l->ref = REF_ITEM + (intptr_t)i;
	}
}

static void build_score(struct view *v)
{
	struct sheet_view *p = sheet_of(v);
	struct review_sheet *s = &p->s;
	struct rubric_result r;
	review_sheet_result(s, &r);
	enum rubric_cat *cats = xcalloc(s->items.n + 1, sizeof(*cats));
	for (size_t i = 0; i < s->items.n; i++)
		cats[i] = s->items.v[i].cat;
	struct rubric_answers a = { s->blockers, cats, s->items.n, s->factors, s->localstack };
	char **steps;
	size_t nsteps = rubric_explain(&a, &r, &steps);
	free(cats);

	struct sline *h = add(p, S_HEADER, "Score");
	sline_adds(h, S_DIM, "  0-9 or + (10) set the final score, = takes the computed one");
	for (size_t i = 0; i < nsteps; i++) {
		sline_adds(add(p, S_NORMAL, "  "), S_NORMAL, steps[i]);
		free(steps[i]);
	}
	free(steps);
	struct sline *l = add(p, S_NORMAL, "  computed  ");
	sline_addf(l, S_NUMBER, "%d", r.score);
	if (r.uncategorised)
		sline_addf(l, S_WARN, "  (%zu item%s without a category)", r.uncategorised,
			   r.uncategorised == 1 ? "" : "s");

	int final = review_sheet_score(s);
	bool override = s->final != SHEET_ACCEPT && s->final != r.score;
	l = add(p, S_NORMAL, "  final     ");
	sline_addf(l, S_BOLD, "%d", final);
	const char *band = rubric_band(final);
	if (band)
		sline_addf(l, S_DIM, "  %s", band);
	if (s->final == SHEET_ACCEPT)
		sline_adds(l, S_DIM, ", the computed score");
	else if (override)
		sline_addf(l, S_WARN, "  an override of the computed %d", r.score);
	l->ref = REF_FINAL;

	l = add(p, S_NORMAL, "  reason    ");
	if (s->reason && *s->reason)
		sline_adds(l, S_NORMAL, s->reason);
	else
		sline_adds(l, override ? S_WARN : S_DIM,
			   override ? "(required for an override: r)" : "(r edits)");
	l->ref = REF_REASON;
	l = add(p, S_NORMAL, "  note      ");
	if (s->note && *s->note)
		sline_adds(l, S_NORMAL, s->note);
	else
		sline_adds(l, S_DIM, "(e edits)");
	l->ref = REF_NOTE;

	l = add(p, S_NORMAL, "  metadata  training_quality ");
	if (!s->tq_has) {
		sline_adds(l, S_DIM, "-");
	} else {
		sline_addf(l, S_NUMBER, "%g", s->tq);
		if (review_sheet_tq_differs(s))
			sline_addf(l, S_WARN, "  ! differs from %d by 2 or more", final);
	}
}

static void build_others(struct view *v)
{
	struct sheet_view *p = sheet_of(v);
	struct work_reviews *wr = v->work->reviews;
	add(p, S_HEADER, "Other reviewers");
	if (!wr)
		return;
	const struct review_current *first;
	size_t n = review_set_task(&wr->set, p->task.path, &first);
	size_t others = 0;
	for (size_t i = 0; i < n; i++) {
		const struct review_record *r = review_cur_record(&wr->set, &first[i]);
		if (wr->me.email && r->by_email && strcasecmp(r->by_email, wr->me.email) == 0)
			continue;
		others++;
		if (!p->show_others)
			continue;
		struct sline *l = add(p, S_NORMAL, "  ");
		if (r->score == REVIEW_NO_SCORE)
			sline_adds(l, S_DIM, "withdrawn");
		else
			sline_addf(l, S_NUMBER, "%2d", r->score);
		sline_adds(l, S_NORMAL, "  ");
		sline_adds(l, S_AUTHOR, r->by_name && *r->by_name ? r->by_name : r->by_email);
		if (git_oid_cmp(&r->tree, &p->task.tree) != 0)
			sline_adds(l, S_WARN, "  STALE");
		if (r->reason) {
			sline_adds(l, S_DIM, "  reason: ");
			sline_adds(l, S_NORMAL, r->reason);
		}
	}
	if (!others)
		add(p, S_DIM, "  none");
	else if (!p->show_others)
		add(p, S_DIM, others == 1 ? "  1 score, hidden until you save yours (blind review)"
					  : "  scores hidden until you save yours (blind review)");
}

static void title(struct view *v)
{
	struct sheet_view *p = sheet_of(v);
	view_set_title(v, "Score %s: %d%s", task_display_path(&p->task), review_sheet_score(&p->s),
		       p->s.dirty ? " (unsaved)" : "");
}

void sheet_build(struct view *v)
{
	struct sheet_view *p = sheet_of(v);
	struct review_sheet *s = &p->s;
	slist_clear(&p->lines);
	build_mine(v);
	add(p, S_NORMAL, NULL);

	struct sline *h = add(p, S_HEADER, "Blockers");
	sline_adds(h, S_DIM, "  Space ticks; a blocker sets the score");
	for (int b = 0; b < RB_COUNT; b++) {
		struct sline *l = slist_push(&p->lines);
		add_tick(l, s->blockers & (1u << b));
		sline_adds(l, S_NORMAL, rubric_blocker_text((enum rubric_blocker)b));
		sline_addf(l, S_DIM, "  → %d", rubric_blocker_value((enum rubric_blocker)b));
		l->ref = REF_BLOCKER + b;
	}
	add(p, S_NORMAL, NULL);
	build_items(p);
	add(p, S_NORMAL, NULL);

	h = add(p, S_HEADER, "Complexity of IDEAL_RESPONSE");
	sline_adds(h, S_DIM, "  Space ticks; +1 each, at most +2");
	for (int f = 0; f < RF_COUNT; f++) {
		struct sline *l = slist_push(&p->lines);
		add_tick(l, s->factors & (1u << f));
		sline_adds(l, S_NORMAL, rubric_factor_text((enum rubric_factor)f));
		sline_adds(l, S_DIM, f == RF_SINGLE ? "  -1" : "  +1");
		l->ref = REF_FACTOR + f;
	}
	add(p, S_NORMAL, NULL);
	build_score(v);
	add(p, S_NORMAL, NULL);
	build_others(v);
	add(p, S_NORMAL, NULL);

	struct sline *l = add(p, S_HEADER, "Save");
	const char *problem = review_sheet_problem(s);
	if (p->error) {
		char *msg = xasprintf("not saved: %s", p->error);
		add_wrapped(v, S_ERROR, "  ", msg);
		free(msg);
		add(p, S_DIM, "  the answers are kept: fix the cause and press Ctrl-S again");
	} else if (!s->dirty) {
		add(p, S_DIM, s->saved_id ? "  saved" : "  nothing to save");
	} else if (problem) {
		l = add(p, S_WARN, "  cannot save yet: ");
		sline_adds(l, S_WARN, problem);
	} else {
		add(p, S_OK, "  unsaved answers: Ctrl-S saves, n saves and opens the next task");
	}
	title(v);
	view_redraw(v);
}
