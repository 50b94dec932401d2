//! Fuzz target: arbitrary text as a Falco condition through the parser,
//! the compiler (syscall catalogue) and the canonical printer, and as a
//! rules file through the loader. None of them may panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(expr) = lanner::engine::condition::parse(text, 0) {
        let _ = expr.to_string();
        let _ = lanner::engine::condition::compile(&expr);
    }
    let _ = lanner::engine::Ruleset::load_str("fuzz.yaml", text);
});
