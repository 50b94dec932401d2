/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fillers/net.h - exit records of the socket syscalls: socket, bind,
 * connect, listen, accept, accept4, sendto, sendmsg, recvfrom, recvmsg.
 *
 * Owns: what kmod/fillers/net.c and sockaddr.c own: the parameters in
 * Falco's order, the payload snapshot length (settings map snaplen, at
 * most LANNER_MAX_PARAM_LEN), the socket behind an fd and the tuple facts
 * read from its struct sock through CO-RE. The encodings themselves
 * (PT_SOCKADDR, PT_SOCKTUPLE) are driver-common/lanner_sockaddr.h, the
 * module's code. connect's address comes from the sys_enter copy
 * (include/stash.h) when there is one. The encoders and the iovec walk
 * are global functions (verified once each, see below); r->tmp holds
 * their inputs and state (LANNER_NET_TMP_*).
 * Must never: walk more than UIO_MAXIOV iovecs, keep more than snaplen
 * bytes of a payload, or read a socket through a file that is not one.
 */
#ifndef LANNER_FILL_NET_H
#define LANNER_FILL_NET_H

#include "filler.h"
#include "stash.h"

/*
 * lanner_sockaddr.h's bounded string copy as one helper call, same
 * semantics (at most max bytes, stop at a NUL, NUL ended, bytes before
 * the NUL returned): a byte loop costs the verifier a path per length.
 */
static __always_inline u32 lanner_net_strncpy(u8 *dst, const u8 *src,
					      u32 max)
{
	u64 size = max + 1;	/* max <= UNIX_PATH_MAX */
	long n;

	n = bpf_probe_read_kernel_str(dst, LANNER_BOUND(size, 127), src);
	if (n <= 0) {
		dst[0] = '\0';
		return 0;
	}
	return n - 1;
}
#define LANNER_SA_STRNCPY lanner_net_strncpy
#include "lanner_sockaddr.h"

#define LANNER_IOV_CHUNK	16	/* iovecs read at once, as the module */

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

/* struct iovec of the 64-bit user ABI */
struct lanner_uiov {
	u64 base;
	u64 len;
};

/*
 * r->tmp: the user sockaddr, a unix socket's bound address, the msghdr,
 * a chunk of iovecs, and the iovec walk's counters and results.
 */
#define LANNER_NET_TMP_USA	0
#define LANNER_NET_TMP_UNIX	LANNER_USOCKADDR_MAX
#define LANNER_NET_TMP_MSG	(2 * LANNER_USOCKADDR_MAX)
#define LANNER_NET_TMP_IOV	(LANNER_NET_TMP_MSG + 64)
#define LANNER_NET_IOV_BYTES	(LANNER_IOV_CHUNK * sizeof(struct lanner_uiov))
#define LANNER_NET_TMP_WALK	(LANNER_NET_TMP_IOV + 2 * LANNER_NET_IOV_BYTES)

/* The iovec walk's state, in map memory (see lanner_net_walk_iov()). */
struct lanner_net_walk {
	u64 total;	/* sum of the iovec lengths */
	u32 got;	/* bytes copied */
	u32 lim;	/* bytes to copy: keep, lowered by a failed copy */
	u32 left;	/* iovecs not read yet */
	u32 take;	/* bytes of the current iovec to copy */
};

_Static_assert(sizeof(struct sockaddr_un) <= LANNER_USOCKADDR_MAX,
	       "a unix address fits its tmp slot");
_Static_assert(sizeof(struct lanner_umsghdr) <= 64, "the msghdr fits its slot");
_Static_assert(LANNER_NET_TMP_WALK + sizeof(struct lanner_net_walk) <=
	       sizeof(((struct lanner_scratch *)0)->tmp),
	       "the net family's temporaries fit r->tmp");
_Static_assert(LANNER_SOCK_ENC_MAX < LANNER_MAX_RECORD_LEN,
	       "an encoding written at a masked offset stays in r->buf");

static __always_inline u32 lanner_snap(void)
{
	struct lanner_bpf_settings *set = lanner_settings_get();
	u32 n = set ? set->snaplen : 0;

	return n < LANNER_MAX_PARAM_LEN ? n : LANNER_MAX_PARAM_LEN;
}

static __always_inline struct lanner_umsghdr *
lanner_net_msg(struct lanner_scratch *r)
{
	return (struct lanner_umsghdr *)&r->tmp[LANNER_NET_TMP_MSG];
}

static __always_inline struct lanner_net_walk *
lanner_net_walk(struct lanner_scratch *r)
{
	return (struct lanner_net_walk *)&r->tmp[LANNER_NET_TMP_WALK];
}

/* The socket open at fd in the current task, or NULL (sockfd_lookup). */
static __always_inline struct sock *lanner_fd_sock(long fd)
{
	struct file *f = lanner_fd_file(fd);
	struct socket *sock;

	if (!f)
		return NULL;
	if ((BPF_CORE_READ(f, f_inode, i_mode) & S_IFMT) != S_IFSOCK)
		return NULL;
	sock = BPF_CORE_READ(f, private_data);
	/* an O_PATH file of a socket inode has no struct socket */
	if (!sock || BPF_CORE_READ(sock, file) != f)
		return NULL;
	return BPF_CORE_READ(sock, sk);
}

/* A user sockaddr of len bytes into r->tmp; its usable length or 0. */
static __always_inline u32 lanner_copy_usockaddr(struct lanner_scratch *r,
						 unsigned long p, u64 len)
{
	if (len > LANNER_USOCKADDR_MAX)
		len = LANNER_USOCKADDR_MAX;
	if (!p || !len)
		return 0;
	if (bpf_probe_read_user(&r->tmp[LANNER_NET_TMP_USA],
				LANNER_BOUND(len, 2 * LANNER_USOCKADDR_MAX - 1),
				(const void *)p))
		return 0;
	return len;
}

/* The bound address of a unix socket's reported side into r->tmp. */
static __always_inline void lanner_unix_facts(struct lanner_scratch *r,
					      struct sock *sk, bool inbound,
					      struct lanner_sock_facts *f)
{
	struct sock *peer = BPF_CORE_READ((struct unix_sock *)sk, peer);
	struct sock *side = inbound ? sk : peer;
	struct unix_address *addr;
	u32 len;

	f->self_id = (u64)(unsigned long)sk;
	f->peer_id = (u64)(unsigned long)peer;
	if (!side)
		return;
	addr = BPF_CORE_READ((struct unix_sock *)side, addr);
	if (!addr)
		return;
	len = BPF_CORE_READ(addr, len);
	if (len > sizeof(struct sockaddr_un))
		len = sizeof(struct sockaddr_un);
	if (!len || bpf_probe_read_kernel(&r->tmp[LANNER_NET_TMP_UNIX],
			LANNER_BOUND(len, LANNER_USOCKADDR_MAX - 1),
			__builtin_preserve_access_index(&addr->name)))
		return;
	f->path = &r->tmp[LANNER_NET_TMP_UNIX];
	f->path_len = len;
}

/* What the module's sockaddr.c reads from a socket for its tuple. */
static __always_inline bool lanner_sock_facts(struct lanner_scratch *r,
					      struct sock *sk, bool inbound,
					      struct lanner_sock_facts *f)
{
	struct inet_sock *inet = (struct inet_sock *)sk;
	struct ipv6_pinfo *np;
	u16 port;
	u32 a;

	__builtin_memset(f, 0, sizeof(*f));
	f->family = BPF_CORE_READ(sk, __sk_common.skc_family);
	switch (f->family) {
	case AF_INET:
		a = BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr);
		__builtin_memcpy(f->bound, &a, sizeof(a));
		a = BPF_CORE_READ(inet, inet_saddr);
		__builtin_memcpy(f->src, &a, sizeof(a));
		a = BPF_CORE_READ(sk, __sk_common.skc_daddr);
		__builtin_memcpy(f->peer, &a, sizeof(a));
		break;
	case AF_INET6:
		/* compat/net.h: >= 3.13 sock_common holds them (CONFIG_IPV6) */
		if (bpf_core_field_exists(sk->__sk_common.skc_v6_rcv_saddr)) {
			bpf_core_read(f->bound, sizeof(f->bound),
				      &sk->__sk_common.skc_v6_rcv_saddr);
			bpf_core_read(f->peer, sizeof(f->peer),
				      &sk->__sk_common.skc_v6_daddr);
		}
		if (bpf_core_field_exists(inet->pinet6)) {
			np = BPF_CORE_READ(inet, pinet6);
			if (np)
				bpf_core_read(f->src, sizeof(f->src),
					      &np->saddr);
		}
		break;
	case AF_UNIX:
		lanner_unix_facts(r, sk, inbound, f);
		return true;
	default:
		return false;
	}
	port = BPF_CORE_READ(inet, inet_sport);
	__builtin_memcpy(f->lport, &port, sizeof(port));
	port = BPF_CORE_READ(sk, __sk_common.skc_dport);
	__builtin_memcpy(f->rport, &port, sizeof(port));
	return true;
}

/*
 * The encoders and the iovec walk are global functions: the verifier
 * checks each once, for any arguments, and gives its callers an unknown
 * result, instead of walking its loops again at every call site and
 * verifying the rest of the record once per length it can return. They
 * find the CPU's scratch themselves (global functions take scalars only
 * before 5.12), and their results are bounded again where used.
 */

/* PT_SOCKADDR bytes at r->buf + off of the n-byte sockaddr in r->tmp. */
__noinline int lanner_net_sockaddr(u32 off, u32 n)
{
	struct lanner_scratch *r = lanner_scratch_get();

	if (!r)
		return 0;
	return lanner_pack_sockaddr(&r->buf[off & LANNER_REC_MASK],
				    &r->tmp[LANNER_NET_TMP_USA],
				    n & (2 * LANNER_USOCKADDR_MAX - 1));
}

/*
 * PT_SOCKTUPLE bytes at r->buf + off for the socket at fd, with the
 * ulen-byte user sockaddr in r->tmp (0: none); 0 when fd is no socket
 * of a family with tuples.
 */
__noinline int lanner_net_tuple(u32 off, s32 fd, u32 ulen, u32 inbound)
{
	struct lanner_scratch *r = lanner_scratch_get();
	struct lanner_sock_facts f;
	struct sock *sk;

	if (!r || fd < 0)
		return 0;
	sk = lanner_fd_sock(fd);
	if (!sk || !lanner_sock_facts(r, sk, inbound, &f))
		return 0;
	/* never NULL: ulen 0 says "no address", as NULL does in the module */
	return lanner_pack_tuple(&r->buf[off & LANNER_REC_MASK], &f,
				 &r->tmp[LANNER_NET_TMP_USA],
				 ulen & (2 * LANNER_USOCKADDR_MAX - 1),
				 inbound != 0);
}

/*
 * min(a, b) without a conditional jump: the borrow of a - b (a < b),
 * computed bit by bit, selects. The barrier keeps the compiler from
 * turning it back into a compare and branch.
 */
static __always_inline u64 lanner_min_nobranch(u64 a, u64 b)
{
	u64 lt = ((~a & b) | (~(a ^ b) & (a - b))) >> 63;

	lt = -lt;
	asm volatile("" : "+r"(lt));
	return b ^ ((a ^ b) & lt);
}

/*
 * The iovecs of the msghdr in r->tmp, read LANNER_IOV_CHUNK at a time
 * (an unreadable chunk ends the walk, as in the module): their total
 * length (lanner_net_walk(r)->total), and up to keep bytes of their data
 * copied to r->buf at offset at (an unreadable buffer ends the copy, what
 * was read is kept). Returns the bytes copied.
 *
 * Shaped for the verifier, which simulates all UIO_MAXIOV iterations:
 * the counters live in map memory, whose contents it does not track, so
 * its states do not fork on their values; the loop body has no
 * conditional jump: a failed copy lowers the limit arithmetically, and
 * once the limit is reached the copies are of 0 bytes; the chunk is
 * zeroed before each read, so the slots past the last iovec are empty
 * ones (length 0, which changes neither result).
 */
__noinline int lanner_net_walk_iov(u32 at, u32 keep)
{
	struct lanner_scratch *r = lanner_scratch_get();
	const struct lanner_umsghdr *mh;
	volatile struct lanner_net_walk *w;
	const struct lanner_uiov *v;
	u64 sum = 0, len, take, fail;
	u32 c, j, n, done, stop;

	if (!r)
		return 0;
	mh = lanner_net_msg(r);
	w = lanner_net_walk(r);
	w->lim = keep;
	w->got = 0;
	w->left = mh->iovlen < UIO_MAXIOV ? mh->iovlen : UIO_MAXIOV;
	for (c = 0; c < UIO_MAXIOV / LANNER_IOV_CHUNK; c++) {
		n = w->left;
		if (!n)
			break;
		n = lanner_min_nobranch(n, LANNER_IOV_CHUNK);
		w->left = w->left - n;
		__builtin_memset(&r->tmp[LANNER_NET_TMP_IOV], 0,
				 LANNER_NET_IOV_BYTES);
		if (bpf_probe_read_user(&r->tmp[LANNER_NET_TMP_IOV],
				LANNER_BOUND(n * sizeof(*v),
					     2 * LANNER_NET_IOV_BYTES - 1),
				(const void *)(mh->iov + (u64)c *
					       LANNER_NET_IOV_BYTES)))
			break;
		for (j = 0; j < LANNER_IOV_CHUNK; j++) {
			v = (const void *)&r->tmp[LANNER_NET_TMP_IOV +
						  j * sizeof(*v)];
			len = v->len;
			sum += len;
			done = w->got;
			stop = w->lim;
			take = stop - done;	/* got <= lim: 0 once done */
			take = lanner_min_nobranch(len, take);
			w->take = take;
			/* 0 bytes read fine; a failure gives all ones */
			fail = (u64)((s64)bpf_probe_read_user(
					&r->buf[(at + done) & LANNER_REC_MASK],
					LANNER_BOUND(w->take, LANNER_REC_MASK),
					(const void *)v->base) >> 63);
			asm volatile("" : "+r"(fail));	/* no branch on it */
			w->got = done + (w->take & ~fail);
			w->lim = (stop & ~fail) | (done & fail);
		}
	}
	w->total = sum;
	return w->got;
}

/* PT_SOCKADDR of the n-byte user sockaddr in r->tmp (0: empty). */
static __always_inline void lanner_put_sockaddr(struct lanner_scratch *r,
						u32 n)
{
	u32 off, avail;

	if (!lanner_rec_space(r, &off, &avail))
		return;
	if (n)
		n = lanner_net_sockaddr(off, n);
	if (n > avail) {
		lanner_rec_overflow(r);
		return;
	}
	lanner_rec_commit(r, n);
}

static __always_inline void lanner_put_tuple(struct lanner_scratch *r,
					     s64 fd, u32 ulen, bool inbound)
{
	u32 off, avail, n;

	if (!lanner_rec_space(r, &off, &avail))
		return;
	n = lanner_net_tuple(off, fd, ulen, inbound);
	if (n > avail) {
		lanner_rec_overflow(r);
		return;
	}
	lanner_rec_commit(r, n);
}

/* The msghdr at user p into r->tmp. */
static __always_inline bool lanner_get_msghdr(struct lanner_scratch *r,
					      unsigned long p)
{
	return p && !bpf_probe_read_user(lanner_net_msg(r),
					 sizeof(struct lanner_umsghdr),
					 (const void *)p);
}

/* Data parameter: up to keep bytes of the iovecs; returns their length. */
static __always_inline u64 lanner_put_iov(struct lanner_scratch *r, u64 keep)
{
	u32 off, avail, got;

	if (!lanner_rec_space(r, &off, &avail))
		return 0;
	if (keep > avail)
		keep = avail;
	got = lanner_net_walk_iov(off, keep);
	lanner_rec_commit(r, got);
	return lanner_net_walk(r)->total;
}

static __always_inline void lanner_fill_accept(struct lanner_scratch *r,
					       const struct lanner_sys *s)
{
	u32 backlog = 0, max_backlog = 0;
	s64 fd = (s32)s->ret;
	struct sock *sk;

	lanner_rec_put_s64(r, fd);
	if (fd >= 0) {
		lanner_put_tuple(r, fd, 0, true);
		sk = lanner_fd_sock(lanner_fd_arg(s->args[0]));
		if (sk) {
			backlog = BPF_CORE_READ(sk, sk_ack_backlog);
			max_backlog = BPF_CORE_READ(sk, sk_max_ack_backlog);
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

static __always_inline void lanner_fill_connect(struct lanner_scratch *r,
						const struct lanner_sys *s)
{
	u64 want = s->args[2] < LANNER_USOCKADDR_MAX ? s->args[2] :
						       LANNER_USOCKADDR_MAX;
	s64 fd = lanner_fd_arg(s->args[0]);
	long n;

	n = lanner_stash_buf(s->nr, s->args[1], &r->tmp[LANNER_NET_TMP_USA],
			     want);
	if (n < 0)
		n = lanner_copy_usockaddr(r, s->args[1], want);
	lanner_rec_put_s64(r, s->ret);
	if (s->ret == 0 || s->ret == -EINPROGRESS)
		lanner_put_tuple(r, fd, n, false);
	else
		lanner_rec_put_empty(r);
	lanner_rec_put_s64(r, fd);
	lanner_put_sockaddr(r, n);
}

static __always_inline void lanner_fill_sendmsg(struct lanner_scratch *r,
						const struct lanner_sys *s)
{
	struct lanner_umsghdr *mh = lanner_net_msg(r);
	s64 fd = lanner_fd_arg(s->args[0]);
	u64 total;
	u32 n = 0;

	lanner_rec_put_s64(r, s->ret);
	if (!lanner_get_msghdr(r, s->args[1])) {
		lanner_rec_put_empty(r);
		lanner_rec_put_s64(r, fd);
		lanner_rec_put_empty(r);
		lanner_rec_put_empty(r);
		return;
	}
	total = lanner_put_iov(r, lanner_snap());
	lanner_rec_put_s64(r, fd);
	lanner_rec_put_u32(r, (u32)total);
	if (s->ret < 0) {
		lanner_rec_put_empty(r);
		return;
	}
	if (mh->namelen > 0)
		n = lanner_copy_usockaddr(r, mh->name, mh->namelen);
	lanner_put_tuple(r, fd, n, false);
}

static __always_inline void lanner_fill_recvmsg(struct lanner_scratch *r,
						const struct lanner_sys *s)
{
	struct lanner_umsghdr *mh = lanner_net_msg(r);
	s64 fd = lanner_fd_arg(s->args[0]);
	u64 total, keep, clen;
	u32 n = 0;

	lanner_rec_put_s64(r, s->ret);
	if (s->ret < 0 || !lanner_get_msghdr(r, s->args[1])) {
		lanner_rec_put_u32(r, 0);
		lanner_rec_put_empty(r);
		lanner_rec_put_empty(r);
		lanner_rec_put_empty(r);
		lanner_rec_put_s64(r, fd);
		return;
	}
	/* size comes before data: measure first, then copy */
	lanner_net_walk_iov(0, 0);
	total = lanner_net_walk(r)->total;
	lanner_rec_put_u32(r, (u32)(total < (u64)s->ret ? total : s->ret));
	keep = lanner_snap();
	if ((u64)s->ret < keep)
		keep = s->ret;
	lanner_put_iov(r, keep);
	if (mh->namelen > 0)
		n = lanner_copy_usockaddr(r, mh->name, mh->namelen);
	lanner_put_tuple(r, fd, n, true);
	clen = mh->controllen;
	lanner_rec_put_ubuf(r, (const void *)mh->control,
			    clen < LANNER_MAX_PARAM_LEN ? clen :
			    LANNER_MAX_PARAM_LEN);
	lanner_rec_put_s64(r, fd);
}

static __always_inline void lanner_fill_sendto(struct lanner_scratch *r,
					       const struct lanner_sys *s)
{
	const unsigned long *a = s->args;
	s64 fd = lanner_fd_arg(a[0]);
	u64 len = s->ret > 0 ? (u64)s->ret : (u32)a[2];
	u32 snap = lanner_snap();
	u32 n = 0;

	lanner_rec_put_s64(r, s->ret);
	lanner_rec_put_ubuf(r, (const void *)a[1], len < snap ? len : snap);
	lanner_rec_put_s64(r, fd);
	lanner_rec_put_u32(r, (u32)a[2]);
	if (s->ret < 0) {
		lanner_rec_put_empty(r);
		return;
	}
	if (a[4] && a[5])
		n = lanner_copy_usockaddr(r, a[4], a[5]);
	lanner_put_tuple(r, fd, n, false);
}

static __always_inline void lanner_fill_recvfrom(struct lanner_scratch *r,
						 const struct lanner_sys *s)
{
	const unsigned long *a = s->args;
	s64 fd = lanner_fd_arg(a[0]);
	u32 snap = lanner_snap();
	s32 alen = 0;
	u32 n = 0;

	lanner_rec_put_s64(r, s->ret);
	if (s->ret < 0) {
		lanner_rec_put_empty(r);
		lanner_rec_put_empty(r);
	} else {
		lanner_rec_put_ubuf(r, (const void *)a[1],
				    (u64)s->ret < snap ? (u32)s->ret : snap);
		if (a[4] && a[5] &&
		    !bpf_probe_read_user(&alen, sizeof(alen),
					 (const void *)a[5]) &&
		    alen > 0)
			n = lanner_copy_usockaddr(r, a[4], alen);
		lanner_put_tuple(r, fd, n, true);
	}
	lanner_rec_put_s64(r, fd);
	lanner_rec_put_u32(r, (u32)a[2]);
}

LANNER_FILLER(net)
{
	const unsigned long *a = s->args;
	u32 n;

	switch (s->type) {
	case PPME_SOCKET_SOCKET_X:
		lanner_rec_put_s64(r, lanner_fd_arg(s->ret));
		lanner_rec_put_u32(r, lanner_socket_family(a[0]));
		lanner_rec_put_u32(r, (u32)a[1]);
		lanner_rec_put_u32(r, (u32)a[2]);
		lanner_rec_put_u32(r, lanner_socket_flags(a[1]));
		break;
	case PPME_SOCKET_BIND_X:
		n = lanner_copy_usockaddr(r, a[1], a[2]);
		lanner_rec_put_s64(r, s->ret);
		lanner_put_sockaddr(r, n);
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

#endif /* LANNER_FILL_NET_H */
