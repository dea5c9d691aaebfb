/* Error reporting: functions return 0 or a negative code and leave a message
 * with context here, in the manner of libgit2's git_error_last().  The message
 * is per thread, so a background thread never overwrites the UI's. */
#ifndef IACREV_ERR_H
#define IACREV_ERR_H

#include <stdarg.h>

enum err_code {
	ERR_OK = 0,
	ERR_FAIL = -1,      /* generic failure, message set */
	ERR_NOTFOUND = -2,  /* a path, revision or task that does not exist */
	ERR_MISSING = -3,   /* an object the tree names is not in the object store */
	ERR_USAGE = -4,     /* bad arguments or user input */
	ERR_DATA = -5,      /* unreadable or malformed data */
	ERR_RETRY = -6,     /* a race lost; the caller may try again */
};

/* Replace the message; returns ERR_FAIL so "return err_set(...)" reads well. */
int err_set(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Same, returning the given code. */
int err_setc(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Replace the message with fmt + ": " + libgit2's last error; returns code. */
int err_git(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Put "context: " in front of the current message. */
void err_prefix(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The current message ("unknown error" if none was set). */
const char *err_msg(void);
void err_clear(void);

#endif
