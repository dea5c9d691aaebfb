/* The checksum of the on-disk caches (reviews.cache, meta.cache): reads
 * 8 bytes at a time, since the caches run to tens of megabytes.  Not
 * cryptographic: it finds cut and damaged files, not forged ones. */
#ifndef IACREV_CSUM_H
#define IACREV_CSUM_H

#include <stddef.h>
#include <stdint.h>

uint64_t csum64(const void *data, size_t n);

#endif
