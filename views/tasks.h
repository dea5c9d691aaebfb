/* The tasks screen: one row per task (path, po_id, platform-language,
 * complexity, training_quality, documents, problems).  The same rows are
 * printed by `iacrev tasks`. */
#ifndef IACREV_VIEWS_TASKS_H
#define IACREV_VIEWS_TASKS_H

#include <jansson.h>
#include <stddef.h>

#include "../core/sline.h"
#include "../core/task.h"

enum task_col {
	TC_PATH,
	TC_PO,
	TC_PL,
	TC_CX,
	TC_TQ,
	TC_MINE,      /* review columns: shown when task_cols_set_reviews was called */
	TC_REVS,
	TC_STALE,
	TC_DOCS,
	TC_PROBLEMS,
	TC_COUNT
};

struct review_facts;

struct task_cols {
	size_t width[TC_COUNT];
	size_t max_path;   /* the path column never grows past this */
	const struct review_facts *reviews;  /* NULL: no review columns */
};

/* Widths of the headers; max_path 0 means unbounded. */
void task_cols_init(struct task_cols *c, size_t max_path);
/* Zero widths, for output without a header line (the CLI). */
void task_cols_init_bare(struct task_cols *c, size_t max_path);
/* Show the review columns (my score, number of reviews, stale mark) from
 * these facts (borrowed). */
void task_cols_set_reviews(struct task_cols *c, const struct review_facts *rf);
/* Widen the columns to hold task t. */
void task_cols_fit(struct task_cols *c, const struct task *t);
void task_header_line(struct sline *l, const struct task_cols *c);
void task_row_line(struct sline *l, const struct task *t, const struct task_cols *c);
/* "PMIF+2": a letter per readable document, '-' absent, '!' unreadable,
 * then the number of later-turn files.  Returns the length (< 32). */
size_t task_docs_mark(const struct task *t, char out[32]);
/* The problems of a task as one line (empty when none); the caller frees. */
char *task_problems_text(const struct task *t);
/* The task as a JSON object with every field (for --json). */
json_t *task_json(const struct task *t);
/* Add the review fields (my_score, my_review, reviews, stale) to it. */
void task_json_reviews(json_t *o, const struct task *t, const struct review_facts *rf);

#endif
