/* Helpers shared by the fuzz targets (header only: each target is one .c
 * file linked with driver.o or libFuzzer, so there is no object to add). */
#ifndef IACREV_FUZZLIB_H
#define IACREV_FUZZLIB_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "../../core/review_set.h"
#include "../../core/rubric.h"

/* fuzz_tmpdir: make /tmp/iacrev-fuzz-NAME.XXXXXX in dir[n]; abort if not. */
static inline void fuzz_tmpdir(char *dir, size_t n, const char *name)
{
	snprintf(dir, n, "/tmp/iacrev-fuzz-%s.XXXXXX", name);
	if (!mkdtemp(dir))
		abort();
}

static inline int fuzz_rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* fuzz_rmtree: remove dir and everything under it (at exit). */
static inline void fuzz_rmtree(const char *dir)
{
	nftw(dir, fuzz_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* fuzz_rubric: a record's answers must go through the rubric and its
 * formula whatever they hold. */
static inline void fuzz_rubric(const struct review_record *r)
{
	struct rubric_answers a;
	enum rubric_cat *cats;
	review_answers(r, &a, &cats);
	struct rubric_result res;
	rubric_compute(&a, &res);
	free(rubric_formula(&res));
	free(cats);
}

#endif
