// SPDX-License-Identifier: GPL-2.0-only
/*
 * >= 3.13: IPv6 addresses of a socket live in struct sock_common
 * (sk_v6_daddr, sk_v6_rcv_saddr); before, only in struct ipv6_pinfo.
 */
#include <net/sock.h>

const struct in6_addr *lanner_probe(struct sock *sk);
const struct in6_addr *lanner_probe(struct sock *sk)
{
	return &sk->sk_v6_daddr;
}
