// SPDX-License-Identifier: GPL-2.0-only
/*
 * fillers/net.c - exit records of the socket syscalls: socket, bind,
 * connect, listen, accept, accept4, sendto, sendmsg, recvfrom, recvmsg.
 *
 * Owns: their parameters in Falco's order and the data snapshot length
 * (module parameter snaplen, bytes of payload kept per send/recv, default
 * 80, at most LANNER_MAX_SNAPLEN). Sockets are found with sockfd_lookup(),
 * which takes a file reference without sleeping; sockfd_put() may defer
 * the final release to task work, never runs it here. User memory (data,
 * msghdr, iovecs, addresses) is read with the nofault helpers; an
 * unreadable buffer leaves its parameter empty and is counted. connect's
 * address comes from the sys_enter copy (stash.c) when there is one.
 * Must never: sleep, lock a socket, or walk more than UIO_MAXIOV iovecs.
 */
#include <linux/module.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uio.h>
#include <net/sock.h>
#include "fillers.h"
#include "sockaddr.h"
#include "stash.h"
#include "compat/uaccess.h"

#define LANNER_MAX_SNAPLEN	65000	/* LANNER_MAX_PARAM_LEN */
#define LANNER_IOV_CHUNK	16

static unsigned int lanner_snaplen = 80;
module_param_named(snaplen, lanner_snaplen, uint, 0644);
MODULE_PARM_DESC(snaplen, "payload bytes kept per send/recv record (0..65000, default 80)");

/* struct user_msghdr: fixed layout of the 64-bit user ABI */
struct lanner_umsghdr {
	u64 name;
	s32 namelen;
	u32 pad;
	u64 iov;
	u64 iovlen;
	u64 control;
	u64 controllen;
	u32 flags;
};

struct lanner_uiov {
	u64 base;
	u64 len;
};

static u32 lanner_snap(void)
{
	return min_t(u32, READ_ONCE(lanner_snaplen), LANNER_MAX_SNAPLEN);
}

/* Up to `len` bytes at user `p` as a byte buffer parameter. */
static void lanner_put_ubytes(struct lanner_rec *r, unsigned long p, u64 len)
{
	u32 avail;
	u8 *dst;

	if (!p || !len) {
		lanner_rec_put_empty(r);
		return;
	}
	dst = lanner_rec_space(r, &avail);
	if (!dst)
		return;
	if (len > avail) {
		lanner_rec_overflow(r);
		return;
	}
	if (lanner_copy_from_user_nofault(dst, (const void __user *)p, len)) {
		lanner_rec_user_fault(r);
		lanner_rec_put_empty(r);
		return;
	}
	lanner_rec_commit(r, len);
}

/* A user sockaddr of `len` bytes into `sa`; its usable length or 0. */
static u32 lanner_copy_usockaddr(void *sa, unsigned long p, u64 len)
{
	len = min_t(u64, len, LANNER_USOCKADDR_MAX);
	if (!p || !len ||
	    lanner_copy_from_user_nofault(sa, (const void __user *)p, len))
		return 0;
	return len;
}

static void lanner_put_sockaddr(struct lanner_rec *r, const void *sa, u32 len)
{
	u8 enc[LANNER_SOCK_ENC_MAX];
	u32 n = lanner_pack_sockaddr(enc, sa, len);

	if (n)
		lanner_rec_put_raw(r, enc, n);
	else
		lanner_rec_put_empty(r);
}

static void lanner_put_tuple(struct lanner_rec *r, long fd, const void *usa,
			     u32 ulen, bool inbound)
{
	u8 enc[LANNER_SOCK_ENC_MAX];
	struct socket *sock;
	int err = 0;
	u32 n = 0;

	if (fd >= 0) {
		sock = sockfd_lookup(fd, &err);
		if (sock) {
			n = lanner_pack_socktuple(enc, sock, usa, ulen, inbound);
			sockfd_put(sock);
		}
	}
	if (n)
		lanner_rec_put_raw(r, enc, n);
	else
		lanner_rec_put_empty(r);
}

static void lanner_fill_accept(struct lanner_rec *r, const struct lanner_sys *s)
{
	u32 backlog = 0, max_backlog = 0;
	struct socket *sock;
	s64 fd = (s32)s->ret;
	int err = 0;

	lanner_rec_put_s64(r, fd);
	if (fd >= 0) {
		lanner_put_tuple(r, fd, NULL, 0, true);
		sock = sockfd_lookup((s32)s->args[0], &err);
		if (sock) {
			if (sock->sk) {
				backlog = READ_ONCE(sock->sk->sk_ack_backlog);
				max_backlog =
					READ_ONCE(sock->sk->sk_max_ack_backlog);
			}
			sockfd_put(sock);
		}
	} else {
		lanner_rec_put_empty(r);
	}
	lanner_rec_put_u8(r, lanner_accept_queuepct(backlog, max_backlog));
	lanner_rec_put_u32(r, backlog);
	lanner_rec_put_u32(r, max_backlog);
	if (s->type == PPME_SOCKET_ACCEPT4_6_X)
		lanner_rec_put_u32(r, lanner_socket_flags(s->args[3]));
}

static void lanner_fill_connect(struct lanner_rec *r, const struct lanner_sys *s)
{
	u8 sa[LANNER_USOCKADDR_MAX];
	u64 want = min_t(u64, s->args[2], sizeof(sa));
	long n;

	n = lanner_stash_buf(s->nr, s->args[1], sa, want);
	if (n < 0)
		n = lanner_copy_usockaddr(sa, s->args[1], want);
	lanner_stash_done(s->nr);
	lanner_rec_put_s64(r, s->ret);
	if (s->ret == 0 || s->ret == -EINPROGRESS)
		lanner_put_tuple(r, (s32)s->args[0], n ? sa : NULL, n, false);
	else
		lanner_rec_put_empty(r);
	lanner_rec_put_s64(r, lanner_fd_arg(s->args[0]));
	lanner_put_sockaddr(r, sa, n);
}

/* The iovecs of a msghdr: total length, and data up to `keep` bytes. */
static void lanner_put_iov(struct lanner_rec *r, const struct lanner_umsghdr *mh,
			   u64 keep, bool data, u64 *total)
{
	struct lanner_uiov iov[LANNER_IOV_CHUNK];
	u64 i, j, n, cnt = min_t(u64, mh->iovlen, UIO_MAXIOV);
	u32 avail = 0, got = 0;
	u8 *dst = NULL;

	*total = 0;
	if (data) {
		dst = lanner_rec_space(r, &avail);
		if (!dst)
			return;
		keep = min_t(u64, keep, avail);
	}
	for (i = 0; i < cnt; i += n) {
		n = min_t(u64, cnt - i, LANNER_IOV_CHUNK);
		if (lanner_copy_from_user_nofault(iov,
				(const void __user *)(mh->iov + i * sizeof(*iov)),
				n * sizeof(*iov)))
			break;
		for (j = 0; j < n; j++) {
			u64 take = min_t(u64, iov[j].len, keep - got);

			*total += iov[j].len;
			if (!data || !take)
				continue;
			if (lanner_copy_from_user_nofault(dst + got,
					(const void __user *)iov[j].base, take))
				data = false;	/* keep what was read so far */
			else
				got += take;
		}
	}
	if (dst)
		lanner_rec_commit(r, got);
}

static bool lanner_get_msghdr(struct lanner_umsghdr *mh, unsigned long p)
{
	return p && !lanner_copy_from_user_nofault(mh, (const void __user *)p,
						   sizeof(*mh));
}

static void lanner_fill_sendmsg(struct lanner_rec *r, const struct lanner_sys *s)
{
	u8 sa[LANNER_USOCKADDR_MAX];
	struct lanner_umsghdr mh;
	s64 fd = lanner_fd_arg(s->args[0]);
	u64 total = 0;
	u32 n = 0;

	lanner_rec_put_s64(r, s->ret);
	if (!lanner_get_msghdr(&mh, s->args[1])) {
		lanner_rec_put_empty(r);
		lanner_rec_put_s64(r, fd);
		lanner_rec_put_empty(r);
		lanner_rec_put_empty(r);
		return;
	}
	lanner_put_iov(r, &mh, lanner_snap(), true, &total);
	lanner_rec_put_s64(r, fd);
	lanner_rec_put_u32(r, (u32)total);
	if (s->ret < 0) {
		lanner_rec_put_empty(r);
		return;
	}
	if (mh.namelen > 0)
		n = lanner_copy_usockaddr(sa, mh.name, mh.namelen);
	lanner_put_tuple(r, fd, n ? sa : NULL, n, false);
}

static void lanner_fill_recvmsg(struct lanner_rec *r, const struct lanner_sys *s)
{
	u8 sa[LANNER_USOCKADDR_MAX];
	struct lanner_umsghdr mh;
	s64 fd = lanner_fd_arg(s->args[0]);
	u64 total = 0;
	u32 n = 0;

	lanner_rec_put_s64(r, s->ret);
	if (s->ret < 0 || !lanner_get_msghdr(&mh, s->args[1])) {
		lanner_rec_put_u32(r, 0);
		lanner_rec_put_empty(r);
		lanner_rec_put_empty(r);
		lanner_rec_put_empty(r);
		lanner_rec_put_s64(r, fd);
		return;
	}
	/* size comes before data: measure first, then copy */
	lanner_put_iov(NULL, &mh, 0, false, &total);
	lanner_rec_put_u32(r, (u32)min_t(u64, total, s->ret));
	lanner_put_iov(r, &mh, min_t(u64, s->ret, lanner_snap()), true, &total);
	if (mh.namelen > 0)
		n = lanner_copy_usockaddr(sa, mh.name, mh.namelen);
	lanner_put_tuple(r, fd, n ? sa : NULL, n, true);
	lanner_put_ubytes(r, mh.control,
			  min_t(u64, mh.controllen, LANNER_MAX_SNAPLEN));
	lanner_rec_put_s64(r, fd);
}

static void lanner_fill_sendto(struct lanner_rec *r, const struct lanner_sys *s)
{
	const unsigned long *a = s->args;
	u8 sa[LANNER_USOCKADDR_MAX];
	s64 fd = lanner_fd_arg(a[0]);
	u64 len = s->ret > 0 ? s->ret : (u32)a[2];
	u32 n = 0;

	lanner_rec_put_s64(r, s->ret);
	lanner_put_ubytes(r, a[1], min_t(u64, len, lanner_snap()));
	lanner_rec_put_s64(r, fd);
	lanner_rec_put_u32(r, (u32)a[2]);
	if (s->ret < 0) {
		lanner_rec_put_empty(r);
		return;
	}
	if (a[4] && a[5])
		n = lanner_copy_usockaddr(sa, a[4], a[5]);
	lanner_put_tuple(r, fd, n ? sa : NULL, n, false);
}

static void lanner_fill_recvfrom(struct lanner_rec *r, const struct lanner_sys *s)
{
	const unsigned long *a = s->args;
	u8 sa[LANNER_USOCKADDR_MAX];
	s64 fd = lanner_fd_arg(a[0]);
	s32 alen = 0;
	u32 n = 0;

	lanner_rec_put_s64(r, s->ret);
	if (s->ret < 0) {
		lanner_rec_put_empty(r);
		lanner_rec_put_empty(r);
	} else {
		lanner_put_ubytes(r, a[1], min_t(u64, s->ret, lanner_snap()));
		if (a[4] && a[5] &&
		    !lanner_copy_from_user_nofault(&alen,
				(const void __user *)a[5], sizeof(alen)) &&
		    alen > 0)
			n = lanner_copy_usockaddr(sa, a[4], alen);
		lanner_put_tuple(r, fd, n ? sa : NULL, n, true);
	}
	lanner_rec_put_s64(r, fd);
	lanner_rec_put_u32(r, (u32)a[2]);
}

void lanner_fill_net(struct lanner_rec *r, const struct lanner_sys *s)
{
	const unsigned long *a = s->args;
	u8 sa[LANNER_USOCKADDR_MAX];
	u32 n;

	switch (s->type) {
	case PPME_SOCKET_SOCKET_X:
		lanner_rec_put_s64(r, (s32)s->ret);
		lanner_rec_put_u32(r, lanner_socket_family(a[0]));
		lanner_rec_put_u32(r, (u32)a[1]);
		lanner_rec_put_u32(r, (u32)a[2]);
		lanner_rec_put_u32(r, lanner_socket_flags(a[1]));
		break;
	case PPME_SOCKET_BIND_X:
		n = lanner_copy_usockaddr(sa, a[1], a[2]);
		lanner_rec_put_s64(r, s->ret);
		lanner_put_sockaddr(r, sa, n);
		lanner_rec_put_s64(r, lanner_fd_arg(a[0]));
		break;
	case PPME_SOCKET_CONNECT_X:
		lanner_fill_connect(r, s);
		break;
	case PPME_SOCKET_LISTEN_X:
		lanner_rec_put_s64(r, s->ret);
		lanner_rec_put_s64(r, lanner_fd_arg(a[0]));
		lanner_rec_put_u32(r, (u32)a[1]);
		break;
	case PPME_SOCKET_ACCEPT_5_X:
	case PPME_SOCKET_ACCEPT4_6_X:
		lanner_fill_accept(r, s);
		break;
	case PPME_SOCKET_SENDTO_X:
		lanner_fill_sendto(r, s);
		break;
	case PPME_SOCKET_SENDMSG_X:
		lanner_fill_sendmsg(r, s);
		break;
	case PPME_SOCKET_RECVFROM_X:
		lanner_fill_recvfrom(r, s);
		break;
	case PPME_SOCKET_RECVMSG_X:
		lanner_fill_recvmsg(r, s);
		break;
	default:
		break;	/* wrong count: the record is dropped as INTERNAL */
	}
}
