//! Tests of the compiler and evaluator on a small catalogue of one field
//! per type and flag (independent of the syscall catalogue's contents),
//! plus a few on the syscall catalogue itself.

use super::compile::{compile, compile_with, CompileError, Filter};
use super::parse::parse;
use crate::engine::catalog::check_arg;
use crate::engine::field::{
    Catalog, FieldFlags as F, FieldId, FieldInfo, FieldRef, FieldSource, FieldType as T, Value,
};
use std::borrow::Cow;

const fn fi(name: &'static str, ty: T, flags: F) -> FieldInfo {
    FieldInfo {
        name,
        ty,
        flags,
        desc: "",
    }
}

const FIELDS: &[FieldInfo] = &[
    fi("t.str", T::Str, F::NONE),
    fi("t.str2", T::Str, F::NONE),
    fi("t.int", T::Int, F::NONE),
    fi("t.dbl", T::Double, F::NONE),
    fi("t.bool", T::Bool, F::NONE),
    fi("t.buf", T::Bytes, F::NONE),
    fi("t.ip", T::Ip, F::NONE),
    fi("t.net", T::Net, F(F::NO_RHS.0 | F::NO_TRANSFORMER.0)),
    fi(
        "t.anc",
        T::Str,
        F(F::ARG_ALLOWED.0 | F::ANCESTOR.0 | F::NO_RHS.0),
    ),
    fi("t.list", T::Str, F(F::IS_LIST.0 | F::NO_RHS.0)),
    fi("t.missing", T::Str, F::NONE),
    fi("t.args", T::Str, F::NONE),
    fi("t.b64", T::Str, F::NONE),
    fi("evt.type", T::Str, F::NONE),
    fi("t.num2", T::Int, F::NONE),
    fi("t.arg", T::Str, F::ARG_REQUIRED),
    fi("t.path", T::Str, F::NONE),
];

struct Cat;

impl Catalog for Cat {
    fn resolve(&self, name: &str, arg: Option<&str>) -> Result<FieldRef, String> {
        let i = FIELDS
            .iter()
            .position(|f| f.name == name)
            .ok_or_else(|| format!("unknown field '{name}'"))?;
        Ok(FieldRef {
            id: FieldId(i as u16),
            arg: check_arg(&FIELDS[i], arg)?,
        })
    }
    fn info(&self, id: FieldId) -> &FieldInfo {
        &FIELDS[usize::from(id.0)]
    }
    fn fields(&self) -> &[FieldInfo] {
        FIELDS
    }
}

struct Src;

fn s(x: &'static str) -> Value<'static> {
    Value::Str(Cow::Borrowed(x))
}

impl FieldSource for Src {
    fn field(&self, f: &FieldRef) -> Option<Value<'_>> {
        Some(match FIELDS[usize::from(f.id.0)].name {
            "t.str" => s("Hello World"),
            "t.str2" => s("hello world"),
            "t.int" => Value::Int(42),
            "t.num2" => Value::Int(42),
            "t.dbl" => Value::Double(0.5),
            "t.bool" => Value::Bool(true),
            "t.buf" => Value::Bytes(Cow::Borrowed(b"GET /\x00\x01")),
            "t.ip" => Value::Ip("10.1.2.3".parse().unwrap()),
            "t.net" => Value::Ip("192.168.1.7".parse().unwrap()),
            "t.anc" => match &f.arg {
                crate::engine::field::FieldArg::Index(1) => s("bash"),
                crate::engine::field::FieldArg::Index(_) => return None,
                _ => Value::list(vec![s("bash"), s("sshd"), s("systemd")]),
            },
            "t.list" => Value::list(vec![s("file"), s("ipv4")]),
            "t.args" => s("-n 3 -t target file"),
            "t.b64" => s("aGVsbG8="),
            "evt.type" => s("openat"),
            "t.arg" => s("O_RDONLY|O_CLOEXEC"),
            "t.path" => s("/usr/local/bin/tool"),
            _ => return None,
        })
    }
}

fn filter(c: &str) -> Result<Filter, CompileError> {
    compile_with(&parse(c, 0).unwrap_or_else(|e| panic!("{c}: {e}")), &Cat)
}

fn eval(c: &str) -> bool {
    filter(c).unwrap_or_else(|e| panic!("{c}: {e}")).eval(&Src)
}

fn cerr(c: &str) -> CompileError {
    filter(c).expect_err(c)
}

#[test]
fn string_operators() {
    for c in [
        "t.str = 'Hello World'",
        "t.str == 'Hello World'",
        "t.str != hello",
        "t.str > 1 and t.str > 99 and not t.str <= 1.5",
        "t.str contains World and not t.str contains world",
        "t.str icontains WORLD",
        "t.str startswith Hell and t.str endswith orld",
        "t.str glob 'H*W?rld' and not t.str glob 'h*'",
        "t.str iglob 'h*WORLD'",
        "t.str in (a, 'Hello World') and t.str intersects ('Hello World')",
        "t.str regex 'H.*d' and not t.str regex 'World'",
        "t.path pmatch (/usr/local, /opt) and not t.path pmatch (/usr/loc)",
        "t.path pmatch (/usr/*/bin)",
    ] {
        assert!(eval(c), "{c}");
    }
}

#[test]
fn other_types() {
    for c in [
        "t.int = 42 and t.int != 41 and t.int < 43 and t.int <= 42 and t.int > 41 and t.int >= 42",
        "t.int in (1, 42) and t.int intersects (42)",
        "t.dbl < 1 and t.dbl > 0 and t.dbl != 0",
        "t.bool = true and t.bool != false and t.bool in (true)",
        "t.buf bcontains 2f00 and t.buf bstartswith 474554",
        "t.buf contains 'GET' and t.buf startswith GET and not t.buf endswith GET",
        "t.ip = 10.1.2.3 and t.ip != 10.1.2.4 and t.ip in (::1, 10.1.2.3)",
        "t.net = 192.168.0.0/16 and t.net != 10.0.0.0/8",
        "t.net in (10.0.0.0/8, 192.168.1.0/24) and t.net intersects (192.168.1.7/32)",
    ] {
        assert!(eval(c), "{c}");
    }
}

#[test]
fn modifiers() {
    assert!(eval("t.str contains anyof (x, World)"));
    assert!(!eval("t.str contains anyof (x, y)"));
    assert!(eval("t.str contains allof (Hello, World)"));
    assert!(!eval("t.str contains allof (Hello, x)"));
    assert!(eval("t.str contains oneof (Hello, x)"));
    assert!(!eval("t.str contains oneof (Hello, World)"));
    assert!(eval("t.int = anyof (1, 42)"));
    assert!(eval("t.ip == anyof (10.1.2.3)"));
    assert!(eval("t.anc startswith anyof (ss, zz)"));
    assert!(cerr("t.ip contains anyof (10.1.2.3)")
        .message
        .contains("cannot be used"));
}

#[test]
fn lists_and_ancestors() {
    // Ancestors: any of them.
    assert!(eval("t.anc = sshd") && eval("t.anc != sshd") && eval("t.anc in (init, systemd)"));
    assert!(!eval("t.anc = init"));
    assert!(eval("t.anc[1] = bash") && !eval("t.anc[2] = bash"));
    // List fields: `in` needs every element, `intersects` any.
    assert!(eval("t.list in (file, ipv4, ipv6)"));
    assert!(!eval("t.list in (file)"));
    assert!(eval("t.list intersects (file)"));
    assert!(!eval("t.list intersects (unix)"));
    assert!(cerr("t.list = file").message.contains("list"));
}

#[test]
fn missing_values_are_false_for_every_operator() {
    for c in [
        "t.missing = x",
        "t.missing != x",
        "t.missing contains x",
        "t.missing in (x)",
        "t.missing pmatch (/x)",
        "t.missing regex '.*'",
        "t.missing exists",
        "t.missing glob '*'",
        "t.str = val(t.missing)",
        "tolower(t.missing) = x",
        "len(t.missing) != 0",
        "t.str contains anyof (H, x)  and t.missing != x",
    ] {
        assert!(!eval(c), "{c}");
        assert!(eval(&format!("not ({c})")), "not {c}");
    }
    assert!(eval("t.str exists"));
}

#[test]
fn transformers_and_val() {
    for c in [
        "tolower(t.str) = 'hello world'",
        "toupper(t.str) = 'HELLO WORLD'",
        "tolower(t.str) = val(t.str2)",
        "t.str2 = tolower(t.str)",
        "len(t.str) = 11 and len(t.list) = 2",
        "b64(t.b64) = hello",
        "basename(t.path) = tool",
        "concat(t.str, '!', t.str2) = 'Hello World!hello world'",
        "join('-', (t.str2, 'x')) = 'hello world-x'",
        "join(',', (t.list)) = 'file,ipv4'",
        "getopt(t.args, 'n:t:')[t] = target",
        "tolower(toupper(t.str)) = 'hello world'",
        "t.int = val(t.num2) and t.int >= val(t.num2)",
        "t.str != val(t.str2)",
        "tolower(t.anc) = sshd",
        "t.str icontains val(t.str2)",
    ] {
        assert!(eval(c), "{c}");
    }
    for (c, what) in [
        ("tolower(t.int) = x", "cannot be applied"),
        ("tolower(t.net) = x", "cannot be used with transformer"),
        ("len(t.str) = x", "integer"),
        ("len(t.str) contains 1", "cannot be used"),
        ("t.str = val(t.anc)", "right-hand side"),
        ("t.str = val(t.int)", "cannot compare"),
        ("t.str regex val(t.str2)", "right-hand side"),
        ("t.str pmatch val(t.str2)", "right-hand side"),
        ("t.net = val(t.ip)", "right-hand side"),
        ("tolower(t.str)[1] = x", "index"),
        ("getopt(t.args, 'n:') = x", "option"),
        ("tolower(t.nope) = x", "unknown field"),
    ] {
        let e = cerr(c);
        assert!(e.message.contains(what), "{c}: {}", e.message);
    }
}

#[test]
fn compile_errors_are_located() {
    let e = cerr("t.str = a and t.nme = x");
    assert_eq!(
        (e.message.as_str(), e.span.start, e.span.end),
        ("unknown field 't.nme'", 14, 19)
    );
    assert_eq!(cerr("t.int = abc").span.start, 8);
    assert_eq!(cerr("t.int in (1, abc)").span.start, 13);
    assert!(cerr("t.int contains 1").message.contains("cannot be used"));
    assert!(cerr("t.bool = yes").message.contains("boolean"));
    assert!(cerr("t.str[1] = x").message.contains("argument"));
    assert!(cerr("t.arg = x").message.contains("requires"));
    assert!(cerr("t.str regex '('")
        .message
        .contains("regular expression"));
    assert!(cerr("t.buf bcontains 0g").message.contains("hex"));
    assert!(cerr("t.str bcontains 00")
        .message
        .contains("cannot be used"));
    assert!(cerr("t.dbl = 1.5").message.contains("integer"));
    assert!(cerr("t.net = 10.0.0.1").message.contains("network"));
    assert!(cerr("t.ip = 10.0.0.0/8").message.contains("address"));
    assert!(cerr("t.str in l").message.contains("undefined list"));
    assert_eq!(cerr("some_macro").message, "undefined macro 'some_macro'");
    assert!(cerr("evt.type = opne")
        .message
        .contains("unknown event type opne"));
    assert!(cerr("evt.type in (open, nope)").message.contains("nope"));
    assert!(filter("evt.type startswith op").is_ok());
}

#[test]
fn warnings() {
    let n = |c: &str| filter(c).unwrap().warnings().len();
    assert_eq!(n("t.str = t.str2"), 1);
    assert_eq!(n("t.str = 'tolower(t.str2)'"), 1);
    assert_eq!(n("t.str = tolower(t.str2)"), 0);
    assert_eq!(n("t.str = t.nope"), 0);
    assert_eq!(n("t.str in (t.str2, x)"), 0);
    let w = |c: &str| filter(c).unwrap().warnings()[0].message.clone();
    assert_eq!(
        w("t.str = 't.str2 '"),
        "'t.str2 ' may be a valid field misused as a const string value"
    );
    assert_eq!(
        w("t.str = 'toupper( t.str2)'"),
        "'toupper( t.str2)' may be a valid field transformer misused as a const string value"
    );
    assert_eq!(n("t.str regex '^Hello'"), 1);
    assert_eq!(n("t.str regex 'H.*o'"), 0);
    assert_eq!(n("t.int = 1"), 0);
}

#[test]
fn syscall_catalogue() {
    let f = compile(&parse("evt.type in (open, openat) and proc.name = cat", 0).unwrap()).unwrap();
    assert_eq!(
        f.event_types(),
        Some(["open".to_string(), "openat".to_string()].into())
    );
    assert!(compile(&parse("proc.nme = x", 0).unwrap()).is_err());
}

#[test]
fn filters_can_be_shared_between_threads() {
    fn shareable<T: Send + Sync>(_: &T) -> bool {
        true
    }
    let f =
        filter("t.str regex 'H.*' and t.str contains ll and tolower(t.str) = val(t.str2)").unwrap();
    assert!(shareable(&f));
    let g = f.clone();
    assert!(std::thread::spawn(move || g.eval(&Src)).join().unwrap());
}

/// [`Src`] with another event type.
struct Typed(&'static str);

impl FieldSource for Typed {
    fn field(&self, f: &FieldRef) -> Option<Value<'_>> {
        if FIELDS[usize::from(f.id.0)].name == "evt.type" {
            return Some(s(self.0));
        }
        Src.field(f)
    }
}

#[test]
fn specialising_on_the_event_type_keeps_the_answer() {
    let conds = [
        "evt.type in (open, openat) and t.int = 42",
        "evt.type = open or (evt.type = close and t.str contains Hello)",
        "not evt.type = openat or t.int > 100",
        "evt.type != close and not (evt.type in (open) and t.missing = x)",
        "evt.type startswith op and t.bool = true",
        "evt.type = open or evt.type = openat",
        "evt.type exists and t.int = val(t.num2)",
        "t.str = x",
    ];
    for c in conds {
        let f = filter(c).unwrap();
        for t in ["open", "openat", "close", "execve"] {
            let src = Typed(t);
            assert_eq!(f.specialize(t).eval(&src), f.eval(&src), "{c} on {t}");
        }
    }
    // The folding really removes the type checks.
    let f = filter("evt.type in (open, openat) and t.int = 42").unwrap();
    assert!(!f.specialize("close").eval(&Src));
    assert!(f.specialize("open").eval(&Src));
}
