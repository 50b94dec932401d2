// SPDX-License-Identifier: GPL-2.0-only
/*
 * fillers/file_common.c - parameter helpers shared by the file fillers.
 *
 * Owns: user path parameters (from the enter-side copy when there is
 * one, see stash.c, else read now), and what the exit record learns from
 * the file an fd designates right after the syscall: device
 * (lanner_encode_dev of the super block's s_dev), inode number and
 * whether the open created it (FMODE_CREATED, 4.19+; never set on older
 * kernels). fd and dirfd arguments are encoded by lanner_fd_arg and
 * lanner_dirfd_arg (driver-common/lanner_flags.h). Must never: take a
 * reference on a file, take files->file_lock, or sleep: the fd table is
 * read under RCU, which keeps the file, inode and super block memory
 * alive while they are looked at.
 */
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/rcupdate.h>
#include "fillers.h"
#include "stash.h"

/* The path argument `arg` of the current syscall, NUL included. */
void lanner_put_upath(struct lanner_rec *r, const struct lanner_sys *s,
		      unsigned int arg)
{
	u32 avail;
	long n;
	u8 *p = lanner_rec_space(r, &avail);

	if (!p)
		return;
	n = lanner_stash_str(s->nr, s->args[arg], (char *)p,
			     min_t(u32, avail, LANNER_MAX_PATH_LEN));
	if (n >= 0) {
		lanner_rec_commit(r, n);
		return;
	}
	if (n == -ENOSPC) {
		lanner_rec_overflow(r);
		return;
	}
	lanner_rec_put_ustr(r, (const char __user *)s->args[arg],
			    LANNER_MAX_PATH_LEN);
}

void lanner_fd_info(long fd, struct lanner_fd_info *fi)
{
	struct files_struct *files = current->files;
	struct fdtable *fdt;
	struct file *file;
	struct inode *inode;

	fi->dev = 0;
	fi->ino = 0;
	fi->created = false;
	if (fd < 0 || !files)
		return;
	rcu_read_lock();
	fdt = files_fdtable(files);
	if (fd >= fdt->max_fds)
		goto out;
	file = rcu_dereference(fdt->fd[fd]);
	if (!file)
		goto out;
#ifdef FMODE_CREATED
	fi->created = (READ_ONCE(file->f_mode) & FMODE_CREATED) != 0;
#endif
	inode = file_inode(file);
	if (!inode)
		goto out;
	fi->ino = inode->i_ino;
	if (inode->i_sb)
		fi->dev = lanner_encode_dev(inode->i_sb->s_dev);
out:
	rcu_read_unlock();
}
