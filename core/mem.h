/* Allocation that cannot fail silently: on exhaustion iacrev stops with a
 * message (as git does), and every size computation is checked for overflow. */
#ifndef IACREV_MEM_H
#define IACREV_MEM_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* realloc for count*size bytes, refusing a product that overflows. */
void *xreallocarray(void *p, size_t count, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* a + b, aborting on overflow. */
size_t st_add(size_t a, size_t b);
size_t st_mult(size_t a, size_t b);

/* Grow *vec (of element size `size`) so that it holds at least `need` items. */
#define VEC_GROW(vec, need, cap) \
	do { \
		if ((size_t)(need) > (cap)) { \
			size_t vec_new_cap_ = (cap) ? (cap) : 8; \
			while (vec_new_cap_ < (size_t)(need)) \
				vec_new_cap_ = st_mult(vec_new_cap_, 2); \
			(vec) = xreallocarray((vec), vec_new_cap_, sizeof(*(vec))); \
			(cap) = vec_new_cap_; \
		} \
	} while (0)

#endif
