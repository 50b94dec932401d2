/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * compat/barrier.h - READ_ONCE/WRITE_ONCE and acquire/release accessors.
 *
 * Owns: fallbacks for kernels older than the accessors (ACCESS_ONCE plus
 * explicit barriers, as perf did before 3.14). These are macros, so their
 * presence is tested with #ifdef rather than a build probe. Must never:
 * weaken ordering relative to the native accessors.
 */
#ifndef LANNER_COMPAT_BARRIER_H
#define LANNER_COMPAT_BARRIER_H

#include <linux/compiler.h>
#include <asm/barrier.h>

#ifndef READ_ONCE
#define READ_ONCE(x) ACCESS_ONCE(x)
#endif
#ifndef WRITE_ONCE
#define WRITE_ONCE(x, v) (ACCESS_ONCE(x) = (v))
#endif

#ifndef smp_store_release
/* A full barrier orders everything before the store: stronger than release. */
#define smp_store_release(p, v)			\
	do {					\
		smp_mb(); /* release */		\
		ACCESS_ONCE(*(p)) = (v);	\
	} while (0)
#endif

#ifndef smp_load_acquire
/* A full barrier orders everything after the load: stronger than acquire. */
#define smp_load_acquire(p)				\
	({						\
		typeof(*(p)) ___v = ACCESS_ONCE(*(p));	\
		smp_mb(); /* acquire */			\
		___v;					\
	})
#endif

#endif /* LANNER_COMPAT_BARRIER_H */
