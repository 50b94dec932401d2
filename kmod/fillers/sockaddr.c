// SPDX-License-Identifier: GPL-2.0-only
/*
 * fillers/sockaddr.c - scap encodings of socket addresses and tuples.
 *
 * Owns: PT_SOCKADDR (family byte PPM_AF_*, then IPv4: address (network
 * order) + port (host order u16); IPv6: 16 + 2 bytes; unix: path, NUL
 * ended, abstract names without their leading NUL) built from a kernel
 * copy of a user sockaddr, and PT_SOCKTUPLE (family, then source address
 * and port, destination address and port; unix: u64 source and
 * destination socket ids, then the path) built from the socket's own
 * fields plus, optionally, the caller's address. Outbound tuples
 * (connect, send*) run local -> remote, inbound ones (accept, recv*)
 * remote -> local. PPM_AF_* equal the kernel's AF_* numbers for every
 * family lanner_abi.h names, so families pass through unchanged.
 * Must never: lock the socket or call its ->getname (which may sleep on
 * newer kernels); fields are read once, racing updates give a stale but
 * well-formed address.
 */
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/un.h>
#include <linux/net.h>
#include <net/sock.h>
#include <net/inet_sock.h>
#include <net/af_unix.h>
#include "sockaddr.h"
#include "compat/net.h"

static u32 lanner_put_port(u8 *dst, __be16 port)
{
	u16 p = ntohs(port);

	memcpy(dst, &p, sizeof(p));
	return sizeof(p);
}

/* Unix path of `name` (len bytes of sockaddr_un) into dst, NUL ended. */
static u32 lanner_unix_path(u8 *dst, const struct sockaddr_un *name, u32 len)
{
	const char *p = name->sun_path;
	u32 n = 0, max;

	max = len > sizeof(sa_family_t) ? len - sizeof(sa_family_t) : 0;
	max = min_t(u32, max, UNIX_PATH_MAX);
	if (max && p[0] == '\0') {	/* abstract: skip the leading NUL */
		p++;
		max--;
	}
	while (n < max && p[n]) {
		dst[n] = p[n];
		n++;
	}
	dst[n] = '\0';
	return n + 1;
}

u32 lanner_pack_sockaddr(u8 *dst, const void *sa, u32 len)
{
	const struct sockaddr_in *in = sa;
	const struct sockaddr_in6 *in6 = sa;
	u16 family;

	if (!sa || len < sizeof(family))
		return 0;
	memcpy(&family, sa, sizeof(family));
	switch (family) {
	case AF_INET:
		if (len < sizeof(*in))
			return 0;
		dst[0] = PPM_AF_INET;
		memcpy(dst + 1, &in->sin_addr.s_addr, 4);
		return 1 + 4 + lanner_put_port(dst + 5, in->sin_port);
	case AF_INET6:
		if (len < sizeof(*in6))
			return 0;
		dst[0] = PPM_AF_INET6;
		memcpy(dst + 1, in6->sin6_addr.s6_addr, 16);
		return 1 + 16 + lanner_put_port(dst + 17, in6->sin6_port);
	case AF_UNIX:
		dst[0] = PPM_AF_UNIX;
		return 1 + lanner_unix_path(dst + 1, sa, len);
	default:
		return 0;
	}
}

static u32 lanner_tuple_inet(u8 *dst, struct sock *sk, const void *usa,
			     u32 ulen, bool inbound)
{
	const struct sockaddr_in *u = usa;
	struct inet_sock *inet = inet_sk(sk);
	__be32 lip = inet->inet_rcv_saddr ? inet->inet_rcv_saddr :
					    inet->inet_saddr;
	__be16 lport = inet->inet_sport;
	__be32 rip = inet->inet_daddr;
	__be16 rport = inet->inet_dport;
	bool user = u && ulen >= sizeof(*u) && u->sin_family == AF_INET;

	if (user && (!inbound || !rport)) {
		rip = u->sin_addr.s_addr;
		rport = u->sin_port;
	} else if (!user && !rport) {
		lip = 0;	/* not connected: getpeername would fail */
		lport = 0;
		rip = 0;
	}
	dst[0] = PPM_AF_INET;
	if (inbound) {
		memcpy(dst + 1, &rip, 4);
		lanner_put_port(dst + 5, rport);
		memcpy(dst + 7, &lip, 4);
		lanner_put_port(dst + 11, lport);
	} else {
		memcpy(dst + 1, &lip, 4);
		lanner_put_port(dst + 5, lport);
		memcpy(dst + 7, &rip, 4);
		lanner_put_port(dst + 11, rport);
	}
	return 1 + 4 + 2 + 4 + 2;
}

static u32 lanner_tuple_inet6(u8 *dst, struct sock *sk, const void *usa,
			      u32 ulen, bool inbound)
{
	static const struct in6_addr any;
	const struct sockaddr_in6 *u = usa;
	struct inet_sock *inet = inet_sk(sk);
	const struct in6_addr *lip = lanner_sk_v6_local(sk);
	const struct in6_addr *rip = lanner_sk_v6_peer(sk);
	__be16 lport = inet->inet_sport;
	__be16 rport = inet->inet_dport;
	bool user = u && ulen >= sizeof(*u) && u->sin6_family == AF_INET6;

	if (user && (!inbound || !rport)) {
		rip = &u->sin6_addr;
		rport = u->sin6_port;
	}
	if (!lip)
		lip = &any;
	if (!rip)
		rip = &any;
	dst[0] = PPM_AF_INET6;
	if (inbound) {
		memcpy(dst + 1, rip->s6_addr, 16);
		lanner_put_port(dst + 17, rport);
		memcpy(dst + 19, lip->s6_addr, 16);
		lanner_put_port(dst + 35, lport);
	} else {
		memcpy(dst + 1, lip->s6_addr, 16);
		lanner_put_port(dst + 17, lport);
		memcpy(dst + 19, rip->s6_addr, 16);
		lanner_put_port(dst + 35, rport);
	}
	return 1 + 16 + 2 + 16 + 2;
}

/* Path bound to unix socket `sk`, or 0 bytes written when it has none. */
static u32 lanner_unix_bound(u8 *dst, struct sock *sk)
{
	struct unix_address *addr;

	if (!sk)
		return 0;
	addr = READ_ONCE(unix_sk(sk)->addr);
	if (!addr || addr->len <= sizeof(sa_family_t))
		return 0;
	return lanner_unix_path(dst, addr->name, addr->len);
}

static u32 lanner_tuple_unix(u8 *dst, struct sock *sk, const void *usa,
			     u32 ulen, bool inbound)
{
	struct sock *peer = READ_ONCE(unix_sk(sk)->peer);
	u64 self_id = (u64)(unsigned long)unix_sk(sk);
	u64 peer_id = (u64)(unsigned long)peer;
	u32 n;

	dst[0] = PPM_AF_UNIX;
	memcpy(dst + 1, inbound ? &self_id : &peer_id, 8);
	memcpy(dst + 9, inbound ? &peer_id : &self_id, 8);
	n = lanner_unix_bound(dst + 17, inbound ? sk : peer);
	if (n <= 1 && !inbound && usa && ulen > sizeof(sa_family_t)) {
		const struct sockaddr_un *u = usa;

		if (u->sun_family == AF_UNIX)
			n = lanner_unix_path(dst + 17, u, ulen);
	}
	if (!n) {
		dst[17] = '\0';
		n = 1;
	}
	return 17 + n;
}

u32 lanner_pack_socktuple(u8 *dst, struct socket *sock, const void *usa,
			  u32 ulen, bool inbound)
{
	struct sock *sk = sock ? sock->sk : NULL;

	if (!sk)
		return 0;
	switch (sk->sk_family) {
	case AF_INET:
		return lanner_tuple_inet(dst, sk, usa, ulen, inbound);
	case AF_INET6:
		return lanner_tuple_inet6(dst, sk, usa, ulen, inbound);
	case AF_UNIX:
		return lanner_tuple_unix(dst, sk, usa, ulen, inbound);
	default:
		return 0;
	}
}
