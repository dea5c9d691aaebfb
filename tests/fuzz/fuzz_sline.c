/* Fuzz target: untrusted bytes into the line model (UTF-8 decoding,
 * escapes, tabs, widths) and back out through slicing at every width. */
#include <stdint.h>
#include <string.h>

#include "../../core/sline.h"
#include "../../core/utf8.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	utf8_locale_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sline l, cut;
	sline_init(&l);
	sline_init(&cut);
	sline_add(&l, S_NORMAL, (const char *)data, size);
	/* a sanitised line holds no control bytes and is valid UTF-8 */
	for (uint32_t i = 0; i < l.len; i++)
		if ((unsigned char)l.text[i] < 0x20 || l.text[i] == 0x7f)
			__builtin_trap();
	if (!utf8_valid(l.text, l.len))
		__builtin_trap();
	if (utf8_columns(l.text, l.len) != l.cols)
		__builtin_trap();
	size_t width = size ? data[0] % 50 + 1 : 10;
	for (size_t from = 0; from < l.cols; from += width) {
		sline_clear(&cut);
		size_t got = sline_slice(&cut, &l, from, width);
		if (got > width || cut.cols != got)
			__builtin_trap();
	}
	if (l.len > 4)
		sline_restyle(&l, 1, l.len / 2, S_MATCH);
	sline_rtrim(&l);
	sline_free(&l);
	sline_free(&cut);
	return 0;
}
