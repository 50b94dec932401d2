// SPDX-License-Identifier: GPL-2.0-only
/*
 * ring.c - allocation and user mapping of the per-CPU rings.
 *
 * Owns: one ring per CPU id below nr_cpu_ids (so every ring index the
 * consumer maps exists even for CPUs that come online later): a control
 * page and ring_size data bytes from vmalloc_user(). The kernel writes
 * records through a vmap() of the data pages mapped twice back to back, so
 * a record crossing the end is still contiguous; user space gets the same
 * double view, read-only, by vm_insert_page() of each page twice.
 * Must never: be called from a hook except through lanner_ring(), free
 * rings while hooks can run (device.c unregisters them first), or map the
 * data area writable.
 */
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <linux/slab.h>
#include <linux/log2.h>
#include <linux/cpumask.h>
#include "ring.h"
#include "compat/mm.h"

struct lanner_ring *lanner_rings;
static unsigned int lanner_rings_n;

unsigned int lanner_nr_rings(void)
{
	return nr_cpu_ids;
}

static void lanner_ring_free_one(struct lanner_ring *ring)
{
	if (ring->wbuf)
		vunmap(ring->wbuf);
	vfree(ring->data);
	vfree(ring->ctrl);
	memset(ring, 0, sizeof(*ring));
}

static int lanner_ring_alloc_one(struct lanner_ring *ring, unsigned int cpu,
				 u32 size)
{
	struct page **pages;
	u32 i, npages = size >> PAGE_SHIFT;

	ring->ctrl = vmalloc_user(LANNER_CTRL_SIZE);
	if (!ring->ctrl)
		goto err;
	ring->data = vmalloc_user(size);
	if (!ring->data)
		goto err;
	pages = vmalloc(2 * npages * sizeof(*pages));
	if (!pages)
		goto err;
	for (i = 0; i < npages; i++) {
		pages[i] = vmalloc_to_page((u8 *)ring->data + i * PAGE_SIZE);
		pages[i + npages] = pages[i];
	}
	ring->wbuf = vmap(pages, 2 * npages, VM_MAP, PAGE_KERNEL);
	vfree(pages);
	if (!ring->wbuf)
		goto err;

	ring->size = size;
	ring->npages = npages;
	atomic_set(&ring->busy, 0);
	ring->ctrl->size = size;
	ring->ctrl->cpu = cpu;
	return 0;
err:
	lanner_ring_free_one(ring);
	return -ENOMEM;
}

int lanner_rings_alloc(u32 size)
{
	unsigned int cpu, n = nr_cpu_ids;
	int err;

	lanner_rings = kcalloc(n, sizeof(*lanner_rings), GFP_KERNEL);
	if (!lanner_rings)
		return -ENOMEM;
	for (cpu = 0; cpu < n; cpu++) {
		err = lanner_ring_alloc_one(&lanner_rings[cpu], cpu, size);
		if (err)
			goto err_free;
		lanner_rings_n = cpu + 1;
	}
	return 0;

err_free:
	lanner_rings_free();
	return err;
}

void lanner_rings_free(void)
{
	unsigned int i;

	if (!lanner_rings)
		return;
	for (i = 0; i < lanner_rings_n; i++)
		lanner_ring_free_one(&lanner_rings[i]);
	kfree(lanner_rings);
	lanner_rings = NULL;
	lanner_rings_n = 0;
}

static int lanner_mmap_ctrl(struct lanner_ring *ring,
			    struct vm_area_struct *vma)
{
	if (vma->vm_end - vma->vm_start != PAGE_ALIGN(LANNER_CTRL_SIZE))
		return -EINVAL;
	return vm_insert_page(vma, vma->vm_start, vmalloc_to_page(ring->ctrl));
}

static int lanner_mmap_data(struct lanner_ring *ring,
			    struct vm_area_struct *vma)
{
	unsigned long addr = vma->vm_start;
	u32 i;
	int err;

	if (vma->vm_end - vma->vm_start != 2 * (unsigned long)ring->size)
		return -EINVAL;
	if (vma->vm_flags & VM_WRITE)
		return -EPERM;
	lanner_vm_flags_clear(vma, VM_MAYWRITE);

	for (i = 0; i < 2 * ring->npages; i++, addr += PAGE_SIZE) {
		struct page *page = vmalloc_to_page((u8 *)ring->data +
				(size_t)(i % ring->npages) * PAGE_SIZE);

		err = vm_insert_page(vma, addr, page);
		if (err)
			return err;
	}
	return 0;
}

/*
 * Ring i lives at file offset i * LANNER_MMAP_STRIDE: its control page at
 * +0, its data at +LANNER_MMAP_DATA_OFFSET. Any other offset, length,
 * a private mapping or a writable data mapping is refused.
 */
int lanner_ring_mmap(struct vm_area_struct *vma)
{
	const unsigned int stride_shift = ilog2(LANNER_MMAP_STRIDE);
	u64 off = (u64)vma->vm_pgoff << PAGE_SHIFT;
	u64 idx = off >> stride_shift;
	u64 rel = off & (LANNER_MMAP_STRIDE - 1);
	struct lanner_ring *ring;

	BUILD_BUG_ON(!is_power_of_2(LANNER_MMAP_STRIDE));
	BUILD_BUG_ON(LANNER_MMAP_DATA_OFFSET % PAGE_SIZE);
	BUILD_BUG_ON(sizeof(struct lanner_ring_ctrl) > LANNER_CTRL_SIZE);

	if (!lanner_rings || idx >= lanner_rings_n)
		return -EINVAL;
	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;
	ring = &lanner_rings[idx];

	lanner_vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
	if (rel == 0)
		return lanner_mmap_ctrl(ring, vma);
	if (rel == LANNER_MMAP_DATA_OFFSET)
		return lanner_mmap_data(ring, vma);
	return -EINVAL;
}
