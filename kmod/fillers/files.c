// SPDX-License-Identifier: GPL-2.0-only
/*
 * fillers/files.c - the module's instance of the file-descriptor and
 * file-system fillers written once for both drivers
 * (driver-common/lanner_fill_files.h: fd_ops, fs_path, fs_at).
 *
 * Owns: nothing but the function heads. Must never: restate a parameter
 * list (edit the shared header).
 */
#include "fillers.h"

#define LANNER_FILLER_BODY(fam) \
	void lanner_fill_##fam(struct lanner_rec *r, const struct lanner_sys *s)
#include "lanner_fill_files.h"
