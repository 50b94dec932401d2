/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fillers/sockaddr.h - scap socket address and tuple encoders
 * (fillers/sockaddr.c, on top of driver-common/lanner_sockaddr.h, which
 * the eBPF fallback shares). Buffers passed in must hold
 * LANNER_SOCK_ENC_MAX; user sockaddrs are kept up to LANNER_USOCKADDR_MAX.
 */
#ifndef LANNER_SOCKADDR_H
#define LANNER_SOCKADDR_H

#include <linux/types.h>
#include <linux/socket.h>
#include <linux/un.h>
#include "lanner.h"
#include "lanner_sockaddr.h"

struct socket;

u32 lanner_pack_sockaddr(u8 *dst, const void *sa, u32 len);
u32 lanner_pack_socktuple(u8 *dst, struct socket *sock, const void *usa,
			  u32 ulen, bool inbound);

#endif /* LANNER_SOCKADDR_H */
