/* Fuzz target: the token diff of two lines (core/tokdiff).  The input is
 * split at its first NUL (or in the middle) into line a and line b; the
 * changed ranges must lie inside their line, in order, and equal lines
 * must have none. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/tokdiff.h"

static void check_spans(const struct tok_span *v, size_t n, size_t len)
{
	size_t end = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i].start < end || (size_t)v[i].start + v[i].len > len)
			__builtin_trap();
		end = (size_t)v[i].start + v[i].len;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *nul = memchr(s, '\0', size);
	size_t an = nul ? (size_t)(nul - s) : size / 2;
	const char *b = s + an + (nul ? 1 : 0);
	size_t bn = size - (size_t)(b - s);

	struct tok *toks = NULL;
	size_t nt = tok_split(s, an, &toks);
	size_t at = 0;
	for (size_t i = 0; i < nt; i++) {
		if (toks[i].off != at || !toks[i].len)
			__builtin_trap();
		at += toks[i].len;
	}
	if (at != an)
		__builtin_trap();
	free(toks);

	struct tok_sig sa, sb;
	tok_sig_make(&sa, s, an);
	tok_sig_make(&sb, b, bn);
	for (size_t i = 1; i < sa.n; i++)
		if (sa.h[i - 1] > sa.h[i])
			__builtin_trap();
	unsigned dice = tok_sig_dice(&sa, &sb);
	if (dice > 1000 || tok_sig_dice(&sa, &sa) != 1000 || dice != tok_sig_dice(&sb, &sa))
		__builtin_trap();
	tok_sig_free(&sa);
	tok_sig_free(&sb);

	for (int ws = 0; ws < 2; ws++) {
		struct tok_diff d;
		memset(&d, 0, sizeof(d));
		if (tok_diff(s, an, b, bn, ws, &d) == 0) {
			check_spans(d.a, d.na, an);
			check_spans(d.b, d.nb, bn);
			if (d.same > 1000)
				__builtin_trap();
		}
		tok_diff_free(&d);
	}
	struct tok_diff same;
	memset(&same, 0, sizeof(same));
	if (tok_diff(s, an, s, an, false, &same) == 0 && (same.na || same.nb))
		__builtin_trap();
	tok_diff_free(&same);
	return 0;
}
