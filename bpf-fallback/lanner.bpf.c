// SPDX-License-Identifier: GPL-2.0-only
/*
 * lanner.bpf.c - the one translation unit of lanner's eBPF fallback.
 *
 * Owns: which hooks and filler families make up the object. Built twice
 * by build.rs: with BPF ring buffers (default) and with
 * -DLANNER_TRANSPORT_PERF for kernels without them; the agent embeds both
 * and loads the one the kernel supports. Must never: hold logic (it lives
 * in include/, hooks/ and fillers/).
 */
#include "lanner_bpf.h"
#include "hooks/sys_enter.h"
#include "hooks/sys_exit.h"
#include "fillers/generic.h"
#include "fillers/open.h"
#include "fillers/files.h"
#include "fillers/file_misc.h"
#include "fillers/cred.h"
#include "fillers/ptrace.h"
#include "fillers/net.h"
#include "fillers/process.h"
#include "fillers/exec.h"
#include "hooks/sched_exec.h"
#include "hooks/sched_exit.h"

char LICENSE[] SEC("license") = "GPL";
