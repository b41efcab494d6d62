/*
** Output files written atomically: to a temporary file beside the target,
** renamed over it once complete (see io.h).
*/
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "io.h"

/*
** Creates the temporary file beside 'o->path' ("PATH.tmp" and a number),
** open for writing, and returns its descriptor, or -1 with errno set. It is
** created with mode 0666 and O_EXCL, so the kernel applies the umask (and a
** directory's default ACL) exactly as for any other tool's output. mkstemp
** would make it 0600, and correcting that with fchmod needs the umask, which
** a process can read only by setting it: a window in which another thread of
** the program would create files without one. The number mixes the process
** id, the clock and the attempt, so that names are hard to guess; an
** existing name (another writer, or a temporary left by a kill) moves on to
** the next. O_EXCL never follows a symbolic link.
*/
static int create_tmp(sc__outfile *o) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t x = ((uint64_t)getpid() << 32) ^ (uint64_t)ts.tv_sec ^ (uint64_t)ts.tv_nsec;
    for (unsigned k = 0; k < 1000; k++) {
        unsigned long n = (unsigned long)(sc__splitmix(&x) & 0xffffffffu);
        int len = snprintf(o->tmp, sizeof o->tmp, "%s.tmp%08lx", o->path, n);
        if (len < 0 || (size_t)len >= sizeof o->tmp) {
            errno = ENAMETOOLONG;
            return -1;
        }
        int fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST) return fd;
    }
    return -1; /* errno is EEXIST */
}

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
    int fd = create_tmp(o);
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
