/* Script mode (IACREV_SCRIPT): keys and `:` commands from a file, one
 * line at a time, for exact end-to-end tests. */
#include "shell_int.h"

#include <errno.h>
#include <string.h>

#include "../core/err.h"
#include "../core/mem.h"

/* -- script mode -- */

static void queue_key(int key, void *payload)
{
	(void)payload;
	VEC_GROW(S.queue, S.queue_n + 1, S.queue_cap);
	S.queue[S.queue_n++] = key;
}

int sh_script_load(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return err_set("%s: %s", path, strerror(errno));
	char *line = NULL;
	size_t cap = 0, cap_lines = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, f)) >= 0) {
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		VEC_GROW(S.script, S.script_n + 1, cap_lines);
		S.script[S.script_n++] = xstrdup(line);
	}
	free(line);
	fclose(f);
	return 0;
}

/* Deliver the next key or command of the script; false at its end. */
bool sh_script_next(void)
{
	if (S.queue_at < S.queue_n) {
		S.script_key = true;
		sh_handle_key(S.queue[S.queue_at++]);
		return true;
	}
	while (S.script_next < S.script_n) {
		const char *line = S.script[S.script_next++];
		const char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '#')
			continue;
		if (*p == ':') {
			sh_run_command(p + 1);
			return true;
		}
		S.queue_n = S.queue_at = 0;
		struct buf err = BUF_INIT;
		if (keys_parse_stream(p, queue_key, NULL, &err) < 0) {
			fprintf(stderr, "iacrev: script line %zu: %s\n", S.script_next, buf_cstr(&err));
			S.exit_code = 1;
			S.quit = true;
			buf_free(&err);
			return false;
		}
		buf_free(&err);
		return sh_script_next();
	}
	return false;
}
