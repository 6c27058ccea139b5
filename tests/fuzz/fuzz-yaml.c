/* fuzz-yaml.c - libFuzzer target: ws_yaml_load, the YAML document reader
 * of config files (policy, directory; lib/yaml.c). */
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
		return 0;
	}
	FUZZ_ASSERT(err == NULL);
	walk(root, 1);
	ws_yaml_free(root);
	return 0;
}
