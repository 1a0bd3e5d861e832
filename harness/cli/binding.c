/* binding.c -- --bind: OMP_PROC_BIND and OMP_PLACES for the run, set by re-executing ompscale.
 *
 * The OpenMP runtime reads its environment once, as it starts: libgomp in a constructor before
 * main, libomp at the first OpenMP call. setenv() in main is therefore too late for libgomp, and
 * the binding is applied by execv() of this binary, with the same argv and the variables set.
 * The re-executed process carries OMPSCALE_BIND_REPLACED (the user's values it replaced, maybe
 * empty): it never re-executes again, so a runtime or system that ignores the variables cannot
 * cause a loop; with OMPSCALE_NO_REEXEC set it never re-executes at all. Precedence: --bind wins
 * over the environment (what it replaced is warned about); without --bind, a binding the user set
 * in the environment is kept ("env"), else close, or none for MPI ranks that share a host unbound.
 */
#define _GNU_SOURCE  /* setenv, unsetenv, readlink */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "binding.h"
#include "cluster.h"

#define MARKER "OMPSCALE_BIND_REPLACED"
#define NO_REEXEC "OMPSCALE_NO_REEXEC"  /* set: never re-execute (an emulated binary, see tests/cli.sh) */

/* The variables that decide binding, and the value each kind gives them (NULL: unset). */
enum { V_PROC_BIND, V_PLACES, V_GOMP_AFFINITY, V_KMP_AFFINITY, V_COUNT };
static const char *const var_names[V_COUNT] = {"OMP_PROC_BIND", "OMP_PLACES", "GOMP_CPU_AFFINITY", "KMP_AFFINITY"};
static const char *const var_values[][V_COUNT] = {
    [BIND_CLOSE] = {"close", "cores", NULL, NULL},
    [BIND_SPREAD] = {"spread", "cores", NULL, NULL},
    [BIND_NONE] = {"false", NULL, NULL, NULL},
};
static const char *const kind_names[] = {[BIND_DEFAULT] = "env", [BIND_CLOSE] = "close", [BIND_SPREAD] = "spread",
                                         [BIND_NONE] = "none"};

int binding_parse(const char *s, enum bind_kind *b)
{
    for (int k = BIND_CLOSE; k <= BIND_NONE; k++) {
        if (strcmp(s, kind_names[k]) == 0) {
            *b = (enum bind_kind)k;
            return 0;
        }
    }
    return -1;
}

const char *binding_env_text(const char *bind)
{
    enum bind_kind b = BIND_DEFAULT;
    binding_parse(bind, &b);
    switch (b) {
    case BIND_CLOSE: return "OMP_PROC_BIND=close OMP_PLACES=cores";
    case BIND_SPREAD: return "OMP_PROC_BIND=spread OMP_PLACES=cores";
    case BIND_NONE: return "OMP_PROC_BIND=false";
    case BIND_DEFAULT: break;
    }
    return "the environment's OMP_PROC_BIND and OMP_PLACES";
}

static int same(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Sets or removes each variable to values[]. Returns 0, or -1 when setenv fails. */
static int set_vars(const char *const *values)
{
    for (int v = 0; v < V_COUNT; v++)
        if (values[v] != NULL ? setenv(var_names[v], values[v], 1) != 0 : unsetenv(var_names[v]) != 0)
            return -1;
    return 0;
}

/* 1 when an MPI launcher started several ranks on this host without binding them (this rank may
 * run on every online CPU). close would then put every rank's thread 0 on the same first core,
 * and the ranks would share it instead of running side by side; unbound, the OS spreads them. */
static int shared_host(void)
{
    cpu_set_t set;
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    return cluster_launch_local_size() > 1 && sched_getaffinity(0, sizeof set, &set) == 0 &&
           CPU_COUNT(&set) >= online;
}

void binding_apply(enum bind_kind kind, char **argv, struct binding_state *st)
{
    memset(st, 0, sizeof *st);
    const char *marker = getenv(MARKER);
    if (marker != NULL) {  /* the re-executed process: note what was replaced, never loop */
        snprintf(st->replaced, sizeof st->replaced, "%s", marker);
        unsetenv(MARKER);
    }
    if (kind == BIND_DEFAULT) {
        int user_set = 0;
        for (int v = 0; v < V_COUNT; v++)
            user_set |= getenv(var_names[v]) != NULL;
        kind = user_set && marker == NULL ? BIND_DEFAULT : shared_host() ? BIND_NONE : BIND_CLOSE;
    }
    snprintf(st->bind, sizeof st->bind, "%s", kind_names[kind]);
    if (kind == BIND_DEFAULT || marker != NULL || argv == NULL)
        return;

    /* Copies of what is there now: the replaced values, and the way back should exec fail. */
    char *old[V_COUNT] = {NULL};
    int differs = 0, oom = 0;
    size_t len = 0;
    for (int v = 0; v < V_COUNT; v++) {
        const char *now = getenv(var_names[v]);
        differs |= !same(now, var_values[kind][v]);
        if (now != NULL && (old[v] = strdup(now)) == NULL)
            oom = 1;
        if (now != NULL && !same(now, var_values[kind][v]) && len < sizeof st->replaced)
            len += (size_t)snprintf(st->replaced + len, sizeof st->replaced - len, "%s%s=%s", len ? " " : "",
                                    var_names[v], now);
    }
    if (differs && !oom && getenv(NO_REEXEC) != NULL) {
        snprintf(st->failed, sizeof st->failed, "%s is set", NO_REEXEC);
        st->replaced[0] = '\0';
    } else if (differs && !oom) {
        char self[4096];
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);  /* valgrind and qemu answer for the program */
        if (n > 0)
            self[n] = '\0';
        else
            snprintf(self, sizeof self, "/proc/self/exe");
        if (set_vars(var_values[kind]) == 0 && setenv(MARKER, st->replaced, 1) == 0) {
            placement_unpin();  /* a binding in the old environment pinned this thread: undo it */
            fflush(NULL);
            execv(self, argv);
        }
        snprintf(st->failed, sizeof st->failed, "%.400s: %.100s", self, strerror(errno));
        unsetenv(MARKER);
        set_vars((const char *const *)old);
        st->replaced[0] = '\0';
    } else if (oom) {
        snprintf(st->failed, sizeof st->failed, "out of memory");
    }
    for (int v = 0; v < V_COUNT; v++)
        free(old[v]);
}

void binding_warnings(const struct binding_state *st, const struct placement *pl, const struct sysinfo *si,
                      struct warnings *w)
{
    enum bind_kind kind = BIND_DEFAULT;
    binding_parse(st->bind, &kind);
    if (st->failed[0] != '\0')
        warnings_add(w,
                     "--bind %s was not applied: re-executing ompscale with %s failed (%s); threads are bound as "
                     "the runtime says (proc_bind %s): set those variables yourself before running ompscale",
                     st->bind, binding_env_text(st->bind), st->failed, pl->proc_bind);
    else if (kind != BIND_DEFAULT && strcmp(pl->proc_bind, kind == BIND_NONE ? "false" : st->bind) != 0)
        warnings_add(w, "--bind %s: the OpenMP runtime reports proc_bind %s instead; check its documentation",
                     st->bind, pl->proc_bind);
    if (st->replaced[0] != '\0')
        warnings_add(w, "%s from the environment was replaced: --bind %s sets %s (meta.json records the values used)",
                     st->replaced, st->bind, binding_env_text(st->bind));
    if (kind == BIND_DEFAULT)
        warnings_add(w,
                     "threads are placed as OMP_PROC_BIND=%s OMP_PLACES=%s from the environment say (proc_bind %s); "
                     "--bind close|spread|none replaces them",
                     getenv("OMP_PROC_BIND") ? getenv("OMP_PROC_BIND") : "(unset)",
                     pl->places[0] ? pl->places : "(unset)", pl->proc_bind);
    /* What makes unbound threads vary: sockets, NUMA nodes, SMT siblings. */
    char what[160] = "";
    size_t len = 0;
    if (si->packages > 1)
        len += (size_t)snprintf(what + len, sizeof what - len, ", %d sockets", si->packages);
    if (si->numa_nodes > 1 && len < sizeof what)
        len += (size_t)snprintf(what + len, sizeof what - len, ", %d NUMA nodes", si->numa_nodes);
    if (si->cores_physical > 0 && si->cores_physical < si->cpus_online && len < sizeof what)
        snprintf(what + len, sizeof what - len, ", SMT (%d CPUs on %d cores)", si->cpus_online, si->cores_physical);
    if (!placement_bound(pl) && what[0] != '\0')
        warnings_add(w,
                     "threads are not bound to cores (proc_bind %s) on a machine with %s: the OS may move them "
                     "between cores or pair two on one core, so times vary from run to run; use --bind close (the "
                     "default) or spread",
                     pl->proc_bind, what + 2);
}
