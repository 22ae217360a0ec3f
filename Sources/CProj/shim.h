#ifndef LEGALCIRCLE_CPROJ_SHIM_H
#define LEGALCIRCLE_CPROJ_SHIM_H
#include <proj.h>
#include <geodesic.h>
#endif
