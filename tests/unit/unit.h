/*
 * unit.h - a tiny TAP producer for the C unit tests.
 *
 * Each CHECK prints "ok N - what" or "not ok N - what (file:line)"; main
 * ends with DONE(), which prints the plan and returns non-zero on failure.
 */
#ifndef UNIT_H
#define UNIT_H
#include <stdio.h>
#include <string.h>

static int unit_n, unit_failed;

#define CHECK(cond, what) do { \
	unit_n++; \
	if (cond) \
		printf("ok %d - %s\n", unit_n, (what)); \
	else { \
		unit_failed++; \
		printf("not ok %d - %s (%s:%d)\n", unit_n, (what), \
		    __FILE__, __LINE__); \
	} \
} while (0)

#define CHECK_STR(got, want, what) do { \
	const char *g_ = (got), *w_ = (want); \
	int ok_ = (g_ == NULL && w_ == NULL) || \
	    (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0); \
	CHECK(ok_, what); \
	if (!ok_) \
		printf("#   got '%s', want '%s'\n", g_ ? g_ : "(null)", \
		    w_ ? w_ : "(null)"); \
} while (0)

#define DONE() (printf("1..%d\n", unit_n), unit_failed != 0)

#endif
