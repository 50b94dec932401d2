//! `lanner replay` options: Falco's `-o key=value` settings that matter to
//! a replay, and rendering an alert as `lanner run`'s stdout output does.
//!
//! Owns: parsing those options (typed errors, unknown keys reported back as
//! warnings, never silently ignored) and the alert line.
//! Must never: do I/O.

use super::convert::Mode;
use crate::engine::priority::Priority;
use crate::engine::rules::RuleMatching;
use crate::output::alert::Alert;
use crate::output::json::JsonOptions;

/// Settings of one replay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplayOptions {
    /// Falco's `json_output`.
    pub json_output: bool,
    /// Falco's `json_include_*` and `time_format_iso_8601`.
    pub json: JsonOptions,
    /// Falco's `priority`: rules less severe than this are disabled.
    pub min_priority: Option<Priority>,
    /// Falco's `rule_matching`: first (default) or all.
    pub rule_matching: RuleMatching,
    /// `replay.enter_events`: deliver enter events as records (default).
    pub mode: Mode,
}

impl Default for ReplayOptions {
    fn default() -> Self {
        ReplayOptions {
            json_output: false,
            json: JsonOptions::default(),
            min_priority: None,
            rule_matching: RuleMatching::First,
            mode: Mode::EnterAndExit,
        }
    }
}

/// A `-o` option that could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OptionError {
    #[error("option {0:?} is not key=value")]
    NotKeyValue(String),
    #[error("option {key}: {value:?} is not true or false")]
    NotBool { key: String, value: String },
    #[error("option priority: {0:?} is not a priority name")]
    NotPriority(String),
    #[error("option rule_matching: {0:?} is not first or all")]
    NotRuleMatching(String),
}

fn boolean(key: &str, v: &str) -> Result<bool, OptionError> {
    match v {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(OptionError::NotBool {
            key: key.into(),
            value: v.into(),
        }),
    }
}

impl ReplayOptions {
    /// Applies one `key=value`; returns a warning for keys a replay does
    /// not use.
    pub fn set(&mut self, kv: &str) -> Result<Option<String>, OptionError> {
        let (k, v) = kv
            .split_once('=')
            .ok_or_else(|| OptionError::NotKeyValue(kv.into()))?;
        let (k, v) = (k.trim(), v.trim());
        match k {
            "json_output" => self.json_output = boolean(k, v)?,
            "json_include_output_property" => self.json.include_output = boolean(k, v)?,
            "json_include_tags_property" => self.json.include_tags = boolean(k, v)?,
            "json_include_message_property" => self.json.include_message = boolean(k, v)?,
            "json_include_output_fields_property" => {
                self.json.include_output_fields = boolean(k, v)?
            }
            "time_format_iso_8601" => self.json.iso8601 = boolean(k, v)?,
            "rule_matching" => {
                self.rule_matching = match v {
                    "first" => RuleMatching::First,
                    "all" => RuleMatching::All,
                    _ => return Err(OptionError::NotRuleMatching(v.into())),
                }
            }
            "priority" => {
                self.min_priority = Some(
                    v.parse::<Priority>()
                        .map_err(|_| OptionError::NotPriority(v.into()))?,
                )
            }
            "replay.enter_events" => {
                self.mode = if boolean(k, v)? {
                    Mode::EnterAndExit
                } else {
                    Mode::ExitOnly
                }
            }
            _ => return Ok(Some(format!("option {k} is not used by replay, ignored"))),
        }
        Ok(None)
    }

    /// The alert as one stdout line (newline included).
    pub fn render(&self, a: &Alert, hostname: &str) -> String {
        if !self.json_output {
            return format!(
                "{}\n",
                crate::output::stdout::text_line_with(a, self.json.iso8601)
            );
        }
        let j = crate::output::json::falco_json_with(a, hostname, &self.json);
        format!("{j}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::priority::Priority;

    fn alert() -> Alert {
        Alert {
            time_ns: 1_470_327_477_882_054_739,
            rule: "open_from_cat".into(),
            priority: Priority::Warning,
            output: "An open was seen".into(),
            tags: vec!["a".into()],
            source: "syscall".into(),
            output_fields: vec![],
        }
    }

    #[test]
    fn options_parse_and_shape_json() {
        let mut o = ReplayOptions::default();
        assert_eq!(o.set("json_output=true"), Ok(None));
        assert_eq!(o.set("json_include_tags_property=false"), Ok(None));
        assert!(o.set("no_such_option=true").unwrap().is_some());
        assert_eq!(o.set("priority=warning"), Ok(None));
        assert_eq!(o.min_priority, Some(Priority::Warning));
        assert!(o.set("priority=loud").is_err());
        assert!(matches!(o.set("x"), Err(OptionError::NotKeyValue(_))));
        assert!(matches!(
            o.set("json_output=yes"),
            Err(OptionError::NotBool { .. })
        ));
        let line = o.render(&alert(), "h");
        let j: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(j["rule"], "open_from_cat");
        assert_eq!(j["output"], "16:17:57.882054739: Warning An open was seen");
        assert!(j.get("tags").is_none());
        o.set("replay.enter_events=false").unwrap();
        assert_eq!(o.mode, Mode::ExitOnly);
        o.json_output = false;
        assert_eq!(
            o.render(&alert(), "h"),
            "16:17:57.882054739: Warning An open was seen\n"
        );
    }
}
