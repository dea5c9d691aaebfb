/* The work's history index, shared by the log, commit and history views:
 * opened from its file and brought up to date for the work's revision
 * (and the mainline, which bounds the root task's lineage) in bounded
 * steps, so the views that need it call hstate_step from their step()
 * and keep answering keys while it builds.  The shell also steps it when
 * idle (hstate_background_step), from the start of the workbench, so that
 * it is usually ready before a history view is opened. */
#ifndef IACREV_VIEWS_HSTATE_H
#define IACREV_VIEWS_HSTATE_H

#include "../core/hindex.h"
#include "view.h"

/* Some work on the index: 1 while it is not ready (v's progress mark says
 * how far), 0 when it is (hstate_index answers), < 0 when it cannot be
 * built (err_set; the next calls fail the same way). */
int hstate_step(struct view *v);
/* The same work with nobody waiting for it: the shell builds the index
 * between key polls while no view is loading, so that the history views
 * open at once later.  1 while work remains, 0 when the index is ready or
 * cannot be built (the views say why when they are opened). */
int hstate_background_step(struct work *w);
/* Whether hstate_background_step has work left (never when git config
 * iacrev.historyInBackground is false: the views build it when opened). */
bool hstate_background_pending(struct work *w);
/* How far the build is ("building history index: comparing trees 12/80"),
 * or NULL when none runs. */
const char *hstate_progress(const struct work *w);
/* The index, or NULL until hstate_step returned 0. */
const struct hindex *hstate_index(struct view *v);
/* A warning about the index to show once (it could not be saved), or NULL. */
const char *hstate_warning(struct view *v);
/* Report hstate_warning once the index is ready, as an error message. */
void hstate_report_warning(struct view *v);
/* "The history is cut at <id>: <why>" (a shallow clone or a missing
 * parent) into l, for the views that list commits. */
void hstate_cut_note(struct view *v, struct sline *l, const git_oid *at);
/* Free the index of w (at exit). */
void hstate_free(struct work *w);

#endif
