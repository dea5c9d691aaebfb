#include "csum.h"

#include <string.h>

uint64_t csum64(const void *data, size_t n)
{
	const unsigned char *p = data;
	uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
	for (; n >= 8; p += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 31;
	}
	while (n--)
		h = (h ^ *p++) * 0x94d049bb133111ebull;
	return h ^ (h >> 29);
}
