/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fillers/files.h - the eBPF instance of the file-descriptor and
 * file-system fillers written once for both drivers
 * (driver-common/lanner_fill_files.h: fd_ops, fs_path, fs_at), each a
 * tail-called program pair (filler.h).
 *
 * Owns: nothing but the program heads. Must never: restate a parameter
 * list (edit the shared header).
 */
#ifndef LANNER_FILL_FILES_BPF_H
#define LANNER_FILL_FILES_BPF_H

#include "filler.h"
#include "user.h"

#define LANNER_FILLER_BODY(fam) LANNER_FILLER(fam)
#include "lanner_fill_files.h"

#endif /* LANNER_FILL_FILES_BPF_H */
