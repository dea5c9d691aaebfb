/* The view interface, in the manner of tig's `struct view_ops`.
 *
 * A view turns a core model into styled lines (core/sline.h) and handles
 * its own actions; it never draws and never calls curses or libgit2 (it
 * may call core/).  The shell (tui/) keeps a stack of views, draws the
 * lines of the top one under a title line, with a status line, a key-hint
 * bar and a prompt line, and turns keys into actions (views/actions.h).
 *
 * Slow work is done in step(): the shell calls it between key polls while
 * it returns 1, so the first screen comes before the data is all read and
 * keys are answered while loading.  A view's lines may grow while it
 * steps; the shell redraws after every slice of steps.
 *
 * Lifetime: the shell allocates `struct view` and `private_size` zeroed
 * bytes (v->priv), sets v->width and v->height, then calls open(); done()
 * frees what the view allocated (not priv itself). */
#ifndef IACREV_VIEWS_VIEW_H
#define IACREV_VIEWS_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/buf.h"
#include "../core/repo.h"
#include "../core/sline.h"
#include "../core/task.h"
#include "actions.h"

/* What every view shares: the repository, the revision and its tasks. */
struct work {
	struct repo *repo;
	git_oid commit;
	char *rev;            /* as the user named it ("HEAD", "main~2") */
	char rev_short[11];   /* the commit's short id */
	char *repo_name;      /* the repository's folder name, for the status line */
	/* The revision's tasks, filled progressively by the tasks view's
	 * scan; entries never move (indexes stay valid), but the array
	 * may be reallocated: hold indexes or paths, not pointers. */
	struct task_list tasks;
	bool tasks_loaded;
	/* The order the tasks list shows (indexes into tasks.v) and the
	 * index of the task under its cursor (SIZE_MAX: none). */
	const size_t *order;
	size_t norder;
	size_t selected;
	/* The review records (views/reviews.h), loaded on first use. */
	struct work_reviews *reviews;
	/* The history index, shared by the history views (views/hstate.h). */
	struct hstate *hist;
};

/* What a view is opened on.  Each field may be NULL. */
struct view_args {
	const char *task;     /* a task path ("." for the root task) */
	const char *doc;      /* a file in the task: a name inside lib/ or a path */
	int mode;             /* the view's own meaning (0 by default) */
	/* The revision to read the task at; NULL: the revision of the view it
	 * is opened from (the work's revision from the tasks list).  The task,
	 * diff, failures, document and raw views read everything there, and
	 * the shell shows it in their title. */
	const git_oid *commit;
	const void *data;     /* a view's own payload (views/revdiff.h) */
};

enum view_flags {
	/* The view has a cursor line (a list): j/k move the cursor and the
	 * screen follows.  Without it the view is a pager: j/k scroll. */
	VF_CURSOR = 1 << 0,
	/* The view must not be pushed twice in a row (help on help). */
	VF_SINGLE = 1 << 1,
};

enum view_key_result {
	VIEW_KEY_UNHANDLED = 0,  /* the shell applies its default (moving, ...) */
	VIEW_KEY_HANDLED = 1,
};

struct view;
struct view_search;

struct view_ops {
	const char *name;      /* "tasks": the keymap's and the config's view name */
	unsigned flags;        /* enum view_flags */
	size_t private_size;   /* bytes of v->priv */
	/* Open on args; < 0 with err_set() refuses (the message is shown and
	 * the view is not pushed).  Keep it fast: slow work goes to step(). */
	int (*open)(struct view *v, const struct view_args *args);
	/* Bounded work (a few milliseconds): 1 while work remains, 0 when
	 * done, < 0 on an error (err_msg() is shown; the view stays).  NULL:
	 * the view never has work left. */
	int (*step)(struct view *v);
	/* The view's own action, repeated `count` times where that makes
	 * sense (count is 1 without a typed count). */
	enum view_key_result (*key)(struct view *v, enum action a, int count);
	size_t (*line_count)(struct view *v);
	/* Line i (< line_count).  The result stays valid until the next call
	 * of line() or any change of the view. */
	const struct sline *(*line)(struct view *v, size_t i);
	/* A fixed line above the lines (a column header), or NULL. */
	const struct sline *(*header)(struct view *v);
	/* Whether line i matches the search (so n/N find matches off screen
	 * in the model).  NULL: the shell searches the text of line(i). */
	bool (*grep)(struct view *v, size_t i, const struct view_search *s);
	/* The cursor (or top line of a pager) moved to v->cursor. */
	void (*select)(struct view *v);
	/* v->width or v->height changed: re-layout (side-by-side...). */
	void (*resize)(struct view *v);
	/* Free what the view allocated. */
	void (*done)(struct view *v);
};

struct view {
	const struct view_ops *ops;
	struct work *work;
	void *priv;
	/* Set by the shell: the columns and rows for the view's lines. */
	int width, height;
	/* The cursor line (VF_CURSOR) or the top line (pagers), and the first
	 * line shown.  A view may set cursor (then call view_show_line). */
	size_t cursor, top;
	size_t col;            /* horizontal scroll, in columns */
	/* Shell-owned state (title, progress, loading); use the calls below. */
	char *title;
	char *progress;
	bool loading;
	struct view *below;    /* the view under this one on the stack */
	/* The revision the view reads (view_args.commit, or inherited):
	 * at_rev false means the work's revision. */
	bool at_rev;
	git_oid rev;
	char rev_short[11];
};

/* -- what the shell offers views (implemented in tui/shell.c) -- */

/* Open a view on top of `from` (NULL: replace nothing, push on top).
 * On failure the message is shown and -1 returned. */
int view_push(struct view *from, const struct view_ops *ops, const struct view_args *args);
/* Open the view registered under `name` ("diff"); "the diff view is not
 * available yet" when nobody registered it. */
int view_push_named(struct view *from, const char *name, const struct view_args *args);
/* Whether v is the view on screen (the top of the stack). */
bool view_is_top(const struct view *v);
/* Close v (it must be the top view); the view below shows again. */
void view_close(struct view *v);
/* The status message (untrusted text is fine: it is sanitised). */
void view_message(struct view *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void view_error(struct view *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Ask for a line of text; done(v, answer) runs with the answer, or with
 * NULL when the user cancels (Esc, Ctrl-c).  `initial` may be NULL. */
void view_prompt(struct view *v, const char *label, const char *initial,
		 void (*done)(struct view *v, const char *answer));
/* The lines changed: redraw (cheap; the shell redraws once per frame). */
void view_redraw(struct view *v);
/* The title line's text and the progress mark of the status line
 * (NULL: none).  Untrusted text is fine. */
void view_set_title(struct view *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void view_set_progress(struct view *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Move the cursor (or the top line of a pager) to line i and scroll so
 * that it is on screen. */
void view_show_line(struct view *v, size_t i);

/* The path of the task `delta` places from `path` in the tasks list's
 * order (J/K), or NULL at either end or when the list does not hold it. */
const char *view_task_neighbor(struct view *v, const char *path, int delta);
/* The commit view v reads (its revision, else the work's) and its short
 * id; NULL from view_rev_or_null when it is the work's revision. */
const git_oid *view_commit(const struct view *v);
const char *view_commit_short(const struct view *v);
const git_oid *view_rev_or_null(const struct view *v);
/* Load the task at `path` of the view's revision into *out (the caller
 * frees it with task_free_one).  < 0 with a message when it is not there. */
int view_load_task(struct view *v, const char *path, struct task *out);

/* The keys bound to action `a` in the view named `view_name`, as
 * "j Down Ctrl-n", appended to out (the help view lists them). */
void view_action_keys(const char *view_name, enum action a, struct buf *out);

/* -- search -- */

/* A compiled search (the shell owns it; views only test text with it). */
bool view_search_match(const struct view_search *s, const char *text, size_t len);

/* Read file `name` of task t: a document of lib/ by name (its blob, so a
 * missing object is named), else a path inside the task.  *path (may be
 * NULL) gets the file's path in the repository; the caller frees it. */
int view_read_task_file(struct view *v, const struct task *t, const char *name, char **path,
			struct buf *out);
/* Open file `doc` of task `task`: Markdown in the document view (when it
 * exists), anything else in the raw view. */
int view_open_doc(struct view *from, const char *task, const char *doc);
/* The same at a revision (NULL: from's revision). */
int view_open_doc_at(struct view *from, const char *task, const char *doc, const git_oid *commit);

/* -- the views iacrev knows (views/view.c) -- */
extern const struct view_ops tasks_view_ops;
extern const struct view_ops task_view_ops;
extern const struct view_ops help_view_ops;
extern const struct view_ops blob_view_ops;
extern const struct view_ops diff_view_ops;
extern const struct view_ops document_view_ops;
extern const struct view_ops failures_view_ops;
extern const struct view_ops scoresheet_view_ops;
extern const struct view_ops history_view_ops;
extern const struct view_ops log_view_ops;
extern const struct view_ops commit_view_ops;
extern const struct view_ops revdiff_view_ops;
/* NULL when no view of that name exists (yet). */
const struct view_ops *view_find(const char *name);

#endif
