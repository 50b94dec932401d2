/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * record.h - building one scap record in the per-CPU scratch and handing
 * it to the CPU's ring (BPF ring buffer, or perf buffer where the kernel
 * has none).
 *
 * Owns: the same contract as the module's kmod/record.c: header and u16
 * length array sized from the event table, parameters pushed in table
 * order, a parameter that does not fit makes the whole record a counted
 * drop (TOO_LARGE), a full ring is a counted drop (RING_FULL), a filler
 * that pushes the wrong number of parameters is a counted drop (INTERNAL),
 * unreadable user memory makes an empty parameter and counts a user fault.
 * Must never: publish a partial record, or write outside the scratch
 * (every offset is masked for the verifier).
 */
#ifndef LANNER_RECORD_H
#define LANNER_RECORD_H

#include "lanner_bpf.h"

#define LANNER_REC_MASK (LANNER_MAX_RECORD_LEN - 1)

static __always_inline void lanner_rec_fail(struct lanner_scratch *r,
					    enum lanner_drop_reason why)
{
	if (!r->drop)
		r->drop = 1 + why;
}

/* The module drops a record that outgrows LANNER_MAX_RECORD_LEN. */
static __always_inline void lanner_rec_overflow(struct lanner_scratch *r)
{
	lanner_rec_fail(r, LANNER_DROP_TOO_LARGE);
}

static __always_inline bool lanner_rec_begin(struct lanner_scratch *r,
					     const struct lanner_bpf_settings *s,
					     u16 type, u64 tid)
{
	struct lanner_evt_hdr *hdr = (struct lanner_evt_hdr *)r->buf;
	u64 t = type;
	u32 n;

	/*
	 * LANNER_NPARAMS_LEN is no power of two, so no mask: clamp with one
	 * asm block, so the verifier sees the bound on the register used as
	 * index (clang may otherwise compare a copy of type).
	 */
	asm volatile("if %[t] < %[len] goto +1; %[t] = 0"
		     : [t] "+r"(t) : [len] "i"(LANNER_NPARAMS_LEN));
	n = type < LANNER_NPARAMS_LEN ? lanner_nparams[t] : 0;

	r->drop = 0;
	r->pushed = 0;
	r->nparams = n;
	if (n == 0 || n > LANNER_MAX_EVENT_PARAMS) {
		lanner_count_drop(LANNER_DROP_INTERNAL);
		return false;
	}
	r->off = LANNER_EVT_HDR_LEN + n * LANNER_PARAM_LEN_SIZE;
	hdr->ts = lanner_now_ns(s);
	hdr->tid = tid;
	hdr->len = 0;
	hdr->type = type;
	hdr->nparams = n;
	return true;
}

/*
 * Where the next parameter starts and how many bytes it may take, or
 * false once the record is dropped.
 */
static __always_inline bool lanner_rec_space(struct lanner_scratch *r,
					     u32 *off, u32 *avail)
{
	u32 left;

	*off = 0;
	*avail = 0;
	if (r->drop)
		return false;
	if (r->pushed >= r->nparams) {
		lanner_rec_fail(r, LANNER_DROP_INTERNAL);
		return false;
	}
	*off = LANNER_BOUND(r->off, LANNER_REC_MASK);
	left = LANNER_MAX_RECORD_LEN - *off;
	*avail = left < LANNER_MAX_PARAM_LEN ? left : LANNER_MAX_PARAM_LEN;
	return true;
}

/* Pushes len bytes written at the current offset as one parameter. */
static __always_inline void lanner_rec_commit(struct lanner_scratch *r,
					      u32 len)
{
	u32 i = r->pushed;
	u32 at;

	if (r->drop)
		return;
	if (i >= r->nparams || i >= LANNER_MAX_EVENT_PARAMS ||
	    len > LANNER_MAX_PARAM_LEN) {
		lanner_rec_fail(r, LANNER_DROP_INTERNAL);
		return;
	}
	if (r->off + len > LANNER_MAX_RECORD_LEN) {
		lanner_rec_overflow(r);
		return;
	}
	at = LANNER_EVT_HDR_LEN + LANNER_BOUND(i, LANNER_MAX_EVENT_PARAMS - 1) * 2;
	r->buf[at] = len & 0xff;
	r->buf[at + 1] = len >> 8;
	r->off += len;
	r->pushed = i + 1;
}

static __always_inline void lanner_rec_put_empty(struct lanner_scratch *r)
{
	u32 off, avail;

	if (lanner_rec_space(r, &off, &avail))
		lanner_rec_commit(r, 0);
}

#define LANNER_REC_PUT_SCALAR(name, type)					\
static __always_inline void lanner_rec_put_##name(struct lanner_scratch *r,	\
						  type v)			\
{										\
	u32 off, avail;								\
										\
	if (!lanner_rec_space(r, &off, &avail))					\
		return;								\
	if (avail < sizeof(v)) {						\
		lanner_rec_overflow(r);						\
		return;								\
	}									\
	__builtin_memcpy(&r->buf[off], &v, sizeof(v));				\
	lanner_rec_commit(r, sizeof(v));					\
}

LANNER_REC_PUT_SCALAR(u8, u8)
LANNER_REC_PUT_SCALAR(u16, u16)
LANNER_REC_PUT_SCALAR(u32, u32)
LANNER_REC_PUT_SCALAR(u64, u64)
LANNER_REC_PUT_SCALAR(s64, s64)

/* A user string cut at max bytes (NUL included); empty if unreadable. */
static __always_inline void lanner_rec_put_ustr(struct lanner_scratch *r,
						const void *s, u32 max)
{
	u32 off, avail, want;
	long n;

	if (!lanner_rec_space(r, &off, &avail))
		return;
	if (!s) {
		lanner_rec_commit(r, 0);
		return;
	}
	want = max < avail ? max : avail;
	n = bpf_probe_read_user_str(&r->buf[off], want & LANNER_REC_MASK, s);
	if (n < 0) {
		lanner_count_user_fault();
		n = 0;
	} else if (n == want && want < max) {
		lanner_rec_overflow(r);	/* cut by the room left */
		return;
	}
	lanner_rec_commit(r, n);
}

/* A kernel string of at most max - 1 characters, NUL counted. */
static __always_inline void lanner_rec_put_kstr(struct lanner_scratch *r,
						const void *s, u32 max)
{
	u32 off, avail, want;
	long n;

	if (!lanner_rec_space(r, &off, &avail))
		return;
	if (!s || !max) {
		lanner_rec_commit(r, 0);
		return;
	}
	want = max < avail ? max : avail;
	n = bpf_probe_read_kernel_str(&r->buf[off], want & LANNER_REC_MASK, s);
	if (n < 0)
		n = 0;
	else if (n == want && want < max) {
		lanner_rec_overflow(r);
		return;
	}
	lanner_rec_commit(r, n);
}

/* len bytes of user memory (len <= LANNER_MAX_PARAM_LEN); empty if unreadable. */
static __always_inline void lanner_rec_put_ubuf(struct lanner_scratch *r,
						const void *u, u32 len)
{
	u32 off, avail;

	if (!lanner_rec_space(r, &off, &avail))
		return;
	if (!u || !len) {
		lanner_rec_commit(r, 0);
		return;
	}
	if (len > avail) {
		lanner_rec_overflow(r);
		return;
	}
	if (bpf_probe_read_user(&r->buf[off], LANNER_BOUND(len, LANNER_REC_MASK),
				u)) {
		lanner_count_user_fault();
		len = 0;
	}
	lanner_rec_commit(r, len);
}

/* Publishes the record on this CPU's ring, or counts it as dropped. */
static __always_inline void lanner_rec_finish(void *ctx,
					      struct lanner_scratch *r)
{
	struct lanner_evt_hdr *hdr = (struct lanner_evt_hdr *)r->buf;
	struct lanner_ring_ctrl *c = lanner_ctrl();
	u32 len = r->off;
	long err;

	if (!c)
		return;
	if (!r->drop && r->pushed != r->nparams)
		lanner_rec_fail(r, LANNER_DROP_INTERNAL);
	if (!r->drop && len > LANNER_MAX_RECORD_LEN)
		lanner_rec_fail(r, LANNER_DROP_TOO_LARGE);
	if (r->drop) {
		if (r->drop - 1 < LANNER_DROP_MAX)
			lanner_ctrl_inc(c, n_drops[LANNER_BOUND(r->drop - 1,
						LANNER_DROP_MAX - 1)], 1);
		return;
	}
	hdr->len = len;
	len &= 0x1ffff;
	if (len > LANNER_MAX_RECORD_LEN)
		return;
#ifdef LANNER_TRANSPORT_PERF
	err = bpf_perf_event_output(ctx, &lanner_perf, BPF_F_CURRENT_CPU,
				    r->buf, len);
#else
	{
		u32 cpu = bpf_get_smp_processor_id();
		void *ring = bpf_map_lookup_elem(&lanner_rings, &cpu);

		if (!ring) {
			lanner_ctrl_inc(c, n_drops[LANNER_DROP_INTERNAL], 1);
			return;
		}
		/* The agent polls: no wakeup per record, as with the module. */
		err = bpf_ringbuf_output(ring, r->buf, len, BPF_RB_NO_WAKEUP);
	}
#endif
	if (err) {
		lanner_ctrl_inc(c, n_drops[LANNER_DROP_RING_FULL], 1);
		return;
	}
	lanner_ctrl_inc(c, n_evts, 1);
	lanner_ctrl_inc(c, n_bytes, len);
}

#endif /* LANNER_RECORD_H */
