/* The line model: what every view produces and what both the terminal
 * (tui/draw) and the command line (tui/print) show.  A line is sanitised
 * UTF-8 text (no control bytes, no invalid sequences, tabs expanded) with
 * spans that give each byte range a style, and its width in columns. */
#ifndef IACREV_SLINE_H
#define IACREV_SLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum style {
	S_NORMAL,
	S_DIM,
	S_BOLD,
	S_TITLE,      /* the title line */
	S_STATUS,     /* the status line */
	S_HINT,       /* the key-hint bar */
	S_KEY,        /* a key name in help or hints */
	S_HEADER,     /* a column header or section title */
	S_SELECTED,   /* the cursor line */
	S_PATH,       /* a task path or file name */
	S_ID,         /* a commit id, po_id */
	S_DATE,
	S_AUTHOR,
	S_NUMBER,     /* scores, counts */
	S_OK,
	S_WARN,
	S_ERROR,
	S_CTRL,       /* a control character shown escaped (^[, <U+202E>) */
	S_MATCH,      /* a search match */
	/* diff */
	S_DIFF_FILE,
	S_DIFF_HUNK,
	S_DIFF_ADD,
	S_DIFF_DEL,
	S_DIFF_ADD_WORD,
	S_DIFF_DEL_WORD,
	S_DIFF_CONTEXT,
	S_DIFF_LINENO,
	S_DIFF_FILLER,  /* the blank side of an unpaired side-by-side row */
	S_DIFF_WRAP,    /* the continuation mark of a wrapped row */
	/* documents */
	S_MD_HEADING1,
	S_MD_HEADING2,
	S_MD_HEADING3,
	S_MD_EMPH,
	S_MD_STRONG,
	S_MD_CODE,       /* inline code and code blocks */
	S_MD_CODE_FRAME, /* the frame around a code block */
	S_MD_LINK,
	S_MD_QUOTE,
	S_MD_RULE,
	S_MD_TABLE,
	S_MD_BULLET,
	/* severity badges */
	S_SEV_CRITICAL,
	S_SEV_HIGH,
	S_SEV_MEDIUM,
	S_SEV_LOW,
	S__COUNT
};

/* The style names used by config files ("color AREA FG BG") and tests. */
const char *style_name(int style);
int style_by_name(const char *name);

struct span {
	uint32_t start; /* byte offset in text */
	uint32_t len;
	uint16_t style;
};

struct sline {
	char *text;
	uint32_t len, cap;
	struct span *spans;
	uint32_t nspans, spancap;
	uint32_t cols;   /* display width */
	uint32_t flags;  /* the view's own marks */
	intptr_t ref;    /* the view's link from the line back to its model */
};

#define SLINE_TABSTOP 8

void sline_init(struct sline *l);
void sline_free(struct sline *l);
/* Empty the line, keeping its memory. */
void sline_clear(struct sline *l);
/* Append untrusted bytes: invalid UTF-8 shown as U+FFFD, tabs expanded
 * from the start of this line, CR/LF and every control or format
 * character shown escaped in S_CTRL. */
void sline_add(struct sline *l, int style, const char *bytes, size_t n);
void sline_adds(struct sline *l, int style, const char *s);
void sline_addf(struct sline *l, int style, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Append spaces until the line is `cols` wide (nothing if it already is). */
void sline_pad(struct sline *l, int style, size_t cols);
/* Append `n` copies of a (trusted, printable) UTF-8 string of width 1. */
void sline_repeat(struct sline *l, int style, const char *unit, size_t n);
/* Append a sanitised line as is, spans included. */
void sline_append(struct sline *dst, const struct sline *src);
/* Append the columns [from, from + ncols) of src; a wide character cut by
 * either edge becomes spaces.  Returns the columns appended. */
size_t sline_slice(struct sline *dst, const struct sline *src, size_t from, size_t ncols);
/* Drop trailing spaces. */
void sline_rtrim(struct sline *l);
/* Give the bytes [start, start+len) the style `style` (splitting spans). */
void sline_restyle(struct sline *l, uint32_t start, uint32_t len, int style);
/* The style of the byte at offset off. */
int sline_style_at(const struct sline *l, uint32_t off);

/* A growable list of lines. */
struct slist {
	struct sline *v;
	size_t n, cap;
};

/* A new empty line at the end of the list. */
struct sline *slist_push(struct slist *list);
void slist_clear(struct slist *list);
void slist_free(struct slist *list);

#endif
