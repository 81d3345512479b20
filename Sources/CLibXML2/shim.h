#ifndef REPORTSYNCD_CLIBXML2_SHIM_H
#define REPORTSYNCD_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, so <libxml/encoding.h> would pull the system's
// <unicode/ucnv.h> into this module, whose UErrorCode then clashes with Foundation's own ICU
// (_FoundationICU) in any Swift module that imports both. Nothing here uses libxml2's ICU
// converters (text reaches libxml2 as UTF-8), so leave them out.
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#endif
