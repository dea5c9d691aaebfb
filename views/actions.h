/* The one table of actions, in the manner of tig's requests: each action
 * has a name (used by `bind` lines and `:` commands), default keys, the
 * views it belongs to and a help text.  The keymap, the help view, the
 * key-hint bar and the man page's key list are all generated from it. */
#ifndef IACREV_VIEWS_ACTIONS_H
#define IACREV_VIEWS_ACTIONS_H

#include <stddef.h>

enum action {
	ACT_NONE,
	/* moving, in every view */
	ACT_MOVE_DOWN,
	ACT_MOVE_UP,
	ACT_HALF_DOWN,
	ACT_HALF_UP,
	ACT_PAGE_DOWN,
	ACT_PAGE_UP,
	ACT_TOP,
	ACT_BOTTOM,
	ACT_SCROLL_LEFT,
	ACT_SCROLL_RIGHT,
	ACT_ENTER,
	ACT_CLOSE,
	ACT_QUIT,
	ACT_SEARCH,
	ACT_SEARCH_NEXT,
	ACT_SEARCH_PREV,
	ACT_COMMAND,
	ACT_HELP,
	ACT_REDRAW,
	/* the tasks list */
	ACT_SORT_NEXT,
	ACT_SORT_REVERSE,
	ACT_FILTER,
	/* one task and the views reached from it */
	ACT_VIEW_DIFF,
	ACT_VIEW_FAILURES,
	ACT_VIEW_PROMPT,
	ACT_VIEW_HISTORY,
	ACT_VIEW_SCORE,
	ACT_NEXT_TASK,
	ACT_PREV_TASK,
	/* documents */
	ACT_RAW,
	ACT_WHOLE_DOC,
	/* the diff */
	ACT_DIFF_SPLIT,
	ACT_NEXT_FILE,
	ACT_PREV_FILE,
	ACT_NEXT_CHANGE,
	ACT_PREV_CHANGE,
	ACT_WHITESPACE,
	ACT_WHOLE_DIFF,
	ACT_CONTEXT_LESS,
	ACT_CONTEXT_MORE,
	ACT_WRAP,
	/* the score sheet (views/scoresheet.c) and its review queue */
	ACT_CAT_A,
	ACT_CAT_B,
	ACT_CAT_C,
	ACT_CAT_NOFIX,
	ACT_TOGGLE,
	ACT_SCORE_0,        /* ACT_SCORE_0 + n: final score n, 0..10 */
	ACT_SCORE_1,
	ACT_SCORE_2,
	ACT_SCORE_3,
	ACT_SCORE_4,
	ACT_SCORE_5,
	ACT_SCORE_6,
	ACT_SCORE_7,
	ACT_SCORE_8,
	ACT_SCORE_9,
	ACT_SCORE_10,
	ACT_SCORE_ACCEPT,
	ACT_REASON,
	ACT_NOTE,
	ACT_SAVE,
	ACT_REVIEW_NEXT,
	/* the history views */
	ACT_VIEW_LOG,
	ACT_MARK_REV,
	ACT_DIFF_REVS,
	ACT_DIFF_REVS_DOC,
	ACT__COUNT
};

struct action_info {
	enum action action;
	const char *name;    /* "move-down" */
	/* Default keys, separated by spaces, in keymap syntax: "j <Down>",
	 * "]c", "<Ctrl-d>". */
	const char *keys;
	/* The views it belongs to, separated by spaces ("diff task"), or NULL
	 * for every view. */
	const char *views;
	const char *help;    /* one line for the help view and the man page */
	const char *hint;    /* a word for the key-hint bar, or NULL */
};

/* The table, in the order the help view lists it. */
extern const struct action_info action_table[];
extern const size_t action_count;

const struct action_info *action_info(enum action a);
/* By name ("move-down"); NULL when unknown. */
const struct action_info *action_by_name(const char *name);
/* Whether action `a` applies in the view named `view`. */
int action_in_view(const struct action_info *info, const char *view);

#endif
