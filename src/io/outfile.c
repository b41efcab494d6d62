#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io.h"

sc_status sc__outfile_open(sc__outfile *o, const char *path, sc_diag *d) {
    memset(o, 0, sizeof *o);
    if (strcmp(path, "-") == 0) {
        o->f = stdout;
        o->is_stdout = true;
        return SC_OK;
    }
    if (strlen(path) >= sizeof o->path) {
        sc__diag_set(d, path, 0, 0, "path too long");
        return SC_EINVAL;
    }
    strcpy(o->path, path);
    struct stat st;
    bool exists = stat(path, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        sc__diag_set(d, path, 0, 0, "cannot write: is a directory");
        return SC_EIO;
    }
    if (exists && !S_ISREG(st.st_mode)) {
        o->direct = true;
        if (!(o->f = fopen(path, "w"))) {
            sc__diag_set(d, path, 0, 0, "cannot write: %s", strerror(errno));
            return SC_EIO;
        }
        return SC_OK;
    }
    snprintf(o->tmp, sizeof o->tmp, "%s.tmpXXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
        sc__diag_set(d, path, 0, 0, "cannot write: %s", strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp);
        }
        return SC_EIO;
    }
    return SC_OK;
}

sc_status sc__outfile_commit(sc__outfile *o, sc_diag *d) {
    if (o->is_stdout) {
        if (fflush(stdout) != 0 || ferror(stdout)) {
            sc__diag_set(d, "<stdout>", 0, 0, "write error");
            return SC_EIO;
        }
        return SC_OK;
    }
    errno = EIO; /* what an earlier failed write leaves is not known */
    bool bad = ferror(o->f) != 0;
    bad |= fflush(o->f) != 0;
    bad |= !o->direct && fsync(fileno(o->f)) != 0;
    bad |= fclose(o->f) != 0;
    o->f = NULL;
    if (o->direct && bad) {
        sc__diag_set(d, o->path, 0, 0, "cannot write: %s", strerror(errno));
        return SC_EIO;
    }
    if (!o->direct && (bad || rename(o->tmp, o->path) != 0)) {
        sc__diag_set(d, o->path, 0, 0, "cannot write: %s", strerror(errno));
        unlink(o->tmp);
        return SC_EIO;
    }
    return SC_OK;
}

void sc__outfile_abort(sc__outfile *o) {
    if (o->is_stdout || !o->f) return;
    fclose(o->f);
    o->f = NULL;
    if (!o->direct) unlink(o->tmp);
}
