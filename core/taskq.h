/* Queries over a task list: the filter language shared by `iacrev tasks
 * --filter` and the tasks view (F), and the sort keys of both.
 *
 *   EXPR := TERM { ' ' TERM }          terms combine with AND
 *   TERM := ['-'] KEY ':' VALUE | WORD   '-' negates; a bare WORD matches the path
 *
 * VALUE may be quoted with "..." to hold spaces.  Keys and what they match
 * are listed by task_filter_help(). */
#ifndef IACREV_TASKQ_H
#define IACREV_TASKQ_H

#include <stdbool.h>
#include <stddef.h>

#include "task.h"

struct task_filter;

/* Extra facts a filter may ask about a task that the task model does not
 * hold (reviews, for instance).  A NULL callback makes its keys match
 * nothing. */
struct task_facts {
	/* Return a number and true for fact `name` ("myscore"), or false. */
	bool (*number)(void *payload, const struct task *t, const char *name, double *out);
	/* Return whether fact `name` holds with argument `arg` ("reviewer", "ada"). */
	bool (*test)(void *payload, const struct task *t, const char *name, const char *arg);
	void *payload;
};

/* Parse an expression; ERR_USAGE with a message naming the bad term. */
int task_filter_parse(const char *expr, struct task_filter **out);
bool task_filter_match(const struct task_filter *f, const struct task *t,
		       const struct task_facts *facts);
void task_filter_free(struct task_filter *f);
/* One line per key: "platform:NAME  platform, aliases resolved (cdk, cfn, tf...)". */
const char *const *task_filter_help(void);

enum task_sort {
	SORT_PATH,
	SORT_PO_ID,
	SORT_PLATFORM,
	SORT_COMPLEXITY,
	SORT_TQ,
	SORT_AUTHOR,
	SORT_STARTED,
	SORT_DOCS,
	SORT_PROBLEMS,
	SORT_KEYS
};

const char *task_sort_name(enum task_sort key);
/* "tq" or "-tq" (descending).  ERR_USAGE when unknown. */
int task_sort_parse(const char *name, enum task_sort *key, bool *reverse);
/* Sort an array of task pointers; ties keep path order. */
void task_sort(const struct task **v, size_t n, enum task_sort key, bool reverse);

#endif
