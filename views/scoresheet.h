/* The score sheet's private parts, shared by its two files:
 * views/scoresheet.c (opening, keys, saving) and views/scoresheet_lines.c
 * (the model drawn as styled lines). */
#ifndef IACREV_VIEWS_SCORESHEET_H
#define IACREV_VIEWS_SCORESHEET_H

#include <stdint.h>

#include "../core/review_sheet.h"
#include "view.h"

/* What a line is about (sline.ref). */
enum {
	REF_NONE = 0,
	REF_BLOCKER = 10,   /* + enum rubric_blocker */
	REF_FACTOR = 20,    /* + enum rubric_factor */
	REF_FINAL = 30,
	REF_REASON,
	REF_NOTE,
	REF_ITEM = 1000,    /* + the item's index */
};

struct sheet_view {
	struct task task;
	struct review_sheet s;
	bool open;
	bool show_others;
	char *error;          /* the last save that failed, shown on the sheet */
	struct slist lines;
};

static inline struct sheet_view *sheet_of(struct view *v)
{
	return v->priv;
}

/* Rebuild every line (and the title) from the sheet: after each change,
 * and on resize (long errors wrap to the width). */
void sheet_build(struct view *v);

#endif
