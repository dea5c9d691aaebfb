/* The response diff: MODEL_RESPONSE against IDEAL_RESPONSE, file by file.
 *
 * The code blocks of the two documents are paired (same path, then same
 * basename, then a language found once on each side, then the most similar
 * block of the same language); each pair, each block found on one side
 * only, and the prose outside the blocks is a "file".  A file's diff is
 * computed on demand (one file at a time, so a view can work lazily):
 * libgit2's patience line diff, the deleted and added lines of each change
 * aligned by similarity into rows, and the changed words of each similar
 * pair.  The model keeps every row of the file, so hunks for any number of
 * context lines, and any rendering width, come without recomputing.
 *
 * Bounded cost (limits chosen from corpus-facts.md: the largest real pair
 * is 8,402 x 2,496 lines, the longest line 14,645 bytes):
 *   - a side over RDIFF_MAX_LINES lines or RDIFF_MAX_BYTES bytes is not
 *     line-diffed: shown as removed and added whole (RDIFF_NOTE_TOO_LARGE);
 *   - a change of d deleted and a added lines with d*a over
 *     RDIFF_ALIGN_MAX_CELLS is aligned by position (RDIFF_NOTE_ALIGN);
 *   - lines over RDIFF_WORD_MAX_LINE bytes get no word highlight
 *     (RDIFF_NOTE_LONG_LINE), nor does anything past RDIFF_WORD_MAX_TOKENS
 *     tokens in one file (RDIFF_NOTE_WORD_BUDGET);
 *   - block pairing by similarity stops past RDIFF_PAIR_MAX_WORK token
 *     comparisons or RDIFF_PAIR_MAX_CANDIDATES alike pairs
 *     (rdiff.notes & RDIFF_NOTE_PAIR_BUDGET).
 * Each coarser path sets a note, and the views say so. */
#ifndef IACREV_RDIFF_H
#define IACREV_RDIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mdoc.h"

#define RDIFF_MAX_LINES 100000
#define RDIFF_MAX_BYTES (8u << 20)
#define RDIFF_ALIGN_MAX_CELLS 250000
#define RDIFF_WORD_MAX_LINE 16384
#define RDIFF_WORD_MAX_TOKENS 2000000
#define RDIFF_PAIR_MAX_WORK 20000000
#define RDIFF_PAIR_MAX_CANDIDATES 1000000
/* Two lines are a pair (aligned, word-highlighted) at this token Dice. */
#define RDIFF_LINE_SIMILAR 500
/* ...and keep their word highlight when this share of words is unchanged. */
#define RDIFF_WORDS_SIMILAR 500
/* Blocks pair by similarity at this line Dice, or at this token Dice. */
#define RDIFF_BLOCK_LINE_SIMILAR 300
#define RDIFF_BLOCK_TOKEN_SIMILAR 600
/* A language found once on each side pairs at this token Dice. */
#define RDIFF_BLOCK_WEAK_SIMILAR 200
/* A file under this similarity (percent) is "rewritten". */
#define RDIFF_REWRITTEN 10
/* Pairing that covers under this share of code lines suggests --whole. */
#define RDIFF_LOW_COVERAGE 50

enum rdiff_kind {
	RDIFF_BLOCK,     /* a code block (or a pair of them) */
	RDIFF_PROSE,     /* the text outside code blocks */
	RDIFF_DOCUMENT,  /* the whole document */
};

enum rdiff_status {
	RDIFF_PAIRED,
	RDIFF_ONLY_MODEL,
	RDIFF_ONLY_IDEAL,
};

/* Which step of the cascade paired two blocks. */
enum rdiff_how {
	RDIFF_BY_NONE,
	RDIFF_BY_PATH,
	RDIFF_BY_BASENAME,
	RDIFF_BY_LANGUAGE,
	RDIFF_BY_SIMILARITY,
};

enum {
	RDIFF_IGNORE_WS = 1 << 0,  /* as git diff -w */
	RDIFF_NO_WORDS = 1 << 1,   /* skip word highlights (statistics only) */
};

enum {
	RDIFF_NOTE_TOO_LARGE = 1 << 0,
	RDIFF_NOTE_ALIGN = 1 << 1,
	RDIFF_NOTE_LONG_LINE = 1 << 2,
	RDIFF_NOTE_WORD_BUDGET = 1 << 3,
	RDIFF_NOTE_PAIR_BUDGET = 1 << 4,
};

struct rdiff_stats {
	size_t added, removed;   /* lines, as git diff --numstat counts them */
	size_t changed;          /* removed/added pairs of similar lines */
	size_t same;             /* unchanged lines */
	size_t a_text, b_text;   /* non-blank lines of each side */
	unsigned similarity;     /* shared non-blank lines / the larger side's, percent */
};

/* A changed byte range of a line, for the word highlight. */
struct rdiff_span {
	uint32_t start, len;
};

enum rdiff_row_kind {
	RDIFF_ROW_SAME,
	RDIFF_ROW_CHANGE,
};

/* One aligned row: a line of each side (index into the file's a / b text;
 * -1 when that side has none), as side-by-side shows them. */
struct rdiff_row {
	int32_t a, b;
	uint8_t kind;      /* enum rdiff_row_kind */
	bool similar;      /* a changed pair of similar lines */
	uint32_t aspan, bspan;    /* first span in file->spans */
	uint32_t naspan, nbspan;
};

/* A run of change rows [first, end). */
struct rdiff_change {
	size_t first, end;
};

/* A hunk for a given number of context lines: rows [first, end) and the
 * source lines they cover (git's -a,b +c,d in document line numbers). */
struct rdiff_hunk {
	size_t first, end;
	uint32_t a_line, a_count, b_line, b_count;
};

struct rdiff_file {
	enum rdiff_kind kind;
	enum rdiff_status status;
	enum rdiff_how how;
	char *name;                        /* for display */
	const char *lang;                  /* "" when unknown */
	const struct mdoc_block *ablock;   /* MODEL's block, or NULL */
	const struct mdoc_block *bblock;   /* IDEAL's block, or NULL */
	const struct mdoc_text *a, *b;     /* the lines of each side (maybe empty) */
	/* The diff, once computed: */
	bool computed;
	unsigned notes;                    /* RDIFF_NOTE_* */
	struct rdiff_stats stats;
	struct rdiff_row *rows;
	size_t nrows;
	struct rdiff_change *changes;
	size_t nchanges;
	struct rdiff_span *spans;
	size_t nspans;
};

struct rdiff {
	const struct mdoc *model, *ideal;
	unsigned flags;            /* RDIFF_IGNORE_WS, RDIFF_NO_WORDS */
	unsigned notes;            /* RDIFF_NOTE_PAIR_BUDGET */
	/* Paired and IDEAL-only blocks in IDEAL's order, then MODEL-only
	 * blocks in MODEL's order, then the prose (left out when neither
	 * document has prose). */
	struct rdiff_file *files;
	size_t nfiles;
	struct rdiff_file whole;   /* the whole-document diff */
	/* Share of code-block lines (both sides) that sit in paired blocks. */
	unsigned coverage;
	size_t code_lines;         /* lines in code blocks, both sides */
};

/* Pair the blocks of two parsed documents (which must outlive the diff).
 * Nothing is diffed yet. */
struct rdiff *rdiff_new(const struct mdoc *model, const struct mdoc *ideal, unsigned flags);
void rdiff_free(struct rdiff *rd);
/* Change RDIFF_IGNORE_WS / RDIFF_NO_WORDS; computed diffs are dropped. */
void rdiff_set_flags(struct rdiff *rd, unsigned flags);

/* Drop a file's computed diff. */
void rdiff_file_reset(struct rdiff_file *f);
/* Diff one file (no-op when already computed).  Returns < 0 only when
 * libgit2 fails (message set). */
int rdiff_compute(struct rdiff *rd, struct rdiff_file *f);
/* Every file, and the whole document when `whole`. */
int rdiff_compute_all(struct rdiff *rd, bool whole);

/* The hunks of a computed file for `context` lines of context (changes
 * closer than 2*context+1 lines share a hunk).  The caller frees *out. */
size_t rdiff_hunks(const struct rdiff_file *f, unsigned context, struct rdiff_hunk **out);

/* Words for a computed file: "only in MODEL", "only in IDEAL", "moved"
 * (same name in another folder), "renamed", "identical", "rewritten"
 * (under RDIFF_REWRITTEN % shared), "modified"; the first that applies. */
const char *rdiff_file_state(const struct rdiff_file *f);
/* "path", "basename", "language", "similarity", "" */
const char *rdiff_how_name(enum rdiff_how how);

#endif
