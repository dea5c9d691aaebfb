/* The key list of the man page and of `iacrev --dump-keys`, generated
 * from the action table with the default keymap, so that the page and
 * the program cannot disagree (tests/cli/man-keys.sh checks it). */
#include <string.h>

#include "../core/buf.h"
#include "keymap.h"
#include "shell.h"

/* roff: a backslash is \e, a leading . or ' is protected with \&,
 * and - is \- so that it stays a hyphen-minus. */
static void roff(FILE *f, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", f);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", f);
		else if (*s == '-')
			fputs("\\-", f);
		else
			fputc(*s, f);
	}
}

static void first_view(const struct action_info *info, char *out, size_t n)
{
	const char *v = info->views ? info->views : "generic";
	size_t len = strcspn(v, " ");
	if (len >= n)
		len = n - 1;
	memcpy(out, v, len);
	out[len] = '\0';
}

int shell_dump_keys(FILE *f, const char *format)
{
	bool man = strcmp(format, "man") == 0;
	if (!man && strcmp(format, "text") != 0)
		return -1;
	struct keymap m;
	keymap_init(&m);
	for (int pass = 0; pass < 2; pass++) {
		if (man)
			fprintf(f, ".SS %s\n", pass == 0 ? "Every view" : "Particular views");
		else
			fprintf(f, "%s\n", pass == 0 ? "Every view" : "Particular views");
		for (size_t i = 0; i < action_count; i++) {
			const struct action_info *info = &action_table[i];
			if ((pass == 0) != (info->views == NULL))
				continue;
			char view[32];
			first_view(info, view, sizeof(view));
			struct buf keys = BUF_INIT;
			keymap_keys_for(&m, view, info->action, &keys);
			if (man) {
				fputs(".TP\n.B \"", f);
				roff(f, keys.len ? buf_cstr(&keys) : "(none)");
				fputs("\"\n", f);
				roff(f, info->help);
				if (info->views) {
					fputs(" (", f);
					roff(f, info->views);
					fputs(")", f);
				}
				fputs(". Action: ", f);
				roff(f, info->name);
				fputs(".\n", f);
			} else {
				fprintf(f, "  %-18s %-16s %s%s%s%s\n", keys.len ? buf_cstr(&keys) : "(none)",
					info->name, info->help, info->views ? " (" : "",
					info->views ? info->views : "", info->views ? ")" : "");
			}
			buf_free(&keys);
		}
	}
	keymap_free(&m);
	return 0;
}
