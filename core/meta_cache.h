/* Parsed metadata.json kept between runs in <gitdir>/iacrev/meta.cache.
 * Reading and parsing the 3,300 metadata.json blobs of a large repository
 * was half the CPU of `iacrev tasks`; a cached entry is decoded instead.
 *
 * Why an entry cannot go stale: meta_parse is a function of the bytes and
 * the path (messages name it), and an entry is keyed by the blob id (which
 * names the bytes) and the path.  What could change is the parser: the
 * file records the identity of the iacrev binary that wrote it (size,
 * modification time, inode of /proc/self/exe), and any other binary
 * ignores the file and writes its own.  A file that is cut or does not
 * match its checksum is ignored.  Writing is best effort (a read-only
 * repository simply has no cache). */
#ifndef IACREV_META_CACHE_H
#define IACREV_META_CACHE_H

#include <git2.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meta.h"

struct meta_cache;

/* Load the cache of a repository (never fails: it may be empty). */
struct meta_cache *meta_cache_open(const char *gitdir);
/* The entry for (blob, path) decoded into *out (which the caller frees
 * with meta_free); false when there is none. */
bool meta_cache_get(struct meta_cache *c, const git_oid *blob, const char *path, struct meta *out);
/* Remember a freshly parsed result. */
void meta_cache_put(struct meta_cache *c, const git_oid *blob, const char *path, const struct meta *m);
/* Rewrite the file with the entries used since it was opened, if any was
 * missing; then free the cache. */
void meta_cache_close(struct meta_cache *c);

/* For the fuzz target that frames damaged files (the entries' checksum
 * is csum64 of core/csum.h): the stamp of this binary (false when it
 * cannot be read). */
bool meta_cache_binary_stamp(uint64_t stamp[3]);

#endif
