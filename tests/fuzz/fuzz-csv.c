/* fuzz-csv.c - libFuzzer target: the CSV (RFC 4180) stream reader
 * (lib/in.c). */
#include "fuzz.h"

FUZZ_INIT("fuzz-csv")

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_stream(data, size, WS_FMT_CSV, 0);
	return 0;
}
