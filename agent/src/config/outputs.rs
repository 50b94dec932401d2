//! Falco's output keys in lanner's configuration: `json_output`,
//! `json_include_*`, `time_format_iso_8601`, `stdout_output`,
//! `syslog_output`, `file_output` and `http_output`, validated and merged
//! into lanner's `outputs:` section, and the lookup that turns the key
//! path of a bad value into its `line:col`.
//!
//! Owns: how Falco's sections map onto lanner's outputs (a Falco section
//! is off unless `enabled: true`; `syslog_output` is syslog(3)'s RFC 3164
//! on `/dev/log`), conflicts between the two (`stdout_output` beside
//! `outputs.stdout`, two outputs on one file), and locating errors found
//! after parsing.
//! Must never: start an output or touch the network.

use super::Config;
use crate::engine::yaml;
use crate::output::json::JsonOptions;
use crate::output::syslog::{MessageFormat, SyslogConfig, TransportKind};
use crate::output::{check_file, check_file_unique, check_http, InvalidOutput, PathSeg};

impl Config {
    /// Validates the output settings (lanner's and Falco's keys) and merges
    /// Falco's into `outputs`. Err: the bad key's path and the reason.
    pub(super) fn apply_outputs(&mut self) -> Result<(), (Vec<PathSeg>, String)> {
        let k = PathSeg::key;
        let located = |e: InvalidOutput| (e.path.clone(), e.to_string());
        self.outputs
            .check()
            .map_err(|e| located(e.under(&[k("outputs")])))?;
        if let Some(f) = self
            .file_output
            .as_ref()
            .filter(|f| f.enabled == Some(true))
        {
            check_file(f)
                .and_then(|()| check_file_unique(f, &self.outputs.file))
                .map_err(|e| located(e.under(&[k("file_output")])))?;
        }
        if let Some(h) = self
            .http_output
            .as_ref()
            .filter(|h| h.enabled == Some(true))
        {
            check_http(h).map_err(|e| located(e.under(&[k("http_output")])))?;
        }
        let o = &mut self.outputs;
        o.json_output = self.json_output;
        o.json = JsonOptions {
            include_output: self.json_include_output_property,
            include_message: self.json_include_message_property,
            include_output_fields: self.json_include_output_fields_property,
            include_tags: self.json_include_tags_property,
            iso8601: self.time_format_iso_8601,
        };
        if let Some(s) = self.stdout_output {
            if o.stdout != Default::default() {
                return Err((
                    vec![k("stdout_output")],
                    "stdout_output and outputs.stdout both configure stdout; keep one".into(),
                ));
            }
            o.stdout.enabled = s.enabled;
        }
        if self.syslog_output.is_some_and(|s| s.enabled) {
            let dev_log = SyslogConfig {
                transport: TransportKind::Unix,
                path: "/dev/log".into(),
                format: MessageFormat::Rfc3164,
                ..SyslogConfig::default()
            };
            let present = o
                .syslog
                .iter()
                .any(|s| s.transport == TransportKind::Unix && s.path == dev_log.path);
            if !present {
                o.syslog.push(dev_log);
            }
        }
        if let Some(f) = self
            .file_output
            .as_ref()
            .filter(|f| f.enabled == Some(true))
        {
            o.file.push(f.clone());
        }
        if let Some(h) = self
            .http_output
            .as_ref()
            .filter(|h| h.enabled == Some(true))
        {
            o.http.push(h.clone());
        }
        Ok(())
    }
}

/// The 1-based line:col of the value at `key_path` in `text` (of its key
/// when the value is empty); of the deepest part of the path that exists
/// when the rest does not (a key left out); 1:1 without a document.
pub(super) fn locate(path: &str, text: &str, key_path: &[PathSeg]) -> (usize, usize) {
    let Some(root) = yaml::parse(path, text)
        .ok()
        .and_then(|d| d.into_iter().next())
    else {
        return (1, 1);
    };
    let mut at = (root.mark().line, root.mark().col);
    let mut node = &root;
    for seg in key_path {
        let next = match seg {
            PathSeg::Key(key) => node.get_entry(key).map(|(k, v)| {
                // An empty value (`url:`) has no position of its own.
                let m = if v.is_null() { k.mark() } else { v.mark() };
                (v, (m.line, m.col))
            }),
            PathSeg::Index(i) => node
                .as_seq()
                .and_then(|s| s.get(*i))
                .map(|v| (v, (v.mark().line, v.mark().col))),
        };
        match next {
            Some((n, m)) => {
                node = n;
                at = m;
            }
            None => break,
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::EMBEDDED_CONFIG;
    use std::path::Path;

    #[test]
    fn falco_json_output_key_switches_stdout_to_json() {
        let c = Config::parse("t.yaml", "json_output: true\n").unwrap();
        assert!(c.outputs.stdout_json());
        assert!(!Config::embedded().outputs.stdout_json());
        let c = Config::parse(
            "t.yaml",
            "json_output: true\noutputs:\n  stdout:\n    json_output: false\n",
        )
        .unwrap();
        assert!(!c.outputs.stdout_json(), "an output's own format wins");
    }

    #[test]
    fn falco_output_keys_merge_into_outputs() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("events.txt");
        let text = format!(
            "json_output: true\njson_include_tags_property: false\n\
             json_include_output_fields_property: false\ntime_format_iso_8601: true\n\
             stdout_output:\n  enabled: false\nsyslog_output:\n  enabled: true\n\
             file_output:\n  enabled: true\n  keep_alive: true\n  filename: {}\n\
             http_output:\n  enabled: true\n  url: http://127.0.0.1:2801/\n  \
             user_agent: falcosecurity/falco\n  insecure: false\n  ca_path: /etc/falco/certs/\n\
             outputs:\n  http:\n    - url: https://siem.example/a\n      \
             headers: {{Authorization: Bearer x}}\n",
            log.display()
        );
        let c = Config::parse("c.yaml", &text).unwrap();
        let o = &c.outputs;
        assert!(!o.stdout.enabled);
        assert!(o.json_output && o.json.iso8601);
        assert!(!o.json.include_tags && !o.json.include_output_fields);
        assert!(o.json.include_output && !o.json.include_message);
        assert_eq!(o.syslog.len(), 1);
        assert_eq!(o.syslog[0].format, MessageFormat::Rfc3164);
        assert_eq!(o.syslog[0].path, Path::new("/dev/log"));
        assert_eq!(o.file.len(), 1);
        assert_eq!(o.file[0].filename, log);
        assert!(o.file[0].keep_alive);
        // lanner's list first, then Falco's section.
        assert_eq!(o.http.len(), 2);
        assert_eq!(o.http[0].url, "https://siem.example/a");
        assert_eq!(o.http[0].headers["Authorization"], "Bearer x");
        assert_eq!(o.http[1].user_agent, "falcosecurity/falco");
        // syslog_output does not double an existing /dev/log destination.
        let e = Config::embedded();
        let text = format!("{EMBEDDED_CONFIG}syslog_output:\n  enabled: true\n");
        let c = Config::parse("c.yaml", &text).unwrap();
        assert_eq!(c.outputs.syslog, e.outputs.syslog);
        // Falco's disabled defaults are not validated (url "" is Falco's).
        let c = Config::parse(
            "c.yaml",
            "http_output:\n  enabled: false\n  url: \"\"\nfile_output:\n  filename: /nonexistent/x\n",
        )
        .unwrap();
        assert!(c.outputs.http.is_empty() && c.outputs.file.is_empty());
    }

    fn err(text: &str) -> String {
        Config::parse("c.yaml", text).unwrap_err().to_string()
    }

    #[test]
    fn bad_output_values_are_located_at_their_key() {
        let e = err("http_output:\n  enabled: true\n  url: ftp://x/\n");
        assert!(
            e.starts_with("c.yaml:3:8: http_output.url: http: url \"ftp://x/\""),
            "{e}"
        );
        // A left-out key: at the section that lacks it.
        let e = err("\nhttp_output:\n  enabled: true\n");
        assert!(
            e.starts_with("c.yaml:3:3: http_output.url: http: url is required"),
            "{e}"
        );
        let e = err("http_output:\n  enabled: true\n  url: https://h/\n  insecure: true\n");
        assert!(e.starts_with("c.yaml:4:13: http_output.insecure: "), "{e}");
        let e = err(
            "outputs:\n  file:\n    - filename: /tmp/ok.log\n    - keep_alive: true\n      filename: /nonexistent/d/a.log\n",
        );
        assert!(e.starts_with("c.yaml:5:17: outputs.file[1].filename: file: directory \"/nonexistent/d\" of filename does not exist"), "{e}");
        let e = err("outputs:\n  syslog:\n    - transport: tcp\n      address: nowhere\n");
        assert!(
            e.starts_with("c.yaml:4:16: outputs.syslog[0].address: "),
            "{e}"
        );
        let e = err("outputs:\n  syslog:\n    - transport: udp\n");
        assert!(e.starts_with("c.yaml:3:7: outputs.syslog[0]: "), "{e}");
        let e = err("outputs:\n  http:\n    - url: http://h/\n      timeout_ms: 0\n");
        assert!(
            e.starts_with("c.yaml:4:19: outputs.http[0].timeout_ms: "),
            "{e}"
        );
        let e = err("outputs:\n  http:\n    - url:\n");
        assert!(e.starts_with("c.yaml:3:7: outputs.http[0].url: "), "{e}");
        let e = err("outputs:\n  stdout:\n    enabled: false\nstdout_output:\n  enabled: true\n");
        assert!(
            e.starts_with("c.yaml:5:3: stdout_output and outputs.stdout"),
            "{e}"
        );
        let e = err(
            "outputs:\n  file:\n    - filename: /tmp/a.log\nfile_output:\n  enabled: true\n  filename: /tmp/a.log\n",
        );
        assert!(
            e.starts_with("c.yaml:6:13: file_output.filename: file: \"/tmp/a.log\" is already"),
            "{e}"
        );
        let e = err("outputs:\n  file:\n    - filename: /tmp/a.log\n    - filename: /tmp/a.log\n");
        assert!(
            e.starts_with("c.yaml:4:17: outputs.file[1].filename: "),
            "{e}"
        );
        let e = err("device: /dev/x\nmax_threads: 0\n");
        assert!(
            e.starts_with("c.yaml:2:14: max_threads must be at least 1"),
            "{e}"
        );
        // Serde-level errors in the new sections keep serde's location.
        let e = err("file_output:\n  enabled: true\n  rotate: daily\n");
        assert!(
            e.starts_with("c.yaml:3:3: file_output: unknown field `rotate`"),
            "{e}"
        );
    }
}
