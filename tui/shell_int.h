/* The shell's own state and the functions its files share (shell.c: the
 * stack and the loop; input.c: keys, actions, commands and the prompt;
 * search.c; render.c; script.c).  Not for views: they use views/view.h. */
#ifndef IACREV_TUI_SHELL_INT_H
#define IACREV_TUI_SHELL_INT_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "config.h"
#include "keymap.h"
#include "keys.h"
#include "lineedit.h"
#include "shell.h"

/* Below this size the views are not drawn, only a notice. */
#define MIN_COLS 40
#define MIN_ROWS 10
/* Rows that are not the view's: title, status, hints, message/prompt. */
#define CHROME_ROWS 4
/* Work between two polls of the keyboard, in milliseconds. */
#define SLICE_MS 12
#define WHEEL_LINES 3

struct view_search {
	regex_t re;
	char *pattern;
};

enum { HIST_SEARCH, HIST_COMMAND, HIST_OTHER, HIST__COUNT };

struct shell {
	struct work *work;
	struct keymap keymap;
	struct config config;
	struct view **stack;
	size_t depth, cap;
	struct view **closed;     /* views closed during a key, freed after it */
	size_t nclosed, closed_cap;
	bool quit, dirty;
	int exit_code;
	char *message;
	bool message_error;
	/* the prompt */
	bool prompting;
	char *prompt_label;
	struct lineedit le;
	struct view *prompt_view;
	void (*prompt_done)(struct view *v, const char *answer);
	struct history hist[HIST__COUNT];
	/* search */
	struct view_search search;
	bool has_search;
	/* keys typed so far: a count and a sequence prefix */
	struct keyseq typed;
	long count;
	/* script mode */
	bool scripted;
	char **script;
	size_t script_n, script_next;
	int *queue;               /* the keys of the current script line */
	size_t queue_n, queue_at, queue_cap;
	bool script_key;          /* the last event was a key */
	FILE *key_times;          /* IACREV_KEY_TIMES: milliseconds per key */
};

extern struct shell S;

void sh_idle_work(double ms);
void sh_message(bool error, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
size_t sh_line_count(struct view *v);
const struct sline *sh_header(struct view *v);
void sh_layout(struct view *v);
size_t sh_max_top(struct view *v);
void sh_selected(struct view *v);
size_t sh_add_clamped(size_t at, long delta, size_t limit);
void sh_move_by(struct view *v, long delta, bool page);
void sh_search_done(struct view *v, const char *answer);
void sh_search_next(struct view *v, int dir);
void sh_highlight(struct sline *l);
void sh_run_command(const char *cmd);
void sh_do_action(enum action a, long count);
void sh_on_resize(void);
void sh_resize_to(int cols, int rows);
void sh_handle_key(int key);
void sh_render(void);
int sh_script_load(const char *path);
bool sh_script_next(void);
struct view *sh_top(void);

#endif
