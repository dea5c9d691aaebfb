#include "review_stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"

struct stats_group *stats_group_get(struct stats_group **v, size_t *n, const char *key)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i].key, key) == 0)
			return &(*v)[i];
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	struct stats_group *g = &(*v)[(*n)++];
	memset(g, 0, sizeof(*g));
	g->key = xstrdup(key);
	return g;
}

void stats_group_add_score(struct stats_group *g, int score)
{
	if (score < 0 || score > RUBRIC_MAX)
		return;
	g->scores++;
	g->sum += score;
	g->at_bar += score >= RUBRIC_BAR;
	g->hist[score]++;
}

void stats_groups_free(struct stats_group *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].key);
	free(v);
}

static int group_cmp(const void *a, const void *b)
{
	const struct stats_group *x = a, *y = b;
	if (!x->key[0] != !y->key[0])
		return x->key[0] ? -1 : 1;
	return strcmp(x->key, y->key);
}

void stats_groups_sort(struct stats_group *v, size_t n)
{
	qsort(v, n, sizeof(*v), group_cmp);
}

char *stats_histogram(const size_t hist[RUBRIC_MAX + 1])
{
	static const char *const blocks[8] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	size_t max = 0;
	for (int i = 0; i <= RUBRIC_MAX; i++)
		if (hist[i] > max)
			max = hist[i];
	struct buf b = BUF_INIT;
	for (int i = 0; i <= RUBRIC_MAX; i++) {
		if (!hist[i]) {
			buf_putc(&b, ' ');
			continue;
		}
		/* 1..8 eighths, never 0 for a count above 0 */
		size_t level = (hist[i] * 8 + max - 1) / max;
		buf_puts(&b, blocks[level - 1]);
	}
	return buf_detach(&b);
}

/* Sum over ordered pairs i != j of (v_i - v_j)^2 = 2 (n Σv² - (Σv)²). */
static double pair_sq_sum(double n, double sum, double sumsq)
{
	return 2.0 * (n * sumsq - sum * sum);
}

void stats_agreement(const double *const *units, const size_t *sizes, size_t n,
		     struct agreement *out)
{
	memset(out, 0, sizeof(*out));
	double observed = 0, all_sum = 0, all_sumsq = 0, abs_sum = 0;
	for (size_t u = 0; u < n; u++) {
		size_t m = sizes[u];
		if (m < 2)
			continue;
		double sum = 0, sumsq = 0;
		for (size_t i = 0; i < m; i++) {
			sum += units[u][i];
			sumsq += units[u][i] * units[u][i];
			for (size_t j = i + 1; j < m; j++) {
				abs_sum += fabs(units[u][i] - units[u][j]);
				out->pairs++;
			}
		}
		observed += pair_sq_sum((double)m, sum, sumsq) / (double)(m - 1);
		all_sum += sum;
		all_sumsq += sumsq;
		out->units++;
		out->values += m;
	}
	if (out->pairs)
		out->mean_abs_diff = abs_sum / (double)out->pairs;
	double nv = (double)out->values;
	if (out->values < 2)
		return;
	double d_o = observed / nv;
	double d_e = pair_sq_sum(nv, all_sum, all_sumsq) / (nv * (nv - 1));
	if (d_e <= 0)
		return;
	out->alpha_defined = true;
	out->alpha = 1.0 - d_o / d_e;
}
