/* A bump allocator for libcmark, one per thread.  A parse allocates a node
 * and a buffer or two for every block and inline of the document (hundreds
 * a document) and frees them all together: malloc and free for each were
 * 7% of `iacrev diff --stat` over every task.  Small allocations come from
 * the thread's chunks and their free is a no-op; large ones (a big code
 * block's text, the parser's line buffer) go to malloc as before, so a
 * growing buffer is not copied from chunk to chunk.  Whoever parses with
 * cmark_arena_mem() calls cmark_arena_reset() once the parser, the tree
 * and any iterator are freed. */
#ifndef IACREV_CMARK_ARENA_H
#define IACREV_CMARK_ARENA_H

#include <cmark.h>

cmark_mem *cmark_arena_mem(void);
/* Free this thread's chunks: every small allocation is gone. */
void cmark_arena_reset(void);

#endif
