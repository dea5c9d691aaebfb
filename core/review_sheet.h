/* The score sheet's model: a reviewer's answers for one task while they
 * are being given (blockers, a category per failure item, complexity
 * factors, the final score or "accept the computed one", the reason an
 * override needs, a note), the live rubric result, whether anything is
 * unsaved, and the save.  The view (views/scoresheet.c) only draws it and
 * maps keys to these calls; everything here is testable without a
 * terminal.
 *
 * Blind review (reviews-in-git.md): other reviewers' scores stay hidden
 * until the reviewer has a saved score for the task, unless git config
 * iacrev.blindReview is false. */
#ifndef IACREV_REVIEW_SHEET_H
#define IACREV_REVIEW_SHEET_H

#include <stdbool.h>
#include <stdint.h>

#include "repo.h"
#include "review.h"
#include "failures.h"
#include "review_save.h"
#include "review_set.h"
#include "rubric.h"
#include "task.h"

#define SHEET_ACCEPT (-1)   /* final score: the computed one */

/* A task's failure items as the failures splitter (core/failures) finds
 * them in lib/MODEL_FAILURES.md: v[i].n is item i's ordinal, so the sheet,
 * `iacrev score --items` and `iacrev failures` (--item N) number the items
 * alike; split.v[i] has its severity and its number as written. */
struct review_items {
	struct review_item *v;   /* n, title; cat = RC_UNSET */
	size_t n;
	struct failures split;
	bool has_doc;            /* the task has lib/MODEL_FAILURES.md */
};

/* The items of task t (found in the tree of `commit`).  No document gives
 * zero items and has_doc false; an unreadable one is an error. */
int review_items_load(struct repo *r, const struct task *t, const git_oid *commit,
		      struct review_items *out);
/* The same from the document's bytes. */
void review_items_split(const char *bytes, size_t len, struct review_items *out);
void review_items_free(struct review_items *items);

struct review_sheet {
	char *task;                 /* the task's path */
	git_oid commit, tree;       /* the revision reviewed, the task's tree there */
	struct review_items items;  /* with the categories given so far */
	bool items_error;           /* MODEL_FAILURES.md could not be read */
	unsigned blockers, factors;
	bool localstack;
	int final;                  /* SHEET_ACCEPT or 0..10 */
	char *reason;
	char *note;
	bool tq_has;                /* metadata.json's training_quality */
	double tq;
	int64_t opened;             /* seconds, CLOCK_MONOTONIC, for `secs` */
	uint64_t saved_id;          /* the record saved last (0: none this time) */
	bool had_record;            /* prefilled from the reviewer's current record */
	bool dirty;                 /* answers differ from what was loaded or saved */
};

/* Open the sheet on task t at `commit`: its failure items (a document
 * that cannot be read leaves the items empty and items_error set, with
 * the message in err_msg()), prefilled from `mine` (the reviewer's
 * current record, may be NULL): blockers, factors, note, the final score
 * and reason when it was an override, and each item's category where the
 * item's number and title are unchanged. */
void review_sheet_open(struct review_sheet *s, struct repo *r, const struct task *t,
		       const git_oid *commit, const struct review_record *mine);
void review_sheet_free(struct review_sheet *s);

/* The rubric's result for the answers so far. */
void review_sheet_result(const struct review_sheet *s, struct rubric_result *out);
/* The score that would be saved (the final one, or the computed one). */
int review_sheet_score(const struct review_sheet *s);
/* NULL when the sheet can be saved, else why not ("item 3 has no
 * category", "an override needs a reason"). */
const char *review_sheet_problem(const struct review_sheet *s);
/* Whether |score - training_quality| >= 2 (false without one). */
bool review_sheet_tq_differs(const struct review_sheet *s);

/* Changes; each marks the sheet dirty when it changes something. */
void review_sheet_set_cat(struct review_sheet *s, size_t item, enum rubric_cat c);
void review_sheet_toggle_blocker(struct review_sheet *s, enum rubric_blocker b);
void review_sheet_toggle_factor(struct review_sheet *s, enum rubric_factor f);
void review_sheet_set_final(struct review_sheet *s, int final);
void review_sheet_set_reason(struct review_sheet *s, const char *reason);
void review_sheet_set_note(struct review_sheet *s, const char *note);

/* Save as a new record (superseding the reviewer's current one in
 * `loaded`).  On success the sheet is clean and *saved (may be NULL)
 * describes where it went; on failure the answers stay as they are. */
int review_sheet_save(struct review_sheet *s, struct repo *r, const struct reviewer *who,
		      const struct review_set *loaded, const struct review_save_opts *o,
		      struct review_saved *saved);

/* Whether the other reviewers' scores may be shown: the reviewer has a
 * current score for the task in `set`, or git config iacrev.blindReview
 * is false. */
bool review_sheet_show_others(struct repo *r, const struct review_set *set, const char *task,
			      const char *email);

#endif
