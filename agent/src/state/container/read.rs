//! Bounded reads of runtime state files and the small parsers they need
//! (JSON lookups tolerant of missing keys, RFC 3339 timestamps).
//! Must never: read more than `MAX_FILE` bytes, follow anything but the path
//! it was given, or panic on any file content.

use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest state file read (config.v2.json, config.json, containers.json...).
pub const MAX_FILE: u64 = 4 << 20;

/// Why a runtime state file could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MetaError {
    #[error("{0}: not found")]
    NotFound(PathBuf),
    #[error("{0}: {1}")]
    Io(PathBuf, String),
    #[error("{0}: larger than {MAX_FILE} bytes")]
    TooLarge(PathBuf),
    #[error("{0}: invalid JSON: {1}")]
    Json(PathBuf, String),
}

impl MetaError {
    /// True when the file simply does not exist (yet).
    pub fn is_not_found(&self) -> bool {
        matches!(self, MetaError::NotFound(_))
    }
}

/// Reads at most `MAX_FILE` bytes of `path` (more is an error, not a cut).
pub(crate) fn read_bounded(path: &Path) -> Result<Vec<u8>, MetaError> {
    let f = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => MetaError::NotFound(path.to_path_buf()),
        _ => MetaError::Io(path.to_path_buf(), e.to_string()),
    })?;
    let mut buf = Vec::new();
    f.take(MAX_FILE + 1)
        .read_to_end(&mut buf)
        .map_err(|e| MetaError::Io(path.to_path_buf(), e.to_string()))?;
    if buf.len() as u64 > MAX_FILE {
        return Err(MetaError::TooLarge(path.to_path_buf()));
    }
    Ok(buf)
}

/// Reads and parses one JSON file.
pub(crate) fn read_json(path: &Path) -> Result<Value, MetaError> {
    let bytes = read_bounded(path)?;
    serde_json::from_slice(&bytes).map_err(|e| MetaError::Json(path.to_path_buf(), e.to_string()))
}

/// The string at a key path, if every step exists and the leaf is a string.
pub(crate) fn str_at<'a>(v: &'a Value, keys: &[&str]) -> Option<&'a str> {
    keys.iter().try_fold(v, |v, k| v.get(*k))?.as_str()
}

/// A JSON object of string values as a map (non-strings skipped).
pub(crate) fn string_map(v: Option<&Value>) -> std::collections::BTreeMap<String, String> {
    v.and_then(Value::as_object)
        .map(|o| {
            o.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

/// Days since 1970-01-01 of a proleptic Gregorian date (civil-from-days inverse).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn num(s: &str) -> Option<i64> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

/// RFC 3339 (`2024-01-02T03:04:05.123456789Z`, `+02:00` offsets) to
/// nanoseconds since the epoch; `None` for malformed, pre-1970 or Go's zero
/// time (`0001-01-01T00:00:00Z`, docker's "never started").
pub(crate) fn parse_rfc3339(s: &str) -> Option<u64> {
    let s = s.trim();
    let (date, rest) = s.split_once(['T', 't', ' '])?;
    let mut dp = date.splitn(3, '-');
    let (y, mo, d) = (num(dp.next()?)?, num(dp.next()?)?, num(dp.next()?)?);
    let tz_at = rest.find(['Z', 'z', '+', '-'])?;
    let (time, tz) = rest.split_at(tz_at);
    let (hms, frac) = time.split_once('.').unwrap_or((time, ""));
    let mut tp = hms.splitn(3, ':');
    let (h, mi, se) = (num(tp.next()?)?, num(tp.next()?)?, num(tp.next()?)?);
    let date_ok = (1..=9999).contains(&y) && (1..=12).contains(&mo) && (1..=31).contains(&d);
    if !date_ok || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let offset = match tz {
        "Z" | "z" => 0,
        _ => {
            let sign = if tz.starts_with('-') { -1 } else { 1 };
            let (oh, om) = tz.get(1..)?.split_once(':')?;
            let (oh, om) = (num(oh)?, num(om)?);
            if oh > 23 || om > 59 {
                return None;
            }
            sign * (oh * 3600 + om * 60)
        }
    };
    let mut nanos = 0i64;
    if !frac.is_empty() {
        let digits = frac.get(..frac.len().min(9))?;
        nanos = num(digits)? * 10i64.pow(9 - digits.len() as u32);
    }
    let secs = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + se - offset;
    if secs <= 0 {
        return None;
    }
    u64::try_from(secs)
        .ok()?
        .checked_mul(1_000_000_000)?
        .checked_add(nanos as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_forms() {
        assert_eq!(
            parse_rfc3339("1970-01-02T00:00:00Z"),
            Some(86_400_000_000_000)
        );
        assert_eq!(
            parse_rfc3339("2024-02-29T12:34:56.123456789Z"),
            Some(1_709_210_096_123_456_789)
        );
        assert_eq!(
            parse_rfc3339("2024-02-29T14:34:56.5+02:00"),
            Some(1_709_210_096_500_000_000)
        );
        assert_eq!(parse_rfc3339("0001-01-01T00:00:00Z"), None);
        assert_eq!(parse_rfc3339("2024-13-01T00:00:00Z"), None);
        assert_eq!(parse_rfc3339("garbage"), None);
        assert_eq!(
            parse_rfc3339("2024-01-01T00:00:00.+00:00"),
            Some(1_704_067_200_000_000_000)
        );
    }

    proptest::proptest! {
        #[test]
        fn rfc3339_never_panics(s in "[0-9]{1,20}-[0-9]{1,20}-[0-9]{1,20}[T ][0-9:.]{0,40}[Zz+-]?[0-9:]{0,25}") {
            let _ = parse_rfc3339(&s);
        }

        #[test]
        fn rfc3339_never_panics_on_any_text(s in "\\PC{0,60}") {
            let _ = parse_rfc3339(&s);
        }
    }

    #[test]
    fn rfc3339_rejects_out_of_range_numbers() {
        assert_eq!(parse_rfc3339("99999999999999999-01-01T00:00:00Z"), None);
        assert_eq!(
            parse_rfc3339("2024-01-01T00:00:00+9999999999999999:00"),
            None
        );
        assert_eq!(parse_rfc3339("2024-01-01T00:00:00+24:00"), None);
        // Nanoseconds since the epoch fit a u64 until 2554.
        assert_eq!(parse_rfc3339("9999-12-31T23:59:59Z"), None);
        assert_eq!(
            parse_rfc3339("2500-01-01T00:00:00Z"),
            Some(16_725_225_600_000_000_000)
        );
    }

    #[test]
    fn oversized_file_is_an_error_not_a_cut() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.json");
        std::fs::write(&p, vec![b' '; (MAX_FILE + 1) as usize]).unwrap();
        assert_eq!(read_bounded(&p), Err(MetaError::TooLarge(p.clone())));
        assert!(read_bounded(&dir.path().join("none"))
            .unwrap_err()
            .is_not_found());
    }
}
