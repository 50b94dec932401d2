// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Instantiates the event table of lanner_abi.h for the Rust agent, which
 * reaches it through the extern declarations bindgen generates.
 */
#define LANNER_ABI_EVENT_TABLE
#include "lanner_abi.h"

const struct lanner_event_info *const lanner_events = lanner_event_table;
const unsigned int lanner_events_len = PPM_EVENT_MAX;


const char *const *const lanner_sc_names_ptr = lanner_sc_names;
const unsigned int lanner_sc_names_len = PPM_SC_MAX;

/*
 * Filler families of the drivers, in tail-call slot order: the eBPF
 * loader finds each fill_<family> program's slot here.
 */
#define LANNER_SYS_EVENT(nr, type, family)
#define LANNER_FILLER_FAMILY(name) #name,
const char *const lanner_filler_families_arr[] = {
#include "lanner_sys_events.h"
};
#undef LANNER_SYS_EVENT
#undef LANNER_FILLER_FAMILY
const char *const *const lanner_filler_families_ptr = lanner_filler_families_arr;
const unsigned int lanner_filler_families_len =
	sizeof(lanner_filler_families_arr) / sizeof(lanner_filler_families_arr[0]);
