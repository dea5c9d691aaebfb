/* Files iacrev writes where a person asked (exports, saved screens):
 * written whole to a temporary file beside the target, flushed to disk,
 * then renamed over it, so that the target is the old file or the new
 * one, never a cut one, and a symbolic link at the target is replaced,
 * not followed. */
#ifndef IACREV_AFILE_H
#define IACREV_AFILE_H

#include <stdio.h>

/* `fill` writes the content to the stream and returns 0 or a negative
 * error (message set).  Returns 0, or < 0 with a message naming path. */
int afile_write(const char *path, int (*fill)(FILE *f, void *payload), void *payload);

#endif
