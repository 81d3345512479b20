#ifndef REPORTSYNCD_CFILESYSTEM_SHIM_H
#define REPORTSYNCD_CFILESYSTEM_SHIM_H

// What Glibc's Swift module does not export: statfs(2) for the inbox's file-system type, and
// syncfs(2) (a GNU extension) for group commits of mirror records.
#include <sys/statfs.h>

int syncfs(int fd);

#endif
