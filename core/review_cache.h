/* Loading the records of every note, with a cache of decoded records by
 * note blob id under <gitdir>/iacrev/ (a blob id names its content, so an
 * entry can never go stale). */
#ifndef IACREV_REVIEW_CACHE_H
#define IACREV_REVIEW_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "notes.h"
#include "repo.h"
#include "review_set.h"

/* Add the records of every note of the notes commit to `out` (its
 * problems list names notes that cannot be read), and bring the cache up
 * to date when it can be written. */
/* Bump when review_decode changes what it makes of a line. */
#define REVIEW_CACHE_VERSION 3u

int review_cache_load(struct repo *r, const git_oid *notes_commit, struct review_set *out);

#endif
