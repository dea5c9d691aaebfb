#include "testlib.h"

#include <dirent.h>

#include "../../core/afile.h"

static char *new_dir(void)
{
	char *dir = xstrdup("/tmp/iacrev-afile-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return dir;
}

static size_t entries(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d));)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static int fill_text(FILE *f, void *payload)
{
	fputs(payload, f);
	return 0;
}

static int fill_fail(FILE *f, void *payload)
{
	(void)payload;
	fputs("half", f);
	return err_set("the fill failed");
}

static void mktemp_beside_with_umask_mode(void **state)
{
	(void)state;
	char *dir = new_dir();
	char *target = xasprintf("%s/x.cache", dir);
	mode_t old = umask(027);
	char *tmp = NULL;
	int fd = afile_mktemp(target, &tmp);
	umask(old);
	assert_true(fd >= 0);
	assert_non_null(tmp);
	assert_int_equal(strncmp(tmp, target, strlen(target)), 0);
	struct stat st;
	assert_int_equal(fstat(fd, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	close(fd);
	unlink(tmp);
	free(tmp);
	/* a folder that is not there: -1, and nothing to free */
	char *nowhere = xasprintf("%s/no/x.cache", dir);
	tmp = (char *)"unchanged";
	assert_int_equal(afile_mktemp(nowhere, &tmp), -1);
	assert_null(tmp);
	free(nowhere);
	free(target);
	fx_rmrf(dir);
	free(dir);
}

static void write_replaces_a_link_and_keeps_old_on_failure(void **state)
{
	(void)state;
	char *dir = new_dir();
	char *target = xasprintf("%s/out.txt", dir), *other = xasprintf("%s/other", dir);
	FILE *f = fopen(other, "w");
	assert_non_null(f);
	fputs("other\n", f);
	fclose(f);
	assert_int_equal(symlink(other, target), 0);
	assert_int_equal(afile_write(target, fill_text, "new\n"), 0);
	struct stat st;
	assert_int_equal(lstat(target, &st), 0);
	assert_true(S_ISREG(st.st_mode)); /* the link replaced, not followed */
	f = fopen(other, "r");
	char line[16] = "";
	assert_non_null(fgets(line, sizeof(line), f));
	fclose(f);
	assert_string_equal(line, "other\n");
	/* a failing fill leaves the target as it was and no temporary file */
	assert_true(afile_write(target, fill_fail, NULL) < 0);
	f = fopen(target, "r");
	assert_non_null(fgets(line, sizeof(line), f));
	fclose(f);
	assert_string_equal(line, "new\n");
	assert_int_equal(entries(dir), 2);
	free(target);
	free(other);
	fx_rmrf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mktemp_beside_with_umask_mode),
		cmocka_unit_test(write_replaces_a_link_and_keeps_old_on_failure),
	};
	return cmocka_run_group_tests(tests, fx_setup_global, fx_teardown_global);
}
