/* test-cmdline.c - the recorded command line (issue 11, finding 7): masked
 * from getopt_long's own parse with the command's option table, the same
 * way in every command (ws_opt_next records it when a parse starts). */
#include <stdlib.h>
#include <string.h>

#include "wushe.h"
#include "unit.h"

static const char *id, *phone, *name, *note, *db;
static int dry;

static const struct ws_opt opts[] = {
	{ "id-number", "id-number", "the ID number", 0, 0, &id, NULL, 0 },
	{ "phone", "phone", "the phone", 0, 0, &phone, NULL, 0 },
	{ "name", "name", "the name", 0, 0, &name, NULL, 0 },
	{ "note", "note", "a note", 0, 0, &note, NULL, 0 },
	{ "db", "db", NULL, 0, 0, &db, NULL, 0 },
	{ "dry-run", NULL, NULL, 0, 0, NULL, &dry, 0 },
	{ NULL, NULL, NULL, 0, 0, NULL, NULL, 0 }
};

/* Parse words (a NULL-terminated list) as a command would; return the
 * command line recorded. */
static const char *
parse(char **words)
{
	struct ws_opts p = { .usage = "usage: t\n", .opt = opts };
	int argc = 0;

	while (words[argc] != NULL)
		argc++;
	while (ws_opt_next(&p, argc, words) != -1)
		;
	return ws_cmdline();
}

int
main(void)
{
	char *a1[] = { "t", "--id-number", "340103194503120022", "--phone",
	    "13912345678", "--name", "张桂兰", NULL };
	char *a2[] = { "t", "--id-n=340103194503120022", "--phone=13912345678",
	    "--na", "王明", NULL };
	char *a3[] = { "t", "-tn340103194503120022", "-d", "x.db", NULL };
	char *a4[] = { "t", "--note", "13912345678", "-n", "ok",
	    "440605199001011238", NULL };
	char *a5[] = { "t", "-t", "--", "--name", NULL };

	ws_init("t");
	CHECK_STR(parse(a1), "t --id-number 340103********0022 --phone "
	    "139****5678 --name 张*兰", "secret options masked, separate "
	    "values");
	CHECK_STR(parse(a2), "t --id-n=340103********0022 "
	    "--phone=139****5678 --na 王*", "abbreviated and attached long "
	    "options masked");
	CHECK_STR(parse(a3), "t -tn340103********0022 -d x.db", "a value "
	    "shaped like an ID number, bundled behind a flag, masked");
	CHECK_STR(parse(a4), "t --note 139****5678 -n ok 440605********1238",
	    "a phone-shaped note and an ID-shaped operand masked, other "
	    "words as given");
	CHECK_STR(parse(a5), "t -t -- --name", "after --, words are "
	    "operands: --name is not an option there");
	CHECK(ws_opt_secret("id-number") && ws_opt_secret("phone") &&
	    ws_opt_secret("name") && !ws_opt_secret("note") &&
	    !ws_opt_secret("worker"), "the secret options");
	return DONE();
}
