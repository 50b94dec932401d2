//! `user.*` and `group.*`: the thread's effective ids and login uid, named
//! through the user/group tables.
//!
//! Owns: the user family of [`EventFields::value`].
//! Must never: read /etc itself (the table refreshes, see
//! `state::users`).

use super::{bstr, EventFields};
use crate::engine::{Field, Value};
use crate::state::proc::NO_LOGINUID;

impl EventFields<'_, '_> {
    pub(super) fn user_field(&self, f: Field) -> Option<Value<'_>> {
        let t = self.thread()?;
        let users = self.procs().users();
        Some(match f {
            Field::UserUid => Value::Int(i64::from(t.uid)),
            Field::UserName => bstr(&users.user(t.uid)?.name),
            Field::UserHomedir => bstr(&users.user(t.uid)?.homedir),
            Field::UserShell => bstr(&users.user(t.uid)?.shell),
            Field::UserLoginuid => Value::Int(if t.loginuid == NO_LOGINUID {
                -1
            } else {
                i64::from(t.loginuid)
            }),
            Field::UserLoginname => {
                if t.loginuid == NO_LOGINUID {
                    return None;
                }
                bstr(&users.user(t.loginuid)?.name)
            }
            Field::GroupGid => Value::Int(i64::from(t.gid)),
            Field::GroupName => bstr(users.group(t.gid)?),
            _ => return None,
        })
    }
}
