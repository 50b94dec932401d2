// SPDX-License-Identifier: GPL-2.0-only
/*
 * >= 6.2: mm rss counters are per-CPU; get_mm_counter() reads only the
 * shared part (0 right after exec), get_mm_counter_sum() folds all CPUs.
 */
#include <linux/mm.h>

unsigned long lanner_probe(struct mm_struct *mm);
unsigned long lanner_probe(struct mm_struct *mm)
{
	return get_mm_counter_sum(mm, MM_ANONPAGES);
}
