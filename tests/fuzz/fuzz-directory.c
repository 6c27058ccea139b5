/*
 * fuzz-directory.c - libFuzzer target: ws_dir_load, the directory file
 * loader of wushe-db load (lib/directory.c), on a scratch database.
 *
 * ws_dir_load reads files by name, so each input is written to a file in
 * a private temporary folder.  A load that succeeds commits; the database
 * is then put back to the empty state it had after creation, so every
 * input starts from the same database.  Its messages (ws_warn) are
 * silenced unless FUZZ_VERBOSE is set; crash reports are not.  The
 * scratch folder is made under $TMPDIR (make fuzz: the run folder, so a
 * crash leaves nothing in /tmp).
 */
#include <unistd.h>

#include "fuzz.h"

static sqlite3 *db;		/* the scratch database */
static sqlite3 *empty;		/* in memory: a copy of it when new */
static char *dir;		/* $TMPDIR/wushe-fuzz-dir.XXXXXX */
static char *dbpath, *yamlpath;
static FILE *devnull;

static void
copydb(sqlite3 *to, sqlite3 *from)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");

	FUZZ_ASSERT(b != NULL);
	FUZZ_ASSERT(sqlite3_backup_step(b, -1) == SQLITE_DONE);
	FUZZ_ASSERT(sqlite3_backup_finish(b) == SQLITE_OK);
}

static void
cleanup(void)
{
	char *p;

	ws_db_close(db);
	sqlite3_close(empty);
	if (devnull != NULL)
		fclose(devnull);
	unlink(yamlpath);
	unlink(dbpath);
	p = ws_asprintf("%s-wal", dbpath);
	unlink(p);
	free(p);
	p = ws_asprintf("%s-shm", dbpath);
	unlink(p);
	free(p);
	rmdir(dir);
	free(dir);
	free(dbpath);
	free(yamlpath);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	ws_init("fuzz-directory");
	dir = ws_asprintf("%s/wushe-fuzz-dir.XXXXXX",
	    tmp != NULL && *tmp == '/' ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("fuzz-directory: mkdtemp");
		abort();
	}
	dbpath = ws_asprintf("%s/wushe.db", dir);
	yamlpath = ws_asprintf("%s/directory.yaml", dir);
	atexit(cleanup);
	db = ws_db_open(dbpath, WS_DB_CREATE);
	FUZZ_ASSERT(sqlite3_open(":memory:", &empty) == SQLITE_OK);
	copydb(empty, db);
	if (getenv("FUZZ_VERBOSE") == NULL)
		devnull = fopen("/dev/null", "w");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ws_dir_count counts[WS_DIR_NKINDS];
	char *files[1] = { yamlpath };
	FILE *fp, *save = stderr;
	ws_err e = {0};
	long nerr;
	int k;

	if ((fp = fopen(yamlpath, "w")) == NULL ||
	    fwrite(data, 1, size, fp) != size || fclose(fp) != 0) {
		perror("fuzz-directory: write");
		abort();
	}
	if (devnull != NULL)
		stderr = devnull;
	nerr = ws_dir_load(db, 1, files, counts, &e);
	stderr = save;
	FUZZ_ASSERT(nerr >= 0);
	FUZZ_ASSERT(sqlite3_get_autocommit(db));	/* no transaction left */
	for (k = 0; k < WS_DIR_NKINDS; k++) {
		FUZZ_ASSERT(counts[k].kind != NULL);
		FUZZ_ASSERT(counts[k].added >= 0 && counts[k].changed >= 0 &&
		    counts[k].unchanged >= 0 && counts[k].missing >= 0);
		if (nerr > 0)
			FUZZ_ASSERT(counts[k].added == 0 &&
			    counts[k].changed == 0);
	}
	if (nerr == 0) {
		for (k = 0; k < WS_DIR_NKINDS; k++)
			if (counts[k].added > 0 || counts[k].changed > 0)
				break;
		if (k < WS_DIR_NKINDS)
			copydb(db, empty);
	}
	return 0;
}
