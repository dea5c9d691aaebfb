/* Review records (reviews-in-git.md §5.2): one JSON object a line, keys in
 * a fixed order, kept in the notes ref refs/notes/iacrev and attached to
 * the commit that last changed the reviewed task.  A record carries its own
 * identity (task path, task tree, reviewed commit), so it is loaded and
 * shown even when that commit is missing or the task moved.
 *
 * Records are never edited: a newer record of the same reviewer names the
 * one it replaces in `supersedes`; a withdrawn score is a record with a
 * null score.  Lines iacrev cannot parse are kept as opaque records. */
#ifndef IACREV_REVIEW_H
#define IACREV_REVIEW_H

#include <git2.h>
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rubric.h"

#define REVIEW_REF "refs/notes/iacrev"
#define REVIEW_VERSION 1
#define REVIEW_NO_SCORE (-1)

struct review_item {
	int n;                 /* the item's number, 1-based, in file order */
	char *title;           /* its title when reviewed (valid UTF-8) */
	enum rubric_cat cat;
};

struct review_record {
	/* where the line was found */
	git_oid bucket;        /* the annotated object */
	git_oid blob;          /* the note blob that holds the line */
	uint32_t lineno;       /* the line's number in that blob, 1-based */
	char *line;            /* the line as stored, without '\n' */
	size_t len;
	bool parsed;           /* false: an opaque line, kept as is */
	char *why;             /* why it is opaque */

	/* the fields, in the order they are written */
	int v;
	char *at;              /* "2026-11-22T10:15:30.123Z" */
	uint64_t id;
	char *task;
	git_oid tree, commit;
	char *by_name, *by_email;
	bool has_supersedes;
	uint64_t supersedes;
	char *rubric;
	bool has_answers;      /* false: scored directly (--score), "answers": null */
	unsigned blockers;     /* 1u << RB_x */
	struct review_item *items;
	size_t nitems;
	unsigned factors;      /* 1u << RF_x */
	bool localstack;
	int computed;          /* REVIEW_NO_SCORE when there are no answers */
	int score;             /* REVIEW_NO_SCORE: withdrawn */
	char *reason;          /* NULL when none */
	char *note;
	int64_t secs;          /* -1 when absent */

	/* strings point into memory the review set owns (its cache file):
	 * review_record_free frees only the items array */
	bool borrowed;

	/* set by review_set_load */
	bool superseded;       /* another record of the reviewer names it */
	bool unknown_supersedes; /* names an id this reviewer never wrote (here) */
	bool current;
};

void review_record_free(struct review_record *r);

/* The record as one compact JSON line, keys in the fixed order; every
 * string repaired to valid UTF-8.  The caller frees. */
char *review_encode(const struct review_record *r);
/* The record as a JSON object (same keys and order). */
json_t *review_to_json(const struct review_record *r);
/* jsonx_dump_line, with DEL (which JSON allows raw) escaped as \u007f:
 * the line never holds a control byte.  The caller frees. */
char *review_json_line(const json_t *v);
/* Parse one line.  Always fills `out` (line, len, bucket left to the
 * caller): parsed = false with `why` for a line that is not a version-1
 * record. */
void review_decode(const char *line, size_t len, struct review_record *out);

/* "9f3c2a7d1e4b8c05". */
void review_id_hex(char out[17], uint64_t id);
/* 64 random bits (getrandom). */
uint64_t review_new_id(void);
/* Now, UTC, with milliseconds: "2026-11-22T10:15:30.123Z".  The caller frees. */
char *review_now(void);

/* The rubric answers of a record, for rubric_compute; `cats` receives the
 * categories (the caller frees). */
void review_answers(const struct review_record *r, struct rubric_answers *a,
		    enum rubric_cat **cats);

#endif
