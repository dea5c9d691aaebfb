/* Rows of the history screens, shared with `iacrev log`: a commit of the
 * repository log (date, author, subject, tasks touched) and a revision of
 * a task's lineage (date, author, score, documents changed, path, subject).
 * Everything from the repository goes through sline_add. */
#ifndef IACREV_VIEWS_LOG_H
#define IACREV_VIEWS_LOG_H

#include <jansson.h>
#include <stddef.h>

#include "../core/hindex.h"
#include "../core/history.h"
#include "../core/sline.h"

/* Columns the author takes in a row. */
#define LOG_AUTHOR_COLS 16
/* At most this many task paths are named in a log row. */
#define LOG_MAX_TASKS 3

/* A task path as shown: "." for the root task ("" or NULL). */
const char *log_task_path(const char *path);

/* "abcdef1234  2025-07-01 11:00  Author  Subject  [archive/x/Pr1 (new), . (gone)]" */
void log_row_line(struct sline *l, const struct hist_commit *c, const struct hindex *ix, uint32_t cidx);
json_t *log_row_json(const struct hist_commit *c, const struct hindex *ix, uint32_t cidx);

/* The document marks of a revision: P, M, I, F for the four documents,
 * t for a later-turn document, m for metadata.json; '-' unchanged, 'x'
 * deleted, '!' changed but unreadable (the blob is missing).  out holds
 * 7 bytes. */
void lineage_docs_mark(const struct hist_rev *rev, char out[8]);
/* The score cell: "9", "8.5", "none", or "!" when metadata.json cannot be
 * read or parsed. */
void lineage_score_text(const struct hist_score *s, char out[16]);
/* The path cell: "archive/x/Pr1 <- ." when the task moved there. */
char *lineage_path_text(const struct hist_rev *rev);
/* "abcdef1234  2025-07-01 11:00  Author  9     ---F-m  archive/x/Pr1  Subject";
 * the path column is path_cols wide. */
void lineage_row_line(struct sline *l, const struct hist_rev *rev, const struct hist_commit *c,
		      size_t path_cols);
json_t *lineage_rev_json(const struct hist_lineage *lin, const struct hist_rev *rev,
			 const struct hist_commit *c);

#endif
