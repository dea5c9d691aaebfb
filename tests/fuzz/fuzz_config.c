/* Fuzz target: the workbench's config file parser (bind and color lines)
 * and the key-name parser it uses. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/mem.h"
#include "../../tui/config.h"
#include "../../tui/keys.h"

static void ignore(const char *msg, void *payload)
{
	(void)msg;
	(void)payload;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct keymap m;
	keymap_init(&m);
	struct config c;
	memset(&c, 0, sizeof(c));
	c.keymap = &m;
	config_parse(&c, (const char *)data, size, "fuzz", ignore, NULL);
	char *s = xstrndup((const char *)data, size);
	struct keyseq seq;
	struct buf err = BUF_INIT;
	if (keyseq_parse(s, &seq, &err) == 0) {
		struct buf name = BUF_INIT;
		keyseq_format(&seq, &name);
		buf_free(&name);
	}
	buf_free(&err);
	free(s);
	keymap_free(&m);
	return 0;
}
