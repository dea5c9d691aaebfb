/* The prompt's line editor: UTF-8 text with a cursor that moves by
 * character, Backspace and Delete by character, word and line kills, and
 * a history (Up/Down).  Keys are tui/keys.h codes; no curses here. */
#ifndef IACREV_TUI_LINEEDIT_H
#define IACREV_TUI_LINEEDIT_H

#include <stddef.h>

#include "../core/buf.h"

struct history {
	char **v;
	size_t n, cap;
};

struct lineedit {
	struct buf text;
	size_t cursor;          /* a byte offset on a character boundary */
	struct history *hist;   /* may be NULL */
	size_t hist_pos;        /* == hist->n when editing a new line */
	char *draft;            /* the new line, kept while browsing history */
};

enum le_result {
	LE_CONTINUE,   /* keep editing */
	LE_DONE,       /* Enter */
	LE_CANCEL,     /* Esc, Ctrl-c, Ctrl-g, or Backspace on an empty line */
};

void le_init(struct lineedit *le, const char *initial, struct history *hist);
void le_free(struct lineedit *le);
enum le_result le_key(struct lineedit *le, int key);
const char *le_text(struct lineedit *le);
/* Columns before the cursor, as sline_add would show the text. */
size_t le_cursor_cols(const struct lineedit *le);

/* Add a line to a history (not when empty or equal to the last one). */
void history_add(struct history *h, const char *line);
void history_free(struct history *h);

#endif
