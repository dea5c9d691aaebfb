/* The workbench: curses set-up, the view stack, the input loop (keys are
 * polled with a zero timeout while a view has work left, whose step() is
 * called between polls; the loop blocks on the keyboard when idle), the
 * title, status, key-hint and prompt lines, search, counts, the config
 * file, script mode and a clean exit on q, Q and signals. */
#ifndef IACREV_TUI_SHELL_H
#define IACREV_TUI_SHELL_H

#include <stdio.h>

#include "../views/view.h"

struct shell_options {
	const char *script;   /* IACREV_SCRIPT: keys and commands from a file */
	const char *config;   /* NULL: the default config path */
	/* Open straight on a task (the tasks list stays the root), and on
	 * one of its views: "diff", "failures", "prompt", "history", "doc". */
	const char *task;
	const char *view;
	const char *doc;      /* the file for "doc" */
};

/* Run the workbench on `work` until the user quits; returns the exit
 * code (0, or 128 + the signal that ended it, 1 for a bad script). */
int shell_run(struct work *work, const struct shell_options *opt);

/* Print the key list from the action table: format "man" (roff for
 * share/iacrev.1) or "text". */
int shell_dump_keys(FILE *f, const char *format);

#endif
