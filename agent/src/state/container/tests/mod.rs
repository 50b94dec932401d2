//! Tests of the container package against fake runtime trees in tempdirs.
//! `fake.rs` builds the trees; one file per concern.

mod cgroups;
mod docker;
mod failures;
mod fake;
mod oci_runtimes;
