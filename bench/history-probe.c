/* history-probe: in-process measurements for bench/history.
 *
 *   history-probe run CMD ARGS...      run a command (stdout to /dev/null);
 *                                      print "WALL_S PEAK_KB"
 *   history-probe update REPO          update the history index of HEAD;
 *                                      print "WALL_S PEAK_KB COMMITS STATUS"
 *   history-probe query REPO TASK...   load the index, then each task's
 *                                      lineage and last change; print
 *                                      "LOAD_S MEAN_S MAX_S PEAK_KB", then
 *                                      "TASK LAST_CHANGE REVISIONS SECONDS" per task
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../core/err.h"
#include "../core/hindex.h"
#include "../core/history.h"
#include "../core/repo.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static long peak_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = 0;
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "VmHWM:", 6) == 0)
			kb = atol(line + 6);
	fclose(f);
	return kb;
}

static int run(char **argv)
{
	double t0 = now();
	pid_t pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);
		if (fd >= 0)
			dup2(fd, 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0)
		return 1;
	printf("%.4f %ld\n", now() - t0, ru.ru_maxrss);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

static int update(const char *dir)
{
	struct repo *r = NULL;
	git_oid tip;
	if (repo_open(&r, dir) < 0 || repo_resolve(r, NULL, &tip) < 0) {
		fprintf(stderr, "history-probe: %s\n", err_msg());
		return 1;
	}
	char *ref = hindex_ref_of(r, NULL);
	double t0 = now();
	struct hindex *ix = NULL;
	hindex_open(&ix, r);
	int rc = hindex_update(ix, r, &tip, ref);
	double t = now() - t0;
	if (rc < 0)
		fprintf(stderr, "history-probe: %s\n", err_msg());
	else
		printf("%.4f %ld %u %s\n", t, peak_kb(), ix->ncommits, hindex_status(ix));
	free(ref);
	hindex_free(ix);
	repo_free(r);
	return rc < 0;
}

static int query(const char *dir, int ntasks, char **tasks)
{
	struct repo *r = NULL;
	git_oid tip;
	if (repo_open(&r, dir) < 0 || repo_resolve(r, NULL, &tip) < 0) {
		fprintf(stderr, "history-probe: %s\n", err_msg());
		return 1;
	}
	double t0 = now();
	struct hindex *ix = NULL;
	hindex_open(&ix, r);
	double load = now() - t0;
	if (!hindex_covers(ix, &tip)) {
		fprintf(stderr, "history-probe: the index does not cover HEAD (%s)\n", hindex_status(ix));
		return 1;
	}
	double total = 0, worst = 0;
	char (*last)[GIT_OID_HEXSZ + 1] = calloc((size_t)ntasks, sizeof(*last));
	size_t *revs = calloc((size_t)ntasks, sizeof(*revs));
	double *took = calloc((size_t)ntasks, sizeof(*took));
	for (int i = 0; i < ntasks; i++) {
		double q0 = now();
		struct hist_lineage l;
		git_oid id;
		int rc = hist_lineage(ix, r, &tip, tasks[i], &l);
		int rc2 = hist_last_change(ix, r, &tip, tasks[i], &id);
		double q = now() - q0;
		total += q;
		took[i] = q;
		if (q > worst)
			worst = q;
		if (rc == 0) {
			revs[i] = l.n;
			hist_lineage_free(&l);
		}
		if (rc2 == 0)
			git_oid_tostr(last[i], sizeof(last[i]), &id);
		else
			strcpy(last[i], "-");
	}
	printf("%.6f %.6f %.6f %ld\n", load, ntasks ? total / ntasks : 0, worst, peak_kb());
	for (int i = 0; i < ntasks; i++)
		printf("%s %s %zu %.6f\n", tasks[i], last[i], revs[i], took[i]);
	free(took);
	free(last);
	free(revs);
	hindex_free(ix);
	repo_free(r);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "run") == 0)
		return run(argv + 2);
	repo_global_init();
	int rc = 2;
	if (argc == 3 && strcmp(argv[1], "update") == 0)
		rc = update(argv[2]);
	else if (argc >= 3 && strcmp(argv[1], "query") == 0)
		rc = query(argv[2], argc - 3, argv + 3);
	else
		fprintf(stderr, "usage: history-probe run CMD... | update REPO | query REPO TASK...\n");
	repo_global_shutdown();
	return rc;
}
