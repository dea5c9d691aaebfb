/* Task-level tree diff: which task folders, and which of their documents,
 * differ between two trees.  Trees are compared top-down and a subtree is
 * read only when its id differs on the two sides, so a commit that touches
 * one task costs a handful of tree reads however large the repository is.
 * A folder is a task by the rule of core/task.h, on either side. */
#ifndef IACREV_HDIFF_H
#define IACREV_HDIFF_H

#include <git2.h>
#include <stdbool.h>
#include <stddef.h>

#include "task.h"

/* What changed in a task folder.  The first four bits are 1 << doc_kind
 * for the canonical turn-1 documents (PROMPT.md, ...). */
enum hchange {
	HC_PROMPT = 1u << DOC_PROMPT,
	HC_MODEL = 1u << DOC_MODEL,
	HC_IDEAL = 1u << DOC_IDEAL,
	HC_FAILURES = 1u << DOC_FAILURES,
	HC_TURNS = 1u << 4,    /* another document: PROMPT2.md, MODEL_RESPONSE3.md, ... */
	HC_META = 1u << 5,     /* metadata.json */
	HC_OTHER = 1u << 6,    /* any other file of the folder (for the root: of lib/) */
	HC_ADDED = 1u << 7,    /* the folder is not a task in the old tree */
	HC_DELETED = 1u << 8,  /* the folder is not a task in the new tree */
};
#define HC_DOCS (HC_PROMPT | HC_MODEL | HC_IDEAL | HC_FAILURES | HC_TURNS | HC_META)

struct hdiff_change {
	const char *path;          /* the folder, "" for the repository root */
	size_t path_len;
	unsigned mask;             /* enum hchange bits */
	const git_oid *old_tree;   /* the folder's tree before, NULL when absent */
	const git_oid *new_tree;   /* and after */
};

struct hdiff_stats {
	size_t trees_read;
	size_t missing_trees;      /* subtrees that could not be read (skipped) */
	char *first_missing;       /* a message naming the first of them; caller frees */
};

/* Called for every task folder that differs; a nonzero return stops the
 * diff and is returned by hdiff_trees. */
typedef int (*hdiff_fn)(const struct hdiff_change *c, void *payload);

/* Compare two root trees by id (either may be NULL: the empty tree),
 * reading them raw from `odb`.  Trees missing from the object store are
 * skipped and counted in `stats` (which may be NULL).  Returns 0, or the
 * callback's nonzero value. */
int hdiff_trees(git_odb *odb, const git_oid *old_tree, const git_oid *new_tree,
		hdiff_fn fn, void *payload, struct hdiff_stats *stats);

/* The documents of a task folder: metadata.json and the task documents of
 * lib/, by name, with their blob ids. */
struct hdoc {
	char *name;          /* "metadata.json" or the file name inside lib/ */
	git_oid blob;
	unsigned bit;        /* its enum hchange bit */
};

struct hdocs {
	struct hdoc *v;
	size_t n, cap;
	bool task;           /* the folder is a task */
};

/* Read the documents of the folder tree `tree` (NULL: an absent folder).
 * `is_lib` says that the folder is itself named lib (its metadata.json is
 * then a stale copy that does not count).  ERR_MISSING when the folder
 * tree cannot be read; a missing lib/ tree leaves the documents of lib/
 * out. */
int hdocs_read(git_repository *git, const git_oid *tree, bool is_lib, struct hdocs *out);
const struct hdoc *hdocs_find(const struct hdocs *d, const char *name);
/* The document with this blob id, or NULL. */
const struct hdoc *hdocs_find_blob(const struct hdocs *d, const git_oid *blob);
/* Whether two folders hold the same documents (names and blobs). */
bool hdocs_equal(const struct hdocs *a, const struct hdocs *b);
void hdocs_free(struct hdocs *d);

/* The enum hchange bit of a document name inside lib/ (0 when the name
 * is not a task document). */
unsigned hchange_doc_bit(const char *name);
/* "prompt", "model", "ideal", "failures", "turns", "metadata", "other",
 * "added", "deleted" for a single bit. */
const char *hchange_name(unsigned bit);

#endif
