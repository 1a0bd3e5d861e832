/* schedule.h -- OpenMP schedule kinds by name, and applying one to the runtime. */
#ifndef OMPSCALE_SCHEDULE_H
#define OMPSCALE_SCHEDULE_H

enum sched_kind { SCHED_STATIC, SCHED_DYNAMIC, SCHED_GUIDED, SCHED_AUTO, SCHED_COUNT,
                  SCHED_SERIAL = SCHED_COUNT };  /* the serial baseline, not an OpenMP kind */

const char *schedule_name(enum sched_kind kind);
/* Returns 0 and sets *kind for "static", "dynamic", "guided" or "auto"; -1 otherwise. */
int schedule_parse(const char *name, enum sched_kind *kind);
/* Sets the team size and the schedule used by schedule(runtime) loops; chunk 0 asks for
 * the implementation's default chunk. */
void schedule_apply(enum sched_kind kind, long chunk, int threads);
/* Runs an empty parallel region at the current team size: idle OpenMP workers go to sleep (how
 * soon depends on OMP_WAIT_POLICY), so a timed region right after it starts with a woken team. */
void schedule_wake_team(void);

#endif
