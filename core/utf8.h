/* UTF-8 for untrusted bytes: decode with replacement, measure columns,
 * and decide which code points must be shown escaped, never sent raw. */
#ifndef IACREV_UTF8_H
#define IACREV_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/* Decode the code point at s[0..n) (n > 0).  Returns the bytes consumed,
 * at least 1; an invalid or truncated sequence yields U+FFFD and consumes
 * exactly one byte so that no byte is ever skipped silently. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encode cp into out; returns 1..4. */
size_t utf8_encode(uint32_t cp, char out[4]);
bool utf8_valid(const char *s, size_t n);
/* A copy with every invalid sequence replaced by U+FFFD and NULs kept. */
char *utf8_repair(const char *s, size_t n, size_t *out_len);

/* Columns a code point takes on a terminal: 0, 1 or 2, or -1 when it must
 * be shown in an escaped form (controls, bidi and other format characters,
 * unassigned or non-printable code points). */
int utf8_width(uint32_t cp);
/* Whether the code point is dropped from display altogether (variation
 * selectors: terminals disagree on the width they give the base). */
bool utf8_is_dropped(uint32_t cp);
/* The visible form of a code point whose width is -1: "^[" for C0 controls,
 * "^?" for DEL, "<U+202E>" otherwise.  Returns the length written (< 16). */
size_t utf8_escape(uint32_t cp, char out[16]);
/* Columns of a string as utf8_width counts them, escapes included. */
size_t utf8_columns(const char *s, size_t n);

/* Pick a UTF-8 character type for wcwidth(): the user's locale if it is
 * UTF-8, else C.UTF-8.  Call once at start. */
void utf8_locale_init(void);

#endif
