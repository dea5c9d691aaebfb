#include "actions.h"

#include <string.h>

/* Keys follow less, vim and tig habits (design.md).  Views listed here
 * that do not exist yet keep their keys so the table stays the one truth. */
const struct action_info action_table[] = {
	{ ACT_MOVE_DOWN, "move-down", "j <Down> <Ctrl-n>", NULL,
	  "move down one line", NULL },
	{ ACT_MOVE_UP, "move-up", "k <Up> <Ctrl-p>", NULL, "move up one line", NULL },
	{ ACT_HALF_DOWN, "half-page-down", "<Ctrl-d>", NULL, "move down half a screen", NULL },
	{ ACT_HALF_UP, "half-page-up", "<Ctrl-u>", NULL, "move up half a screen", NULL },
	{ ACT_PAGE_DOWN, "page-down", "<Space> <PgDn> <Ctrl-f>", NULL, "move down a screen", NULL },
	{ ACT_PAGE_UP, "page-up", "b <PgUp> <Ctrl-b>", NULL, "move up a screen", NULL },
	{ ACT_TOP, "top", "g <Home>", NULL, "go to the first line (with a count: that line)", NULL },
	{ ACT_BOTTOM, "bottom", "G <End>", NULL, "go to the last line (with a count: that line)", NULL },
	{ ACT_SCROLL_LEFT, "scroll-left", "<Left> <", NULL, "scroll left", NULL },
	{ ACT_SCROLL_RIGHT, "scroll-right", "<Right> >", NULL, "scroll right", NULL },
	{ ACT_ENTER, "enter", "<Enter>", NULL, "open the selected line", "open" },
	{ ACT_CLOSE, "close", "q", NULL, "close the view (quit from the tasks list)", "back" },
	{ ACT_QUIT, "quit", "Q", NULL, "quit iacrev", NULL },
	{ ACT_SEARCH, "search", "/", NULL, "search (a regular expression; lower case ignores case)",
	  "search" },
	{ ACT_SEARCH_NEXT, "search-next", "n", NULL, "go to the next match", NULL },
	{ ACT_SEARCH_PREV, "search-prev", "N", NULL, "go to the previous match", NULL },
	{ ACT_COMMAND, "command", ":", NULL,
	  "run a command: an action name, a line number, a config line, save-display FILE", NULL },
	{ ACT_HELP, "help", "? <F1>", NULL, "show the keys of the current view", "help" },
	{ ACT_REDRAW, "redraw", "<Ctrl-l>", NULL, "redraw the screen", NULL },

	{ ACT_SORT_NEXT, "sort-next", "o", "tasks", "sort by the next column", "sort" },
	{ ACT_SORT_REVERSE, "sort-reverse", "O", "tasks", "reverse the sort order", NULL },
	{ ACT_FILTER, "filter", "F", "tasks",
	  "filter the list (platform:cdk tq:<8 -path:archive ...; empty clears)", "filter" },

	{ ACT_VIEW_DIFF, "view-diff", "d", "tasks task failures document",
	  "the diff MODEL_RESPONSE to IDEAL_RESPONSE", "diff" },
	{ ACT_VIEW_FAILURES, "view-failures", "f", "tasks task diff document",
	  "the failure report, item by item", "failures" },
	{ ACT_VIEW_PROMPT, "view-prompt", "p", "tasks task diff failures", "the prompt", "prompt" },
	{ ACT_VIEW_HISTORY, "view-history", "h", "tasks task diff failures document",
	  "the task's history", NULL },
	{ ACT_VIEW_SCORE, "view-score", "S", "tasks task diff failures document",
	  "the score sheet", NULL },
	{ ACT_NEXT_TASK, "next-task", "J", "task diff failures document",
	  "the next task of the list, in the same view", NULL },
	{ ACT_PREV_TASK, "prev-task", "K", "task diff failures document",
	  "the previous task of the list, in the same view", NULL },

	{ ACT_RAW, "raw", "r", "document failures", "show the raw source / the rendered document",
	  "raw" },
	{ ACT_WHOLE_DOC, "whole-document", "D", "failures", "the whole failure report",
	  "document" },

	{ ACT_DIFF_SPLIT, "split", "s", "diff", "switch unified / side-by-side", "split" },
	{ ACT_NEXT_FILE, "next-file", "<Tab>", "diff", "next file", "file" },
	{ ACT_PREV_FILE, "prev-file", "<S-Tab>", "diff", "previous file", NULL },
	{ ACT_NEXT_CHANGE, "next-change", "]c", "diff", "next change", "change" },
	{ ACT_PREV_CHANGE, "prev-change", "[c", "diff", "previous change", NULL },
	{ ACT_WHITESPACE, "whitespace", "w", "diff", "ignore whitespace on / off", NULL },
	{ ACT_WHOLE_DIFF, "whole-diff", "W", "diff", "whole-document diff on / off", NULL },
	{ ACT_CONTEXT_LESS, "context-less", "{", "diff", "fewer context lines", NULL },
	{ ACT_CONTEXT_MORE, "context-more", "}", "diff", "more context lines", NULL },
	{ ACT_WRAP, "wrap", "<Ctrl-w>", "diff", "wrap long lines on / off", NULL },

	/* the score sheet; `n` is search-next elsewhere, the review queue in
	 * these two views (the keymap looks at a view's own keys first) */
	{ ACT_CAT_A, "category-a", "a", "score", "the item under the cursor is significant (A)",
	  "category" },
	{ ACT_CAT_B, "category-b", "b", "score", "the item under the cursor is moderate (B)", NULL },
	{ ACT_CAT_C, "category-c", "c", "score", "the item under the cursor is minor (C)", NULL },
	{ ACT_CAT_NOFIX, "category-none", "- x", "score",
	  "the item under the cursor is not a fix (a note, a duplicate)", NULL },
	{ ACT_TOGGLE, "toggle", "<Space>", "score",
	  "tick or untick the blocker or factor under the cursor (Enter too)", "tick" },
	{ ACT_SCORE_0, "score-0", "0", "score", "final score 0 (an override needs a reason)", NULL },
	{ ACT_SCORE_1, "score-1", "1", "score", "final score 1 (an override needs a reason)", NULL },
	{ ACT_SCORE_2, "score-2", "2", "score", "final score 2 (an override needs a reason)", NULL },
	{ ACT_SCORE_3, "score-3", "3", "score", "final score 3 (an override needs a reason)", NULL },
	{ ACT_SCORE_4, "score-4", "4", "score", "final score 4 (an override needs a reason)", NULL },
	{ ACT_SCORE_5, "score-5", "5", "score", "final score 5 (an override needs a reason)", NULL },
	{ ACT_SCORE_6, "score-6", "6", "score", "final score 6 (an override needs a reason)", NULL },
	{ ACT_SCORE_7, "score-7", "7", "score", "final score 7 (an override needs a reason)", NULL },
	{ ACT_SCORE_8, "score-8", "8", "score", "final score 8 (an override needs a reason)", NULL },
	{ ACT_SCORE_9, "score-9", "9", "score", "final score 9 (an override needs a reason)", NULL },
	{ ACT_SCORE_10, "score-10", "+", "score", "final score 10 (an override needs a reason)", NULL },
	{ ACT_SCORE_ACCEPT, "score-computed", "=", "score", "final score: accept the computed one",
	  NULL },
	{ ACT_REASON, "edit-reason", "r", "score", "edit the reason (required for an override)",
	  "reason" },
	{ ACT_NOTE, "edit-note", "e", "score", "edit the note", "note" },
	{ ACT_SAVE, "save", "<Ctrl-s>", "score", "save the review (a record in refs/notes/iacrev)",
	  "save" },
	{ ACT_REVIEW_NEXT, "review-next", "n", "task score",
	  "save the sheet and score the next task of the list (the review queue)", NULL },
	{ ACT_VIEW_LOG, "view-log", "L", "tasks task history",
	  "the repository log: every commit, newest first, with the tasks it touched", NULL },
	{ ACT_MARK_REV, "mark-revision", "m", "history",
	  "mark the revision under the cursor (again: unmark)", "mark" },
	{ ACT_DIFF_REVS, "diff-revisions", "d", "history",
	  "diff MODEL_FAILURES.md between the marked revision (else the one before) and this one",
	  "diff" },
	{ ACT_DIFF_REVS_DOC, "diff-revisions-document", "D", "history",
	  "the same for a document you name (metadata.json, MODEL_RESPONSE.md, ...)", NULL },
};

const size_t action_count = sizeof(action_table) / sizeof(action_table[0]);

const struct action_info *action_info(enum action a)
{
	for (size_t i = 0; i < action_count; i++)
		if (action_table[i].action == a)
			return &action_table[i];
	return NULL;
}

const struct action_info *action_by_name(const char *name)
{
	for (size_t i = 0; i < action_count; i++)
		if (strcmp(action_table[i].name, name) == 0)
			return &action_table[i];
	return NULL;
}

int action_in_view(const struct action_info *info, const char *view)
{
	if (!info->views)
		return 1;
	size_t n = strlen(view);
	for (const char *p = info->views; *p;) {
		const char *sp = strchr(p, ' ');
		size_t len = sp ? (size_t)(sp - p) : strlen(p);
		if (len == n && strncmp(p, view, n) == 0)
			return 1;
		if (!sp)
			break;
		p = sp + 1;
	}
	return 0;
}
