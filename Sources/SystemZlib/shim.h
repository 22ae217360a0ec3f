#ifndef LEGALCIRCLE_CZLIB_SHIM_H
#define LEGALCIRCLE_CZLIB_SHIM_H
#include <zlib.h>
#endif
