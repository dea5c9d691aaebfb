/* The score sheet (S): one reviewer's rubric answers for one task, drawn
 * from the model in core/review_sheet (blockers, a category per failure
 * item as the failures splitter numbers them, complexity factors, the live
 * computed score with each rubric step, the final score, the reason an
 * override needs, a note), metadata's training_quality beside it, the
 * other reviewers' scores (hidden until the reviewer has saved one: blind
 * review, reviews-in-git.md) and stale marks.  Ctrl-S saves; a failed save
 * keeps the answers on screen with the error; leaving with unsaved answers
 * asks first; n saves and scores the next task of the list. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/err.h"
#include "../core/mem.h"
#include "../core/review_sheet.h"
#include "../core/utf8.h"
#include "failures.h"
#include "reviews.h"
#include "view.h"

/* What a line is about (sline.ref). */
enum {
	REF_NONE = 0,
	REF_BLOCKER = 10,   /* + enum rubric_blocker */
	REF_FACTOR = 20,    /* + enum rubric_factor */
	REF_FINAL = 30,
	REF_REASON,
	REF_NOTE,
	REF_ITEM = 1000,    /* + the item's index */
};

struct sheet_view {
	struct task task;
	struct review_sheet s;
	bool open;
	bool show_others;
	char *error;          /* the last save that failed, shown on the sheet */
	struct slist lines;
};

static struct sheet_view *sv(struct view *v)
{
	return v->priv;
}

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
	struct sheet_view *p = sv(v);
	size_t width = v->width > 20 ? (size_t)v->width : 80;
	size_t room = width - 1 - strlen(indent);
	while (*text) {
		size_t n = strlen(text), cut = n;
		if (utf8_columns(text, n) > room) {
			/* the last space that keeps the line within the room */
			cut = 0;
			for (size_t i = 1; i < n && utf8_columns(text, i) <= room; i++)
				if (text[i] == ' ')
					cut = i;
			if (!cut)
				for (cut = 1; cut < n && utf8_columns(text, cut + 1) <= room; cut++)
					;
		}
		struct sline *l = add(p, style, indent);
		sline_add(l, style, text, cut);
		text += cut;
		while (*text == ' ')
			text++;
	}
}

static void add_tick(struct sline *l, bool on)
{
	sline_adds(l, S_NORMAL, "  [");
	sline_adds(l, on ? S_BOLD : S_NORMAL, on ? "x" : " ");
	sline_adds(l, S_NORMAL, "] ");
}

static void build_mine(struct view *v)
{
	struct sheet_view *p = sv(v);
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
	struct sheet_view *p = sv(v);
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
		add(p, S_NORMAL, "  ");
		sline_adds(&p->lines.v[p->lines.n - 1], S_NORMAL, steps[i]);
		free(steps[i]);
	}
	free(steps);
	struct sline *l = add(p, S_NORMAL, "  computed  ");
	sline_addf(l, S_NUMBER, "%d", r.score);
	if (r.uncategorised)
		sline_addf(l, S_WARN, "  (%zu item%s without a category)", r.uncategorised,
			   r.uncategorised == 1 ? "" : "s");

	int final = review_sheet_score(s);
	l = add(p, S_NORMAL, "  final     ");
	sline_addf(l, S_BOLD, "%d", final);
	const char *band = rubric_band(final);
	if (band)
		sline_addf(l, S_DIM, "  %s", band);
	if (s->final == SHEET_ACCEPT)
		sline_adds(l, S_DIM, ", the computed score");
	else if (s->final != r.score)
		sline_addf(l, S_WARN, "  an override of the computed %d", r.score);
	l->ref = REF_FINAL;

	bool override = s->final != SHEET_ACCEPT && s->final != r.score;
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
	struct sheet_view *p = sv(v);
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
	struct sheet_view *p = sv(v);
	view_set_title(v, "Score %s: %d%s", task_display_path(&p->task), review_sheet_score(&p->s),
		       p->s.dirty ? " (unsaved)" : "");
}

static void build(struct view *v)
{
	struct sheet_view *p = sv(v);
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

static void release(struct sheet_view *p)
{
	if (p->open)
		review_sheet_free(&p->s);
	p->open = false;
	task_free_one(&p->task);
	free(p->error);
	p->error = NULL;
}

static size_t first_line(struct sheet_view *p, intptr_t from, intptr_t to)
{
	for (size_t i = 0; i < p->lines.n; i++)
		if (p->lines.v[i].ref >= from && p->lines.v[i].ref < to)
			return i;
	return 0;
}

static int load(struct view *v, const char *path)
{
	struct sheet_view *p = sv(v);
	struct work_reviews *wr = work_reviews(v->work);
	if (!wr)
		return -1;
	struct task t;
	if (view_load_task(v, path, &t) < 0)
		return -1;
	release(p);
	p->task = t;
	const struct review_current *mine =
		wr->me.email ? review_set_mine(&wr->set, t.path, wr->me.email) : NULL;
	err_clear();
	review_sheet_open(&p->s, v->work->repo, &p->task, &v->work->commit,
			  mine ? review_cur_record(&wr->set, mine) : NULL);
	p->open = true;
	if (p->s.items_error)
		view_error(v, "%s", err_msg());
	p->show_others = review_sheet_show_others(v->work->repo, &wr->set, t.path, wr->me.email);
	build(v);
	size_t at = first_line(p, REF_ITEM, INTPTR_MAX);
	view_show_line(v, at ? at : first_line(p, REF_BLOCKER, REF_BLOCKER + RB_COUNT));
	return 0;
}

static int sheet_open(struct view *v, const struct view_args *args)
{
	if (!args->task)
		return err_set("the score sheet needs a task");
	return load(v, args->task);
}

static int save(struct view *v)
{
	struct sheet_view *p = sv(v);
	struct work *w = v->work;
	struct reviewer who;
	memset(&who, 0, sizeof(who));
	/* read the identity at each save: it may have been set meanwhile */
	int rc = reviewer_from_config(w->repo, &who);
	struct review_saved saved;
	if (rc == 0)
		rc = review_sheet_save(&p->s, w->repo, &who, &w->reviews->set, NULL, &saved);
	reviewer_free(&who);
	free(p->error);
	p->error = NULL;
	if (rc < 0) {
		p->error = xstrdup(err_msg());
		view_error(v, "not saved: %s", p->error);
		build(v);
		return -1;
	}
	if (work_reviews_reload(w) < 0)
		view_error(v, "saved, but the records cannot be read again: %s", err_msg());
	else
		view_message(v, "saved: %s scored %d", task_display_path(&p->task),
			     review_sheet_score(&p->s));
	p->show_others = review_sheet_show_others(w->repo, &w->reviews->set, p->task.path,
						  w->reviews->me.email);
	build(v);
	return 0;
}

/* The cursor's item, or SIZE_MAX. */
static size_t cursor_item(struct view *v)
{
	struct sheet_view *p = sv(v);
	if (v->cursor >= p->lines.n || p->lines.v[v->cursor].ref < REF_ITEM)
		return SIZE_MAX;
	return (size_t)(p->lines.v[v->cursor].ref - REF_ITEM);
}

static void set_cat(struct view *v, enum rubric_cat c)
{
	struct sheet_view *p = sv(v);
	size_t i = cursor_item(v);
	if (i == SIZE_MAX) {
		view_error(v, "put the cursor on a failure item to give it a category");
		return;
	}
	review_sheet_set_cat(&p->s, i, c);
	build(v);
	/* on to the next item: a reviewer goes down the list */
	if (i + 1 < p->s.items.n)
		view_show_line(v, v->cursor + 1);
}

static void toggle(struct view *v)
{
	struct sheet_view *p = sv(v);
	intptr_t ref = v->cursor < p->lines.n ? p->lines.v[v->cursor].ref : REF_NONE;
	if (ref >= REF_BLOCKER && ref < REF_BLOCKER + RB_COUNT)
		review_sheet_toggle_blocker(&p->s, (enum rubric_blocker)(ref - REF_BLOCKER));
	else if (ref >= REF_FACTOR && ref < REF_FACTOR + RF_COUNT)
		review_sheet_toggle_factor(&p->s, (enum rubric_factor)(ref - REF_FACTOR));
	else
		view_error(v, "put the cursor on a blocker or a complexity factor to tick it");
	build(v);
}

static void reason_done(struct view *v, const char *answer)
{
	if (answer) {
		review_sheet_set_reason(&sv(v)->s, answer);
		build(v);
	}
}

static void note_done(struct view *v, const char *answer)
{
	if (answer) {
		review_sheet_set_note(&sv(v)->s, answer);
		build(v);
	}
}

static void final_done(struct view *v, const char *answer)
{
	if (!answer)
		return;
	char *end;
	long n = strtol(answer, &end, 10);
	if (!*answer)
		review_sheet_set_final(&sv(v)->s, SHEET_ACCEPT);
	else if (*end || n < 0 || n > RUBRIC_MAX)
		view_error(v, "a final score is a whole number from 0 to %d", RUBRIC_MAX);
	else
		review_sheet_set_final(&sv(v)->s, (int)n);
	build(v);
}

static void set_final(struct view *v, int n)
{
	struct sheet_view *p = sv(v);
	review_sheet_set_final(&p->s, n);
	build(v);
	struct rubric_result r;
	review_sheet_result(&p->s, &r);
	if (n != SHEET_ACCEPT && n != r.score && !(p->s.reason && *p->s.reason))
		view_message(v, "final %d overrides the computed %d: r gives the reason it needs", n,
			     r.score);
}

static void leave_done(struct view *v, const char *answer)
{
	if (answer && (answer[0] == 'y' || answer[0] == 'Y'))
		view_close(v);
	else
		view_message(v, "still here: Ctrl-S saves");
}

/* n: save what is unsaved, then the next task of the list.  Under a task
 * view the task view moves too (it opens the next sheet itself). */
static void review_next(struct view *v)
{
	struct sheet_view *p = sv(v);
	/* before saving: a filter such as reviewed:no may drop this task */
	const char *n = view_task_neighbor(v, task_display_path(&p->task), 1);
	char *next = n ? xstrdup(n) : NULL;
	if (p->s.dirty && save(v) < 0) {
		free(next);
		return;
	}
	if (!next) {
		view_error(v, "no next task in the list");
		return;
	}
	struct view *below = v->below;
	if (below && below->ops == &task_view_ops) {
		view_close(v);
		below->ops->key(below, ACT_REVIEW_NEXT, 1);
	} else if (load(v, next) < 0) {
		view_error(v, "%s", err_msg());
	}
	free(next);
}

static enum view_key_result sheet_key(struct view *v, enum action a, int count)
{
	struct sheet_view *p = sv(v);
	(void)count;
	if (a >= ACT_SCORE_0 && a <= ACT_SCORE_10) {
		set_final(v, (int)(a - ACT_SCORE_0));
		return VIEW_KEY_HANDLED;
	}
	switch (a) {
	case ACT_CAT_A: set_cat(v, RC_A); break;
	case ACT_CAT_B: set_cat(v, RC_B); break;
	case ACT_CAT_C: set_cat(v, RC_C); break;
	case ACT_CAT_NOFIX: set_cat(v, RC_NOFIX); break;
	case ACT_TOGGLE: toggle(v); break;
	case ACT_ENTER: {
		intptr_t ref = v->cursor < p->lines.n ? p->lines.v[v->cursor].ref : REF_NONE;
		if (ref == REF_REASON)
			view_prompt(v, "reason: ", p->s.reason, reason_done);
		else if (ref == REF_NOTE)
			view_prompt(v, "note: ", p->s.note, note_done);
		else if (ref == REF_FINAL)
			view_prompt(v, "final score (0-10, empty: the computed one): ", NULL, final_done);
		else if (ref >= REF_ITEM)
			view_message(v, "a b c give the item a category, - or x marks it not a fix");
		else
			toggle(v);
		break;
	}
	case ACT_SCORE_ACCEPT: set_final(v, SHEET_ACCEPT); break;
	case ACT_REASON: view_prompt(v, "reason: ", p->s.reason, reason_done); break;
	case ACT_NOTE: view_prompt(v, "note: ", p->s.note, note_done); break;
	case ACT_SAVE:
		if (!p->s.dirty && !p->error)
			view_message(v, "nothing to save");
		else
			save(v);
		break;
	case ACT_REVIEW_NEXT: review_next(v); break;
	case ACT_CLOSE:
	case ACT_QUIT:
		if (!p->s.dirty)
			return VIEW_KEY_UNHANDLED;
		/* Q leaves the sheet first; a second Q quits */
		view_prompt(v, "unsaved answers: leave without saving? (y/n) ", NULL, leave_done);
		break;
	default:
		return VIEW_KEY_UNHANDLED;
	}
	return VIEW_KEY_HANDLED;
}

static size_t sheet_line_count(struct view *v)
{
	return sv(v)->lines.n;
}

static const struct sline *sheet_line(struct view *v, size_t i)
{
	return &sv(v)->lines.v[i];
}

static void sheet_done(struct view *v)
{
	struct sheet_view *p = sv(v);
	release(p);
	slist_free(&p->lines);
}

const struct view_ops scoresheet_view_ops = {
	.name = "score",
	.flags = VF_CURSOR,
	.private_size = sizeof(struct sheet_view),
	.open = sheet_open,
	.key = sheet_key,
	.line_count = sheet_line_count,
	.line = sheet_line,
	.resize = build,
	.done = sheet_done,
};
