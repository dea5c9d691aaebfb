#include "err.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

static _Thread_local char *message;

static char *vformat(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

static char *vformat(const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return xstrdup("(unformattable error message)");
	char *s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

static void replace(char *s)
{
	free(message);
	message = s;
}

int err_set(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	replace(vformat(fmt, ap));
	va_end(ap);
	return ERR_FAIL;
}

int err_setc(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	replace(vformat(fmt, ap));
	va_end(ap);
	return code;
}

int err_git(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *head = vformat(fmt, ap);
	va_end(ap);
	const git_error *e = git_error_last();
	const char *tail = e && e->message ? e->message : "unknown libgit2 error";
	replace(xasprintf("%s: %s", head, tail));
	free(head);
	return code;
}

void err_prefix(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *head = vformat(fmt, ap);
	va_end(ap);
	replace(xasprintf("%s: %s", head, err_msg()));
	free(head);
}

const char *err_msg(void)
{
	return message ? message : "unknown error";
}

void err_clear(void)
{
	replace(NULL);
}
