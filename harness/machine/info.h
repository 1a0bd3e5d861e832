/* info.h -- `ompscale info`: the machine facts in one screen, for people. */
#ifndef OMPSCALE_INFO_H
#define OMPSCALE_INFO_H

#include <stdio.h>

#include "sysinfo.h"

/* Prints si, and the state sample now unless it is NULL, to f: at most 13 lines, each
 * "label       value". */
void info_print(FILE *f, const struct sysinfo *si, const struct sysinfo_sample *now);

#endif
