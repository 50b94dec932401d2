/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * compat/net.h - socket address fields whose home moved.
 *
 * Owns: lanner_sk_v6_local()/lanner_sk_v6_peer() (probe SK_V6_DADDR:
 * >= 3.13 struct sock_common holds the IPv6 addresses, before only
 * struct ipv6_pinfo; without CONFIG_IPV6 there are none). Must never:
 * take the socket lock (callers run in tracepoints, preemption off).
 */
#ifndef LANNER_COMPAT_NET_H
#define LANNER_COMPAT_NET_H

#include <linux/in6.h>
#include <net/sock.h>
#include <net/ipv6.h>

/* Local address as getsockname() reports it (bound, else source). */
static inline const struct in6_addr *lanner_sk_v6_local(struct sock *sk)
{
#if IS_ENABLED(CONFIG_IPV6)
	const struct ipv6_pinfo *np = inet6_sk(sk);
#ifdef HAS_SK_V6_DADDR
	const struct in6_addr *a = &sk->sk_v6_rcv_saddr;
#else
	const struct in6_addr *a = np ? &np->rcv_saddr : NULL;
#endif /* HAS_SK_V6_DADDR */

	if ((!a || ipv6_addr_any(a)) && np)
		a = &np->saddr;
	return a;
#else
	return NULL;
#endif /* CONFIG_IPV6 */
}

static inline const struct in6_addr *lanner_sk_v6_peer(struct sock *sk)
{
#if IS_ENABLED(CONFIG_IPV6)
#ifdef HAS_SK_V6_DADDR
	return &sk->sk_v6_daddr;
#else
	const struct ipv6_pinfo *np = inet6_sk(sk);

	return np ? &np->daddr : NULL;
#endif /* HAS_SK_V6_DADDR */
#else
	return NULL;
#endif /* CONFIG_IPV6 */
}

#endif /* LANNER_COMPAT_NET_H */
