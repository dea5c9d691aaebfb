/* A git notes ref kept in iacrev's canonical form (reviews-in-git.md §5.3):
 * every note is the cat_sort_uniq form of its lines (non-empty, sorted
 * bytewise, unique, each ending in '\n'), written in a 2/38 fanout tree.
 * Notes are read in any layout (flat, 2/38, deeper, mixed: libgit2-facts.md
 * trap 1), and a tree in another layout is rewritten into 2/38 in the same
 * commit that adds lines, never one entry at a time.
 *
 * Writers only ever add lines.  A write is blob + tree + a commit that no
 * ref points at, then a compare-and-swap of the ref, retried with a random
 * back-off when another process won the race (libgit2-facts.md trap 3). */
#ifndef IACREV_NOTES_H
#define IACREV_NOTES_H

#include <git2.h>
#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Join several notes' bytes into one canonical note in `out`. */
void notes_canonical(struct buf *out, const char *const *texts, const size_t *lens, size_t n);
/* Whether bytes are already in canonical form. */
bool notes_is_canonical(const char *text, size_t len);

/* "ab/cdef…" for an annotated object: the 2/38 path of its note. */
void notes_path(char out[GIT_OID_HEXSZ + 2], const git_oid *object);

struct notes_entry {
	git_oid object;    /* the annotated object */
	git_oid blob;      /* the note */
	bool canonical;    /* stored at its 2/38 path */
	char *path;        /* its path in the notes tree */
};

struct notes_list {
	struct notes_entry *v;   /* sorted by object, then path */
	size_t n, cap;
	bool canonical_layout;   /* every note at its 2/38 path, one per object */
	size_t non_notes;        /* other entries (kept as they are) */
};

/* Every note of a notes tree, in any layout, in one pass. */
int notes_list_tree(git_repository *repo, const git_tree *tree, struct notes_list *out);
/* The same from a notes commit. */
int notes_list_commit(git_repository *repo, const git_oid *commit, struct notes_list *out);
void notes_list_free(struct notes_list *l);

/* The tip of a notes ref: 1 with *tip set, 0 when the ref is absent,
 * < 0 on error. */
int notes_tip(git_repository *repo, const char *ref, git_oid *tip);

struct notes_write_opts {
	const char *ref;            /* "refs/notes/iacrev" */
	const char *message;        /* commit and reflog message */
	const git_signature *sig;   /* author and committer */
	int lock_timeout_ms;        /* give up on a held lock after this long (5000) */
	unsigned *retries;          /* if not NULL, counts lost races */
};

/* Add `lines` (each without '\n'; empty lines are ignored) to the note of
 * `object`, in a new notes commit, and move the ref by compare-and-swap.
 * Returns 0 and the new notes commit in *commit_out (may be NULL); a lost
 * race is retried until the lock deadline; a held lock past the deadline
 * gives an error naming the .lock file. */
int notes_add_lines(git_repository *repo, const struct notes_write_opts *o,
		    const git_oid *object, const char *const *lines, size_t nlines,
		    git_oid *commit_out);

/* Merge the notes commit `theirs` into the ref: nothing when it is already
 * contained, a fast-forward when it contains ours, else a union merge
 * (per annotated object, the canonical union of both notes' lines; a 2/38
 * tree; a merge commit with parents ours, theirs), all by compare-and-swap.
 * *result: 0 up to date, 1 fast-forward (or created), 2 merge commit. */
int notes_merge(git_repository *repo, const struct notes_write_opts *o, const git_oid *theirs,
		int *result, git_oid *commit_out);

/* The union-merge tree of two notes commits (exposed for tests). */
int notes_union_tree(git_repository *repo, const git_oid *ours, const git_oid *theirs,
		     git_oid *tree_out);

#endif
