/* Statistics over review scores: groups (count, mean, share at the bar,
 * histogram) and inter-reviewer agreement (mean absolute difference and
 * Krippendorff's alpha with the interval metric). */
#ifndef IACREV_REVIEW_STATS_H
#define IACREV_REVIEW_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "rubric.h"

struct stats_group {
	char *key;
	size_t tasks;          /* tasks in the group */
	size_t reviewed;       /* of them, with at least one score */
	size_t scores;         /* scores, one per task and reviewer */
	double sum;
	size_t at_bar;         /* scores >= RUBRIC_BAR */
	size_t hist[RUBRIC_MAX + 1];
};

/* The group named key in *v (added when absent). */
struct stats_group *stats_group_get(struct stats_group **v, size_t *n, const char *key);
void stats_group_add_score(struct stats_group *g, int score);
void stats_groups_free(struct stats_group *v, size_t n);
/* Sort by key, "" (unknown) last. */
void stats_groups_sort(struct stats_group *v, size_t n);

/* "▁▃█ ▅": one block character per score 0..10, scaled to the largest
 * count; a space for none.  The caller frees. */
char *stats_histogram(const size_t hist[RUBRIC_MAX + 1]);

/* Units of values (a task's scores, one per reviewer); units with fewer
 * than two values are not pairable and are skipped. */
struct agreement {
	size_t units;          /* pairable units */
	size_t values;         /* pairable values */
	size_t pairs;          /* unordered pairs within units */
	double mean_abs_diff;
	bool alpha_defined;    /* false when every value is the same */
	double alpha;
};

void stats_agreement(const double *const *units, const size_t *sizes, size_t n,
		     struct agreement *out);

#endif
