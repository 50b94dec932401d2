/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * path.h - d_path() for BPF: the name of a (dentry, vfsmount) pair as the
 * module's lanner_rec_put_path() pushes it.
 *
 * Owns: a bounded walk from the dentry up to the calling task's root
 * (current->fs->root), crossing mount points through struct mount
 * (mnt_parent, mnt_mountpoint) exactly as the kernel's prepend_path()
 * does, building "/a/b/c" backwards in r->tmp, then copying it into the
 * record. Like d_path(): paths are relative to the task's root (chroot
 * included), a path of a detached mount stops at that mount's root, an
 * unlinked dentry gets " (deleted)", a path whose length with its NUL
 * exceeds LANNER_MAX_PATH_LEN is ENAMETOOLONG (an empty parameter, or a
 * drop when the record's room was the limit). Also owns the r->tmp words
 * (LANNER_TMP_WORD) that the bounded walks of the process families keep
 * their running positions in.
 *
 * Differences from d_path(), none of which reach an exe file or a cwd in
 * practice: (1) no rename_lock/mount_lock seqlock retry, so a concurrent
 * rename or mount may give a mixed path; (2) dentries with a d_dname()
 * operation (pipe:[..], socket:[..], anon_inode:..) are walked like any
 * other instead of being named by that operation; (3) at most
 * LANNER_PATH_MAX_DEPTH components (dentries plus mount crossings) are
 * walked: a deeper path is treated as too long (empty parameter).
 *
 * Must never: write outside r->tmp or the record (every offset is
 * masked), or follow a pointer without a bound.
 */
#ifndef LANNER_PATH_H
#define LANNER_PATH_H

#include "record.h"
#include "task.h"

#define LANNER_PATH_MAX_DEPTH	128
/* the NUL's slot */
#define LANNER_PATH_END		(LANNER_MAX_PATH_LEN - 1)
#define LANNER_PATH_MASK	(LANNER_MAX_PATH_LEN - 1)

_Static_assert(sizeof(((struct lanner_scratch *)0)->tmp) >=
	       2 * LANNER_MAX_PATH_LEN, "tmp holds a masked path write");

/*
 * Running positions of bounded walks live in the last words of r->tmp,
 * not in registers. Reloaded each iteration they are plain unknown
 * scalars to the verifier, so the paths through one iteration merge at
 * the loop head instead of multiplying with every iteration. At run time
 * the walks here write below LANNER_MAX_PATH_LEN + 256, far from them.
 */
#define LANNER_TMP_WORDS	4
#define LANNER_TMP_WORD(r, i)						\
	((u32 *)&(r)->tmp[sizeof((r)->tmp) - 4 * ((i) + 1)])
enum lanner_tmp_word {
	LANNER_TMPW_PATH_POS,		/* path.h */
	LANNER_TMPW_CGROUP_USED,	/* fillers/cgroups.h */
	LANNER_TMPW_KERNFS_POS,		/* fillers/cgroups.h */
	LANNER_TMPW_ARGV_TOTAL,		/* fillers/process.h */
};

/* d_unlinked(): d_unhashed() && !IS_ROOT() */
static __always_inline bool lanner_d_unlinked(struct dentry *d)
{
	return !BPF_CORE_READ(d, d_hash.pprev) &&
	       BPF_CORE_READ(d, d_parent) != d;
}

/* " (deleted)" and its NUL, written without a .rodata string. */
#define LANNER_DELETED_LEN	11

static __always_inline void lanner_put_deleted(u8 *p)
{
	p[0] = ' ';
	p[1] = '(';
	p[2] = 'd';
	p[3] = 'e';
	p[4] = 'l';
	p[5] = 'e';
	p[6] = 't';
	p[7] = 'e';
	p[8] = 'd';
	p[9] = ')';
	p[10] = '\0';
}

/*
 * Builds the path of (dentry, vfsmnt) as d_path() would in this CPU's
 * r->tmp[pos .. LANNER_MAX_PATH_LEN), NUL included. Returns pos, or -1 if
 * the path does not fit in LANNER_MAX_PATH_LEN bytes (ENAMETOOLONG). A
 * global function: the verifier checks the walk once per program, not
 * once per call.
 */
__noinline int lanner_path_build(u64 dentry_ptr, u64 vfsmnt_ptr)
{
	struct lanner_scratch *r = lanner_scratch_get();
	struct dentry *dentry = (void *)dentry_ptr;
	struct vfsmount *vfsmnt = (void *)vfsmnt_ptr;
	struct task_struct *t = lanner_current();
	u64 mnt_off = bpf_core_field_offset(struct mount, mnt);
	struct dentry *root_dentry, *parent, *mnt_root;
	struct vfsmount *root_mnt;
	struct mount *mnt, *m;
	const unsigned char *name;
	u32 pos, end, len, i;
	u32 *posp;

	if (!r || !dentry || !vfsmnt)
		return -1;
	posp = LANNER_TMP_WORD(r, LANNER_TMPW_PATH_POS);
	root_dentry = BPF_CORE_READ(t, fs, root.dentry);
	root_mnt = BPF_CORE_READ(t, fs, root.mnt);
	mnt = (void *)vfsmnt - mnt_off;

	if (lanner_d_unlinked(dentry)) {
		end = LANNER_MAX_PATH_LEN - LANNER_DELETED_LEN;
		lanner_put_deleted(&r->tmp[LANNER_MAX_PATH_LEN -
					   LANNER_DELETED_LEN]);
	} else {
		end = LANNER_PATH_END;
		r->tmp[LANNER_PATH_END] = '\0';
	}
	*posp = end;
	for (i = 0; i < LANNER_PATH_MAX_DEPTH; i++) {
		if (dentry == root_dentry && vfsmnt == root_mnt)
			break;
		mnt_root = BPF_CORE_READ(vfsmnt, mnt_root);
		if (dentry == mnt_root) {
			m = BPF_CORE_READ(mnt, mnt_parent);
			if (m == mnt || !m)
				break;	/* global root, or detached */
			dentry = BPF_CORE_READ(mnt, mnt_mountpoint);
			mnt = m;
			vfsmnt = (void *)m + mnt_off;
			continue;
		}
		parent = BPF_CORE_READ(dentry, d_parent);
		if (dentry == parent)
			break;	/* escaped */
		len = BPF_CORE_READ(dentry, d_name.len);
		name = BPF_CORE_READ(dentry, d_name.name);
		pos = *posp & LANNER_PATH_MASK;
		if (len + 1 > pos)
			return -1;
		pos = (pos - len) & LANNER_PATH_MASK;
		bpf_probe_read_kernel(&r->tmp[pos], len & LANNER_PATH_MASK,
				      name);
		pos = (pos - 1) & LANNER_PATH_MASK;
		r->tmp[pos] = '/';
		*posp = pos;
		dentry = parent;
	}
	if (i == LANNER_PATH_MAX_DEPTH)
		return -1;
	pos = *posp & LANNER_PATH_MASK;
	if (pos == end) {
		if (pos < 1)
			return -1;
		pos = (pos - 1) & LANNER_PATH_MASK;
		r->tmp[pos] = '/';
	}
	return pos;
}

/*
 * Pushes d_path(dentry, vfsmnt) as one parameter (empty for a NULL
 * path): the module's lanner_rec_put_path().
 */
static __always_inline void lanner_rec_put_path(struct lanner_scratch *r,
						struct dentry *dentry,
						struct vfsmount *vfsmnt)
{
	u32 off, avail, n;
	int pos;

	if (!lanner_rec_space(r, &off, &avail))
		return;
	if (!dentry || !vfsmnt) {
		lanner_rec_commit(r, 0);
		return;
	}
	pos = lanner_path_build((u64)dentry, (u64)vfsmnt);
	if (pos < 0 || pos > LANNER_PATH_END) {
		/* ENAMETOOLONG: the module's buffer was the room or 4096 */
		if (avail < LANNER_MAX_PATH_LEN)
			lanner_rec_overflow(r);
		else
			lanner_rec_commit(r, 0);
		return;
	}
	n = LANNER_MAX_PATH_LEN - pos;
	if (n > avail) {
		lanner_rec_overflow(r);
		return;
	}
	bpf_probe_read_kernel(&r->buf[off], n & (2 * LANNER_MAX_PATH_LEN - 1),
			      &r->tmp[pos & LANNER_PATH_MASK]);
	lanner_rec_commit(r, n);
}

/* A struct path (by address) in kernel memory, e.g. &fs->pwd. */
static __always_inline void lanner_rec_put_kpath(struct lanner_scratch *r,
						 const struct path *p)
{
	struct dentry *d = NULL;
	struct vfsmount *m = NULL;

	if (p) {
		d = BPF_CORE_READ(p, dentry);
		m = BPF_CORE_READ(p, mnt);
	}
	lanner_rec_put_path(r, d, m);
}

#endif /* LANNER_PATH_H */
