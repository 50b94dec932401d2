// SPDX-License-Identifier: GPL-2.0-only
/*
 * >= 5.0: module_init() copies the init function's attributes to its
 * init_module alias (__copy). Before, gcc >= 9 warns that the alias lacks
 * __init's 'cold' (-Wmissing-attributes); this probe fails exactly then.
 */
#include <linux/init.h>
#include <linux/module.h>

#pragma GCC diagnostic error "-Wmissing-attributes"

static int __init lanner_probe_init(void)
{
	return 0;
}
module_init(lanner_probe_init);
