#ifndef REPORTSYNCD_CSTATFS_SHIM_H
#define REPORTSYNCD_CSTATFS_SHIM_H

// statfs(2): the file-system type of the inbox (Glibc's module does not export sys/statfs.h).
#include <sys/statfs.h>

#endif
