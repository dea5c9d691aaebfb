#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"

/* Split a line into words: blanks separate, "..." quotes (with \" and \\). */
static size_t split_words(const char *line, char ***out, struct buf *err)
{
	char **words = NULL;
	size_t n = 0, cap = 0;
	const char *p = line;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (!*p || *p == '\n')
			break;
		struct buf w = BUF_INIT;
		if (*p == '"') {
			p++;
			while (*p && *p != '"') {
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				buf_putc(&w, *p++);
			}
			if (*p != '"') {
				buf_free(&w);
				buf_puts(err, "unterminated quote");
				for (size_t i = 0; i < n; i++)
					free(words[i]);
				free(words);
				*out = NULL;
				return (size_t)-1;
			}
			p++;
		} else {
			while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
				buf_putc(&w, *p++);
		}
		VEC_GROW(words, n + 1, cap);
		words[n++] = buf_detach(&w);
	}
	*out = words;
	return n;
}

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white", NULL,
};

int config_color_by_name(const char *name)
{
	if (strcmp(name, "default") == 0 || strcmp(name, "-1") == 0)
		return COLOR_DEFAULT;
	const char *base = name;
	int bright = 0;
	if (strncmp(name, "bright-", 7) == 0) {
		base = name + 7;
		bright = 8;
	} else if (strncmp(name, "bright", 6) == 0) {
		base = name + 6;
		bright = 8;
	}
	for (int i = 0; color_names[i]; i++)
		if (strcmp(base, color_names[i]) == 0)
			return i + bright;
	const char *num = strncmp(name, "color", 5) == 0 ? name + 5 : name;
	if (!*num)
		return -2;
	char *end;
	errno = 0;
	long v = strtol(num, &end, 10);
	if (*end || errno || v < 0 || v > 255)
		return -2;
	return (int)v;
}

static const struct {
	const char *name;
	unsigned attr;
} attr_names[] = {
	{ "bold", CA_BOLD }, { "dim", CA_DIM }, { "underline", CA_UNDERLINE },
	{ "reverse", CA_REVERSE }, { "italic", CA_ITALIC }, { "blink", CA_BLINK },
	{ "normal", 0 }, { NULL, 0 },
};

static int parse_bind(struct config *c, char **w, size_t n, struct buf *err)
{
	if (n != 4) {
		buf_puts(err, "bind takes VIEW KEY ACTION");
		return -1;
	}
	if (!keymap_view_known(w[1])) {
		buf_printf(err, "unknown view '%s' (views:", w[1]);
		for (const char *const *v = keymap_view_names; *v; v++)
			buf_printf(err, " %s", *v);
		buf_putc(err, ')');
		return -1;
	}
	struct keyseq seq;
	if (keyseq_parse(w[2], &seq, err) < 0)
		return -1;
	enum action a = ACT_NONE;
	if (strcmp(w[3], "none") != 0) {
		const struct action_info *info = action_by_name(w[3]);
		if (!info) {
			buf_printf(err, "unknown action '%s' (see the help view, ?)", w[3]);
			return -1;
		}
		a = info->action;
	}
	keymap_bind(c->keymap, w[1], &seq, a);
	return 0;
}

static int parse_color(struct config *c, char **w, size_t n, struct buf *err)
{
	if (n < 4) {
		buf_puts(err, "color takes AREA FG BG [ATTR...]");
		return -1;
	}
	int style = style_by_name(w[1]);
	if (style < 0) {
		buf_printf(err, "unknown area '%s' (areas are style names: title, cursor, diff-add, ...)",
			   w[1]);
		return -1;
	}
	int fg = config_color_by_name(w[2]), bg = config_color_by_name(w[3]);
	if (fg == -2 || bg == -2) {
		buf_printf(err, "unknown colour '%s' (default, black, red, ..., bright-red, 0-255)",
			   fg == -2 ? w[2] : w[3]);
		return -1;
	}
	unsigned attrs = 0;
	for (size_t i = 4; i < n; i++) {
		size_t k = 0;
		while (attr_names[k].name && strcmp(attr_names[k].name, w[i]) != 0)
			k++;
		if (!attr_names[k].name) {
			buf_printf(err, "unknown attribute '%s' (bold dim underline reverse italic blink normal)",
				   w[i]);
			return -1;
		}
		attrs |= attr_names[k].attr;
	}
	c->colors[style] = (struct color_spec){ (short)fg, (short)bg, attrs, true };
	return 0;
}

int config_line(struct config *c, const char *line, struct buf *err)
{
	char **w = NULL;
	size_t n = split_words(line, &w, err);
	if (n == (size_t)-1)
		return -1;
	int rc = 0;
	if (n == 0 || w[0][0] == '#')
		rc = 0;
	else if (strcmp(w[0], "bind") == 0)
		rc = parse_bind(c, w, n, err);
	else if (strcmp(w[0], "color") == 0)
		rc = parse_color(c, w, n, err);
	else {
		buf_printf(err, "unknown setting '%s' (expected bind or color)", w[0]);
		rc = -1;
	}
	for (size_t i = 0; i < n; i++)
		free(w[i]);
	free(w);
	return rc;
}

int config_parse(struct config *c, const char *text, size_t len, const char *file,
		 void (*report)(const char *msg, void *payload), void *payload)
{
	int bad = 0;
	size_t lineno = 0, i = 0;
	struct buf line = BUF_INIT, err = BUF_INIT, msg = BUF_INIT;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : len - i;
		lineno++;
		buf_truncate(&line, 0);
		buf_put(&line, text + i, n);
		i += n + (nl ? 1 : 0);
		buf_truncate(&err, 0);
		int rc;
		if (memchr(line.ptr ? line.ptr : "", '\0', line.len)) {
			buf_puts(&err, "a NUL byte in the line");
			rc = -1;
		} else {
			rc = config_line(c, buf_cstr(&line), &err);
		}
		if (rc < 0) {
			bad++;
			buf_truncate(&msg, 0);
			buf_printf(&msg, "%s:%zu: %s", file, lineno, buf_cstr(&err));
			if (report)
				report(buf_cstr(&msg), payload);
		}
	}
	buf_free(&line);
	buf_free(&err);
	buf_free(&msg);
	return bad;
}

int config_load(struct config *c, const char *path,
		void (*report)(const char *msg, void *payload), void *payload)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (errno == ENOENT)
			return 0;
		char *m = xasprintf("%s: %s", path, strerror(errno));
		if (report)
			report(m, payload);
		free(m);
		return -1;
	}
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(&b, chunk, n);
	bool failed = ferror(f);
	fclose(f);
	int rc = 0;
	if (failed) {
		char *m = xasprintf("%s: read error", path);
		if (report)
			report(m, payload);
		free(m);
		rc = -1;
	} else {
		config_parse(c, b.ptr ? b.ptr : "", b.len, path, report, payload);
	}
	buf_free(&b);
	return rc;
}

char *config_default_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	if (xdg && *xdg)
		return xasprintf("%s/iacrev/config", xdg);
	const char *home = getenv("HOME");
	if (home && *home)
		return xasprintf("%s/.config/iacrev/config", home);
	return NULL;
}
