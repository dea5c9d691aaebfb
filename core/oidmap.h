/* A hash map from object ids to 64-bit values (an index, an offset, a
 * pointer cast), open addressing with linear probing.  Object ids are
 * already uniformly distributed, so their first bytes are the hash. */
#ifndef IACREV_OIDMAP_H
#define IACREV_OIDMAP_H

#include <git2.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct oidmap_slot {
	git_oid key;
	uint64_t value;
	bool used;
};

struct oidmap {
	struct oidmap_slot *slots;
	size_t cap;    /* a power of two, or 0 */
	size_t count;
};

#define OIDMAP_INIT { NULL, 0, 0 }

/* Insert or replace. */
void oidmap_put(struct oidmap *m, const git_oid *key, uint64_t value);
/* Insert only if absent; returns true when inserted, false when present
 * (then *existing, if not NULL, receives the stored value). */
bool oidmap_add(struct oidmap *m, const git_oid *key, uint64_t value, uint64_t *existing);
bool oidmap_get(const struct oidmap *m, const git_oid *key, uint64_t *value);
bool oidmap_has(const struct oidmap *m, const git_oid *key);
void oidmap_clear(struct oidmap *m);
void oidmap_free(struct oidmap *m);

/* Iterate: for (size_t i = 0; oidmap_next(m, &i, &slot);) */
bool oidmap_next(const struct oidmap *m, size_t *pos, const struct oidmap_slot **slot);

#endif
