/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * compat/uaccess.h - reading user memory without ever faulting.
 *
 * Owns: lanner_copy_from_user_nofault() and
 * lanner_strncpy_from_user_nofault(), the only ways hooks touch user
 * memory. Bytes: >= 5.8 (probe COPY_FROM_USER_NOFAULT) the kernel's
 * copy_from_user_nofault(); before, page faults are disabled around the
 * inatomic copy after an access_ok() check (2- or 3-argument form, probe
 * ACCESS_OK_2). Strings: strncpy_from_user() with page faults disabled on
 * every kernel, which is what strncpy_from_user_nofault() (5.8+) does
 * inside; that one is not exported to modules, so a compile probe for it
 * would pick a symbol modpost rejects. Must never: sleep, take
 * mmap_lock, or return partial data as success.
 */
#ifndef LANNER_COMPAT_UACCESS_H
#define LANNER_COMPAT_UACCESS_H

#include <linux/uaccess.h>

#ifdef HAS_ACCESS_OK_2
#define lanner_access_ok(p, n) access_ok(p, n)
#else
#define lanner_access_ok(p, n) access_ok(VERIFY_READ, p, n)
#endif /* HAS_ACCESS_OK_2 */

/* 0 on success, -EFAULT if any byte is unreadable now. */
static inline long lanner_copy_from_user_nofault(void *dst,
						 const void __user *src,
						 size_t n)
{
#ifdef HAS_COPY_FROM_USER_NOFAULT
	return copy_from_user_nofault(dst, src, n) ? -EFAULT : 0;
#else
	unsigned long left;

	if (!lanner_access_ok(src, n))
		return -EFAULT;
	pagefault_disable();
	left = __copy_from_user_inatomic(dst, src, n);
	pagefault_enable();
	return left ? -EFAULT : 0;
#endif /* HAS_COPY_FROM_USER_NOFAULT */
}

/*
 * Copies a NUL-terminated string of at most count bytes, NUL included.
 * Returns the bytes stored including the NUL (0 if count is 0), or < 0 if
 * unreadable. *cut tells whether the string was longer than count - 1
 * characters; dst[count - 1] is then the NUL.
 */
static inline long lanner_strncpy_from_user_nofault(char *dst,
						    const void __user *src,
						    long count, bool *cut)
{
	long ret;

	*cut = false;
	if (count <= 0)
		return 0;
	pagefault_disable();
	ret = strncpy_from_user(dst, (const char __user *)src, count);
	pagefault_enable();
	if (ret < 0)
		return ret;
	if (ret >= count) {
		dst[count - 1] = '\0';
		*cut = true;
		return count;
	}
	return ret + 1;
}

#endif /* LANNER_COMPAT_UACCESS_H */
