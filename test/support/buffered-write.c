// LD_PRELOADed into pffexport by test/support/buffered-write.ts: pffexport -d writes its item
// dumps a byte per write(2) (5.8 million calls for one 4 MB store). Here each file's writes are
// gathered and written in pieces of 64 KiB: the same bytes, in the same order, in each file.
// Standard output and error are left as they are.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FDS 1024
#define SIZE 65536

struct pending {
  size_t used;
  char data[SIZE];
};

static struct pending *pending[FDS];
static ssize_t (*real_write)(int, const void *, size_t);

static ssize_t write_all(int fd, const char *p, size_t n) {
  if (!real_write) real_write = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
  size_t done = 0;
  while (done < n) {
    ssize_t w = real_write(fd, p + done, n - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return -1;
    done += (size_t)w;
  }
  return (ssize_t)n;
}

static int flush(int fd) {
  if (fd < 0 || fd >= FDS || !pending[fd] || pending[fd]->used == 0) return 0;
  size_t n = pending[fd]->used;
  pending[fd]->used = 0;
  return write_all(fd, pending[fd]->data, n) < 0 ? -1 : 0;
}

ssize_t write(int fd, const void *p, size_t n) {
  if (fd <= 2 || fd >= FDS) return write_all(fd, p, n);
  if (!pending[fd] && !(pending[fd] = calloc(1, sizeof(struct pending)))) return write_all(fd, p, n);
  struct pending *b = pending[fd];
  if (b->used + n > SIZE) {
    if (flush(fd) < 0) return -1;
    if (n > SIZE) return write_all(fd, p, n);
  }
  memcpy(b->data + b->used, p, n);
  b->used += n;
  return (ssize_t)n;
}

int close(int fd) {
  static int (*real_close)(int);
  if (!real_close) real_close = (int (*)(int))dlsym(RTLD_NEXT, "close");
  int failed = flush(fd);
  int r = real_close(fd);
  return failed ? -1 : r;
}

off_t lseek(int fd, off_t offset, int whence) {
  static off_t (*real_lseek)(int, off_t, int);
  if (!real_lseek) real_lseek = (off_t (*)(int, off_t, int))dlsym(RTLD_NEXT, "lseek");
  if (flush(fd) < 0) return -1;
  return real_lseek(fd, offset, whence);
}

int ftruncate(int fd, off_t length) {
  static int (*real_ftruncate)(int, off_t);
  if (!real_ftruncate) real_ftruncate = (int (*)(int, off_t))dlsym(RTLD_NEXT, "ftruncate");
  if (flush(fd) < 0) return -1;
  return real_ftruncate(fd, length);
}

int fstat(int fd, struct stat *st) {
  static int (*real_fstat)(int, struct stat *);
  if (!real_fstat) real_fstat = (int (*)(int, struct stat *))dlsym(RTLD_NEXT, "fstat");
  if (flush(fd) < 0) return -1;
  return real_fstat(fd, st);
}

__attribute__((destructor)) static void flush_all(void) {
  for (int fd = 3; fd < FDS; fd++) flush(fd);
}
