// SPDX-License-Identifier: GPL-2.0-only
/*
 * fillers/sockaddr.c - the module's instantiation of
 * driver-common/lanner_sockaddr.h (PT_SOCKADDR and PT_SOCKTUPLE
 * encodings, shared with the eBPF fallback).
 *
 * Owns: reading a socket's tuple facts (struct lanner_sock_facts) from
 * its struct sock: inet bound/source/peer addresses and ports, IPv6 ones
 * where compat/net.h finds them, unix socket ids and the bound address of
 * the side the tuple reports. PPM_AF_* equal the kernel's AF_* numbers
 * for every family lanner_abi.h names, so families pass through
 * unchanged. Must never: encode anything itself (lanner_sockaddr.h does),
 * lock the socket or call its ->getname (which may sleep on newer
 * kernels); fields are read once, racing updates give a stale but
 * well-formed address.
 */
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/un.h>
#include <linux/net.h>
#include <linux/stddef.h>
#include <net/sock.h>
#include <net/inet_sock.h>
#include <net/af_unix.h>
#include "compat/net.h"
#include "sockaddr.h"

/* the functions of the shared header; its prototypes are in sockaddr.h */
#define LANNER_SHARED
#include "lanner_sockaddr.h"

_Static_assert(sizeof(struct sockaddr_storage) == LANNER_USOCKADDR_MAX,
	       "user sockaddrs are kept whole");

static void lanner_facts_inet(struct lanner_sock_facts *f, struct sock *sk)
{
	struct inet_sock *inet = inet_sk(sk);
	__be32 bound = inet->inet_rcv_saddr;
	__be32 src = inet->inet_saddr;
	__be32 peer = inet->inet_daddr;
	__be16 lport = inet->inet_sport;
	__be16 rport = inet->inet_dport;

	memcpy(f->bound, &bound, sizeof(bound));
	memcpy(f->src, &src, sizeof(src));
	memcpy(f->peer, &peer, sizeof(peer));
	memcpy(f->lport, &lport, sizeof(lport));
	memcpy(f->rport, &rport, sizeof(rport));
}

static void lanner_facts_inet6(struct lanner_sock_facts *f, struct sock *sk)
{
	struct inet_sock *inet = inet_sk(sk);
	const struct in6_addr *lip = lanner_sk_v6_local(sk);
	const struct in6_addr *rip = lanner_sk_v6_peer(sk);
	__be16 lport = inet->inet_sport;
	__be16 rport = inet->inet_dport;

	/* compat/net.h already fell back to the source address */
	if (lip)
		memcpy(f->bound, lip->s6_addr, sizeof(f->bound));
	if (rip)
		memcpy(f->peer, rip->s6_addr, sizeof(f->peer));
	memcpy(f->lport, &lport, sizeof(lport));
	memcpy(f->rport, &rport, sizeof(rport));
}

static void lanner_facts_unix(struct lanner_sock_facts *f, struct sock *sk,
			      bool inbound)
{
	struct sock *peer = READ_ONCE(unix_sk(sk)->peer);
	struct sock *side = inbound ? sk : peer;
	struct unix_address *addr;

	f->self_id = (u64)(unsigned long)unix_sk(sk);
	f->peer_id = (u64)(unsigned long)peer;
	if (!side)
		return;
	addr = READ_ONCE(unix_sk(side)->addr);
	if (!addr)
		return;
	f->path = (const u8 *)addr->name;
	f->path_len = addr->len;
}

u32 lanner_pack_socktuple(u8 *dst, struct socket *sock, const void *usa,
			  u32 ulen, bool inbound)
{
	struct sock *sk = sock ? sock->sk : NULL;
	struct lanner_sock_facts f = {};

	if (!sk)
		return 0;
	f.family = sk->sk_family;
	switch (f.family) {
	case AF_INET:
		lanner_facts_inet(&f, sk);
		break;
	case AF_INET6:
		lanner_facts_inet6(&f, sk);
		break;
	case AF_UNIX:
		lanner_facts_unix(&f, sk, inbound);
		break;
	default:
		return 0;
	}
	return lanner_pack_tuple(dst, &f, usa, ulen, inbound);
}
