//! Rule priorities: Falco's names and aliases, ordered from most to least
//! severe, and their syslog severities (RFC 5424 section 6.2.1).
//!
//! Owns: parsing priority names from rule files and config.
//! Must never: know about any output format other than the severity number.

use std::fmt;
use std::str::FromStr;

/// A rule priority. `Emergency` is the most severe; ordering follows
/// severity so `p <= Priority::Warning` means "warning or more severe".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    Emergency,
    Alert,
    Critical,
    Error,
    Warning,
    Notice,
    Informational,
    Debug,
}

impl Priority {
    /// Syslog severity (0 = emergency .. 7 = debug).
    pub fn syslog_severity(self) -> u8 {
        self as u8
    }

    /// Falco's canonical name as printed in alerts ("Warning", "Critical").
    pub fn name(self) -> &'static str {
        match self {
            Priority::Emergency => "Emergency",
            Priority::Alert => "Alert",
            Priority::Critical => "Critical",
            Priority::Error => "Error",
            Priority::Warning => "Warning",
            Priority::Notice => "Notice",
            Priority::Informational => "Informational",
            Priority::Debug => "Debug",
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Error for an unknown priority name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown priority {0:?} (expected emergency, alert, critical, error, warning, notice, informational/info or debug)")]
pub struct UnknownPriority(pub String);

impl FromStr for Priority {
    type Err = UnknownPriority;

    /// Case-insensitive, with Falco's aliases ("info", "informational").
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "emergency" => Priority::Emergency,
            "alert" => Priority::Alert,
            "critical" => Priority::Critical,
            "error" => Priority::Error,
            "warning" => Priority::Warning,
            "notice" => Priority::Notice,
            "informational" | "info" => Priority::Informational,
            "debug" => Priority::Debug,
            _ => return Err(UnknownPriority(s.to_string())),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_aliases_and_severity() {
        assert_eq!("INFO".parse::<Priority>().unwrap(), Priority::Informational);
        assert_eq!("Critical".parse::<Priority>().unwrap().syslog_severity(), 2);
        assert!("loud".parse::<Priority>().is_err());
        assert!(Priority::Critical < Priority::Warning);
    }
}
