/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * lanner_sockaddr.h - scap socket address and tuple encodings, the one
 * definition both drivers compile.
 *
 * Owns: PT_SOCKADDR (family byte PPM_AF_*, then IPv4: address (network
 * order) + port (host order u16); IPv6: 16 + 2 bytes; unix: path, NUL
 * ended, abstract names without their leading NUL) built from a copy of
 * a user sockaddr, and PT_SOCKTUPLE (family, then source address and
 * port, destination address and port; unix: u64 source and destination
 * socket ids, then the path) built from the facts a driver read from the
 * socket (struct lanner_sock_facts) plus, optionally, the caller's
 * address. Outbound tuples (connect, send*) run local -> remote, inbound
 * ones (accept, recv*) remote -> local. The choices (bound address before
 * source address, the caller's address for an unconnected socket, a
 * blank tuple for an unconnected IPv4 socket without one) are made here
 * only. Works on byte buffers: dst must hold LANNER_SOCK_ENC_MAX bytes,
 * sockaddrs are read at the uapi offsets of struct sockaddr_in,
 * sockaddr_in6 and sockaddr_un.
 *
 * Included by: kmod/fillers/sockaddr.h (the sizes and the facts struct)
 * and kmod/fillers/sockaddr.c (the module's one instantiation of the
 * functions, LANNER_SHARED empty), and the eBPF fallback
 * (bpf-fallback/fillers/net.h; LANNER_SHARED is static __always_inline).
 * The includer first provides the types u8 u16 u32 u64 bool, the PPM_AF_*
 * constants (lanner_abi.h), AF_INET, AF_INET6, AF_UNIX, UNIX_PATH_MAX,
 * _K_SS_MAXSIZE and struct sockaddr_in, sockaddr_in6, sockaddr_un (the
 * module from the kernel's headers, BPF from vmlinux.h and the header
 * bpf-fallback/gen-uapi.sh generates). The functions are only defined
 * when LANNER_SHARED is; LANNER_SA_STRNCPY may replace the one bounded
 * string copy with an equivalent (BPF: a helper call).
 *
 * Must never: include a header, touch a kernel object (socket, user
 * memory: the drivers copy what is needed first), or use what the BPF
 * verifier rejects (loops without a compile-time bound, variable-length
 * memcpy, function pointers).
 */
#ifndef LANNER_SOCKADDR_H_SHARED
#define LANNER_SOCKADDR_H_SHARED

/* family + u64 + u64 + unix path + NUL: the largest encoding */
#define LANNER_SOCK_ENC_MAX	(1 + 8 + 8 + UNIX_PATH_MAX + 1)
/* the largest user sockaddr kept (struct sockaddr_storage) */
#define LANNER_USOCKADDR_MAX	_K_SS_MAXSIZE

/*
 * What a driver read from a socket for its tuple. Zero-fill it first:
 * fields a family does not use, and addresses a kernel lacks, stay 0.
 */
struct lanner_sock_facts {
	u16 family;	/* the socket's AF_* */
	/* inet: addresses in network order, IPv4 in bytes 0..3 */
	u8 bound[16];	/* rcv_saddr: the address bound, 0 if any */
	u8 src[16];	/* saddr: the source used when none is bound */
	u8 peer[16];	/* daddr */
	u8 lport[2];	/* sport, network order */
	u8 rport[2];	/* dport, network order; 0: not connected */
	/* unix */
	u64 self_id;	/* this socket's kernel address */
	u64 peer_id;	/* its peer's, 0 without one */
	const u8 *path;	/* sockaddr_un of the side reported, or NULL */
	u32 path_len;	/* its length (struct unix_address len) */
};

#endif /* LANNER_SOCKADDR_H_SHARED */

#if defined(LANNER_SHARED) && !defined(LANNER_SOCKADDR_IMPL)
#define LANNER_SOCKADDR_IMPL

#define LANNER_SA_OFF(type, field)	((u32)__builtin_offsetof(type, field))
#define LANNER_SIN_PORT		LANNER_SA_OFF(struct sockaddr_in, sin_port)
#define LANNER_SIN_ADDR		LANNER_SA_OFF(struct sockaddr_in, sin_addr)
#define LANNER_SIN6_PORT	LANNER_SA_OFF(struct sockaddr_in6, sin6_port)
#define LANNER_SIN6_ADDR	LANNER_SA_OFF(struct sockaddr_in6, sin6_addr)
#define LANNER_SUN_PATH		LANNER_SA_OFF(struct sockaddr_un, sun_path)

/* n (a constant at every call) bytes of src, or zeros for NULL. */
static __always_inline void lanner_sa_copy(u8 *dst, const u8 *src, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		dst[i] = src ? src[i] : 0;
}

static __always_inline bool lanner_sa_is_zero(const u8 *p, u32 n)
{
	u8 acc = 0;
	u32 i;

	for (i = 0; i < n; i++)
		acc |= p[i];
	return acc == 0;
}

/* A network-order port (NULL: 0) as the host-order u16 scap wants. */
static __always_inline void lanner_sa_port(u8 *dst, const u8 *be)
{
	u16 p = be ? (u16)((be[0] << 8) | be[1]) : 0;

	__builtin_memcpy(dst, &p, sizeof(p));
}

static __always_inline u16 lanner_sa_family(const u8 *sa)
{
	u16 family;

	__builtin_memcpy(&family, sa, sizeof(family));
	return family;
}

/*
 * At most max bytes of the string at src into dst, then a NUL; the
 * bytes copied before it. An includer may provide its own (a helper
 * call in BPF, where a byte loop costs the verifier one path per length)
 * as LANNER_SA_STRNCPY, with exactly these semantics.
 */
#ifndef LANNER_SA_STRNCPY
static __always_inline u32 lanner_sa_strncpy(u8 *dst, const u8 *src, u32 max)
{
	u32 i;

	for (i = 0; i < UNIX_PATH_MAX; i++) {
		if (i >= max || !src[i])
			break;
		dst[i] = src[i];
	}
	dst[i] = '\0';
	return i;
}
#define LANNER_SA_STRNCPY lanner_sa_strncpy
#endif

/*
 * The path of a sockaddr_un of len bytes into dst, NUL ended (abstract
 * names lose their leading NUL); its length with the NUL.
 */
static __always_inline u32 lanner_sa_unix_path(u8 *dst, const u8 *sa, u32 len)
{
	const u8 *p = sa + LANNER_SUN_PATH;
	u32 max;

	max = len > LANNER_SUN_PATH ? len - LANNER_SUN_PATH : 0;
	if (max > UNIX_PATH_MAX)
		max = UNIX_PATH_MAX;
	if (max && p[0] == '\0') {	/* abstract: skip the leading NUL */
		p++;
		max--;
	}
	return LANNER_SA_STRNCPY(dst, p, max) + 1;
}

/* PT_SOCKADDR of the len bytes of user sockaddr at sa; 0: none. */
LANNER_SHARED u32 lanner_pack_sockaddr(u8 *dst, const void *sa, u32 len)
{
	const u8 *b = (const u8 *)sa;

	if (!sa || len < sizeof(u16))
		return 0;
	switch (lanner_sa_family(b)) {
	case AF_INET:
		if (len < sizeof(struct sockaddr_in))
			return 0;
		dst[0] = PPM_AF_INET;
		lanner_sa_copy(dst + 1, b + LANNER_SIN_ADDR, 4);
		lanner_sa_port(dst + 5, b + LANNER_SIN_PORT);
		return 1 + 4 + 2;
	case AF_INET6:
		if (len < sizeof(struct sockaddr_in6))
			return 0;
		dst[0] = PPM_AF_INET6;
		lanner_sa_copy(dst + 1, b + LANNER_SIN6_ADDR, 16);
		lanner_sa_port(dst + 17, b + LANNER_SIN6_PORT);
		return 1 + 16 + 2;
	case AF_UNIX:
		dst[0] = PPM_AF_UNIX;
		return 1 + lanner_sa_unix_path(dst + 1, b, len);
	default:
		return 0;
	}
}

/*
 * Addresses and ports (alen-byte addresses) of an inet tuple. The
 * caller's address (user, already checked to be of the socket's family)
 * names the remote end of an outbound call, and of an inbound one on an
 * unconnected socket; without it, an unconnected IPv4 socket's tuple is
 * blank, as getpeername would fail.
 */
static __always_inline u32 lanner_tuple_inet(u8 *dst, u8 ppm_family, u32 alen,
					   const struct lanner_sock_facts *f,
					   const u8 *uaddr, const u8 *uport,
					   bool inbound)
{
	const u8 *lip = lanner_sa_is_zero(f->bound, alen) ? f->src : f->bound;
	const u8 *lport = f->lport;
	const u8 *rip = f->peer;
	const u8 *rport = f->rport;
	bool connected = !lanner_sa_is_zero(f->rport, 2);

	if (uaddr && (!inbound || !connected)) {
		rip = uaddr;
		rport = uport;
	} else if (!uaddr && !connected && alen == 4) {
		lip = 0;	/* IPv4 only: IPv6 keeps the socket's */
		lport = 0;
		rip = 0;
	}
	dst[0] = ppm_family;
	if (inbound) {
		lanner_sa_copy(dst + 1, rip, alen);
		lanner_sa_port(dst + 1 + alen, rport);
		lanner_sa_copy(dst + 3 + alen, lip, alen);
		lanner_sa_port(dst + 3 + 2 * alen, lport);
	} else {
		lanner_sa_copy(dst + 1, lip, alen);
		lanner_sa_port(dst + 1 + alen, lport);
		lanner_sa_copy(dst + 3 + alen, rip, alen);
		lanner_sa_port(dst + 3 + 2 * alen, rport);
	}
	return 1 + 2 * (alen + 2);
}

static __always_inline u32 lanner_tuple_unix(u8 *dst,
					   const struct lanner_sock_facts *f,
					   const u8 *usa, u32 ulen,
					   bool inbound)
{
	u32 n = 0;

	dst[0] = PPM_AF_UNIX;
	__builtin_memcpy(dst + 1, inbound ? &f->self_id : &f->peer_id, 8);
	__builtin_memcpy(dst + 9, inbound ? &f->peer_id : &f->self_id, 8);
	if (f->path && f->path_len > LANNER_SUN_PATH)
		n = lanner_sa_unix_path(dst + 17, f->path, f->path_len);
	if (n <= 1 && !inbound && usa && ulen > LANNER_SUN_PATH &&
	    lanner_sa_family(usa) == AF_UNIX)
		n = lanner_sa_unix_path(dst + 17, usa, ulen);
	if (!n) {
		dst[17] = '\0';
		n = 1;
	}
	return 17 + n;
}

/*
 * PT_SOCKTUPLE of a socket (its facts f) and, optionally, the caller's
 * ulen-byte sockaddr usa (connect/sendto/sendmsg destination,
 * recvfrom/recvmsg source); 0 for a family without a tuple.
 */
static __always_inline u32 lanner_pack_tuple(u8 *dst,
					   const struct lanner_sock_facts *f,
					   const void *usa, u32 ulen,
					   bool inbound)
{
	const u8 *u = (const u8 *)usa;
	bool user;

	switch (f->family) {
	case AF_INET:
		user = u && ulen >= sizeof(struct sockaddr_in) &&
		       lanner_sa_family(u) == AF_INET;
		return lanner_tuple_inet(dst, PPM_AF_INET, 4, f,
					 user ? u + LANNER_SIN_ADDR : 0,
					 user ? u + LANNER_SIN_PORT : 0,
					 inbound);
	case AF_INET6:
		user = u && ulen >= sizeof(struct sockaddr_in6) &&
		       lanner_sa_family(u) == AF_INET6;
		return lanner_tuple_inet(dst, PPM_AF_INET6, 16, f,
					 user ? u + LANNER_SIN6_ADDR : 0,
					 user ? u + LANNER_SIN6_PORT : 0,
					 inbound);
	case AF_UNIX:
		return lanner_tuple_unix(dst, f, u, ulen, inbound);
	default:
		return 0;
	}
}

#endif /* LANNER_SHARED && !LANNER_SOCKADDR_IMPL */
