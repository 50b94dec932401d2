//! JSON rendering of decoded records, for `lanner dump` and debugging.
//!
//! Owns: one stable JSON shape per record:
//! `{"ts":..,"tid":..,"type":"openat","code":307,"params":{"fd":3,...}}`.
//! Must never: be used on the alert path (alerts have their own formats).

use crate::event::decode::{split_nul, Event, Value};
use crate::event::render;
use lanner_abi as abi;
use serde_json::{json, Map, Value as Json};

fn text(b: &[u8]) -> Json {
    Json::String(String::from_utf8_lossy(b).into_owned())
}

/// Parameters shown by name rather than number: flags, enums, addresses.
fn is_rendered(p: &abi::ParamInfo) -> bool {
    !p.names.is_empty()
        || matches!(
            p.ptype,
            abi::PT_SOCKADDR
                | abi::PT_SOCKTUPLE
                | abi::PT_DYN
                | abi::PT_SIGTYPE
                | abi::PT_SYSCALLID
        )
}

/// The record as a JSON object.
pub fn to_json(ev: &Event<'_>) -> Json {
    let mut params = Map::new();
    for i in 0..ev.nparams() {
        let name = ev
            .info()
            .map_or_else(|| format!("p{i}"), |e| e.params[i].name.to_string());
        let rendered = ev.info().is_some_and(|e| is_rendered(&e.params[i]));
        let v = match ev.value(i) {
            Some(Value::Empty) | None => Json::Null,
            Some(_) if rendered => Json::String(render::param_text(ev, i).unwrap_or_default()),
            Some(Value::Int(v)) => json!(v),
            Some(Value::Uint(v)) => json!(v),
            Some(Value::Str(b)) => text(b),
            Some(Value::Bytes(b)) if name == "args" || name == "env" || name == "cgroups" => {
                Json::Array(split_nul(b).map(text).collect())
            }
            Some(Value::Bytes(b)) | Some(Value::Malformed(b)) => {
                Json::Array(b.iter().map(|x| json!(x)).collect())
            }
        };
        params.insert(name, v);
    }
    json!({
        "ts": ev.ts(),
        "tid": ev.tid(),
        "type": ev.name(),
        "code": ev.code(),
        "params": params,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::decode::tests::openat;

    #[test]
    fn renders_openat() {
        let r = openat(5, 6, 3, "/etc/shadow", 1);
        let j = to_json(&Event::parse(&r).unwrap());
        assert_eq!(j["type"], "openat");
        assert_eq!(j["tid"], 6);
        assert_eq!(j["params"]["fd"], 3);
        assert_eq!(j["params"]["name"], "/etc/shadow");
        assert_eq!(j["params"]["dev"], Json::Null);
        assert_eq!(j["params"]["flags"], "O_RDONLY");
    }
}
