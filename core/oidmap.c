#include "oidmap.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"

static size_t slot_of(const struct oidmap *m, const git_oid *key)
{
	uint64_t h;
	memcpy(&h, key->id, sizeof(h));
	return (size_t)h & (m->cap - 1);
}

static struct oidmap_slot *find(const struct oidmap *m, const git_oid *key)
{
	if (!m->cap)
		return NULL;
	size_t i = slot_of(m, key);
	for (;;) {
		struct oidmap_slot *s = &m->slots[i];
		if (!s->used)
			return s;
		if (git_oid_equal(&s->key, key))
			return s;
		i = (i + 1) & (m->cap - 1);
	}
}

static void grow(struct oidmap *m)
{
	size_t old_cap = m->cap;
	struct oidmap_slot *old = m->slots;
	m->cap = old_cap ? st_mult(old_cap, 2) : 64;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	m->count = 0;
	for (size_t i = 0; i < old_cap; i++) {
		if (old[i].used) {
			struct oidmap_slot *s = find(m, &old[i].key);
			*s = old[i];
			m->count++;
		}
	}
	free(old);
}

bool oidmap_add(struct oidmap *m, const git_oid *key, uint64_t value, uint64_t *existing)
{
	/* keep the load under 3/4 */
	if ((m->count + 1) * 4 > m->cap * 3)
		grow(m);
	struct oidmap_slot *s = find(m, key);
	if (s->used) {
		if (existing)
			*existing = s->value;
		return false;
	}
	s->used = true;
	git_oid_cpy(&s->key, key);
	s->value = value;
	m->count++;
	return true;
}

void oidmap_put(struct oidmap *m, const git_oid *key, uint64_t value)
{
	if (!oidmap_add(m, key, value, NULL))
		find(m, key)->value = value;
}

bool oidmap_get(const struct oidmap *m, const git_oid *key, uint64_t *value)
{
	struct oidmap_slot *s = find(m, key);
	if (!s || !s->used)
		return false;
	if (value)
		*value = s->value;
	return true;
}

bool oidmap_has(const struct oidmap *m, const git_oid *key)
{
	return oidmap_get(m, key, NULL);
}

void oidmap_clear(struct oidmap *m)
{
	if (m->slots)
		memset(m->slots, 0, m->cap * sizeof(*m->slots));
	m->count = 0;
}

void oidmap_free(struct oidmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->count = 0;
}

bool oidmap_next(const struct oidmap *m, size_t *pos, const struct oidmap_slot **slot)
{
	while (*pos < m->cap) {
		const struct oidmap_slot *s = &m->slots[(*pos)++];
		if (s->used) {
			*slot = s;
			return true;
		}
	}
	return false;
}
