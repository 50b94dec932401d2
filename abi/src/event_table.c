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
enum lanner_family_slot {
#define LANNER_FILLER_FAMILY(name) LANNER_SLOT_##name,
#include "lanner_sys_events.h"
#undef LANNER_FILLER_FAMILY
	LANNER_NR_SLOTS
};

struct lanner_family_name {
	const char *name;
};

static const struct lanner_family_name lanner_family_names[] = {
#define LANNER_FILLER_FAMILY(name) { #name },
#include "lanner_sys_events.h"
#undef LANNER_FILLER_FAMILY
};

const char *lanner_filler_family(unsigned int i)
{
	return i < LANNER_NR_SLOTS ? lanner_family_names[i].name : 0;
}

const unsigned int lanner_filler_families_len = LANNER_NR_SLOTS;
