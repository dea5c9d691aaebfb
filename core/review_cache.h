/* Loading the records of every note, with a cache of decoded records by
 * note blob id under <gitdir>/iacrev/ (a blob id names its content, so an
 * entry can never go stale). */
#ifndef IACREV_REVIEW_CACHE_H
#define IACREV_REVIEW_CACHE_H

#include "notes.h"
#include "repo.h"
#include "review_set.h"

/* Add the records of every note of `l` to `out`. */
int review_cache_fill(struct repo *r, const struct notes_list *l, struct review_set *out);

#endif
