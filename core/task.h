/* Tasks: discovery in a revision's tree by the rule of domain.md (a folder
 * whose lib/ holds one of the four documents, or which holds metadata.json,
 * outside templates/ and dot-folders), in one tree walk that can be done in
 * bounded steps so that a view shows tasks while the walk goes on. */
#ifndef IACREV_TASK_H
#define IACREV_TASK_H

#include <git2.h>
#include <stdbool.h>
#include <stddef.h>

#include "meta.h"
#include "repo.h"

enum doc_kind {
	DOC_PROMPT,
	DOC_MODEL,
	DOC_IDEAL,
	DOC_FAILURES,
	DOC_KINDS
};

/* "PROMPT.md", "MODEL_RESPONSE.md", ... for turn 1. */
const char *doc_kind_file(enum doc_kind k);
/* The one-letter mark used in lists: P, M, I, F. */
char doc_kind_letter(enum doc_kind k);
/* Parse a file name inside lib/: kind and turn ("PROMPT 2.md" → PROMPT, 2).
 * Returns false when the name is not a task document. */
bool doc_parse_name(const char *name, enum doc_kind *kind, int *turn);

struct task_doc {
	char *name;          /* the file name inside lib/ */
	enum doc_kind kind;
	int turn;            /* 1 for PROMPT.md, 2 for PROMPT2.md, ... */
	git_oid blob;
	bool missing;        /* the blob is not in the object store */
};

struct task {
	char *path;          /* "" for a task at the repository root */
	git_oid tree;        /* the task folder's tree */
	struct task_doc *docs;  /* sorted by kind, then turn, then name */
	size_t ndocs;
	bool has_meta;
	git_oid meta_blob;
	struct meta meta;    /* meta.error says why it could not be read */
};

/* The display form of a task path: "." for the root. */
const char *task_display_path(const struct task *t);
/* The turn-1 document of a kind, or NULL. */
const struct task_doc *task_doc(const struct task *t, enum doc_kind kind);
/* The document with this file name (inside lib/), or NULL. */
const struct task_doc *task_doc_by_name(const struct task *t, const char *name);
/* The path of a document in the repository ("archive/x/Pr1/lib/PROMPT.md"). */
char *task_doc_path(const struct task *t, const struct task_doc *d);

struct task_list {
	struct task *v;
	size_t n, cap;
	git_oid commit;
	/* Folders that could not be read (missing trees), one message each. */
	char **problems;
	size_t nproblems;
};

void task_list_init(struct task_list *l);
void task_list_free(struct task_list *l);
/* The task with exactly this path ("." or "" for the root), or NULL. */
struct task *task_list_find(struct task_list *l, const char *path);

struct task_scan;

int task_scan_new(struct task_scan **out, struct repo *r, const git_oid *commit);
/* Walk at most `budget` tree entries, appending the tasks found to `list`
 * (in tree order).  Returns 1 while work remains, 0 when done, < 0 on an
 * error that stops the walk (the root tree is missing). */
int task_scan_step(struct task_scan *s, struct task_list *list, size_t budget);
/* Tree entries visited so far, for a progress mark. */
size_t task_scan_visited(const struct task_scan *s);
void task_scan_free(struct task_scan *s);

/* Discover every task of `commit` at once.  The metadata.json files are
 * read and parsed on worker threads while the walk goes on (each with a
 * repository of its own), with the same results as task_scan_step. */
int task_list_load(struct repo *r, const git_oid *commit, struct task_list *out);
/* Worker threads for task_list_load: n >= 0 sets the number (0: none,
 * at most 3), n < 0 restores the default (CPUs - 1, at most 3). */
void task_set_meta_workers(int n);

/* Load the one task at `path` ("" or "." for the root) by the scanner's
 * rule, reading only that folder: what a command or a view needs to open
 * one task of a 3,000-task repository.  ERR_NOTFOUND ("no task at 'x' in
 * REV") when the folder is absent or not a task. */
int task_load_path(struct repo *r, const git_oid *commit, const char *path, struct task *out);
/* The same without reading metadata.json (t->meta stays empty; has_meta
 * and meta_blob are set): for a command that reads only the documents. */
int task_load_docs(struct repo *r, const git_oid *commit, const char *path, struct task *out);
/* Free a task loaded by task_load_path or task_load_docs. */
void task_free_one(struct task *t);

#endif
