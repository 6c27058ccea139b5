/*
 * fuzz-yaml.c - libFuzzer target: the YAML reader (lib/yaml.c), through
 * both its entries on the same bytes: ws_yaml_load, the whole documents
 * of config files (policy, directory), and ws_yitems, the items of a
 * record stream, as the yaml record reader (in-yaml.c) uses it.  One
 * parser, one target: the stream's inputs are the stream-* seeds (they
 * were fuzz-yaml-stream's before the stream reader was rebuilt on it).
 */
#include "fuzz.h"

FUZZ_INIT("fuzz-yaml")

/* Walk the tree checking what ws_yaml_load promises: no nesting deeper
 * than 64, no duplicate keys, scalars at most 1 MiB, positions 1-based. */
static void
walk(const ws_ynode *n, int depth)
{
	size_t i, j;

	FUZZ_ASSERT(n != NULL);
	FUZZ_ASSERT(depth <= 65);
	FUZZ_ASSERT(n->line >= 1 && n->col >= 1);
	switch (n->type) {
	case WS_Y_SCALAR:
		FUZZ_ASSERT(n->val != NULL);
		FUZZ_ASSERT(strlen(n->val) <= 1024 * 1024);
		FUZZ_ASSERT(ws_utf8_valid(n->val, strlen(n->val)));
		FUZZ_ASSERT(n->n == 0);
		(void)ws_ynull(n);
		break;
	case WS_Y_SEQ:
		FUZZ_ASSERT(n->val == NULL);
		for (i = 0; i < n->n; i++)
			walk(n->items[i], depth + 1);
		break;
	case WS_Y_MAP:
		FUZZ_ASSERT(n->val == NULL);
		for (i = 0; i < n->n; i++) {
			FUZZ_ASSERT(n->keys[i] != NULL);
			FUZZ_ASSERT(n->klines[i] >= 1 && n->kcols[i] >= 1);
			for (j = 0; j < i; j++)
				FUZZ_ASSERT(strcmp(n->keys[i],
				    n->keys[j]) != 0);
			FUZZ_ASSERT(ws_ymap_get(n, n->keys[i]) == n->vals[i]);
			walk(n->vals[i], depth + 1);
		}
		FUZZ_ASSERT(ws_ymap_get(n, "\x01no such key") == NULL);
		break;
	default:
		FUZZ_ASSERT(!"node type");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *fp = fuzz_fopen(data, size);
	ws_ynode *root;
	char *err = (char *)"unset";

	root = ws_yaml_load(fp, "<fuzz>", &err);
	fclose(fp);
	if (root == NULL) {
		FUZZ_ASSERT(err != NULL && strncmp(err, "<fuzz>:", 7) == 0);
		free(err);
	} else {
		FUZZ_ASSERT(err == NULL);
		walk(root, 1);
		ws_yaml_free(root);
	}
	fuzz_stream(data, size, WS_FMT_YAML, 0);
	return 0;
}
