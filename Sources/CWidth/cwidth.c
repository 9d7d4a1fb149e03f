#include <wchar.h>
#include "cwidth.h"

int cwidth_scalar(uint32_t scalar) { return wcwidth((wchar_t)scalar); }
