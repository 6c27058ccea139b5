/* fuzz-tsv.c - libFuzzer target: the TSV stream reader (header line,
 * escapes), and on the same bytes format detection (WS_FMT_AUTO, which may
 * pick any reader) and headerless ids (ws_in_bare); lib/in.c. */
#include "fuzz.h"

FUZZ_INIT("fuzz-tsv")

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_stream(data, size, WS_FMT_TSV, 0);
	fuzz_stream(data, size, WS_FMT_AUTO, 0);
	fuzz_stream(data, size, WS_FMT_TSV, 1);
	return 0;
}
