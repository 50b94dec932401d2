// SPDX-License-Identifier: GPL-2.0-only
/*
 * record.c - the record builder (producer side of the ring protocol).
 *
 * Owns: space accounting against the consumer's tail (read with acquire),
 * writing the 26-byte header, the u16 length array and the payloads in
 * place, the drop reasons RING_FULL / TOO_LARGE / INTERNAL, and the
 * release store of head that publishes a whole record. Runs in hook
 * context on the ring's own CPU with preemption off and the ring's gate
 * held. Must never: sleep, fault on user memory, write outside
 * [head, head + room), or publish a partial record.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/dcache.h>
#include <linux/err.h>
#include "record.h"
#include "compat/uaccess.h"

static u32 lanner_rec_hdr_len(u32 nparams)
{
	return LANNER_EVT_HDR_LEN + nparams * LANNER_PARAM_LEN_SIZE;
}

static void lanner_rec_fail(struct lanner_rec *r, enum lanner_drop_reason why)
{
	if (!r->drop)
		r->drop = 1 + why;
}

void lanner_rec_overflow(struct lanner_rec *r)
{
	lanner_rec_fail(r, r->capped ? LANNER_DROP_TOO_LARGE :
			LANNER_DROP_RING_FULL);
}

void lanner_rec_user_fault(struct lanner_rec *r)
{
	lanner_ctrl_inc(r->ring, n_user_faults, 1);
}

bool lanner_rec_begin(struct lanner_rec *r, struct lanner_ring *ring,
		      u16 type, u64 tid)
{
	struct lanner_ring_ctrl *ctrl = ring->ctrl;
	struct lanner_evt_hdr *hdr;
	u64 head = ring->head;	/* kernel copy: user space may scribble on ctrl */
	/* pairs with the consumer's release of tail: its reads are done */
	u64 tail = smp_load_acquire(&ctrl->tail);
	u64 used = head - tail;
	u64 free = used > ring->size ? 0 : ring->size - used;

	r->ring = ring;
	r->params = lanner_event_params(type, &r->nparams);
	r->capped = free > LANNER_MAX_RECORD_LEN;
	r->room = min_t(u64, free, LANNER_MAX_RECORD_LEN);
	r->off = lanner_rec_hdr_len(r->nparams);
	r->pushed = 0;
	r->drop = 0;
	if (!r->params || r->nparams == 0) {
		lanner_ring_drop(ring, LANNER_DROP_INTERNAL);
		return false;
	}
	if (r->off > r->room) {
		lanner_ring_drop(ring, LANNER_DROP_RING_FULL);
		return false;
	}

	r->base = ring->wbuf + (head & (ring->size - 1));
	hdr = (struct lanner_evt_hdr *)r->base;
	hdr->ts = lanner_now_ns();
	hdr->tid = tid;
	hdr->len = 0;
	hdr->type = type;
	hdr->nparams = r->nparams;
	return true;
}

u8 *lanner_rec_space(struct lanner_rec *r, u32 *avail)
{
	*avail = 0;
	if (r->drop)
		return NULL;
	if (r->pushed >= r->nparams) {
		lanner_rec_fail(r, LANNER_DROP_INTERNAL);
		return NULL;
	}
	*avail = min_t(u32, r->room - r->off, LANNER_MAX_PARAM_LEN);
	return r->base + r->off;
}

void lanner_rec_commit(struct lanner_rec *r, u32 len)
{
	u16 len16 = len;
	u32 fixed;

	if (r->drop)
		return;
	if (r->pushed >= r->nparams || len > LANNER_MAX_PARAM_LEN) {
		lanner_rec_fail(r, LANNER_DROP_INTERNAL);
		return;
	}
	fixed = lanner_param_size(r->params[r->pushed].type);
	if (len && fixed && len != fixed) {
		lanner_rec_fail(r, LANNER_DROP_INTERNAL);
		return;
	}
	if (len > r->room - r->off) {
		lanner_rec_overflow(r);
		return;
	}
	memcpy(r->base + LANNER_EVT_HDR_LEN + r->pushed * LANNER_PARAM_LEN_SIZE,
	       &len16, sizeof(len16));
	r->off += len;
	r->pushed++;
}

void lanner_rec_put_raw(struct lanner_rec *r, const void *val, u32 len)
{
	u32 avail;
	u8 *p = lanner_rec_space(r, &avail);

	if (!p)
		return;
	if (len > avail) {
		lanner_rec_overflow(r);
		return;
	}
	memcpy(p, val, len);
	lanner_rec_commit(r, len);
}

void lanner_rec_put_empty(struct lanner_rec *r)
{
	u32 avail;

	if (lanner_rec_space(r, &avail))
		lanner_rec_commit(r, 0);
}

/* A kernel string of at most max - 1 characters, NUL counted. */
void lanner_rec_put_kstr(struct lanner_rec *r, const char *s, u32 max)
{
	u32 avail, n;
	u8 *p = lanner_rec_space(r, &avail);

	if (!p)
		return;
	if (!s || !max) {
		lanner_rec_commit(r, 0);
		return;
	}
	n = strnlen(s, max - 1);
	if (n + 1 > avail) {
		lanner_rec_overflow(r);
		return;
	}
	memcpy(p, s, n);
	p[n] = '\0';
	lanner_rec_commit(r, n + 1);
}

/* A user string cut at max bytes (NUL included); empty if unreadable. */
void lanner_rec_put_ustr(struct lanner_rec *r, const char __user *s, u32 max)
{
	u32 avail, want;
	bool cut;
	long n;
	u8 *p = lanner_rec_space(r, &avail);

	if (!p)
		return;
	if (!s) {
		lanner_rec_commit(r, 0);
		return;
	}
	want = min_t(u32, max, avail);
	n = lanner_strncpy_from_user_nofault((char *)p, s, want, &cut);
	if (n < 0) {
		lanner_rec_user_fault(r);
		n = 0;
	} else if (cut && want < max) {
		/* cut by the room left, not by the limit */
		lanner_rec_overflow(r);
		return;
	}
	lanner_rec_commit(r, n);
}

/*
 * d_path() writes the name at the end of the buffer it is given: let it use
 * the free space of the record, then move the name to the parameter start.
 */
void lanner_rec_put_path(struct lanner_rec *r, const struct path *path)
{
	u32 avail, buflen, n;
	char *name;
	u8 *p = lanner_rec_space(r, &avail);

	if (!p)
		return;
	if (!path || !path->dentry || !path->mnt) {
		lanner_rec_commit(r, 0);
		return;
	}
	buflen = min_t(u32, avail, LANNER_MAX_PATH_LEN);
	name = d_path(path, (char *)p, buflen);
	if (IS_ERR(name)) {
		if (buflen < LANNER_MAX_PATH_LEN)
			lanner_rec_overflow(r);
		else
			lanner_rec_commit(r, 0);
		return;
	}
	n = (u8 *)p + buflen - (u8 *)name;	/* NUL included */
	memmove(p, name, n);
	lanner_rec_commit(r, n);
}

void lanner_rec_finish(struct lanner_rec *r)
{
	struct lanner_ring *ring = r->ring;
	struct lanner_evt_hdr *hdr = (struct lanner_evt_hdr *)r->base;

	if (!r->drop && r->pushed != r->nparams)
		lanner_rec_fail(r, LANNER_DROP_INTERNAL);
	if (r->drop) {
		lanner_ring_drop(ring, r->drop - 1);
		return;
	}
	hdr->len = r->off;
	lanner_ctrl_inc(ring, n_evts, 1);
	lanner_ctrl_inc(ring, n_bytes, r->off);
	ring->head += r->off;
	/* pairs with the consumer's acquire of head: the record is visible */
	smp_store_release(&ring->ctrl->head, ring->head);
}
