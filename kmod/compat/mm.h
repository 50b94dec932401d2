/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * compat/mm.h - changing a VMA's flags; reading an mm's page counters.
 *
 * Owns: lanner_vm_flags_set()/lanner_vm_flags_clear(). >= 6.3 (probe
 * VM_FLAGS_SET) vm_flags is const and must be changed through the
 * kernel's helpers; before, it is written directly. Must never: be used
 * outside an ->mmap handler (the mmap lock is held for writing there).
 *
 * lanner_mm_counter(): resident/swap pages. >= 6.2 (probe
 * GET_MM_COUNTER_SUM) the counters are per-CPU and are summed (a raw
 * spinlock, one read per online CPU); before, one atomic read.
 */
#ifndef LANNER_COMPAT_MM_H
#define LANNER_COMPAT_MM_H

#include <linux/mm.h>

static inline void lanner_vm_flags_set(struct vm_area_struct *vma,
				       unsigned long flags)
{
#ifdef HAS_VM_FLAGS_SET
	vm_flags_set(vma, flags);
#else
	vma->vm_flags |= flags;
#endif /* HAS_VM_FLAGS_SET */
}

static inline void lanner_vm_flags_clear(struct vm_area_struct *vma,
					 unsigned long flags)
{
#ifdef HAS_VM_FLAGS_SET
	vm_flags_clear(vma, flags);
#else
	vma->vm_flags &= ~flags;
#endif /* HAS_VM_FLAGS_SET */
}

static inline unsigned long lanner_mm_counter(struct mm_struct *mm, int member)
{
#ifdef HAS_GET_MM_COUNTER_SUM
	return get_mm_counter_sum(mm, member);
#else
	return get_mm_counter(mm, member);
#endif /* HAS_GET_MM_COUNTER_SUM */
}

/* get_mm_rss() with exact per-CPU sums where the counters are per-CPU */
static inline unsigned long lanner_mm_rss(struct mm_struct *mm)
{
#ifdef HAS_GET_MM_COUNTER_SUM
	return lanner_mm_counter(mm, MM_FILEPAGES) +
	       lanner_mm_counter(mm, MM_ANONPAGES) +
	       lanner_mm_counter(mm, MM_SHMEMPAGES);
#else
	return get_mm_rss(mm);
#endif /* HAS_GET_MM_COUNTER_SUM */
}

#endif /* LANNER_COMPAT_MM_H */
