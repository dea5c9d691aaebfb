/* Files iacrev writes where a person asked (exports, saved screens):
 * written whole to a temporary file beside the target, flushed to disk,
 * then renamed over it, so that the target is the old file or the new
 * one, never a cut one, and a symbolic link at the target is replaced,
 * not followed.  The caches and the history index share the temporary
 * file step (afile_mktemp). */
#ifndef IACREV_AFILE_H
#define IACREV_AFILE_H

#include <stdio.h>

/* `fill` writes the content to the stream and returns 0 or a negative
 * error (message set).  Returns 0, or < 0 with a message naming path. */
int afile_write(const char *path, int (*fill)(FILE *f, void *payload), void *payload);

/* The first half of afile_write, for writers with their own error
 * policy (the caches, the history index): creates path.tmp.XXXXXX
 * beside path with mkstemp (a name nobody can have planted) and the mode
 * a new file gets under the umask.  Returns the descriptor and sets *tmp
 * (free it), or -1 with errno set and *tmp NULL.  The caller writes,
 * closes, then renames *tmp over path or unlinks it. */
int afile_mktemp(const char *path, char **tmp);

#endif
