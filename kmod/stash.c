// SPDX-License-Identifier: GPL-2.0-only
/*
 * stash.c - the enter-side copies of syscall arguments (TOCTOU).
 *
 * Why: a path or sockaddr read at sys_exit may no longer be what the
 * kernel used; another thread can rewrite the buffer while the syscall
 * runs. For the syscalls hooks/sys_enter.c lists (open, openat, openat2,
 * creat, connect) the sys_enter probe copies the argument into a slot
 * here, and the exit filler takes the bytes from the slot. Only the exit
 * record goes to the ring: the enter side writes no record.
 *
 * Design:
 * - LANNER_STASH_SLOTS slots, allocated (vzalloc) when the consumer opens
 *   the device, before any probe attaches, and freed after the probes are
 *   detached and drained. Probes never allocate.
 * - A slot is found by hashing the task pointer and probing
 *   LANNER_STASH_PROBES neighbours. A task has at most one syscall in
 *   flight, so it owns at most one slot: enter reuses the slot it already
 *   owns, else a free one, else one whose owner took it more than
 *   LANNER_STASH_STALE jiffies ago (a task that died or whose exit record
 *   was never built leaves such a slot). With none, nothing is kept.
 * - Each slot has a sequence word: odd while someone writes the slot.
 *   Writers (enter, a thief of a stale slot, release at exit) take it by
 *   cmpxchg from an even value and give up at once if it is odd or moved,
 *   so nobody ever spins. The exit reader checks owner, syscall number and
 *   the user pointer, copies the bytes, and re-reads the sequence: if it
 *   moved the copy may be torn and is not used.
 * - Whenever a copy is missing (no slot, stolen, unreadable at enter,
 *   capture started between enter and exit) the filler reads user memory
 *   at exit, as without the stash; nothing is counted.
 *
 * Bounded: at most LANNER_STASH_PROBES slot checks and one copy of at most
 * LANNER_MAX_PATH_LEN + LANNER_STASH_BUF_MAX bytes per call, with page
 * faults disabled. Must never: sleep, spin on a slot, allocate in a probe,
 * or hand out bytes it cannot prove belong to this task's current syscall.
 */
#include <linux/kernel.h>
#include <linux/vmalloc.h>
#include <linux/hash.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/string.h>
#include "lanner.h"
#include "stash.h"
#include "compat/uaccess.h"

#define LANNER_STASH_BITS	9
#define LANNER_STASH_SLOTS	(1U << LANNER_STASH_BITS)	/* ~2.2 MiB */
#define LANNER_STASH_PROBES	4
#define LANNER_STASH_STALE	HZ

struct lanner_stash_slot {
	unsigned long owner;	/* task_struct address, 0 if free */
	u32 seq;		/* odd while written */
	s32 nr;			/* native syscall number */
	unsigned long when;	/* jiffies at enter */
	unsigned long str_uptr;
	unsigned long buf_uptr;
	u32 str_len;		/* bytes kept, NUL included; 0: none */
	u32 buf_len;		/* bytes kept; 0: none */
	u8 buf[LANNER_STASH_BUF_MAX];
	char str[LANNER_MAX_PATH_LEN];
};

static struct lanner_stash_slot *lanner_stash;

int lanner_stash_alloc(void)
{
	struct lanner_stash_slot *s;

	s = vzalloc(LANNER_STASH_SLOTS * sizeof(*s));
	if (!s)
		return -ENOMEM;
	/* published before the probes are registered */
	WRITE_ONCE(lanner_stash, s);
	return 0;
}

/* Called only when no probe runs (tracepoint_synchronize_unregister). */
void lanner_stash_free(void)
{
	struct lanner_stash_slot *s = lanner_stash;

	WRITE_ONCE(lanner_stash, NULL);
	vfree(s);
}

static struct lanner_stash_slot *lanner_stash_slot(unsigned int i)
{
	struct lanner_stash_slot *s = READ_ONCE(lanner_stash);
	unsigned int h = hash_ptr(current, LANNER_STASH_BITS);

	if (!s)
		return NULL;
	return &s[(h + i) & (LANNER_STASH_SLOTS - 1)];
}

/* Takes the slot's write side; false if busy or changed since `seq`. */
static bool lanner_stash_lock(struct lanner_stash_slot *slot, u32 seq)
{
	return !(seq & 1) && cmpxchg(&slot->seq, seq, seq + 1) == seq;
}

static void lanner_stash_unlock(struct lanner_stash_slot *slot, u32 seq)
{
	/* pairs with the readers' acquire: contents before the new seq */
	smp_store_release(&slot->seq, seq + 2);
}

/* The slot the current task may write, locked, or NULL; *seq set. */
static struct lanner_stash_slot *lanner_stash_claim(u32 *seq)
{
	unsigned long me = (unsigned long)current;
	struct lanner_stash_slot *pick = NULL, *slot;
	int rank = 3, r;
	unsigned int i;

	for (i = 0; i < LANNER_STASH_PROBES; i++) {
		unsigned long owner;

		slot = lanner_stash_slot(i);
		if (!slot)
			return NULL;
		owner = READ_ONCE(slot->owner);
		if (owner == me)
			r = 0;
		else if (!owner)
			r = 1;
		else if (time_after(jiffies,
				    READ_ONCE(slot->when) + LANNER_STASH_STALE))
			r = 2;
		else
			continue;
		if (r < rank) {
			rank = r;
			pick = slot;
		}
	}
	if (!pick)
		return NULL;
	/* pairs with lanner_stash_unlock(): the last writer's fields */
	*seq = smp_load_acquire(&pick->seq);
	if (!lanner_stash_lock(pick, *seq))
		return NULL;
	/* owner and when only change under the lock: re-check them */
	r = READ_ONCE(pick->owner) == me || !READ_ONCE(pick->owner) ||
	    time_after(jiffies, READ_ONCE(pick->when) + LANNER_STASH_STALE);
	if (!r) {
		/* nothing was written: restore the sequence it had */
		smp_store_release(&pick->seq, *seq);
		return NULL;
	}
	return pick;
}

void lanner_stash_save(long nr, unsigned long str, unsigned long buf,
		       u32 buf_len)
{
	struct lanner_stash_slot *slot;
	bool cut;
	long n;
	u32 seq;

	slot = lanner_stash_claim(&seq);
	if (!slot)
		return;
	WRITE_ONCE(slot->owner, (unsigned long)current);
	slot->nr = nr;
	slot->when = jiffies;
	slot->str_uptr = str;
	slot->buf_uptr = buf;
	slot->str_len = 0;
	slot->buf_len = 0;
	if (str) {
		n = lanner_strncpy_from_user_nofault(slot->str,
						     (const void __user *)str,
						     LANNER_MAX_PATH_LEN, &cut);
		if (n > 0)
			slot->str_len = n;
	}
	buf_len = min_t(u32, buf_len, LANNER_STASH_BUF_MAX);
	if (buf && buf_len &&
	    !lanner_copy_from_user_nofault(slot->buf, (const void __user *)buf,
					   buf_len))
		slot->buf_len = buf_len;
	lanner_stash_unlock(slot, seq);
}

/*
 * Copies the kept string (str) or buffer (!str) of syscall nr at user
 * address uptr into dst. -ENOENT if there is no such copy.
 */
static long lanner_stash_get(long nr, unsigned long uptr, bool str,
			     void *dst, u32 max)
{
	unsigned long me = (unsigned long)current;
	struct lanner_stash_slot *slot;
	unsigned int i;
	long len;
	u32 seq;

	for (i = 0; i < LANNER_STASH_PROBES; i++) {
		slot = lanner_stash_slot(i);
		if (!slot)
			return -ENOENT;
		if (READ_ONCE(slot->owner) == me)
			break;
	}
	if (i == LANNER_STASH_PROBES || !uptr)
		return -ENOENT;
	/* pairs with lanner_stash_unlock() */
	seq = smp_load_acquire(&slot->seq);
	if (seq & 1 || READ_ONCE(slot->owner) != me || slot->nr != nr)
		return -ENOENT;
	if (str) {
		len = READ_ONCE(slot->str_len);
		if (slot->str_uptr != uptr || !len ||
		    len > LANNER_MAX_PATH_LEN)
			return -ENOENT;
		if (len > max)
			return -ENOSPC;
		memcpy(dst, slot->str, len);
		((char *)dst)[len - 1] = '\0';
	} else {
		len = min_t(u32, READ_ONCE(slot->buf_len), max);
		if (slot->buf_uptr != uptr || !len)
			return -ENOENT;
		memcpy(dst, slot->buf, len);
	}
	/* the bytes were read before the sequence is checked again */
	smp_rmb();
	if (READ_ONCE(slot->seq) != seq)
		return -ENOENT;
	return len;
}

long lanner_stash_str(long nr, unsigned long str, char *dst, u32 max)
{
	return lanner_stash_get(nr, str, true, dst, max);
}

long lanner_stash_buf(long nr, unsigned long buf, void *dst, u32 max)
{
	return lanner_stash_get(nr, buf, false, dst, max);
}

void lanner_stash_done(long nr)
{
	unsigned long me = (unsigned long)current;
	struct lanner_stash_slot *slot;
	unsigned int i;
	u32 seq;

	for (i = 0; i < LANNER_STASH_PROBES; i++) {
		slot = lanner_stash_slot(i);
		if (!slot)
			return;
		if (READ_ONCE(slot->owner) != me)
			continue;
		/* pairs with lanner_stash_unlock() */
		seq = smp_load_acquire(&slot->seq);
		if (!lanner_stash_lock(slot, seq))
			return;	/* being stolen: the thief owns it now */
		if (slot->owner == me && slot->nr == nr)
			WRITE_ONCE(slot->owner, 0);
		lanner_stash_unlock(slot, seq);
		return;
	}
}
