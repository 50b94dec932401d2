/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * compat/mm.h - changing a VMA's flags.
 *
 * Owns: lanner_vm_flags_set()/lanner_vm_flags_clear(). >= 6.3 (probe
 * VM_FLAGS_SET) vm_flags is const and must be changed through the
 * kernel's helpers; before, it is written directly. Must never: be used
 * outside an ->mmap handler (the mmap lock is held for writing there).
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

#endif /* LANNER_COMPAT_MM_H */
