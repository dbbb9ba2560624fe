/* vec.c — the doubling vector (see vec.h). */
#include "vec.h"

#include <stdint.h>
#include <stdlib.h>

ac_error vec_reserve(void **data, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return AC_OK;
    if (elem == 0)
        return AC_ERR_USAGE;
    size_t nc = *cap ? *cap : 16;
    while (nc < need) {
        if (nc > SIZE_MAX / 2)
            return AC_ERR_NOMEM;
        nc *= 2;
    }
    if (nc > SIZE_MAX / elem)
        return AC_ERR_NOMEM;
    void *p = realloc(*data, nc * elem);
    if (!p)
        return AC_ERR_NOMEM;
    *data = p;
    *cap = nc;
    return AC_OK;
}
