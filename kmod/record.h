/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * record.h - building one scap record in place in a ring.
 *
 * Owns: struct lanner_rec and the put_* API. A record is reserved at the
 * ring's head by lanner_rec_begin() (header + the u16 length array sized
 * from the event table), filled parameter by parameter in the table's
 * order, and published by lanner_rec_finish(). A parameter that does not
 * fit makes the whole record a counted drop; unreadable user memory makes
 * an empty parameter. Must never: sleep, fault, allocate, or publish a
 * record whose parameter count, or the width of a fixed-size parameter,
 * differs from the event table.
 */
#ifndef LANNER_RECORD_H
#define LANNER_RECORD_H

#include <linux/path.h>
#include "ring.h"

struct lanner_rec {
	struct lanner_ring *ring;
	u8 *base;		/* record start, contiguous (double vmap) */
	u32 room;		/* bytes this record may use */
	u32 off;		/* bytes used so far */
	const struct lanner_param_info *params;	/* the event's table row */
	u32 nparams;		/* from the event table */
	u32 pushed;		/* parameters pushed so far */
	u8 drop;		/* 0, or 1 + enum lanner_drop_reason */
	bool capped;		/* room limited by LANNER_MAX_RECORD_LEN */
};

/*
 * Reserves the header and length array of a `type` record from thread
 * `tid`. False (drop already counted) when there is no room; the caller
 * then returns without calling lanner_rec_finish().
 */
bool lanner_rec_begin(struct lanner_rec *r, struct lanner_ring *ring,
		      u16 type, u64 tid);
/* Publishes the record, or counts it as dropped. */
void lanner_rec_finish(struct lanner_rec *r);

void lanner_rec_put_raw(struct lanner_rec *r, const void *val, u32 len);
void lanner_rec_put_empty(struct lanner_rec *r);
void lanner_rec_put_kstr(struct lanner_rec *r, const char *s, u32 max);
void lanner_rec_put_ustr(struct lanner_rec *r, const char __user *s,
			 u32 max);
void lanner_rec_put_path(struct lanner_rec *r, const struct path *path);

/*
 * Low-level access for parameters built piecewise (argv arrays, split
 * exe/args): lanner_rec_space() returns where the next parameter starts
 * and how many bytes it may take (0 once the record is dropped);
 * lanner_rec_commit() pushes `len` bytes written there as one parameter.
 */
u8 *lanner_rec_space(struct lanner_rec *r, u32 *avail);
void lanner_rec_commit(struct lanner_rec *r, u32 len);
/* Marks the record dropped because a parameter needed more room. */
void lanner_rec_overflow(struct lanner_rec *r);
/* Counts a parameter left empty because user memory was unreadable. */
void lanner_rec_user_fault(struct lanner_rec *r);

static inline void lanner_rec_put_u64(struct lanner_rec *r, u64 v)
{
	lanner_rec_put_raw(r, &v, sizeof(v));
}

static inline void lanner_rec_put_s64(struct lanner_rec *r, s64 v)
{
	lanner_rec_put_raw(r, &v, sizeof(v));
}

static inline void lanner_rec_put_u32(struct lanner_rec *r, u32 v)
{
	lanner_rec_put_raw(r, &v, sizeof(v));
}

static inline void lanner_rec_put_u16(struct lanner_rec *r, u16 v)
{
	lanner_rec_put_raw(r, &v, sizeof(v));
}

static inline void lanner_rec_put_u8(struct lanner_rec *r, u8 v)
{
	lanner_rec_put_raw(r, &v, sizeof(v));
}

#endif /* LANNER_RECORD_H */
