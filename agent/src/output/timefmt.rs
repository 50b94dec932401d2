//! Alert timestamps as text: the one place an event's nanoseconds since
//! the epoch become a UTC calendar time.
//!
//! Owns: [`utc`] and [`rfc3339`] (fractional digits cut, never rounded, so
//! a timestamp never moves into the next second). Must never: read the
//! clock or panic (out-of-range input falls back to the epoch).

use time::OffsetDateTime;

/// The UTC calendar time of `time_ns`.
pub fn utc(time_ns: u64) -> OffsetDateTime {
    i64::try_from(time_ns / 1_000_000_000)
        .ok()
        .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// `2023-11-14T22:13:20.123456Z` with `digits` (1..=9) fractional digits.
pub fn rfc3339(time_ns: u64, digits: u32) -> String {
    let digits = digits.clamp(1, 9);
    let dt = utc(time_ns);
    let frac = (time_ns % 1_000_000_000) / 10u64.pow(9 - digits);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:0width$}Z",
        dt.year(),
        u8::from(dt.month()),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second(),
        frac,
        width = digits as usize
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_fractions() {
        let t = 1_700_000_000_123_456_789;
        assert_eq!(rfc3339(t, 9), "2023-11-14T22:13:20.123456789Z");
        assert_eq!(rfc3339(t, 6), "2023-11-14T22:13:20.123456Z");
        assert_eq!(rfc3339(999_999_999, 3), "1970-01-01T00:00:00.999Z");
        assert_eq!(utc(u64::MAX).year(), 2554);
    }
}
