/* fuzz-json.c - libFuzzer target: the JSON Lines stream reader
 * (lib/in-json.c). */
#include "fuzz.h"

FUZZ_INIT("fuzz-json")

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_stream(data, size, WS_FMT_JSON, 0);
	return 0;
}
