/* Words inside lines: the tokens of a line (runs of word characters, runs
 * of blanks, single punctuation bytes), a cheap similarity of two lines
 * from their token multisets, and the token diff of a pair of lines, done
 * by libgit2 on buffers holding one token per line. */
#ifndef IACREV_TOKDIFF_H
#define IACREV_TOKDIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tok {
	uint32_t off, len;
	uint32_t hash;
	bool blank;      /* spaces and tabs */
};

/* The tokens of s[0..n); the caller frees *out.  Returns the count. */
size_t tok_split(const char *s, size_t n, struct tok **out);

/* A line's signature: the sorted hashes of its non-blank tokens. */
struct tok_sig {
	uint32_t *h;
	size_t n;
};

void tok_sig_make(struct tok_sig *sig, const char *s, size_t n);
/* Append the hashes of the non-blank tokens of s[0..n) to a vector. */
void tok_hashes(const char *s, size_t n, uint32_t **v, size_t *len, size_t *cap);
/* Sort hashes ascending (insertion sort when few, else radix sort). */
void tok_sort(uint32_t *v, size_t n);
void tok_sig_free(struct tok_sig *sig);
/* Dice coefficient of two signatures as multisets, 0..1000.  Two empty
 * signatures are equal (1000); one empty one is nothing alike (0). */
unsigned tok_sig_dice(const struct tok_sig *a, const struct tok_sig *b);

/* A changed byte range of a line. */
struct tok_span {
	uint32_t start, len;
};

struct tok_diff {
	struct tok_span *a, *b;   /* changed ranges of each line, in order */
	size_t na, nb;
	size_t tokens;            /* tokens compared, for the caller's budget */
	unsigned same;            /* Dice of the unchanged tokens, 0..1000 */
};

/* The token diff of lines a and b.  Blank tokens are left out of the
 * comparison when ignore_ws is set; changed ranges separated only by
 * blanks are joined.  Returns < 0 when libgit2 fails (message set). */
int tok_diff(const char *a, size_t an, const char *b, size_t bn, bool ignore_ws,
	     struct tok_diff *out);
void tok_diff_free(struct tok_diff *d);

#endif
