/* core/lastchange against real git: random histories with merges, equal
 * and skewed commit dates, and every (tip, path) pair compared with
 * `git log -1 --format=%H TIP -- PATH`. */
#include "testlib.h"

#include "../../core/lastchange.h"

#define NTASKS 4
#define NCOMMITS 60

static const char *const task_paths[NTASKS] = {
	"archive/cdk-ts/Pr1", "archive/cdk-ts/Pr10", "lib", "a/b",
};

struct state {
	int version[NTASKS];   /* 0: the task is absent */
};

static uint64_t rng = 88172645463325252ull;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static git_oid make_commit(struct fx_repo *fx, const struct state *s, const git_oid *parents,
			   size_t nparents, int64_t when)
{
	struct fx_file files[NTASKS * 2 + 1];
	char *contents[NTASKS * 4];
	size_t n = 0, nc = 0;
	files[n++] = (struct fx_file){ "README", "readme\n", 0 };
	for (int t = 0; t < NTASKS; t++) {
		if (!s->version[t])
			continue;
		/* two files, so that a version can differ in either */
		char *a = xasprintf("%s/lib/PROMPT.md", task_paths[t]);
		char *ac = xasprintf("prompt %d\n", s->version[t] / 2);
		char *b = xasprintf("%s/metadata.json", task_paths[t]);
		char *bc = xasprintf("{\"v\":%d}\n", s->version[t]);
		contents[nc++] = a; contents[nc++] = ac; contents[nc++] = b; contents[nc++] = bc;
		files[n++] = (struct fx_file){ a, ac, 0 };
		files[n++] = (struct fx_file){ b, bc, 0 };
	}
	/* "lib" is both a task and the prefix of nothing else; "a/b" nests */
	git_oid tree_id = fx_tree(fx, files, n), id;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	const git_commit *ps[2] = { NULL, NULL };
	assert_int_equal(git_signature_new(&sig, "T", "t@example.org", when, 0), 0);
	assert_int_equal(git_tree_lookup(&tree, fx->git, &tree_id), 0);
	for (size_t i = 0; i < nparents; i++)
		assert_int_equal(git_commit_lookup((git_commit **)&ps[i], fx->git, &parents[i]), 0);
	char msg[32];
	snprintf(msg, sizeof(msg), "c at %lld", (long long)when);
	assert_int_equal(git_commit_create(&id, fx->git, NULL, sig, sig, NULL, msg, tree,
					   nparents, ps), 0);
	for (size_t i = 0; i < nparents; i++)
		git_commit_free((git_commit *)ps[i]);
	git_tree_free(tree);
	git_signature_free(sig);
	for (size_t i = 0; i < nc; i++)
		free(contents[i]);
	return id;
}

static char *git_answer(const char *dir, const git_oid *tip, const char *path)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), tip);
	char *cmd = xasprintf("git -C '%s' --literal-pathspecs log -1 --format=%%H %s -- '%s'",
			      dir, hex, path);
	FILE *p = popen(cmd, "r");
	free(cmd);
	assert_non_null(p);
	char line[128] = "";
	if (!fgets(line, sizeof(line), p))
		line[0] = '\0';
	assert_int_equal(pclose(p), 0);
	line[strcspn(line, "\n")] = '\0';
	return xstrdup(line);
}

static void matches_git_on_random_histories(void **state)
{
	(void)state;
	for (int round = 0; round < 2; round++) {
		struct fx_repo *fx = fx_repo_new(0);
		git_oid commits[NCOMMITS];
		struct state states[NCOMMITS];
		int64_t base = 1751364000, when = base;
		int next_version = 1;
		for (int i = 0; i < NCOMMITS; i++) {
			struct state s;
			git_oid parents[2];
			size_t np = 0;
			memset(&s, 0, sizeof(s));
			if (i > 0 && rnd(10) != 0) {
				/* mostly recent parents, so that branches form */
				int p1 = i - 1 - (int)rnd(i < 6 ? (unsigned)i : 6u);
				parents[np++] = commits[p1];
				s = states[p1];
				if (i > 2 && rnd(3) == 0) {
					int p2 = (int)rnd((unsigned)i);
					if (p2 != p1) {
						parents[np++] = commits[p2];
						/* the merge takes each task from either side, or new */
						for (int t = 0; t < NTASKS; t++) {
							int pick = (int)rnd(4);
							if (pick == 1)
								s.version[t] = states[p2].version[t];
							else if (pick == 2)
								s.version[t] = next_version++;
						}
					}
				}
			}
			/* change some tasks (or delete, or bring back) */
			for (int t = 0; t < NTASKS; t++) {
				unsigned roll = rnd(8);
				if (roll == 0)
					s.version[t] = next_version++;
				else if (roll == 1 && rnd(3) == 0)
					s.version[t] = 0;
			}
			/* dates: mostly increasing, with ties and clock skew */
			unsigned d = rnd(6);
			when += d == 0 ? 0 : d == 1 ? -7200 : 3600;
			commits[i] = make_commit(fx, &s, parents, np, when);
			states[i] = s;
		}
		size_t compared = 0, found = 0;
		for (int i = 0; i < NCOMMITS; i++) {
			for (int t = 0; t < NTASKS + 1; t++) {
				const char *path = t < NTASKS ? task_paths[t] : "archive/cdk-ts";
				char *want = git_answer(fx->dir, &commits[i], path);
				git_oid got;
				int rc = lastchange_find(fx->repo, &commits[i], path, &got, NULL);
				if (!want[0]) {
					assert_int_equal(rc, ERR_NOTFOUND);
				} else {
					char hex[GIT_OID_HEXSZ + 1];
					assert_int_equal(rc, 0);
					git_oid_tostr(hex, sizeof(hex), &got);
					if (strcmp(hex, want) != 0)
						fail_msg("round %d commit %d path %s: got %s, git says %s",
							 round, i, path, hex, want);
					found++;
				}
				compared++;
				free(want);
			}
		}
		print_message("round %d: %zu of %zu answers found\n", round, found, compared);
		assert_true(found > compared / 3);
		fx_repo_free(fx);
	}
}

/* The case of reviews-in-git.md §5.1: a task archived on a branch whose
 * merge commit's first parent lacks it, and later merges of main into
 * other branches.  git (and lastchange) answer the archiving commit. */
static void archived_task_behind_merges(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	struct state s0 = { { 0, 0, 0, 0 } }, s1 = s0, s2 = s0;
	git_oid root = make_commit(fx, &s0, NULL, 0, 1000);
	s1.version[0] = 1;                       /* the feature branch archives the task */
	git_oid archive = make_commit(fx, &s1, &root, 1, 2000);
	s2.version[1] = 5;                       /* main moves on */
	git_oid main1 = make_commit(fx, &s2, &root, 1, 3000);
	struct state merged = s2;
	merged.version[0] = 1;
	git_oid pm[2] = { main1, archive };
	git_oid pr_merge = make_commit(fx, &merged, pm, 2, 4000);
	/* another branch from main1 merges main (with the task) later */
	struct state other = s2;
	other.version[2] = 9;
	git_oid o1 = make_commit(fx, &other, &main1, 1, 5000);
	struct state other_merged = merged;
	other_merged.version[2] = 9;
	git_oid om[2] = { o1, pr_merge };
	git_oid tip = make_commit(fx, &other_merged, om, 2, 6000);
	git_oid got;
	size_t visited = 0;
	assert_int_equal(lastchange_find(fx->repo, &tip, task_paths[0], &got, &visited), 0);
	assert_true(git_oid_equal(&got, &archive));
	char *want = git_answer(fx->dir, &tip, task_paths[0]);
	char hex[GIT_OID_HEXSZ + 1];
	assert_string_equal(git_oid_tostr(hex, sizeof(hex), &got), want);
	free(want);
	assert_true(visited <= 4);
	fx_repo_free(fx);
}

static void missing_tree_is_reported(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	struct state s = { { 1, 0, 0, 0 } };
	git_oid c1 = make_commit(fx, &s, NULL, 0, 1000);
	s.version[1] = 2;
	git_oid c2 = make_commit(fx, &s, &c1, 1, 2000);
	git_commit *c = NULL;
	assert_int_equal(git_commit_lookup(&c, fx->git, &c1), 0);
	git_oid tree = *git_commit_tree_id(c);
	git_commit_free(c);
	fx_remove_object(fx, &tree);
	git_oid got;
	int rc = lastchange_find(fx->repo, &c2, task_paths[0], &got, NULL);
	assert_int_equal(rc, ERR_MISSING);
	assert_non_null(strstr(err_msg(), "missing"));
	fx_repo_free(fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(matches_git_on_random_histories),
		cmocka_unit_test(archived_task_behind_merges),
		cmocka_unit_test(missing_tree_is_reported),
	};
	return cmocka_run_group_tests(tests, fx_setup_global, fx_teardown_global);
}
