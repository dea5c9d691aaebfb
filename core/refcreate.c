#include "refcreate.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "mem.h"

/* mkdir -p of the folders above `path`, from `from` on (the part of the
 * path that is the git directory exists already). */
static int make_parents(char *path, size_t from)
{
	for (char *p = path + from; (p = strchr(p, '/')); p++) {
		*p = '\0';
		int rc = mkdir(path, 0777);
		int e = errno;
		*p = '/';
		if (rc < 0 && e != EEXIST)
			return err_setc(ERR_FAIL, "cannot create the folder of %s: %s", path, strerror(e));
	}
	return 0;
}

static int write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

int ref_create_exclusive(git_repository *repo, const char *name, const git_oid *id)
{
	int valid = 0;
	if (git_reference_name_is_valid(&valid, name) < 0 || !valid || strncmp(name, "refs/", 5) != 0)
		return err_setc(ERR_USAGE, "%s is not a valid reference name", name);
	const char *dir = git_repository_commondir(repo);
	char *path = xasprintf("%s%s", dir, name);
	char *lock = xasprintf("%s.lock", path);
	int rc = make_parents(path, strlen(dir));
	int fd = -1;
	if (rc == 0) {
		fd = open(lock, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd < 0 && errno == EEXIST)
			rc = REF_LOCKED;
		else if (fd < 0)
			rc = err_setc(ERR_FAIL, "cannot create %s: %s", lock, strerror(errno));
	}
	if (fd >= 0) {
		/* Under the lock: is it there (loose or packed)? */
		git_reference *ref = NULL;
		int found = git_reference_lookup(&ref, repo, name);
		git_reference_free(ref);
		char hex[GIT_OID_HEXSZ + 2];
		git_oid_tostr(hex, sizeof(hex), id);
		strcat(hex, "\n");
		if (found == 0)
			rc = REF_EXISTS;
		else if (found != GIT_ENOTFOUND)
			rc = err_git(ERR_FAIL, "cannot read %s", name);
		else if (write_all(fd, hex, strlen(hex)) < 0 || fsync(fd) < 0)
			rc = err_setc(ERR_FAIL, "cannot write %s: %s", lock, strerror(errno));
		if (close(fd) < 0 && rc == REF_CREATED)
			rc = err_setc(ERR_FAIL, "cannot write %s: %s", lock, strerror(errno));
		if (rc == REF_CREATED && rename(lock, path) < 0)
			rc = err_setc(ERR_FAIL, "cannot rename %s to %s: %s", lock, path, strerror(errno));
		if (rc != REF_CREATED)
			unlink(lock);
	}
	free(lock);
	free(path);
	return rc;
}
