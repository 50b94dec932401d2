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
