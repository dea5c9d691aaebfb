#include "jsonx.h"

#include <git2.h>
#include <string.h>
#include <stdlib.h>

#include "mem.h"
#include "utf8.h"

json_t *jsonx_strn(const char *s, size_t n)
{
	if (!s)
		return json_null();
	json_t *v = json_stringn(s, n);
	if (v)
		return v;
	size_t len;
	char *fixed = utf8_repair(s, n, &len);
	v = json_stringn(fixed, len);
	free(fixed);
	return v ? v : json_string("");
}

json_t *jsonx_str(const char *s)
{
	return s ? jsonx_strn(s, strlen(s)) : json_null();
}

json_t *jsonx_strv(char *const *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, jsonx_str(v[i]));
	return a;
}

json_t *jsonx_oid(const struct git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), id);
	return json_string(hex);
}

void jsonx_set(json_t *obj, const char *key, json_t *value)
{
	json_object_set_new(obj, key, value ? value : json_null());
}

char *jsonx_dump_line(const json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	if (!s)
		return xstrdup("null");
	return s;
}
