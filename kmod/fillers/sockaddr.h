/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fillers/sockaddr.h - scap socket address and tuple encoders
 * (fillers/sockaddr.c). Buffers passed in must hold LANNER_SOCK_ENC_MAX.
 */
#ifndef LANNER_SOCKADDR_H
#define LANNER_SOCKADDR_H

#include <linux/types.h>
#include <linux/un.h>
#include "lanner.h"

struct socket;

/* family + u64 + u64 + unix path + NUL: the largest encoding */
#define LANNER_SOCK_ENC_MAX	(1 + 8 + 8 + UNIX_PATH_MAX + 1)
/* the largest user sockaddr kept (struct sockaddr_storage) */
#define LANNER_USOCKADDR_MAX	128

u32 lanner_pack_sockaddr(u8 *dst, const void *sa, u32 len);
u32 lanner_pack_socktuple(u8 *dst, struct socket *sock, const void *usa,
			  u32 ulen, bool inbound);

#endif /* LANNER_SOCKADDR_H */
