#ifndef PRIVX_ROLES_CWIDTH_H
#define PRIVX_ROLES_CWIDTH_H
#include <stdint.h>
/// The display width of one Unicode scalar as the C library (and so ncurses) sees it: -1, 0, 1 or 2.
int cwidth_scalar(uint32_t scalar);
#endif
