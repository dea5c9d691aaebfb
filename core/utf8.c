#include "utf8.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "buf.h"
#include "mem.h"

size_t utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t len;
	uint32_t v, min;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2; v = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3; v = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4; v = c & 0x07; min = 0x10000;
	} else {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	if (n < len) {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = UTF8_REPLACEMENT;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	*cp = v;
	return len;
}

size_t utf8_encode(uint32_t cp, char out[4])
{
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = UTF8_REPLACEMENT;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

bool utf8_valid(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (cp == UTF8_REPLACEMENT && k == 1)
			return false;
		i += k;
	}
	return true;
}

char *utf8_repair(const char *s, size_t n, size_t *out_len)
{
	struct buf b = BUF_INIT;
	buf_grow(&b, n);
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (cp == UTF8_REPLACEMENT && k == 1) {
			char enc[4];
			buf_put(&b, enc, utf8_encode(cp, enc));
		} else {
			buf_put(&b, s + i, k);
		}
		i += k;
	}
	if (out_len)
		*out_len = b.len;
	return buf_detach(&b);
}

/* Format characters that reorder or hide text: shown escaped so that data
 * can never make one string look like another. */
static bool is_format_char(uint32_t cp)
{
	return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
	       (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF || cp == 0x00AD ||
	       (cp >= 0xFFF9 && cp <= 0xFFFB) || cp == 0x061C ||
	       (cp >= 0xE0000 && cp <= 0xE007F);
}

bool utf8_is_dropped(uint32_t cp)
{
	return cp == 0xFE0E || cp == 0xFE0F;
}

int utf8_width(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
		return -1;
	if (cp < 0x7F)
		return 1;
	if (is_format_char(cp))
		return -1;
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return -1;
	int w = wcwidth((wchar_t)cp);
	if (w < 0) {
		/* Private use and unassigned: wcwidth says non-printable; a
		 * terminal would guess.  Escape so columns stay exact. */
		return -1;
	}
	return w > 2 ? 2 : w;
}

size_t utf8_escape(uint32_t cp, char out[16])
{
	if (cp < 0x20) {
		out[0] = '^';
		out[1] = (char)(cp + 0x40);
		out[2] = '\0';
		return 2;
	}
	if (cp == 0x7F) {
		memcpy(out, "^?", 3);
		return 2;
	}
	int n = snprintf(out, 16, "<U+%04X>", (unsigned)cp);
	return n > 0 ? (size_t)n : 0;
}

size_t utf8_columns(const char *s, size_t n)
{
	size_t cols = 0, i = 0;
	while (i < n) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		if (utf8_is_dropped(cp))
			continue;
		int w = utf8_width(cp);
		if (w < 0) {
			char esc[16];
			cols += utf8_escape(cp, esc);
		} else {
			cols += (size_t)w;
		}
	}
	return cols;
}

void utf8_locale_init(void)
{
	const char *set = setlocale(LC_CTYPE, "");
	if (set && strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return;
	if (setlocale(LC_CTYPE, "C.UTF-8"))
		return;
	setlocale(LC_CTYPE, "C.utf8");
}
