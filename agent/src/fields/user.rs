//! `user.*` and `group.*`: the thread's effective ids and login uid, named
//! through the user/group tables.
//!
//! Owns: the user family of [`EventFields::value`]. An id the tables do
//! not know is named as libsinsp names it: `root` (home `/root`) for id 0,
//! `<NA>` otherwise.
//! Must never: read /etc itself (the table refreshes, see
//! `state::users`).

use super::{bstr, EventFields};
use crate::engine::{Field, Value};
use crate::state::proc::NO_LOGINUID;
use crate::state::users::Users;

/// (name, homedir, shell) of `uid`, with libsinsp's fallback.
fn user_of(users: &Users, uid: u32) -> (&str, &str, &str) {
    match users.user(uid) {
        Some(u) => (&u.name, &u.homedir, &u.shell),
        None if uid == 0 => ("root", "/root", "<NA>"),
        None => ("<NA>", "<NA>", "<NA>"),
    }
}

impl EventFields<'_, '_> {
    pub(super) fn user_field(&self, f: Field) -> Option<Value<'_>> {
        let t = self.thread()?;
        let users = self.procs().users();
        Some(match f {
            Field::UserUid => Value::Int(i64::from(t.uid)),
            Field::UserName => bstr(user_of(users, t.uid).0),
            Field::UserHomedir => bstr(user_of(users, t.uid).1),
            Field::UserShell => bstr(user_of(users, t.uid).2),
            Field::UserLoginuid => Value::Int(if t.loginuid == NO_LOGINUID {
                -1
            } else {
                i64::from(t.loginuid)
            }),
            Field::UserLoginname => bstr(user_of(users, t.loginuid).0),
            Field::GroupGid => Value::Int(i64::from(t.gid)),
            Field::GroupName => bstr(match users.group(t.gid) {
                Some(g) => g,
                None if t.gid == 0 => "root",
                None => "<NA>",
            }),
            _ => return None,
        })
    }
}
