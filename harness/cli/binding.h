/* binding.h -- --bind: which CPUs OpenMP threads run on, set through OMP_PROC_BIND and
 * OMP_PLACES before the OpenMP runtime starts, and the warnings about it. */
#ifndef OMPSCALE_BINDING_H
#define OMPSCALE_BINDING_H

#include <stddef.h>

#include "placement.h"
#include "sysinfo.h"
#include "warnings.h"

/* BIND_DEFAULT: no --bind; the environment's binding when it sets one, else close. */
enum bind_kind { BIND_DEFAULT, BIND_CLOSE, BIND_SPREAD, BIND_NONE };

/* What binding_apply found and did, for the record and the warnings. */
struct binding_state {
    char bind[16];                   /* close, spread, none, or env (the environment's, kept) */
    char replaced[256];              /* the user's variables --bind replaced: "OMP_PROC_BIND=spread"; "" none */
    char failed[512];                /* why re-executing failed; "" when it did not fail */
};

/* Parses close, spread or none. Returns 0, or -1. */
int binding_parse(const char *s, enum bind_kind *b);
/* The variables a binding (close, spread, none, env) sets, for messages:
 * "OMP_PROC_BIND=close OMP_PLACES=cores". */
const char *binding_env_text(const char *bind);
/* Makes the environment match kind: when it differs, sets OMP_PROC_BIND and OMP_PLACES (and
 * removes GOMP_CPU_AFFINITY and KMP_AFFINITY, which compete with them) and re-executes this
 * binary with argv, since the runtime reads them only as it starts; on success it does not return.
 * A re-executed process (marked by OMPSCALE_BIND_REPLACED) never re-executes again, nor does one
 * with OMPSCALE_NO_REEXEC set (st->failed then says so). When exec
 * fails, the environment is restored and st->failed says why. With argv NULL it only decides
 * (st->bind) and changes nothing. Call it before any OpenMP call. */
void binding_apply(enum bind_kind kind, char **argv, struct binding_state *st);
/* Adds the warnings the binding calls for: variables replaced, a failed re-execution, a binding
 * the runtime did not apply, unbound threads on a machine with several sockets, NUMA nodes or
 * SMT threads. */
void binding_warnings(const struct binding_state *st, const struct placement *pl, const struct sysinfo *si,
                      struct warnings *w);

#endif
