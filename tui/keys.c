#include "keys.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../core/utf8.h"

struct named_key {
	const char *name;
	int key;
};

/* The first name of a key is the one shown. */
static const struct named_key named[] = {
	{ "Enter", KEYC_ENTER }, { "Return", KEYC_ENTER }, { "CR", KEYC_ENTER },
	{ "Tab", KEYC_TAB }, { "S-Tab", KEY_FN | KEY_BTAB }, { "Shift-Tab", KEY_FN | KEY_BTAB },
	{ "BackTab", KEY_FN | KEY_BTAB }, { "Esc", KEYC_ESC }, { "Escape", KEYC_ESC },
	{ "Space", ' ' }, { "Backspace", KEYC_BACKSPACE }, { "BS", KEYC_BACKSPACE },
	{ "Up", KEY_FN | KEY_UP }, { "Down", KEY_FN | KEY_DOWN }, { "Left", KEY_FN | KEY_LEFT },
	{ "Right", KEY_FN | KEY_RIGHT }, { "PgUp", KEY_FN | KEY_PPAGE },
	{ "PageUp", KEY_FN | KEY_PPAGE }, { "PgDn", KEY_FN | KEY_NPAGE },
	{ "PageDown", KEY_FN | KEY_NPAGE }, { "Home", KEY_FN | KEY_HOME },
	{ "End", KEY_FN | KEY_END }, { "Ins", KEY_FN | KEY_IC }, { "Insert", KEY_FN | KEY_IC },
	{ "Del", KEY_FN | KEY_DC }, { "Delete", KEY_FN | KEY_DC }, { "Lt", '<' },
	{ NULL, 0 },
};

/* F1..F12, Ctrl-x, C-x, ^X, or a name from the table; -1 when unknown. */
static int key_by_name(const char *name, size_t n)
{
	for (const struct named_key *k = named; k->name; k++)
		if (strlen(k->name) == n && strncasecmp(k->name, name, n) == 0)
			return k->key;
	if ((n == 2 || n == 3) && (name[0] == 'F' || name[0] == 'f')) {
		int f = 0;
		for (size_t i = 1; i < n; i++) {
			if (name[i] < '0' || name[i] > '9')
				return -1;
			f = f * 10 + (name[i] - '0');
		}
		return f >= 1 && f <= 12 ? KEY_FN | KEY_F(f) : -1;
	}
	size_t pre = 0;
	if (n > 5 && strncasecmp(name, "Ctrl-", 5) == 0)
		pre = 5;
	else if (n > 2 && (strncasecmp(name, "C-", 2) == 0))
		pre = 2;
	else if (n > 1 && name[0] == '^')
		pre = 1;
	if (pre && n == pre + 1) {
		unsigned char c = (unsigned char)name[pre];
		if (c >= 'a' && c <= 'z')
			return c - 'a' + 1;
		if (c >= '@' && c <= '_')
			return c - '@';
		if (c == '?')
			return 127;
	}
	return -1;
}

static void set_err(struct buf *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void set_err(struct buf *err, const char *fmt, ...)
{
	if (!err)
		return;
	buf_truncate(err, 0);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(err, fmt, ap);
	va_end(ap);
}

int keys_parse_stream(const char *spec, void (*fn)(int key, void *payload), void *payload,
		      struct buf *err)
{
	size_t len = strlen(spec);
	if (!len) {
		set_err(err, "empty key");
		return -1;
	}
	/* A whole word that names a key. */
	int whole = key_by_name(spec, len);
	if (whole >= 0 && len > 1) {
		fn(whole, payload);
		return 0;
	}
	size_t i = 0;
	while (i < len) {
		if (spec[i] == '<' && i + 1 < len) {
			const char *close = strchr(spec + i + 1, '>');
			if (close && close > spec + i + 1) {
				size_t n = (size_t)(close - (spec + i + 1));
				int k = key_by_name(spec + i + 1, n);
				if (k < 0) {
					set_err(err, "unknown key name <%.*s>", (int)n, spec + i + 1);
					return -1;
				}
				fn(k, payload);
				i += n + 2;
				continue;
			}
		}
		uint32_t cp;
		i += utf8_decode(spec + i, len - i, &cp);
		if (cp == UTF8_REPLACEMENT) {
			set_err(err, "invalid UTF-8 in key");
			return -1;
		}
		fn((int)cp, payload);
	}
	return 0;
}

struct seq_acc {
	struct keyseq *seq;
	bool too_long;
};

static void seq_add(int key, void *payload)
{
	struct seq_acc *acc = payload;
	if (acc->seq->n == KEYSEQ_MAX) {
		acc->too_long = true;
		return;
	}
	acc->seq->keys[acc->seq->n++] = key;
}

int keyseq_parse(const char *spec, struct keyseq *out, struct buf *err)
{
	memset(out, 0, sizeof(*out));
	struct seq_acc acc = { out, false };
	if (keys_parse_stream(spec, seq_add, &acc, err) < 0)
		return -1;
	if (acc.too_long) {
		set_err(err, "key sequence '%.*s' is longer than 4 keys", (int)strlen(spec), spec);
		return -1;
	}
	return 0;
}

void key_format(int key, struct buf *out)
{
	for (const struct named_key *k = named; k->name; k++) {
		if (k->key == key && key != '<') {
			buf_puts(out, k->name);
			return;
		}
	}
	if (key & KEY_FN) {
		int code = key & ~KEY_FN;
		if (code >= KEY_F(1) && code <= KEY_F(12))
			buf_printf(out, "F%d", code - KEY_F0);
		else
			buf_printf(out, "<key %d>", code);
		return;
	}
	if (key > 0 && key < 32) {
		buf_printf(out, "Ctrl-%c", key + 'a' - 1);
		return;
	}
	if (key == 127) {
		buf_puts(out, "Backspace");
		return;
	}
	char enc[4];
	uint32_t cp = (uint32_t)key;
	if (utf8_width(cp) < 0) {
		buf_printf(out, "<U+%04X>", cp);
		return;
	}
	buf_put(out, enc, utf8_encode(cp, enc));
}

void keyseq_format(const struct keyseq *seq, struct buf *out)
{
	for (int i = 0; i < seq->n; i++)
		key_format(seq->keys[i], out);
}

bool keyseq_equal(const struct keyseq *a, const struct keyseq *b)
{
	return a->n == b->n && memcmp(a->keys, b->keys, (size_t)a->n * sizeof(int)) == 0;
}

bool keyseq_prefix(const struct keyseq *a, const struct keyseq *b)
{
	return a->n < b->n && memcmp(a->keys, b->keys, (size_t)a->n * sizeof(int)) == 0;
}

int key_from_curses(int code, bool fn)
{
	if (fn) {
		if (code == KEY_ENTER)
			return KEYC_ENTER;
		if (code == KEY_BACKSPACE)
			return KEYC_BACKSPACE;
		return KEY_FN | code;
	}
	if (code == '\r')
		return KEYC_ENTER;
	return code;
}
