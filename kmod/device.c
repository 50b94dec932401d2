// SPDX-License-Identifier: GPL-2.0-only
/*
 * device.c - the /dev/lanner misc device: one consumer at a time.
 *
 * Owns: open (root only, a second open gets -EBUSY: one consumer, one set
 * of rings, no per-consumer demultiplexing in the hooks), allocation of the
 * rings and attachment of the probes at open, their teardown at release
 * (probes detached and drained before the rings are freed), mmap (via
 * ring.c), and the ioctls: GET_INFO, SET_FILTER (published to running
 * probes through a two-slot switch), START and STOP. .owner = THIS_MODULE,
 * so the module cannot be removed while the device is open or mapped.
 * Must never: free rings while a probe may run, or let a consumer map the
 * data area writable.
 */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>
#include <linux/slab.h>
#include <linux/capability.h>
#include <linux/cpumask.h>
#include <linux/tracepoint.h>
#include "ring.h"

struct lanner_capture lanner_cap = {
	.filter = &lanner_cap.slots[0],
};

static DEFINE_MUTEX(lanner_dev_lock);	/* open state, filter slots */
static bool lanner_in_use;

static int lanner_open(struct inode *inode, struct file *file)
{
	int err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	mutex_lock(&lanner_dev_lock);
	if (lanner_in_use) {
		err = -EBUSY;
		goto out_unlock;
	}
	WRITE_ONCE(lanner_cap.started, 0);
	memset(lanner_cap.slots, 0, sizeof(lanner_cap.slots));
	/* no probe is attached yet; release only for symmetry with hooks */
	smp_store_release(&lanner_cap.filter, &lanner_cap.slots[0]);

	err = lanner_rings_alloc(lanner_ring_size);
	if (err)
		goto out_unlock;
	err = lanner_hooks_register();
	if (err)
		goto out_rings;
	lanner_in_use = true;
	mutex_unlock(&lanner_dev_lock);
	return nonseekable_open(inode, file);

out_rings:
	lanner_rings_free();
out_unlock:
	mutex_unlock(&lanner_dev_lock);
	return err;
}

static int lanner_release(struct inode *inode, struct file *file)
{
	mutex_lock(&lanner_dev_lock);
	WRITE_ONCE(lanner_cap.started, 0);
	lanner_hooks_unregister();	/* waits for running probes */
	lanner_rings_free();
	lanner_in_use = false;
	mutex_unlock(&lanner_dev_lock);
	return 0;
}

static int lanner_mmap(struct file *file, struct vm_area_struct *vma)
{
	return lanner_ring_mmap(vma);
}

static long lanner_get_info(void __user *uarg)
{
	struct lanner_info *info;
	unsigned int cpu;
	long ret;

	/* About 1 KiB: too large for the stack. */
	info = kzalloc(sizeof(*info), GFP_KERNEL);
	if (!info)
		return -ENOMEM;
	info->abi_major = LANNER_ABI_VERSION_MAJOR;
	info->abi_minor = LANNER_ABI_VERSION_MINOR;
	info->abi_patch = LANNER_ABI_VERSION_PATCH;
	info->schema_major = LANNER_SCHEMA_VERSION_MAJOR;
	info->schema_minor = LANNER_SCHEMA_VERSION_MINOR;
	info->schema_patch = LANNER_SCHEMA_VERSION_PATCH;
	info->nr_rings = lanner_nr_rings();
	info->ring_size = lanner_ring_size;
	info->mmap_stride = LANNER_MMAP_STRIDE;
	info->mmap_data_offset = LANNER_MMAP_DATA_OFFSET;
	info->ctrl_size = LANNER_CTRL_SIZE;
	info->online_mask_words = min_t(u32, DIV_ROUND_UP(nr_cpu_ids, 64),
					ARRAY_SIZE(info->online));
	for_each_online_cpu(cpu)
		if (cpu < 64 * ARRAY_SIZE(info->online))
			info->online[cpu / 64] |= 1ULL << (cpu % 64);
	ret = copy_to_user(uarg, info, sizeof(*info)) ? -EFAULT : 0;
	kfree(info);
	return ret;
}

/*
 * The new filter goes to the slot no probe uses; after the switch, wait
 * until no probe can still hold the old slot, so the next SET_FILTER may
 * overwrite it.
 */
static long lanner_set_filter(void __user *uarg)
{
	struct lanner_filter *next;
	long err = 0;

	mutex_lock(&lanner_dev_lock);
	next = lanner_cap.filter == &lanner_cap.slots[0] ?
	       &lanner_cap.slots[1] : &lanner_cap.slots[0];
	if (copy_from_user(next, uarg, sizeof(*next))) {
		err = -EFAULT;
		goto out;
	}
	if ((next->tracepoints & ~LANNER_TP_PROCEXIT) ||
	    (next->flags & ~LANNER_FILTER_DROP_FAILED)) {
		err = -EINVAL;
		goto out;
	}
	/* pairs with lanner_filter(): probes see the whole new slot */
	smp_store_release(&lanner_cap.filter, next);
	/* after this no probe still reads the old slot */
	tracepoint_synchronize_unregister();
out:
	mutex_unlock(&lanner_dev_lock);
	return err;
}

static long lanner_ioctl(struct file *file, unsigned int cmd,
			 unsigned long arg)
{
	switch (cmd) {
	case LANNER_IOC_GET_INFO:
		return lanner_get_info((void __user *)arg);
	case LANNER_IOC_SET_FILTER:
		return lanner_set_filter((void __user *)arg);
	case LANNER_IOC_START:
		WRITE_ONCE(lanner_cap.started, 1);
		return 0;
	case LANNER_IOC_STOP:
		WRITE_ONCE(lanner_cap.started, 0);
		return 0;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations lanner_fops = {
	.owner = THIS_MODULE,
	.open = lanner_open,
	.release = lanner_release,
	.mmap = lanner_mmap,
	.unlocked_ioctl = lanner_ioctl,
};

static struct miscdevice lanner_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = LANNER_DEVICE_NAME,
	.fops = &lanner_fops,
	.mode = 0600,
};

int lanner_device_init(void)
{
	int err = misc_register(&lanner_misc);

	if (err)
		pr_err("lanner: cannot register /dev/%s: %d\n",
		       LANNER_DEVICE_NAME, err);
	return err;
}

void lanner_device_exit(void)
{
	misc_deregister(&lanner_misc);
}
