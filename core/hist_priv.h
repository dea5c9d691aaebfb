/* Helpers shared by core/history.c and core/hlog.c; not a public API. */
#ifndef IACREV_HIST_PRIV_H
#define IACREV_HIST_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hdiff.h"
#include "history.h"

/* A binary heap of 32-bit handles; `before(ctx, a, b)` is true when a
 * must come out before b. */
struct uheap {
	uint32_t *v;
	size_t n, cap;
	bool (*before)(const void *ctx, uint32_t a, uint32_t b);
	const void *ctx;
};

void uheap_push(struct uheap *h, uint32_t x);
uint32_t uheap_pop(struct uheap *h);
void uheap_free(struct uheap *h);

/* Commit order of git log: newer commit date first; on a tie, the later
 * in topological order (a child before its parent). */
bool hist_newer(const void *ix, uint32_t a, uint32_t b);

/* The tree of folder `path` ("" the root) in commit `commit`: 0, or
 * ERR_NOTFOUND when there is no such folder, ERR_MISSING when the commit
 * or a tree on the way cannot be read. */
int hist_folder_tree(struct repo *r, const git_oid *commit, const char *path, git_oid *out);

/* The documents of folder `path` whose tree is `tree` (NULL: absent);
 * a tree that cannot be read gives no documents. */
void hist_docs_of(struct repo *r, const git_oid *tree, const char *path, struct hdocs *out);

/* The documents that differ between two folders, in document order. */
void hist_docs_diff(struct repo *r, const struct hdocs *old_docs, const struct hdocs *new_docs,
		    struct hist_doc **out, size_t *n);
void hist_docs_free(struct hist_doc *v, size_t n);

/* The documents of folder `path` in commit c (HX_NONE, or no such
 * folder: none). */
void hist_commit_docs(const struct hindex *ix, struct repo *r, uint32_t c, const char *path,
		      struct hdocs *out);

/* Where the task at `rec` (added in commit c, against its first parent y)
 * came from: the folder that changed in c and, in y, held the most of the
 * same document blobs.  HX_NONE when none did. */
uint32_t hist_moved_from(const struct hindex *ix, struct repo *r, uint32_t c, uint32_t y,
			 const struct hx_rec *rec);

#endif
