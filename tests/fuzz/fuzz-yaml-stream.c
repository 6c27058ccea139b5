/* fuzz-yaml-stream.c - libFuzzer target: the YAML record stream reader (a
 * sequence of mappings, read event by event; lib/stream.c). */
#include "fuzz.h"

FUZZ_INIT("fuzz-yaml-stream")

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_stream(data, size, WS_FMT_YAML, 0);
	return 0;
}
