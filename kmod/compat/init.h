/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * compat/init.h - section markers of the module's init and exit functions.
 *
 * Owns: __lanner_init/__lanner_exit (probe MODULE_INIT_COPY). Kernels
 * before 5.0 alias init_module/cleanup_module to the init/exit function
 * without copying its attributes, and gcc >= 9 warns that the alias lacks
 * __init's 'cold'. There the two functions are plain functions (a few
 * hundred bytes stay resident); elsewhere they are __init/__exit. Must
 * never: be used on anything but lanner_init() and lanner_exit().
 */
#ifndef LANNER_COMPAT_INIT_H
#define LANNER_COMPAT_INIT_H

#include <linux/init.h>

#ifdef HAS_MODULE_INIT_COPY
#define __lanner_init __init
#define __lanner_exit __exit
#else
#define __lanner_init
#define __lanner_exit
#endif /* HAS_MODULE_INIT_COPY */

#endif /* LANNER_COMPAT_INIT_H */
