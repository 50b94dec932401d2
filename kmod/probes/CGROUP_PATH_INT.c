// SPDX-License-Identifier: GPL-2.0-only
/*
 * cgroup_path() returns an int and writes the path at the start of the
 * buffer (3.10 .. 4.4's dentry walk and >= 4.8's kernfs_path); 4.5 .. 4.7
 * returned a char * into the buffer instead.
 */
#include <linux/cgroup.h>

int lanner_probe(struct cgroup *cgrp, char *buf);
int lanner_probe(struct cgroup *cgrp, char *buf)
{
	int n = cgroup_path(cgrp, buf, 16);

	return n;
}
