/* The config file ($XDG_CONFIG_HOME/iacrev/config, default
 * ~/.config/iacrev/config), one setting a line:
 *
 *   # a comment
 *   bind VIEW KEY ACTION      VIEW: tasks, task, diff, ... or generic
 *                             ACTION: an action name, or none to unbind
 *   color AREA FG BG [ATTR...]  AREA: a style name (title, cursor, diff-add)
 *                             FG/BG: default, black, red, green, yellow,
 *                             blue, magenta, cyan, white, bright-COLOR, 0-255
 *                             ATTR: bold dim underline reverse italic blink normal
 *
 * A bad line is reported with its line number and skipped.  The parser
 * knows nothing of curses, so it can be tested and fuzzed on its own; the
 * same lines work as `:` commands. */
#ifndef IACREV_TUI_CONFIG_H
#define IACREV_TUI_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/buf.h"
#include "../core/sline.h"
#include "keymap.h"

enum color_attr {
	CA_BOLD = 1 << 0,
	CA_DIM = 1 << 1,
	CA_UNDERLINE = 1 << 2,
	CA_REVERSE = 1 << 3,
	CA_ITALIC = 1 << 4,
	CA_BLINK = 1 << 5,
};

#define COLOR_DEFAULT (-1)

struct color_spec {
	short fg, bg;        /* COLOR_DEFAULT or 0..255 */
	unsigned attrs;      /* enum color_attr */
	bool set;            /* a config line gave it */
};

struct config {
	struct keymap *keymap;
	struct color_spec colors[S__COUNT];
};

/* Apply one line; -1 with the reason in err (without a line number). */
int config_line(struct config *c, const char *line, struct buf *err);
/* Apply a whole file's text; each bad line is passed to report() as
 * "FILE:LINE: reason".  Returns the number of bad lines. */
int config_parse(struct config *c, const char *text, size_t len, const char *file,
		 void (*report)(const char *msg, void *payload), void *payload);
/* Read and apply a file; a missing file is no error.  -1 when it exists
 * but cannot be read (reported). */
int config_load(struct config *c, const char *path,
		void (*report)(const char *msg, void *payload), void *payload);
/* $XDG_CONFIG_HOME/iacrev/config or ~/.config/iacrev/config (NULL when
 * neither variable is set).  The caller frees. */
char *config_default_path(void);
/* A colour name or number; -2 when unknown. */
int config_color_by_name(const char *name);

#endif
