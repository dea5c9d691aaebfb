/* A response document (MODEL_RESPONSE.md, IDEAL_RESPONSE.md) read the way
 * CommonMark reads it (libcmark): prose sections and fenced code blocks,
 * each block with its language, its lines in the source and the file it
 * stands for.  The bytes are untrusted: a BOM is dropped, CRLF and lone CR
 * become LF (CommonMark's line endings, so line numbers agree with cmark),
 * invalid UTF-8 is replaced by U+FFFD and NULs are kept (the renderer shows
 * them as ^@).  Every line keeps its 1-based number in the document. */
#ifndef IACREV_MDOC_H
#define IACREV_MDOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One line of text: no '\n', may hold NULs; not NUL-terminated. */
struct mdoc_line {
	const char *s;
	uint32_t len;
	uint32_t no;    /* 1-based line number in the document */
};

/* A sequence of lines: the whole document, its prose, or a block body. */
struct mdoc_text {
	struct mdoc_line *v;
	size_t n;
};

/* How a block's file name was found, in the order the conventions are
 * tried (corpus-facts.md §2): the first that matches wins. */
enum mdoc_label {
	MDOC_LABEL_NONE,
	MDOC_LABEL_INFO,      /* ```typescript lib/tap-stack.ts */
	MDOC_LABEL_HEADING,   /* ## File: lib/x.ts just above */
	MDOC_LABEL_BOLD,      /* **File: `x.py`** just above */
	MDOC_LABEL_CODESPAN,  /* `lib/modules.ts`: alone on the line above */
	MDOC_LABEL_PROSE,     /* Create a separate file `x.json` to ...: */
	MDOC_LABEL_COMMENT,   /* // lib/x.ts on the block's first line */
};

struct mdoc_block {
	char *info;            /* the info string as written ("" when none) */
	char *lang;            /* normalised language ("" when none) */
	char *path;            /* the file the block stands for, or NULL */
	enum mdoc_label label;
	uint32_t label_line;   /* the line that named the file (0: none) */
	uint32_t fence_line;   /* the opening fence */
	uint32_t close_line;   /* the closing fence; 0 when unterminated */
	uint32_t last_line;    /* the block's last line (fence or body) */
	/* No closing fence: CommonMark leaves the block open to the end of
	 * its container (usually the file: a ```markdown block with inner
	 * fences, or an answer cut off). */
	bool unterminated;
	bool nested;           /* inside a list item or block quote */
	struct mdoc_text body;
	char *owned;           /* body bytes of a nested block (else NULL) */
};

/* A run of prose lines between blocks. */
struct mdoc_section {
	uint32_t first, last;  /* line numbers, inclusive */
};

enum {
	MDOC_HAD_BOM = 1 << 0,
	MDOC_HAD_CRLF = 1 << 1,
	MDOC_HAD_CR = 1 << 2,          /* a lone CR, read as a line end */
	MDOC_HAD_INVALID_UTF8 = 1 << 3,
	MDOC_HAD_NUL = 1 << 4,
};

struct mdoc {
	char *text;            /* the normalised bytes */
	size_t len;
	struct mdoc_text lines;  /* every line */
	struct mdoc_text prose;  /* lines outside fenced blocks and their fences */
	struct mdoc_block *blocks;
	size_t nblocks;
	struct mdoc_section *sections;
	size_t nsections;
	unsigned flags;        /* MDOC_HAD_* */
};

/* Parse `len` untrusted bytes.  Never fails on content; returns < 0 only
 * when libcmark does (message set). */
int mdoc_parse(struct mdoc **out, const char *bytes, size_t len);
void mdoc_free(struct mdoc *d);

/* The number of blocks whose fence is never closed. */
size_t mdoc_unterminated(const struct mdoc *d);

/* "heading", "bold", ... for messages and tests. */
const char *mdoc_label_name(enum mdoc_label label);

/* The normalised language of an info string: its first word, lower case,
 * aliases resolved (ts → typescript, py → python, yml → yaml,
 * tf/terraform → hcl, js → javascript, md → markdown, txt/plaintext →
 * text, sh/shell/zsh → bash, golang → go).  A new string. */
char *mdoc_lang_norm(const char *info);

/* Whether a token looks like a file path: no spaces, and a last component
 * with a known source extension (ts, py, tf, json, yaml, ...) or a known
 * name (Dockerfile, Makefile, ...). */
bool mdoc_pathlike(const char *s, size_t n);

/* The file a line names, as the label detector reads it, or NULL.  `kind`
 * says what the line is taken for (heading, bold, code-span line, prose,
 * comment); `lang` (may be "") breaks ties between several names in prose.
 * Exposed for tests. */
char *mdoc_label_from_line(const char *line, size_t n, enum mdoc_label *kind, const char *lang);
/* The file named in an info string after its language, or NULL. */
char *mdoc_label_from_info(const char *info);
/* The file named by a comment line (// lib/x.ts, # x.py, """x.py), or NULL. */
char *mdoc_label_from_comment(const char *line, size_t n);

#endif
