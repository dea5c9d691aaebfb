/* What the review subcommands share: the loaded records, the user's
 * identity, the task list's review facts, and small formatters. */
#ifndef IACREV_REVIEW_CLI_H
#define IACREV_REVIEW_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "../core/review_facts.h"
#include "../core/review_save.h"
#include "../core/review_set.h"
#include "cli.h"

struct cli_reviews {
	struct review_set set;
	struct reviewer me;     /* empty when git config user.* is unset */
	struct review_facts facts;
};

/* Load every record (warnings for unreadable notes on stderr).  Returns 0,
 * or the exit code after reporting the error. */
int cli_reviews_load(struct repo *repo, struct cli_reviews *out);
void cli_reviews_free(struct cli_reviews *cr);

/* "9", "withdrawn", "-". */
void cli_score_text(int score, bool withdrawn, char out[16]);
/* The record's reviewer as "Name <email>" (sanitised by the printer). */
char *cli_reviewer_text(const struct review_record *r);

#endif
