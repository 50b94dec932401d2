/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lanner.h - module-wide declarations shared by every lanner source file.
 *
 * Owns: the capture state seen by the hooks (started flag, published
 * filter), the clock, and the entry points each file exports to the
 * others. Must never: hold ring or record internals (ring.h, record.h) or
 * test kernel versions (the compat headers do that through probes).
 */
#ifndef LANNER_H
#define LANNER_H

#include <linux/types.h>
#include <linux/ktime.h>
#include <linux/hrtimer.h>
#include "lanner_abi.h"
#include "compat/barrier.h"

#define LANNER_NR_SYSCALLS (LANNER_SYSCALL_MASK_WORDS * 64)

/* Module parameter, validated at load (main.c). */
extern unsigned int lanner_ring_size;

/*
 * What the hooks read on every call. Written by device.c only, under its
 * mutex; `filter` points at one of two slots and is switched with release
 * semantics, the old slot being reused only after all running hooks are
 * done with it (tracepoint_synchronize_unregister()).
 */
struct lanner_capture {
	int started;
	const struct lanner_filter *filter;
	struct lanner_filter slots[2];
};

extern struct lanner_capture lanner_cap;

static inline bool lanner_started(void)
{
	return READ_ONCE(lanner_cap.started) != 0;
}

static inline const struct lanner_filter *lanner_filter(void)
{
	/* pairs with the release in lanner_set_filter(): slot contents first */
	return smp_load_acquire(&lanner_cap.filter);
}

static inline bool lanner_filter_has(const struct lanner_filter *f, long nr)
{
	if (nr < 0 || nr >= LANNER_NR_SYSCALLS)
		return false;
	return (READ_ONCE(f->syscalls[nr / 64]) >> (nr % 64)) & 1;
}

/* Clock: ns since the epoch = boot-time clock + offset taken at load. */
extern u64 lanner_boot_epoch_ns;

static inline u64 lanner_now_ns(void)
{
	return ktime_to_ns(ktime_get_boottime()) + lanner_boot_epoch_ns;
}

/* device.c */
int lanner_device_init(void);
void lanner_device_exit(void);

/* hooks/register.c */
int lanner_hooks_init(void);
int lanner_hooks_register(void);
void lanner_hooks_unregister(void);

/*
 * flags.c: kernel values to the portable PPM_* encodings, defined in
 * driver-common/lanner_flags.h (shared with the eBPF fallback)
 */
u32 lanner_open_flags(u64 flags);
u32 lanner_opened_flags(u64 flags, bool created);
u32 lanner_open_mode(u64 flags, u64 mode);
u32 lanner_openat2_resolve(u64 resolve);
u32 lanner_chmod_mode(u64 mode);
u32 lanner_clone_flags(u64 flags);
s64 lanner_exit_status(u32 code);
s64 lanner_exit_ret(u32 code);
u8 lanner_exit_sig(u32 code);
u8 lanner_exit_core(u32 code);
s64 lanner_fd_arg(u64 arg);
s64 lanner_dirfd_arg(u64 arg);
s64 lanner_pid_arg(u64 arg);
u32 lanner_id_arg(u64 arg);
u8 lanner_signal_arg(u64 arg);
u64 lanner_cap_bits(u64 caps);
u32 lanner_prctl_option(u64 option);
u8 lanner_fcntl_cmd(u64 cmd);
u32 lanner_unlinkat_flags(u64 flags);
u32 lanner_linkat_flags(u64 flags);
u32 lanner_renameat2_flags(u64 flags);
u32 lanner_mount_flags(u64 flags);
u32 lanner_umount_flags(u64 flags);
u32 lanner_memfd_flags(u64 flags);
u32 lanner_finit_module_flags(u64 flags);
u32 lanner_bpf_cmd(u64 cmd);
u32 lanner_dup3_flags(u64 flags);
u32 lanner_userfaultfd_flags(u64 flags);
u32 lanner_encode_dev(u32 dev);
u32 lanner_socket_family(u64 domain);
u32 lanner_socket_flags(u64 flags);
u8 lanner_accept_queuepct(u32 backlog, u32 max_backlog);
u16 lanner_ptrace_req(u64 req);

/* syscall_codes.c: native syscall number -> PPM_SC_* (0 if unknown) */
u16 lanner_ppm_sc(long nr);
/* ia32.c: whether 32-bit syscall `nr` is selected (counted, not decoded) */
bool lanner_compat_selected(const struct lanner_filter *f, long nr);

/* event_table.c */
const struct lanner_param_info *lanner_event_params(u16 type, u32 *nparams);
u32 lanner_param_size(u32 ptype);
int lanner_event_table_check(void);

#endif /* LANNER_H */
