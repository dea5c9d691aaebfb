/* Which screens are built in.  The diff, document and failures screens
 * wrap renderers that come from other branches (views/diff.c with
 * core/rdiff; views/document.c and views/failures.c with core/failures):
 * their view files compile to nothing, and the registry leaves them out,
 * until those renderers are in the tree.  Then they are on, with no
 * further change (and this file can go). */
#ifndef IACREV_VIEWS_AVAILABLE_H
#define IACREV_VIEWS_AVAILABLE_H

#if __has_include("diff.h") && __has_include("../core/rdiff.h") && __has_include("../core/mdoc.h")
#define IACREV_HAVE_DIFF_VIEW 1
#endif

#if __has_include("document.h") && __has_include("../core/mdsrc.h")
#define IACREV_HAVE_DOCUMENT_VIEW 1
#endif

#if __has_include("failures.h") && __has_include("document.h") && __has_include("../core/failures.h")
#define IACREV_HAVE_FAILURES_VIEW 1
#endif

#endif
