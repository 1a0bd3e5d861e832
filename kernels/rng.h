/* rng.h -- a counter-based random number generator: stream (seed, index) gives the same
 * numbers whichever thread draws them and in whatever order tasks run.
 *
 * Each value is a SplitMix64 finaliser applied to key + counter * golden-ratio constant, where
 * key mixes the seed and the stream index. Statistically adequate for plotting and Monte
 * Carlo of this size; not for cryptography.
 */
#ifndef OMPSCALE_RNG_H
#define OMPSCALE_RNG_H

#include <stdint.h>

struct rng {
    uint64_t key;
    uint64_t counter;
};

static inline uint64_t rng_mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* The stream for task index of a run seeded with seed. */
static inline struct rng rng_stream(uint64_t seed, uint64_t index)
{
    struct rng r = {rng_mix(seed ^ rng_mix(index + UINT64_C(0x9e3779b97f4a7c15))), 0};
    return r;
}

static inline uint64_t rng_next(struct rng *r)
{
    return rng_mix(r->key + ++r->counter * UINT64_C(0x9e3779b97f4a7c15));
}

/* Uniform in [0, 1), 53 random bits. */
static inline double rng_uniform(struct rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

#endif
