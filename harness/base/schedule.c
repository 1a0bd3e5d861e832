/* schedule.c -- OpenMP schedule kinds by name, and applying one to the runtime. */
#include <limits.h>
#include <omp.h>
#include <string.h>

#include "schedule.h"

static const char *const names[] = {"static", "dynamic", "guided", "auto", "serial"};

const char *schedule_name(enum sched_kind kind)
{
    return names[kind];
}

int schedule_parse(const char *name, enum sched_kind *kind)
{
    for (int i = 0; i < SCHED_COUNT; i++) {
        if (strcmp(name, names[i]) == 0) {
            *kind = (enum sched_kind)i;
            return 0;
        }
    }
    return -1;
}

void schedule_apply(enum sched_kind kind, long chunk, int threads)
{
    static const omp_sched_t omp_kinds[] = {omp_sched_static, omp_sched_dynamic, omp_sched_guided,
                                            omp_sched_auto};
    omp_set_dynamic(0);  /* the team must have exactly the size asked for */
    omp_set_num_threads(threads);
    omp_set_schedule(omp_kinds[kind], chunk > INT_MAX ? INT_MAX : (int)chunk);
}

void schedule_wake_team(void)
{
#pragma omp parallel
    {
        /* nothing: waking the team is the point */
    }
}
