/* Putting styled lines on the terminal: styles to colour pairs and
 * attributes (256 or 8 colours, monochrome with NO_COLOR or a terminal
 * without colours), config overrides, and a text mirror of what was drawn
 * so that `:save-display` writes exactly the screen. */
#ifndef IACREV_TUI_DRAW_H
#define IACREV_TUI_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/sline.h"
#include "config.h"

/* After curses is up: choose the colour mode and set the pairs from the
 * defaults and the overrides (an array of S__COUNT, may be NULL). */
void draw_init(bool want_color, const struct color_spec *overrides);
/* Re-apply after a `color` command. */
void draw_set_colors(const struct color_spec *overrides);
bool draw_has_color(void);

/* Draw columns [from, from + width) of line l at row y, padding with
 * spaces of style `fill`.  With `whole_style` >= 0 the line is drawn in
 * that style only (the cursor line), keeping S_MATCH spans. */
void draw_line(int y, const struct sline *l, size_t from, int width, int fill, int whole_style);
/* Draw trusted text at row y (chrome). */
void draw_text(int y, int style, const char *text);

/* The mirror of the screen, one text line per row. */
void draw_mirror_resize(int rows, int cols);
void draw_mirror_free(void);
/* Write the screen as text: rows joined by newlines, trailing blanks
 * dropped, to a file replaced atomically (core/afile).  < 0 with the
 * message set on an error. */
int draw_mirror_save(const char *path);

#endif
