// SPDX-License-Identifier: GPL-2.0-only
/*
 * main.c - module entry points and parameters of lanner.ko.
 *
 * Owns: the ring_size parameter (validated here, once, at load), the
 * read-only abi_version parameter (the record ABI in sysfs, for loaders), the
 * boot-to-epoch clock offset, the order of initialisation (tracepoints
 * resolved, then the device registered) and its undoing at unload. Must
 * never: allocate rings or attach probes (done per consumer by device.c).
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/log2.h>
#include <linux/printk.h>
#include "lanner.h"
#include "compat/init.h"

unsigned int lanner_ring_size = LANNER_RING_SIZE_DEFAULT;
module_param_named(ring_size, lanner_ring_size, uint, 0444);
MODULE_PARM_DESC(ring_size,
		 "Bytes of record data per CPU ring: a power of two from 64 KiB to 1 GiB (default 8 MiB)");

#define LANNER_ABI_VERSION_TEXT __stringify(LANNER_ABI_VERSION_MAJOR) "." \
	__stringify(LANNER_ABI_VERSION_MINOR) "." \
	__stringify(LANNER_ABI_VERSION_PATCH)

/*
 * /sys/module/lanner/parameters/abi_version: which ABI the loaded module
 * speaks, so a loader can tell whether it fits without finding its file.
 * Not settable: insmod abi_version=... is refused.
 */
static int lanner_abi_version_set(const char *val, const struct kernel_param *kp)
{
	return -EPERM;
}

static int lanner_abi_version_get(char *buf, const struct kernel_param *kp)
{
	return scnprintf(buf, PAGE_SIZE, "%s\n", LANNER_ABI_VERSION_TEXT);
}

static const struct kernel_param_ops lanner_abi_version_ops = {
	.set = lanner_abi_version_set,
	.get = lanner_abi_version_get,
};
module_param_cb(abi_version, &lanner_abi_version_ops, NULL, 0444);
MODULE_PARM_DESC(abi_version, "Record ABI of this module (read-only)");

u64 lanner_boot_epoch_ns;

static void lanner_clock_init(void)
{
	u64 real = ktime_to_ns(ktime_get_real());
	u64 boot = ktime_to_ns(ktime_get_boottime());

	lanner_boot_epoch_ns = real - boot;
}

static int __lanner_init lanner_init(void)
{
	int err;

	if (!is_power_of_2(lanner_ring_size) ||
	    lanner_ring_size < LANNER_RING_SIZE_MIN ||
	    lanner_ring_size > LANNER_RING_SIZE_MAX ||
	    lanner_ring_size % PAGE_SIZE) {
		pr_err("lanner: ring_size %u is not a power of two in [%u, %u]\n",
		       lanner_ring_size, LANNER_RING_SIZE_MIN,
		       LANNER_RING_SIZE_MAX);
		return -EINVAL;
	}
	lanner_clock_init();
	err = lanner_event_table_check();
	if (err)
		return err;
	err = lanner_hooks_init();
	if (err)
		return err;
	err = lanner_device_init();
	if (err)
		return err;
	pr_info("lanner: ABI %u.%u.%u schema %u.%u.%u, %u rings of %u bytes\n",
		LANNER_ABI_VERSION_MAJOR, LANNER_ABI_VERSION_MINOR,
		LANNER_ABI_VERSION_PATCH, LANNER_SCHEMA_VERSION_MAJOR,
		LANNER_SCHEMA_VERSION_MINOR, LANNER_SCHEMA_VERSION_PATCH,
		nr_cpu_ids, lanner_ring_size);
	return 0;
}

static void __lanner_exit lanner_exit(void)
{
	lanner_device_exit();
}

module_init(lanner_init);
module_exit(lanner_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lanner authors");
MODULE_DESCRIPTION("lanner runtime-security sensor: syscall and process events");
MODULE_VERSION("0.1.0");
MODULE_INFO(abi_version, LANNER_ABI_VERSION_TEXT);
MODULE_INFO(schema_version, __stringify(LANNER_SCHEMA_VERSION_MAJOR) "."
	    __stringify(LANNER_SCHEMA_VERSION_MINOR) "."
	    __stringify(LANNER_SCHEMA_VERSION_PATCH));
