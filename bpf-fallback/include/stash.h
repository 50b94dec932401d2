/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * stash.h - syscall arguments copied at sys_enter for the exit record.
 *
 * Owns: the BPF side of the module's stash.c: a hash map keyed by thread
 * id holding, for the one syscall a thread is in, the path and/or buffer
 * (sockaddr, struct open_how) it passed, copied at sys_enter
 * (hooks/sys_enter.h; which arguments: LANNER_SYS_ENTER_COPY in
 * driver-common/lanner_sys_events.h). Exit fillers prefer that copy to
 * re-reading user memory the task may have changed meanwhile. Must never:
 * be needed for a record (no copy: read user memory now), or outlive the
 * syscall (the exit hook deletes the entry).
 */
#ifndef LANNER_STASH_H
#define LANNER_STASH_H

#include "lanner_bpf.h"

#define LANNER_STASH_BUF_MAX 128	/* sockaddr_storage; open_how is 24 */
/*
 * Threads inside a copied syscall at once (the module's 512 slots, ~2.2 MiB
 * preallocated: run-time allocation from tracing programs warns on 5.10).
 * When all are taken the copy is skipped and the exit reads user memory.
 */
#define LANNER_STASH_THREADS 512

struct lanner_stash {
	s64 nr;
	u64 str_ptr;		/* user address the string was read from */
	u64 buf_ptr;
	u32 str_len;		/* bytes with the NUL; 0: none */
	u32 buf_len;		/* 0: none */
	u8 str[LANNER_MAX_PATH_LEN];
	u8 buf[LANNER_STASH_BUF_MAX];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, LANNER_STASH_THREADS);
	__type(key, u32);
	__type(value, struct lanner_stash);
} lanner_stash SEC(".maps");

/* Which arguments to copy; numbers stored plus one, 0: none. */
struct lanner_enter_spec {
	u8 str;
	u8 buf;
	u8 len;
	u8 max;
};

static const struct lanner_enter_spec
lanner_enter_specs[LANNER_SYSCALL_MASK_WORDS * 64] = {
#define LANNER_SYS_ENTER_COPY(nr, s, b, l, m) \
	[nr] = { .str = s, .buf = b, .len = l, .max = m },
#include "lanner_sys_events.h"
#undef LANNER_SYS_ENTER_COPY
};

static __always_inline bool lanner_stash_wanted(long nr)
{
	const struct lanner_enter_spec *sp;

	if (nr < 0 || nr >= LANNER_SYSCALL_MASK_WORDS * 64)
		return false;
	sp = &lanner_enter_specs[LANNER_BOUND(nr, LANNER_SYSCALL_MASK_WORDS * 64 - 1)];
	return sp->str || sp->buf;
}

/* The copy of the current thread's syscall nr, or NULL. */
static __always_inline struct lanner_stash *lanner_stash_get(long nr)
{
	u32 tid = (u32)bpf_get_current_pid_tgid();
	struct lanner_stash *st = bpf_map_lookup_elem(&lanner_stash, &tid);

	return st && st->nr == nr ? st : NULL;
}

static __always_inline void lanner_stash_done(long nr)
{
	u32 tid = (u32)bpf_get_current_pid_tgid();

	if (lanner_stash_wanted(nr))
		bpf_map_delete_elem(&lanner_stash, &tid);
}

/*
 * Copies the stashed buffer taken from user address ptr into dst (at most
 * max bytes); bytes copied, or -1 when there is no such copy.
 */
static __always_inline long lanner_stash_buf(long nr, unsigned long ptr,
					     void *dst, u32 max)
{
	struct lanner_stash *st = lanner_stash_get(nr);
	u32 n;

	if (!st || !st->buf_len || st->buf_ptr != ptr)
		return -1;
	n = st->buf_len < max ? st->buf_len : max;
	if (n > LANNER_STASH_BUF_MAX)
		return -1;
	if (bpf_probe_read_kernel(dst,
				  LANNER_BOUND(n, 2 * LANNER_STASH_BUF_MAX - 1),
				  st->buf))
		return -1;
	return n;
}

#endif /* LANNER_STASH_H */
