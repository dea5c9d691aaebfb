/* libcmark's allocations from per-thread chunks (see cmark_arena.h). */
#include "cmark_arena.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

enum {
	CHUNK = 64 * 1024,
	LARGE = 8 * 1024,   /* from here on, malloc */
};

/* Before every allocation: its size and where it lives. */
struct head {
	size_t size;
	size_t large;      /* 1: malloc'd on its own */
};
#define ALIGN alignof(max_align_t)
#define HEAD ((sizeof(struct head) + ALIGN - 1) / ALIGN * ALIGN)

struct chunk {
	struct chunk *next;
	size_t used, size;
	alignas(max_align_t) unsigned char data[];
};

static _Thread_local struct chunk *chunks;  /* the newest first */
static _Thread_local void *last;            /* the newest small allocation */

static struct head *head_of(void *p)
{
	return (struct head *)((unsigned char *)p - HEAD);
}

static void *large_alloc(size_t size)
{
	struct head *h = xmalloc(st_add(HEAD, size));
	h->size = size;
	h->large = 1;
	return (unsigned char *)h + HEAD;
}

static void *small_alloc(size_t size)
{
	size_t need = HEAD + (size + ALIGN - 1) / ALIGN * ALIGN;
	if (!chunks || chunks->size - chunks->used < need) {
		struct chunk *c = xmalloc(sizeof(struct chunk) + CHUNK);
		c->next = chunks;
		c->used = 0;
		c->size = CHUNK;
		chunks = c;
	}
	struct head *h = (struct head *)(chunks->data + chunks->used);
	chunks->used += need;
	h->size = size;
	h->large = 0;
	last = (unsigned char *)h + HEAD;
	return last;
}

static void *arena_alloc(size_t size)
{
	return size >= LARGE ? large_alloc(size) : small_alloc(size);
}

static void *arena_calloc(size_t n, size_t size)
{
	size_t total = st_mult(n, size);
	void *p = arena_alloc(total);
	memset(p, 0, total);
	return p;
}

static void *arena_realloc(void *p, size_t size)
{
	if (!p)
		return arena_alloc(size);
	struct head *h = head_of(p);
	if (h->large && size >= LARGE) {
		h = xrealloc(h, st_add(HEAD, size));
		h->size = size;
		return (unsigned char *)h + HEAD;
	}
	/* The newest small allocation grows in place while its chunk has room. */
	if (!h->large && p == last && size < LARGE) {
		size_t start = (size_t)((unsigned char *)h - chunks->data);
		size_t need = HEAD + (size + ALIGN - 1) / ALIGN * ALIGN;
		if (chunks->size - start >= need) {
			chunks->used = start + need;
			h->size = size;
			return p;
		}
	}
	void *q = arena_alloc(size);
	memcpy(q, p, h->size < size ? h->size : size);
	if (h->large)
		free(h);
	return q;
}

static void arena_free(void *p)
{
	if (p && head_of(p)->large)
		free(head_of(p));
	/* a small one goes with its chunk */
}

static cmark_mem arena = { arena_calloc, arena_realloc, arena_free };

cmark_mem *cmark_arena_mem(void)
{
	return &arena;
}

void cmark_arena_reset(void)
{
	while (chunks) {
		struct chunk *next = chunks->next;
		free(chunks);
		chunks = next;
	}
	last = NULL;
}
