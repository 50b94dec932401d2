/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ring.h - per-CPU rings shared with the consumer.
 *
 * Owns: struct lanner_ring, the ring array (one per CPU id below
 * nr_cpu_ids), the re-entrancy gate and the control-page counters. Must
 * never: format records (record.c) or decide what to capture (hooks/).
 */
#ifndef LANNER_RING_H
#define LANNER_RING_H

#include <linux/atomic.h>
#include <linux/mm_types.h>
#include "lanner.h"

struct lanner_ring {
	struct lanner_ring_ctrl *ctrl;	/* vmalloc_user'd, mapped read-write */
	void *data;			/* vmalloc_user'd, size bytes */
	u8 *wbuf;			/* data pages vmap'd twice: 2 * size */
	u64 head;			/* producer position; ctrl->head mirrors it */
	u32 size;			/* power of two */
	u32 npages;
	atomic_t busy;			/* re-entrancy gate, see lanner_ring_enter */
};

int lanner_rings_alloc(u32 size);
void lanner_rings_free(void);
unsigned int lanner_nr_rings(void);
int lanner_ring_mmap(struct vm_area_struct *vma);

extern struct lanner_ring *lanner_rings;

/* Only valid while the hooks are registered (device open). */
static inline struct lanner_ring *lanner_ring(unsigned int cpu)
{
	return &lanner_rings[cpu];
}

/* Counters are written only by the ring's CPU with preemption off. */
#define lanner_ctrl_inc(ring, field, n) \
	WRITE_ONCE((ring)->ctrl->field, (ring)->ctrl->field + (n))

static inline void lanner_ring_drop(struct lanner_ring *ring,
				    enum lanner_drop_reason why)
{
	lanner_ctrl_inc(ring, n_drops[why], 1);
}

/*
 * A hook that finds its CPU's ring already being written (a nested hook
 * on the same CPU) must not touch it: it counts LANNER_DROP_REENTRANT.
 */
static inline bool lanner_ring_enter(struct lanner_ring *ring)
{
	if (atomic_inc_return(&ring->busy) != 1) {
		atomic_dec(&ring->busy);
		lanner_ring_drop(ring, LANNER_DROP_REENTRANT);
		return false;
	}
	return true;
}

static inline void lanner_ring_exit(struct lanner_ring *ring)
{
	atomic_dec(&ring->busy);
}

#endif /* LANNER_RING_H */
