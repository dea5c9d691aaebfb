/* A growable byte buffer; always NUL-terminated after the first write so
 * that ptr can be handed to C string functions (the content may still hold
 * NULs of its own: len is the truth). */
#ifndef IACREV_BUF_H
#define IACREV_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *ptr;
	size_t len;
	size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

void buf_grow(struct buf *b, size_t extra);
void buf_put(struct buf *b, const void *data, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void buf_truncate(struct buf *b, size_t len);
/* Hand over the bytes (never NULL) and reset the buffer. */
char *buf_detach(struct buf *b);
/* The content as a C string ("" when empty). */
const char *buf_cstr(struct buf *b);
void buf_free(struct buf *b);

#endif
