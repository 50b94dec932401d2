// SPDX-License-Identifier: GPL-2.0-only
/*
 * >= 6.3: vm_flags is read-only; vm_flags_set()/vm_flags_clear()
 */
#include <linux/mm.h>

void lanner_probe(struct vm_area_struct *vma);
void lanner_probe(struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vm_flags_clear(vma, VM_MAYWRITE);
}
