#include "lineedit.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../core/utf8.h"
#include "keys.h"

void le_init(struct lineedit *le, const char *initial, struct history *hist)
{
	memset(le, 0, sizeof(*le));
	if (initial)
		buf_puts(&le->text, initial);
	le->cursor = le->text.len;
	le->hist = hist;
	le->hist_pos = hist ? hist->n : 0;
}

void le_free(struct lineedit *le)
{
	buf_free(&le->text);
	free(le->draft);
	memset(le, 0, sizeof(*le));
}

const char *le_text(struct lineedit *le)
{
	return buf_cstr(&le->text);
}

static bool is_cont(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

static size_t prev_char(const struct lineedit *le, size_t at)
{
	if (at == 0)
		return 0;
	at--;
	while (at > 0 && is_cont(le->text.ptr[at]))
		at--;
	return at;
}

static size_t next_char(const struct lineedit *le, size_t at)
{
	if (at >= le->text.len)
		return le->text.len;
	uint32_t cp;
	return at + utf8_decode(le->text.ptr + at, le->text.len - at, &cp);
}

static void erase_range(struct lineedit *le, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(le->text.ptr + from, le->text.ptr + to, le->text.len - to);
	buf_truncate(&le->text, le->text.len - (to - from));
	le->cursor = from;
}

static void insert(struct lineedit *le, const char *s, size_t n)
{
	size_t tail = le->text.len - le->cursor;
	buf_grow(&le->text, n);
	buf_put(&le->text, s, n); /* grow the length, then move the tail */
	memmove(le->text.ptr + le->cursor + n, le->text.ptr + le->cursor, tail);
	memcpy(le->text.ptr + le->cursor, s, n);
	le->cursor += n;
}

static void set_text(struct lineedit *le, const char *s)
{
	buf_truncate(&le->text, 0);
	buf_puts(&le->text, s);
	le->cursor = le->text.len;
}

static bool is_space_at(const struct lineedit *le, size_t at)
{
	char c = le->text.ptr[at];
	return c == ' ' || c == '\t';
}

static void history_move(struct lineedit *le, int delta)
{
	struct history *h = le->hist;
	if (!h || !h->n)
		return;
	if (delta < 0 && le->hist_pos == 0)
		return;
	if (delta > 0 && le->hist_pos >= h->n)
		return;
	if (le->hist_pos == h->n) {
		free(le->draft);
		le->draft = xstrdup(le_text(le));
	}
	le->hist_pos = delta < 0 ? le->hist_pos - 1 : le->hist_pos + 1;
	set_text(le, le->hist_pos == h->n ? (le->draft ? le->draft : "") : h->v[le->hist_pos]);
}

enum le_result le_key(struct lineedit *le, int key)
{
	switch (key) {
	case KEYC_ENTER:
	case '\r':
		return LE_DONE;
	case KEYC_ESC:
	case 3:  /* Ctrl-c */
	case 7:  /* Ctrl-g */
		return LE_CANCEL;
	case KEYC_BACKSPACE:
	case 8:
		if (!le->text.len)
			return LE_CANCEL;
		erase_range(le, prev_char(le, le->cursor), le->cursor);
		return LE_CONTINUE;
	case KEY_FN | KEY_DC:
	case 4:  /* Ctrl-d */
		erase_range(le, le->cursor, next_char(le, le->cursor));
		return LE_CONTINUE;
	case KEY_FN | KEY_LEFT:
	case 2:  /* Ctrl-b */
		le->cursor = prev_char(le, le->cursor);
		return LE_CONTINUE;
	case KEY_FN | KEY_RIGHT:
	case 6:  /* Ctrl-f */
		le->cursor = next_char(le, le->cursor);
		return LE_CONTINUE;
	case KEY_FN | KEY_HOME:
	case 1:  /* Ctrl-a */
		le->cursor = 0;
		return LE_CONTINUE;
	case KEY_FN | KEY_END:
	case 5:  /* Ctrl-e */
		le->cursor = le->text.len;
		return LE_CONTINUE;
	case 21: /* Ctrl-u: kill to the start */
		erase_range(le, 0, le->cursor);
		return LE_CONTINUE;
	case 11: /* Ctrl-k: kill to the end */
		buf_truncate(&le->text, le->cursor);
		return LE_CONTINUE;
	case 23: { /* Ctrl-w: the word before the cursor */
		size_t at = le->cursor;
		while (at > 0 && is_space_at(le, prev_char(le, at)))
			at = prev_char(le, at);
		while (at > 0 && !is_space_at(le, prev_char(le, at)))
			at = prev_char(le, at);
		erase_range(le, at, le->cursor);
		return LE_CONTINUE;
	}
	case KEY_FN | KEY_UP:
	case 16: /* Ctrl-p */
		history_move(le, -1);
		return LE_CONTINUE;
	case KEY_FN | KEY_DOWN:
	case 14: /* Ctrl-n */
		history_move(le, +1);
		return LE_CONTINUE;
	default:
		break;
	}
	if (key == '\t')
		key = ' ';
	/* Other keys, controls and format characters do nothing here. */
	if (key & KEY_FN || key < 0x20 || key > 0x10FFFF || utf8_width((uint32_t)key) < 0)
		return LE_CONTINUE;
	char enc[4];
	insert(le, enc, utf8_encode((uint32_t)key, enc));
	return LE_CONTINUE;
}

size_t le_cursor_cols(const struct lineedit *le)
{
	return le->text.len ? utf8_columns(le->text.ptr, le->cursor) : 0;
}

void history_add(struct history *h, const char *line)
{
	if (!*line || (h->n && strcmp(h->v[h->n - 1], line) == 0))
		return;
	VEC_GROW(h->v, h->n + 1, h->cap);
	h->v[h->n++] = xstrdup(line);
}

void history_free(struct history *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->v[i]);
	free(h->v);
	memset(h, 0, sizeof(*h));
}
