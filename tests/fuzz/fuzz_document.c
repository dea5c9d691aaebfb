/* Fuzz target: untrusted bytes into the document renderer, rendered and
 * raw, at a width taken from the input: no line wider than the width, no
 * control byte, refs never decreasing. */
#include <stdint.h>
#include <string.h>

#include "../../core/utf8.h"
#include "../../views/document.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	utf8_locale_init();
	return 0;
}

static void check(const struct slist *out, size_t width)
{
	intptr_t prev = 0;
	for (size_t i = 0; i < out->n; i++) {
		const struct sline *l = &out->v[i];
		if (l->cols > width || l->ref < prev)
			__builtin_trap();
		for (uint32_t k = 0; k < l->len; k++)
			if ((unsigned char)l->text[k] < 0x20 || l->text[k] == 0x7f)
				__builtin_trap();
		if (!utf8_valid(l->text ? l->text : "", l->len) ||
		    utf8_columns(l->text ? l->text : "", l->len) != l->cols)
			__builtin_trap();
		prev = l->ref;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t width = size ? DOC_MIN_WIDTH + data[0] % 100 : 80;
	unsigned flags = size > 1 && (data[1] & 1) ? DOC_CUT_CODE : 0;
	struct slist out = { 0 };
	document_render(&out, (const char *)data, size, width, flags);
	check(&out, width);
	slist_clear(&out);
	document_render(&out, (const char *)data, size, width, DOC_RAW);
	check(&out, width);
	slist_free(&out);
	return 0;
}
