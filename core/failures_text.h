/* The words of a failure report, for the splitter (core/failures.c):
 * item numbering, severity words, severity sections, report boilerplate,
 * field lines and titles.  Each function reads one line's bytes [p, e). */
#ifndef IACREV_FAILURES_TEXT_H
#define IACREV_FAILURES_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "failures.h"

struct numbering {
	const char *num;     /* the number as written */
	size_t numlen;
	const char *rest;    /* the title after it */
	enum severity sev;   /* a severity written in the prefix */
	bool keyword;        /* "Issue 3": never a section */
};

static inline bool ftext_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static inline bool ftext_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline bool ftext_is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

const char *ftext_skip_ws(const char *p, const char *e);
/* The end of [p, e) without trailing blanks. */
const char *ftext_trim_end(const char *p, const char *e);
/* An em or en dash at p. */
bool ftext_is_dash(const char *p, const char *e);
/* Skip blanks, emphasis markers and pictographs ("🔴", "❌", "⚠️"). */
const char *ftext_skip_decor(const char *p, const char *e);
/* Digits with optional ".N" parts ("12", "1.2"): the end, or p if none. */
const char *ftext_scan_dotted(const char *p, const char *e, bool *dotted);

/* An item number at the start of a heading: "1.", "2)", "1.1", "1\\.",
 * "[3]", "#4", "Issue 5:", "Critical Failure #6", "MF-01:", "a.". */
bool ftext_numbering(const char *p, const char *e, struct numbering *nb);
/* The severity of a section heading ("Critical Failures", "High Severity
 * Issues", "Minor Issues and Style Problems"); *negated for "No Critical
 * Failures". */
enum severity ftext_section(const char *p, const char *e, bool *negated);
/* A parent whose children are not failures: "What the model got right",
 * "Strengths", "Lessons", "Recommendations". */
bool ftext_excluded_parent(const char *p, const char *e);
/* A heading that reports success with a check mark. */
bool ftext_check_mark(const char *p, const char *e);
/* A parent of remedies ("The Fixes Applied", "Testing Improvements"). */
bool ftext_remedy_parent(const char *p, const char *e);
/* Report structure ("Summary", "Root Cause", "Fix Applied");
 * *opening when the first word alone decides it ("Summary of Fixes"). */
bool ftext_boilerplate(const char *p, const char *e, bool *opening);
/* A field line: "**Impact Level**: Critical", "- **Severity:** HIGH". */
enum severity ftext_field_severity(const char *p, const char *e);
/* A severity in a heading: "[CRITICAL]", "(High)", "- High Severity". */
enum severity ftext_heading_severity(const char *p, const char *e);
/* A colour circle: red, orange, yellow, green. */
enum severity ftext_emoji_severity(const char *p, const char *e);
/* The title without markup, numbering and severity marks; caller frees. */
char *ftext_clean_title(const char *p, const char *e);

#endif
