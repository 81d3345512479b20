#ifndef REPORTSYNCD_CFILESYSTEM_SHIM_H
#define REPORTSYNCD_CFILESYSTEM_SHIM_H

// What Glibc's Swift module does not export: statfs(2) for the inbox's file-system type,
// syncfs(2) (a GNU extension) for group commits of mirror records, and extended attributes for the
// origin stamp of a copy made across file systems.
#include <sys/statfs.h>
#include <sys/xattr.h>

int syncfs(int fd);

#endif
