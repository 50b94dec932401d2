//! Raw syscalls and process helpers for the tests.
//!
//! Owns: `sys!` (libc::syscall returning the result or -errno, exactly
//! what the kernel returned), forking helper children, waiting, stat, and
//! the per-run scratch directory.
//! Must never: go through a libc wrapper where the test asserts on the
//! syscall (wrappers may pick another syscall, e.g. glibc's open is
//! openat); leave files outside the scratch directory.

use std::ffi::CString;

/// Result of a raw syscall: the return value, or -errno.
pub fn ret(r: libc::c_long) -> i64 {
    if r < 0 {
        -i64::from(std::io::Error::last_os_error().raw_os_error().unwrap_or(0))
    } else {
        r
    }
}

/// A syscall argument: integers sign- or zero-extend as C would, pointers
/// pass their address.
pub trait Arg {
    fn raw(self) -> libc::c_long;
}

macro_rules! arg_int {
    ($($t:ty),*) => {$(impl Arg for $t {
        fn raw(self) -> libc::c_long {
            self as libc::c_long
        }
    })*};
}
arg_int!(i32, i64, u32, u64, usize);

impl<T> Arg for *const T {
    fn raw(self) -> libc::c_long {
        self as libc::c_long
    }
}

impl<T> Arg for *mut T {
    fn raw(self) -> libc::c_long {
        self as libc::c_long
    }
}

/// Raw syscall `nr` with up to six arguments (missing ones are 0, which
/// the kernel ignores for calls that take fewer).
pub fn call(nr: libc::c_long, a: &[libc::c_long]) -> i64 {
    let g = |i: usize| a.get(i).copied().unwrap_or(0);
    // SAFETY: a raw syscall. Every pointer argument points to live memory
    // of the right size for the call, or is deliberately invalid (NULL) so
    // the kernel fails it with EFAULT; the kernel validates user pointers,
    // so neither case can corrupt this process.
    ret(unsafe { libc::syscall(nr, g(0), g(1), g(2), g(3), g(4), g(5)) })
}

/// `sys!(libc::SYS_x, args...)`: the raw syscall, result or -errno.
macro_rules! sys {
    ($nr:expr $(, $a:expr)* $(,)?) => {
        $crate::sys::call($nr, &[$($crate::sys::Arg::raw($a)),*])
    };
}

pub fn cstr(s: &str) -> CString {
    CString::new(s).expect("no NUL in test strings")
}

/// Negated errno constant, as a syscall record holds it.
pub fn err(e: i32) -> i64 {
    -i64::from(e)
}

/// Forks; the child runs `f` and exits with its result. Only for this
/// single-threaded test process: the child may run plain Rust code.
pub fn fork_child(f: impl FnOnce() -> i32) -> i32 {
    // SAFETY: fork in a single-threaded process; the child runs `f` and
    // then _exit, never returning into the caller's frames.
    let pid = unsafe { libc::fork() };
    if pid == 0 {
        let code = f();
        // SAFETY: terminate the child without running destructors/atexit.
        unsafe { libc::_exit(code) };
    }
    pid
}

/// waitpid() status of a child (0 if it could not be waited for).
pub fn wait_status(pid: i32) -> i32 {
    let mut st = 0;
    // SAFETY: waiting for our own child into a local.
    unsafe { libc::waitpid(pid, &mut st, 0) };
    st
}

/// Kills and reaps a helper child.
pub fn kill_wait(pid: i32) {
    // SAFETY: signalling and reaping our own child.
    unsafe { libc::kill(pid, libc::SIGKILL) };
    wait_status(pid);
}

/// (dev as the kernel encodes it in stat, ino) of a path or an fd.
pub fn dev_ino(path: &str) -> (u32, u64) {
    let c = cstr(path);
    // SAFETY: a zeroed stat buffer filled by stat(2) on a valid C string.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    if unsafe { libc::stat(c.as_ptr(), &mut st) } != 0 {
        return (0, 0);
    }
    (st.st_dev as u32, st.st_ino)
}

/// The per-run scratch directory, /tmp/lanner-dt-<pid>.
pub fn scratch() -> String {
    format!("/tmp/lanner-dt-{}", std::process::id())
}

/// A path in the scratch directory.
pub fn path(name: &str) -> String {
    format!("{}/{name}", scratch())
}

/// A path that does not exist.
pub const MISSING: &str = "/nonexistent-lanner/file";

/// Opens `p` with libc (setup, not under test); -1 on failure.
pub fn open_fd(p: &str, flags: i32) -> i32 {
    let c = cstr(p);
    // SAFETY: open(2) on a valid C string.
    unsafe { libc::open(c.as_ptr(), flags | libc::O_CLOEXEC, 0o644) }
}

pub fn close(fd: i64) {
    if fd >= 0 {
        // SAFETY: closing an fd this program opened.
        unsafe { libc::close(fd as i32) };
    }
}

/// Creates (or truncates) a file with some content.
pub fn touch(p: &str) {
    let _ = std::fs::write(p, b"lanner");
}

/// The calling thread's id.
pub fn gettid() -> i64 {
    // SAFETY: gettid has no preconditions.
    unsafe { libc::syscall(libc::SYS_gettid) }
}

/// Whether the running kernel's release is at least `major.minor`.
pub fn kernel_at_least(major: u32, minor: u32) -> bool {
    let rel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    let mut it = rel.trim().split(|c: char| !c.is_ascii_digit());
    let num = |x: Option<&str>| x.and_then(|v| v.parse::<u32>().ok()).unwrap_or(0);
    (num(it.next()), num(it.next())) >= (major, minor)
}

/// Whether the kernel implements syscall `nr`: it is called with arguments
/// it must reject (`args`), and only ENOSYS means "absent".
pub fn implemented(nr: libc::c_long, args: &[i64]) -> bool {
    let g = |i: usize| args.get(i).copied().unwrap_or(0);
    // SAFETY: the caller passes arguments the syscall rejects before
    // touching memory (bad fds, NULL pointers, zero sizes).
    let r = unsafe { libc::syscall(nr, g(0), g(1), g(2), g(3), g(4)) };
    !(r == -1 && std::io::Error::last_os_error().raw_os_error() == Some(libc::ENOSYS))
}
