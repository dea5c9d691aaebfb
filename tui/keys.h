/* Keys as iacrev names them.  A key is an int: a Unicode code point for a
 * character (control characters included: Ctrl-d is 4), or KEY_FN | the
 * curses key code for the keys curses names (arrows, F1, Shift-Tab).
 *
 * Key names, as `bind` lines, scripts and the help view write them:
 *   a single character:  j  G  ]  /  <
 *   a named key in angle brackets: <Enter> <Tab> <S-Tab> <Esc> <Space>
 *     <Up> <Down> <Left> <Right> <PgUp> <PgDn> <Home> <End> <Ins> <Del>
 *     <Backspace> <F1>..<F12> <Ctrl-d> (also <C-d>, <^D>) <Lt> (a literal <)
 *   a sequence: ]c  [c  gg  <Ctrl-x>k
 * A whole word that is a key name is read as that key without brackets
 * ("Enter", "Ctrl-d", "F1"). */
#ifndef IACREV_TUI_KEYS_H
#define IACREV_TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/buf.h"

#define KEY_FN 0x1000000
#define KEYSEQ_MAX 4

enum {
	KEYC_TAB = 9,
	KEYC_ENTER = 10,
	KEYC_ESC = 27,
	KEYC_BACKSPACE = 127,
};

struct keyseq {
	int keys[KEYSEQ_MAX];
	int n;
};

/* Parse a key sequence; -1 with a message in err (may be NULL) when a
 * name is unknown or the sequence is longer than KEYSEQ_MAX. */
int keyseq_parse(const char *spec, struct keyseq *out, struct buf *err);
/* Parse a script line of keys (any length): calls fn for each key. */
int keys_parse_stream(const char *spec, void (*fn)(int key, void *payload), void *payload,
		      struct buf *err);
/* Append the display name of a key ("j", "Enter", "Ctrl-d", "S-Tab"). */
void key_format(int key, struct buf *out);
void keyseq_format(const struct keyseq *seq, struct buf *out);
/* Whether two sequences are equal / a is a proper prefix of b. */
bool keyseq_equal(const struct keyseq *a, const struct keyseq *b);
bool keyseq_prefix(const struct keyseq *a, const struct keyseq *b);

/* Normalise what curses returned: Enter as KEYC_ENTER whether it came as
 * CR, LF or KEY_ENTER, Backspace as KEYC_BACKSPACE.  `fn` says whether
 * the code is a curses key code (KEY_CODE_YES). */
int key_from_curses(int code, bool fn);

#endif
