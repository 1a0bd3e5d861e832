/* sweep.h -- what the sweep kernel shares beyond the kernel table (for tests). */
#ifndef OMPSCALE_SWEEP_H
#define OMPSCALE_SWEEP_H

/* Closed-form mean squared end-to-end distance <R^2> of a freely rotating chain of n_bonds
 * bonds of length 1, where c is the cosine of the angle between consecutive bond vectors:
 * c = -cos(theta) for the valence angle theta. Needs -1 < c < 1 and n_bonds >= 1. */
double sweep_r2_exact(long n_bonds, double c);

#endif
