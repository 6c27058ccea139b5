/*
 * fuzz-args.c - the commands' option parsing, driven with generated
 * argument vectors (issue 11, finding 13).
 *
 * An input is a command name and its arguments, one a line (NUL ends a
 * word too), at most 32 words of at most 512 bytes.  The real binary
 * ($WUSHE_BIN/NAME, else the build's bin/: ../bin from $(O)/fuzz,
 * ../../bin from $(O)/obj/fuzz-regress) is run on them in a
 * child, in a scratch folder with its own database (made once with
 * wushe-db init), stdin from /dev/null and its output thrown away.  The
 * promise: it exits, within 10 seconds, with 0, 1, 2 (the commands' "bad
 * news" codes) or a sysexits code (64-78), never by a signal (a crash, an
 * abort of a sanitizer) or any other code.  Words holding '/' are skipped
 * (no path outside the scratch folder is ever named), and so are inputs
 * naming no command.  The binaries are not instrumented for coverage, so
 * libFuzzer only mutates; the seeds (corpus/fuzz-args) hold the options
 * of every command.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <unistd.h>

#include "fuzz.h"

static const char *const cmds[] = {
	"activity-log", "case-add", "case-assign", "case-close", "case-list",
	"grant-report", "intern-hours", "visit-log", "wushe-db", NULL
};

static char bindir[PATH_MAX + 64];
static char scratch[] = "/tmp/fuzz-args.XXXXXX";

/* Run bin with argv in the scratch folder; returns its wait status. */
static int
run(char *const *argv)
{
	char path[PATH_MAX + 128];
	pid_t pid;
	int st, fd;

	snprintf(path, sizeof path, "%s/%s", bindir, argv[0]);
	if ((pid = fork()) == -1)
		return 0;
	if (pid == 0) {
		if (chdir(scratch) == -1)
			_exit(71);
		fd = open("/dev/null", O_RDWR);
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		alarm(10);
		execv(path, argv);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) == -1)
		;
	return st;
}

/* Remove the scratch folder at the end. */
static void
cleanup(void)
{
	char *rm[] = { "rm", "-rf", scratch, NULL };
	pid_t pid;

	if ((pid = fork()) == 0) {
		execv("/bin/rm", rm);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *b = getenv("WUSHE_BIN");
	char *init[] = { "wushe-db", "init", NULL }, *s;
	char db[PATH_MAX];

	(void)argc;
	if (b != NULL && *b != '\0')
		snprintf(bindir, sizeof bindir, "%s", b);
	else {
		/* $(O)/fuzz/fuzz-args or $(O)/obj/fuzz-regress/fuzz-args */
		snprintf(db, sizeof db, "%s", (*argv)[0]);
		if ((s = strrchr(db, '/')) != NULL)
			*s = '\0';
		else
			snprintf(db, sizeof db, ".");
		snprintf(bindir, sizeof bindir, "%s/../bin/wushe-db", db);
		if (access(bindir, X_OK) == 0)
			snprintf(bindir, sizeof bindir, "%s/../bin", db);
		else
			snprintf(bindir, sizeof bindir, "%s/../../bin", db);
	}
	if (mkdtemp(scratch) == NULL) {
		perror("fuzz-args: mkdtemp");
		exit(1);
	}
	atexit(cleanup);
	snprintf(db, sizeof db, "%s/wushe.db", scratch);
	setenv("WUSHE_DB", db, 1);
	setenv("WUSHE_TODAY", "2019-06-15", 1);
	setenv("XDG_CONFIG_HOME", scratch, 1);
	unsetenv("WUSHE_POLICY");
	if (run(init) != 0) {
		fprintf(stderr, "fuzz-args: cannot run %s/wushe-db init\n",
		    bindir);
		exit(1);
	}
	chmod(db, 0600);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf, *argv[33], *p, *end;
	int n = 0, i, st, code, known = 0;

	if (size > 16384)
		return 0;
	buf = malloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
	end = buf + size;
	for (p = buf; p < end && n < 32; ) {
		argv[n++] = p;
		while (p < end && *p != '\n' && *p != '\0')
			p++;
		*p++ = '\0';
	}
	argv[n] = NULL;
	for (i = 0; cmds[i] != NULL && n > 0; i++)
		known |= strcmp(argv[0], cmds[i]) == 0;
	for (i = 0; known && i < n; i++)
		if (strchr(argv[i], '/') != NULL || strlen(argv[i]) > 512)
			known = 0;
	if (!known) {
		free(buf);
		return 0;
	}
	st = run(argv);
	free(buf);
	FUZZ_ASSERT(WIFEXITED(st));
	code = WEXITSTATUS(st);
	FUZZ_ASSERT(code != 127);	/* the binary is there (do not
					   rebuild it during a run) */
	FUZZ_ASSERT(code <= 2 || (code >= 64 && code <= 78));
	return 0;
}
