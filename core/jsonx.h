/* Small jansson helpers for untrusted text: jansson refuses invalid UTF-8
 * (json_string returns NULL), so every string goes through a repair. */
#ifndef IACREV_JSONX_H
#define IACREV_JSONX_H

#include <jansson.h>
#include <stddef.h>

/* A JSON string from untrusted bytes (invalid UTF-8 replaced by U+FFFD),
 * or JSON null for NULL. */
json_t *jsonx_str(const char *s);
json_t *jsonx_strn(const char *s, size_t n);
/* An array of strings. */
json_t *jsonx_strv(char *const *v, size_t n);
/* A 40-hex object id. */
struct git_oid;
json_t *jsonx_oid(const struct git_oid *id);
/* obj[key] = value, taking ownership of value (which may be NULL: null). */
void jsonx_set(json_t *obj, const char *key, json_t *value);
/* Compact one-line dump; the caller frees. */
char *jsonx_dump_line(const json_t *v);

#endif
