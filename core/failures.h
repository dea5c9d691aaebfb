/* MODEL_FAILURES.md split into its failure items, by the line-oriented
 * heuristic of corpus-facts §4: numbered headings at the level that has
 * the most of them, else fallbacks (un-numbered headings, headings under a
 * severity section, bold or plain numbered lists, bullets), each item with
 * its severity (a field line, a word in the heading, a colour emoji, the
 * enclosing severity section) normalised to Critical/High/Medium/Low.
 * Lines inside code blocks (as libcmark sees them) are never headings. */
#ifndef IACREV_FAILURES_H
#define IACREV_FAILURES_H

#include <stddef.h>

#include "mdsrc.h"

enum severity {
	SEV_NONE,
	SEV_CRITICAL,
	SEV_HIGH,
	SEV_MEDIUM,
	SEV_LOW,
};

/* Where an item's severity was read. */
enum sev_source {
	SEVSRC_NONE,
	SEVSRC_FIELD,    /* "**Impact Level**: Critical", "**Severity:** High" */
	SEVSRC_HEADING,  /* "[CRITICAL]", "(High)", "- High Severity" in the heading */
	SEVSRC_EMOJI,    /* a colour emoji: red, orange, yellow, green circle */
	SEVSRC_SECTION,  /* the enclosing "## Critical Failures" */
};

/* How the items of a file were found. */
enum fail_method {
	FM_NONE,
	FM_NUMBERED_HEADINGS,
	FM_HEADINGS,          /* un-numbered headings at the most common level */
	FM_SECTION_HEADINGS,  /* headings under a severity section */
	FM_BOLD_LIST,         /* "1. **Title**" or "**1. Title**" */
	FM_NUMBERED_LIST,     /* "1. Title" at column 0 */
	FM_BULLETS,           /* "- Title" at column 0 */
};

struct failure_item {
	char *number;        /* as written ("3", "1.2", "MF-01", "b"), NULL if none */
	int ordinal;         /* 1, 2, ... in file order */
	char *title;         /* cleaned of markup, numbering and severity marks */
	enum severity severity;
	enum sev_source sev_from;
	int level;           /* heading level, 0 for a list item */
	/* Lines of the original file, 1-based, inclusive.  The body follows
	 * the heading (or list line) and may be empty: body_first > body_last. */
	int first, last;
	int body_first, body_last;
	/* The same, in normalised lines (mdsrc), for renderers. */
	int nfirst, nlast;
};

struct failures {
	struct failure_item *v;
	size_t n, cap;
	enum fail_method method;
	int lines;           /* lines of the original file */
};

/* Split a document.  Never fails: a file without items gives n == 0. */
void failures_split(struct failures *out, const char *bytes, size_t len);
/* The same on a source already normalised. */
void failures_split_src(struct failures *out, const struct mdsrc *src);
void failures_free(struct failures *f);

/* "Critical", "High", "Medium", "Low"; NULL for SEV_NONE. */
const char *severity_name(enum severity s);
/* "field", "heading", "emoji", "section"; NULL for none. */
const char *sev_source_name(enum sev_source s);
/* "numbered-headings", "headings", ...; "none". */
const char *fail_method_name(enum fail_method m);
/* A severity word ("CRITICAL", "major", "P1", "moderate") normalised;
 * SEV_NONE when the word is not one. */
enum severity severity_parse(const char *word, size_t n);

#endif
