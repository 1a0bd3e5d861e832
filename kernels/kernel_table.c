/* kernel_table.c -- the table of kernels that the CLI, the runner and the tests iterate, and
 * lookups in it. */
#include <string.h>

#include "kernel.h"

/* Each kernel file defines NAME_kernel; the list comes from OMPSCALE_KERNELS in CMakeLists.txt. */
#define OMPSCALE_KERNEL(name) extern const struct kernel name##_kernel;
#include "kernel_list.h"
#undef OMPSCALE_KERNEL

const struct kernel *const kernel_table[] = {
#define OMPSCALE_KERNEL(name) &name##_kernel,
#include "kernel_list.h"
#undef OMPSCALE_KERNEL
};

const int kernel_count = (int)(sizeof kernel_table / sizeof kernel_table[0]);

/* Returns the kernel called name, or NULL. */
const struct kernel *kernel_find(const char *name)
{
    for (int i = 0; i < kernel_count; i++)
        if (strcmp(kernel_table[i]->name, name) == 0)
            return kernel_table[i];
    return NULL;
}

/* Returns the index of parameter name in k->params, or -1. */
int kernel_param_index(const struct kernel *k, const char *name)
{
    for (int i = 0; i < k->n_params; i++)
        if (strcmp(k->params[i].name, name) == 0)
            return i;
    return -1;
}

static const char *const class_names[CLASS_COUNT] = {"S", "W", "A", "B"};

const char *kernel_class_name(enum kernel_class c)
{
    return class_names[c];
}

/* Parses "S", "W", "A" or "B" (either case). Returns 0, or -1 for anything else. */
int kernel_class_parse(const char *s, enum kernel_class *c)
{
    for (int i = 0; i < CLASS_COUNT; i++) {
        if (s[0] != '\0' && s[1] == '\0' && (s[0] == class_names[i][0] || s[0] == class_names[i][0] + 32)) {
            *c = (enum kernel_class)i;
            return 0;
        }
    }
    return -1;
}
