//! Fuzz target: arbitrary bytes as a .scap capture (plain or gzip) through
//! the reader, the converter and a replay (`lanner::capture::fuzz`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    lanner::capture::fuzz::exercise(data);
});
