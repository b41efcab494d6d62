#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

sc_status sc__text_open(sc__text *t, const char *path, sc_diag *d) {
    memset(t, 0, sizeof *t);
    t->path = path;
    FILE *f = fopen(path, "rb");
    if (!f) {
        sc__diag_set(d, path, 0, 0, "cannot open: %s", strerror(errno));
        return SC_EIO;
    }
    size_t cap = 0, len = 0;
    char *buf = NULL;
    for (;;) {
        if (!sc__grow((void **)&buf, &cap, len + 65536 + 1, 1)) {
            sc__free(buf);
            fclose(f);
            return SC_ENOMEM;
        }
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (got == 0) break;
    }
    bool err = ferror(f);
    fclose(f);
    if (err) {
        sc__free(buf);
        sc__diag_set(d, path, 0, 0, "read error");
        return SC_EIO;
    }
    buf[len] = '\0';
    if (memchr(buf, '\0', len)) {
        sc__free(buf);
        sc__diag_set(d, path, 0, 0, "binary data: expected a text file");
        return SC_EINVAL;
    }
    t->buf = buf;
    t->len = len;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) t->pos = 3;
    return SC_OK;
}

void sc__text_close(sc__text *t) {
    sc__free(t->buf);
    t->buf = NULL;
}

static char *trim(char *s, char *e) {
    while (s < e && (*s == ' ' || *s == '\t' || *s == '\r'))
        s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;
    *e = '\0';
    return s;
}

bool sc__text_next(sc__text *t, char sep) {
    while (t->pos < t->len) {
        char *s = t->buf + t->pos;
        char *nl = memchr(s, '\n', t->len - t->pos);
        char *e = nl ? nl : t->buf + t->len;
        t->pos = (size_t)(e - t->buf) + (nl ? 1 : 0);
        t->line++;
        *e = '\0';
        /* Skip blank lines. */
        char *p = s;
        while (*p == ' ' || *p == '\t' || *p == '\r')
            p++;
        if (!*p) continue;
        t->nfields = 0;
        if (sep) {
            for (char *f = s;;) {
                char *x = strchr(f, sep);
                char *fe = x ? x : e;
                if (t->nfields == SC_TEXT_MAXFIELDS) {
                    t->nfields = SIZE_MAX;
                    return true;
                }
                t->field[t->nfields++] = trim(f, fe);
                if (!x) break;
                f = x + 1;
            }
            if (t->nfields > 1 && t->field[t->nfields - 1][0] == '\0') t->nfields--;
        } else {
            for (char *f = p; *f;) {
                char *fe = f;
                while (*fe && *fe != ' ' && *fe != '\t' && *fe != '\r')
                    fe++;
                char *nx = fe;
                while (*nx == ' ' || *nx == '\t' || *nx == '\r')
                    nx++;
                if (t->nfields == SC_TEXT_MAXFIELDS) {
                    t->nfields = SIZE_MAX;
                    return true;
                }
                *fe = '\0';
                t->field[t->nfields++] = f;
                f = nx;
            }
        }
        return true;
    }
    return false;
}

bool sc__parse_long(const char *s, long lo, long hi, long *out) {
    if (!*s) return false;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < lo || v > hi) return false;
    *out = v;
    return true;
}
