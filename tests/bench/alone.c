/*
 * alone.c - "SQLite alone" for the intake benchmarks (tests/bench/lib.sh,
 * sqlite_alone): run SQL statements on a wushe database in one
 * transaction with the connection a wushe command has (its SQL functions,
 * which the audit triggers call, and its pragmas), and with --bulk inside
 * a batch as a bulk intake writes one (ws_bulk_begin before, ws_bulk_end
 * before the COMMIT: the batch's audit rows and their digests).  No
 * parsing, no validation: the floor under any intake on this schema.
 *
 * usage: bench-alone [--bulk] DB SQL...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

int
main(int argc, char **argv)
{
	sqlite3 *db;
	char *err = NULL;
	int i = 1, bulk = 0;

	if (argc > 1 && strcmp(argv[1], "--bulk") == 0) {
		bulk = 1;
		i++;
	}
	if (argc - i < 2) {
		fprintf(stderr, "usage: bench-alone [--bulk] DB SQL...\n");
		return 64;
	}
	if (sqlite3_open_v2(argv[i], &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		fprintf(stderr, "bench-alone: %s: %s\n", argv[i],
		    sqlite3_errmsg(db));
		return 66;
	}
	ws_db_functions(db);
	if (sqlite3_exec(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous ="
	    " NORMAL; PRAGMA cache_size = -32000; PRAGMA temp_store = MEMORY;"
	    " BEGIN IMMEDIATE", NULL, NULL, &err) != SQLITE_OK)
		goto fail;
	if (bulk)
		ws_bulk_begin(db);
	for (i++; i < argc; i++)
		if (sqlite3_exec(db, argv[i], NULL, NULL, &err) != SQLITE_OK)
			goto fail;
	if (bulk)
		ws_bulk_end(db, "bench", NULL);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, &err) != SQLITE_OK)
		goto fail;
	return sqlite3_close(db) == SQLITE_OK ? 0 : 70;
fail:
	fprintf(stderr, "bench-alone: %s\n", err);
	return 65;
}
