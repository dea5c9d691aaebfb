/* metadata.json as people really write it: read with jansson, every field
 * kept raw for display and normalised (aliases, case) for filtering, and
 * every oddity turned into a problem line rather than a failure. */
#ifndef IACREV_META_H
#define IACREV_META_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* training_quality: a number 0–10, or none with the reason. */
struct tq {
	bool has;        /* a usable value */
	double value;
	char *raw;       /* the JSON text of the value as found, or NULL if absent */
	char *reason;    /* why there is no value, or how it was read ("from a string") */
};

struct meta_field {
	char *raw;         /* as written (NULL when absent); lists joined with ", " */
	char *norm;        /* normalised: lower case, aliases resolved (NULL when absent) */
};

struct meta {
	struct meta_field platform, language, complexity;
	struct meta_field subtask, region, po_id, team, author, started_at;
	char **subject_labels;
	size_t n_subject_labels;
	char **aws_services;
	size_t n_aws_services;
	struct tq tq;
	/* The parse error ("metadata.json: line 11, column 3: ...") or NULL. */
	char *error;
	/* Other problems found, one sentence each. */
	char **problems;
	size_t n_problems;
};

/* Parse `len` bytes of `path` (for messages).  Never fails: a malformed
 * file yields meta->error and empty fields. */
void meta_parse(struct meta *m, const char *path, const char *bytes, size_t len);
void meta_free(struct meta *m);

/* Normalise a platform, language or complexity value (lower case, alias
 * resolved).  Returns a new string. */
char *meta_norm_platform(const char *raw);
char *meta_norm_language(const char *raw);
char *meta_norm_complexity(const char *raw);

/* Format the score for display: "9", "8.5" or "none". */
void tq_format(const struct tq *t, char out[16]);

#endif
