/*
 * driver.c - a standalone main() for the libFuzzer targets, so their
 * regression inputs run in `make check` on a machine without clang: the
 * target tests/fuzz/fuzz-NAME.c is built with the normal cc and this file
 * against libwushe.a (tests/fuzz/fuzz.mk, $(O)/obj/fuzz-regress/), and
 * run as
 *
 *	fuzz-NAME FILE|FOLDER...
 *
 * Every file named, and every regular file in a folder named (not
 * recursively, in name order), is fed once to LLVMFuzzerTestOneInput,
 * after LLVMFuzzerInitialize when the target has one.  An input that
 * crashes or breaks a promise (FUZZ_ASSERT aborts) kills the driver; one
 * that takes longer than FUZZ_DRIVER_TIMEOUT seconds (default 10, as
 * make fuzz-regress) is killed by SIGALRM.  Before each input the
 * driver names it on stderr, so the last name there is the culprit.
 * Exits 0 and prints "N inputs ok" when all ran, 66 when an input cannot
 * be read or no input was found.
 */
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv)
    __attribute__((weak));

static unsigned timeout = 10;
static long ninputs;

static void
one(const char *path)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t n = 0, cap = 0, r;

	if (fp == NULL) {
		perror(path);
		exit(66);
	}
	for (;;) {
		if (cap - n < 65536) {
			cap = cap ? 2 * cap : 65536;
			if ((data = realloc(data, cap)) == NULL) {
				perror("fuzz driver");
				exit(70);
			}
		}
		r = fread(data + n, 1, cap - n, fp);
		n += r;
		if (r == 0)
			break;
	}
	if (ferror(fp)) {
		perror(path);
		exit(66);
	}
	fclose(fp);
	fprintf(stderr, "input %s (%zu bytes)\n", path, n);
	/* an exact-size copy, so a read past the end is caught by ASan */
	{
		uint8_t *copy = malloc(n ? n : 1);

		if (copy == NULL) {
			perror("fuzz driver");
			exit(70);
		}
		memcpy(copy, data, n);
		free(data);
		alarm(timeout);
		LLVMFuzzerTestOneInput(copy, n);
		alarm(0);
		free(copy);
	}
	ninputs++;
}

static int
byname(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
folder(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	struct stat st;
	char **names = NULL, *p;
	size_t n = 0, i;

	if (d == NULL) {
		perror(path);
		exit(66);
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if ((p = malloc(strlen(path) + strlen(e->d_name) + 2)) == NULL ||
		    (names = realloc(names, (n + 1) * sizeof *names)) == NULL) {
			perror("fuzz driver");
			exit(70);
		}
		sprintf(p, "%s/%s", path, e->d_name);
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
			names[n++] = p;
		else
			free(p);
	}
	closedir(d);
	qsort(names, n, sizeof *names, byname);
	for (i = 0; i < n; i++) {
		one(names[i]);
		free(names[i]);
	}
	free(names);
}

int
main(int argc, char **argv)
{
	const char *t = getenv("FUZZ_DRIVER_TIMEOUT");
	struct stat st;
	int i;

	if (t != NULL && atoi(t) > 0)
		timeout = (unsigned)atoi(t);
	signal(SIGALRM, SIG_DFL);
	if (LLVMFuzzerInitialize != NULL)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) != 0) {
			perror(argv[i]);
			return 66;
		}
		if (S_ISDIR(st.st_mode))
			folder(argv[i]);
		else
			one(argv[i]);
	}
	if (ninputs == 0) {
		fprintf(stderr, "fuzz driver: no inputs\n");
		return 66;
	}
	printf("%ld inputs ok\n", ninputs);
	return 0;
}
