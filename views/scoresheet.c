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

#include "../core/err.h"
#include "../core/mem.h"
#include "reviews.h"
#include "scoresheet.h"

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
	struct sheet_view *p = sheet_of(v);
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
	/* the commit the task was read at (an older one from the history) */
	review_sheet_open(&p->s, v->work->repo, &p->task, view_commit(v),
			  mine ? review_cur_record(&wr->set, mine) : NULL);
	p->open = true;
	if (p->s.items_error)
		view_error(v, "%s", err_msg());
	p->show_others = review_sheet_show_others(v->work->repo, &wr->set, t.path, wr->me.email);
	sheet_build(v);
	size_t at = first_line(p, REF_ITEM, INTPTR_MAX);
	view_show_line(v, at ? at : first_line(p, REF_BLOCKER, REF_BLOCKER + RB_COUNT));
	return 0;
}

static int sheet_open(struct view *v, const struct view_args *args)
{
	if (!args->task)
		return err_set("the score sheet needs a task");
	/* Reviews are kept by task path, and a task's old folder (the root,
	 * before archiving) often holds another task now: a review recorded
	 * from the history could land on the wrong task.  The workbench
	 * started at that revision (--rev) reviews it deliberately. */
	if (v->at_rev)
		return err_set("S scores the task at the workbench's revision (%s), not at %s from the history: "
			       "press S at the current revision, or run iacrev --rev %s to review this one",
			       v->work->rev_short, v->rev_short, v->rev_short);
	return load(v, args->task);
}

static int save(struct view *v)
{
	struct sheet_view *p = sheet_of(v);
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
		sheet_build(v);
		return -1;
	}
	if (work_reviews_reload(w) < 0)
		view_error(v, "saved, but the records cannot be read again: %s", err_msg());
	else
		view_message(v, "saved: %s scored %d", task_display_path(&p->task),
			     review_sheet_score(&p->s));
	p->show_others = review_sheet_show_others(w->repo, &w->reviews->set, p->task.path,
						  w->reviews->me.email);
	sheet_build(v);
	return 0;
}

/* The cursor's item, or SIZE_MAX. */
static size_t cursor_item(struct view *v)
{
	struct sheet_view *p = sheet_of(v);
	if (v->cursor >= p->lines.n || p->lines.v[v->cursor].ref < REF_ITEM)
		return SIZE_MAX;
	return (size_t)(p->lines.v[v->cursor].ref - REF_ITEM);
}

static void set_cat(struct view *v, enum rubric_cat c)
{
	struct sheet_view *p = sheet_of(v);
	size_t i = cursor_item(v);
	if (i == SIZE_MAX) {
		view_error(v, "put the cursor on a failure item to give it a category");
		return;
	}
	review_sheet_set_cat(&p->s, i, c);
	sheet_build(v);
	/* on to the next item: a reviewer goes down the list */
	if (i + 1 < p->s.items.n)
		view_show_line(v, v->cursor + 1);
}

static void toggle(struct view *v)
{
	struct sheet_view *p = sheet_of(v);
	intptr_t ref = v->cursor < p->lines.n ? p->lines.v[v->cursor].ref : REF_NONE;
	if (ref >= REF_BLOCKER && ref < REF_BLOCKER + RB_COUNT)
		review_sheet_toggle_blocker(&p->s, (enum rubric_blocker)(ref - REF_BLOCKER));
	else if (ref >= REF_FACTOR && ref < REF_FACTOR + RF_COUNT)
		review_sheet_toggle_factor(&p->s, (enum rubric_factor)(ref - REF_FACTOR));
	else
		view_error(v, "put the cursor on a blocker or a complexity factor to tick it");
	sheet_build(v);
}

static void reason_done(struct view *v, const char *answer)
{
	if (answer) {
		review_sheet_set_reason(&sheet_of(v)->s, answer);
		sheet_build(v);
	}
}

static void note_done(struct view *v, const char *answer)
{
	if (answer) {
		review_sheet_set_note(&sheet_of(v)->s, answer);
		sheet_build(v);
	}
}

static void final_done(struct view *v, const char *answer)
{
	if (!answer)
		return;
	char *end;
	long n = strtol(answer, &end, 10);
	if (!*answer)
		review_sheet_set_final(&sheet_of(v)->s, SHEET_ACCEPT);
	else if (*end || n < 0 || n > RUBRIC_MAX)
		view_error(v, "a final score is a whole number from 0 to %d", RUBRIC_MAX);
	else
		review_sheet_set_final(&sheet_of(v)->s, (int)n);
	sheet_build(v);
}

static void set_final(struct view *v, int n)
{
	struct sheet_view *p = sheet_of(v);
	review_sheet_set_final(&p->s, n);
	sheet_build(v);
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
	struct sheet_view *p = sheet_of(v);
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
	struct sheet_view *p = sheet_of(v);
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
		else if (ref >= REF_ITEM) {
			/* read the item (the failures view numbers items alike) */
			struct view_args args = { task_display_path(&p->task), NULL,
						  (int)(ref - REF_ITEM) + 1, NULL, NULL };
			view_push_named(v, "failures", &args);
		}
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
	return sheet_of(v)->lines.n;
}

static const struct sline *sheet_line(struct view *v, size_t i)
{
	return &sheet_of(v)->lines.v[i];
}

static void sheet_done(struct view *v)
{
	struct sheet_view *p = sheet_of(v);
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
	.resize = sheet_build,
	.done = sheet_done,
};

