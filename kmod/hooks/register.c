// SPDX-License-Identifier: GPL-2.0-only
/*
 * hooks/register.c - attaching and detaching lanner's tracepoint probes.
 *
 * Owns: the list of tracepoints, their lookup at load (a kernel without
 * one of them refuses the module with a clear message), registration when
 * the consumer opens the device and unregistration, followed by a wait
 * for running probes, when it closes. Must never: free anything a probe
 * can still use before tracepoint_synchronize_unregister() returned.
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include "hooks.h"
#include "stash.h"
#include "compat/tracepoint.h"

static struct lanner_tp lanner_tps[] = {
	{ .name = "sched_process_exit", .probe = lanner_sched_exit_probe },
	{ .name = "sched_process_exec", .probe = lanner_sched_exec_probe },
	{ .name = "sys_exit", .probe = lanner_sys_exit_probe },
	{ .name = "sys_enter", .probe = lanner_sys_enter_probe },
};

int lanner_hooks_init(void)
{
	const char *missing = NULL;
	int err;

	err = lanner_tp_lookup(lanner_tps, ARRAY_SIZE(lanner_tps), &missing);
	if (err)
		pr_err("lanner: tracepoint %s not found\n", missing);
	return err;
}

void lanner_hooks_unregister(void)
{
	unsigned int i;

	for (i = ARRAY_SIZE(lanner_tps); i-- > 0;) {
		if (lanner_tps[i].registered) {
			lanner_tp_unregister(&lanner_tps[i]);
			lanner_tps[i].registered = false;
		}
	}
	/* no probe runs, or will run, on the rings after this */
	tracepoint_synchronize_unregister();
	lanner_stash_free();	/* enter-side copies: no probe uses them now */
}

int lanner_hooks_register(void)
{
	unsigned int i;
	int err;

	err = lanner_stash_alloc();
	if (err)
		return err;
	for (i = 0; i < ARRAY_SIZE(lanner_tps); i++) {
		err = lanner_tp_register(&lanner_tps[i]);
		if (err) {
			pr_err("lanner: cannot attach to %s: %d\n",
			       lanner_tps[i].name, err);
			lanner_hooks_unregister();
			return err;
		}
		lanner_tps[i].registered = true;
	}
	return 0;
}
