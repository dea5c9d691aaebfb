#include "afile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "mem.h"

int afile_mktemp(const char *path, char **tmp)
{
	*tmp = xasprintf("%s.tmp.XXXXXX", path);
	int fd = mkstemp(*tmp);
	if (fd < 0) {
		int e = errno;
		free(*tmp);
		*tmp = NULL;
		errno = e;
		return -1;
	}
	mode_t um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um); /* mkstemp makes 0600; a new file gets the usual mode */
	return fd;
}

int afile_write(const char *path, int (*fill)(FILE *f, void *payload), void *payload)
{
	char *tmp;
	int fd = afile_mktemp(path, &tmp);
	if (fd < 0)
		return err_setc(ERR_FAIL, "%s: cannot create a temporary file beside it: %s", path,
				strerror(errno));
	FILE *f = fdopen(fd, "w");
	int rc = f ? fill(f, payload) : err_setc(ERR_FAIL, "%s: %s", path, strerror(errno));
	int e = 0;
	if (f && (fflush(f) != 0 || fsync(fileno(f)) != 0))
		e = errno;
	if (f && fclose(f) != 0 && !e)
		e = errno;
	if (!f)
		close(fd);
	if (rc == 0 && e)
		rc = err_setc(ERR_FAIL, "%s: %s", path, strerror(e));
	if (rc == 0 && rename(tmp, path) != 0)
		rc = err_setc(ERR_FAIL, "%s: cannot replace it: %s", path, strerror(errno));
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	return rc;
}
