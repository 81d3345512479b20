#ifndef REPORTSYNCD_CFILESYSTEM_SHIM_H
#define REPORTSYNCD_CFILESYSTEM_SHIM_H

// What Glibc's Swift module does not export: statfs(2) for the inbox's file-system type,
// syncfs(2) (a GNU extension) for group commits of mirror records, and extended attributes for the
// origin stamp of a copy made across file systems; strerrorname_np (GNU, glibc 2.32) names an errno
// (`ENOSPC`) for the I/O error metric.
#include <sys/statfs.h>
#include <sys/xattr.h>

int syncfs(int fd);
const char *strerrorname_np(int errnum);

#endif
