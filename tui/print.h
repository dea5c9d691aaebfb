/* Lines to a stream: the command-line face of the line model.  ANSI
 * colours when asked and allowed, plain text otherwise; the text itself is
 * already sanitised, so nothing from the data reaches the terminal raw. */
#ifndef IACREV_PRINT_H
#define IACREV_PRINT_H

#include <stdbool.h>
#include <stdio.h>

#include "../core/sline.h"

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* "auto", "always", "never"; -1 when unknown. */
int color_mode_parse(const char *s, enum color_mode *out);
/* Whether to colour output to `f`: never with NO_COLOR set (non-empty),
 * always/never as asked, else when f is a terminal. */
bool print_want_color(enum color_mode mode, FILE *f);
void print_line(FILE *f, const struct sline *l, bool color);
/* Print untrusted text as one sanitised line (plain). */
void print_text(FILE *f, const char *text);
/* "iacrev: MESSAGE" on stderr, sanitised. */
void report_error(const char *msg);
void report_warning(const char *msg);

#endif
