#ifndef REPORTSYNCD_CZLIB_SHIM_H
#define REPORTSYNCD_CZLIB_SHIM_H

// zlib (Debian zlib1g-dev): raw inflate of .docx parts in ReportCore.
#include <zlib.h>

#endif
