/* fuzz-grant-merge.c - libFuzzer target: ws_grant_merge, the reader of
 * grant-report --merge (lib/grant.c), then every output format of what it
 * merged. */
#include "fuzz.h"

FUZZ_INIT("fuzz-grant-merge")

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum ws_grant_fmt fmts[] = {
		WS_GRANT_TEXT, WS_GRANT_MARKDOWN, WS_GRANT_CSV, WS_GRANT_TSV,
		WS_GRANT_JSON, WS_GRANT_HTML
	};
	struct ws_grant_opts o;
	FILE *fp = fuzz_fopen(data, size), *out;
	char *err = (char *)"not set";
	ws_grant *g;
	size_t i;

	memset(&o, 0, sizeof o);
	o.behind_pct = 8000;
	o.so_new_min = 3000;
	o.so_all_min = 500;
	g = ws_grant_merge(fp, "<fuzz>", &o, &err);
	fclose(fp);
	if (g == NULL) {
		/* a message naming the input, and nothing else held */
		FUZZ_ASSERT(err != NULL && strncmp(err, "<fuzz>", 6) == 0);
		FUZZ_ASSERT(ws_utf8_valid(err, strlen(err)));
		free(err);
		return 0;
	}
	FUZZ_ASSERT(err == NULL);
	if ((out = fopen("/dev/null", "w")) == NULL)
		abort();
	for (i = 0; i < sizeof fmts / sizeof fmts[0]; i++)
		ws_grant_print(g, fmts[i], out);
	(void)ws_grant_ok(g);
	fclose(out);
	ws_grant_free(g);
	return 0;
}
