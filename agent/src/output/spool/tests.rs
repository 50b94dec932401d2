//! Spool behaviour on a real file system (temp dirs): order, segment wrap,
//! full, torn and corrupt records, restart, locking.

use super::*;
use crate::engine::priority::Priority;
use crate::output::alert::FieldValue;

fn alert(n: u64) -> Alert {
    Alert {
        time_ns: n,
        rule: "Spool test".into(),
        priority: Priority::Warning,
        output: format!("alert {n} {}", "x".repeat(100)),
        tags: vec!["t".into()],
        source: "syscall".into(),
        output_fields: vec![("n".into(), FieldValue::Int(n as i64))],
    }
}

fn cfg(dir: &Path, max_bytes: u64, segment_bytes: u64) -> SpoolConfig {
    SpoolConfig {
        dir: dir.to_path_buf(),
        max_bytes,
        segment_bytes,
        fsync_interval_ms: 1000,
    }
}

fn drain(s: &mut Spool) -> Vec<u64> {
    let mut got = Vec::new();
    while let Some(a) = s.peek().unwrap() {
        got.push(a.time_ns);
        s.commit().unwrap();
    }
    got
}

fn segment_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == SEGMENT_EXT))
        .collect();
    v.sort();
    v
}

#[test]
fn fifo_order_across_segments_and_space_is_reclaimed() {
    let d = tempfile::tempdir().unwrap();
    let (mut s, rec) = Spool::open(&cfg(d.path(), 1 << 20, 4096)).unwrap();
    assert_eq!(rec, Recovered::default());
    assert!(s.peek().unwrap().is_none());
    {
        use std::os::unix::fs::PermissionsExt;
        let d2 = d.path().join("new/spool");
        let (mut s2, _) = Spool::open(&cfg(&d2, 1 << 20, 4096)).unwrap();
        s2.push(&alert(1), false).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&d2), 0o700);
        assert!(segment_files(&d2).iter().all(|p| mode(p) == 0o600));
        assert_eq!(mode(&d2.join(CURSOR)), 0o600);
    }
    for n in 0..100 {
        s.push(&alert(n), false).unwrap();
    }
    assert_eq!(s.len(), 100);
    assert!(segment_files(d.path()).len() > 3, "records span segments");
    // Peek without commit returns the same record.
    assert_eq!(s.peek().unwrap().unwrap(), alert(0));
    assert_eq!(s.peek().unwrap().unwrap(), alert(0));
    let first: Vec<_> = (0..40)
        .map(|_| {
            let a = s.peek().unwrap().unwrap();
            s.commit().unwrap();
            a.time_ns
        })
        .collect();
    assert_eq!(first, (0..40).collect::<Vec<_>>());
    // Interleave writes and reads (wrap: new segments while old ones go).
    for n in 100..150 {
        s.push(&alert(n), false).unwrap();
    }
    assert_eq!(drain(&mut s), (40..150).collect::<Vec<_>>());
    assert!(s.is_empty());
    assert_eq!(s.bytes(), 0);
    assert!(segment_files(d.path()).is_empty());
    s.push(&alert(7), false).unwrap();
    assert_eq!(drain(&mut s), vec![7]);
}

#[test]
fn full_refuses_newest_and_reserve_takes_own_alerts() {
    let d = tempfile::tempdir().unwrap();
    let max = 64 << 10;
    let (mut s, _) = Spool::open(&cfg(d.path(), max, 8 << 10)).unwrap();
    let mut n = 0;
    loop {
        match s.push(&alert(n), false) {
            Ok(()) => n += 1,
            Err(PushError::Full) => break,
            Err(e) => panic!("{e}"),
        }
    }
    assert!(s.bytes() <= max - max / 16, "{}", s.bytes());
    assert!(n > 300, "{n}");
    // The reserve still takes lanner's own alerts, up to max_bytes.
    let mut reserved = 0;
    while s.push(&alert(1_000_000 + reserved), true).is_ok() {
        reserved += 1;
    }
    assert!(reserved > 0);
    assert!(s.bytes() <= max, "{}", s.bytes());
    let disk: u64 = segment_files(d.path())
        .iter()
        .map(|p| fs::metadata(p).unwrap().len())
        .sum();
    assert_eq!(disk, s.bytes());
    let got = drain(&mut s);
    let want: Vec<u64> = (0..n).chain(1_000_000..1_000_000 + reserved).collect();
    assert_eq!(got, want, "oldest kept, in order");
}

#[test]
fn restart_reads_back_undelivered_in_order() {
    let d = tempfile::tempdir().unwrap();
    let c = cfg(d.path(), 1 << 20, 4096);
    {
        let (mut s, _) = Spool::open(&c).unwrap();
        for n in 0..60 {
            s.push(&alert(n), false).unwrap();
        }
        for _ in 0..25 {
            s.peek().unwrap();
            s.commit().unwrap();
        }
    }
    let (mut s, rec) = Spool::open(&c).unwrap();
    assert_eq!(
        rec,
        Recovered {
            records: 35,
            corrupt: 0
        }
    );
    s.push(&alert(60), false).unwrap();
    assert_eq!(drain(&mut s), (25..61).collect::<Vec<_>>());
    drop(s);
    let (s, rec) = Spool::open(&c).unwrap();
    assert_eq!(rec, Recovered::default());
    assert!(s.is_empty());
}

#[test]
fn torn_tail_is_cut_counted_and_appends_continue() {
    let d = tempfile::tempdir().unwrap();
    let c = cfg(d.path(), 1 << 20, 1 << 16);
    {
        let (mut s, _) = Spool::open(&c).unwrap();
        for n in 0..10 {
            s.push(&alert(n), false).unwrap();
        }
    }
    let seg = segment_files(d.path()).pop().unwrap();
    let len = fs::metadata(&seg).unwrap().len();
    // A crash in the middle of writing record 9.
    OpenOptions::new()
        .write(true)
        .open(&seg)
        .unwrap()
        .set_len(len - 30)
        .unwrap();
    let (mut s, rec) = Spool::open(&c).unwrap();
    assert_eq!(
        rec,
        Recovered {
            records: 9,
            corrupt: 1
        }
    );
    s.push(&alert(10), false).unwrap();
    let mut want: Vec<u64> = (0..9).collect();
    want.push(10);
    assert_eq!(drain(&mut s), want);
}

#[test]
fn corrupt_record_ends_its_segment_never_panics() {
    let d = tempfile::tempdir().unwrap();
    let c = cfg(d.path(), 1 << 20, 4096);
    {
        let (mut s, _) = Spool::open(&c).unwrap();
        for n in 0..100 {
            s.push(&alert(n), false).unwrap();
        }
    }
    let segs = segment_files(d.path());
    assert!(segs.len() >= 3);
    // Flip a byte in the middle of the second segment.
    let mut data = fs::read(&segs[1]).unwrap();
    let mid = data.len() / 2;
    data[mid] ^= 0xff;
    fs::write(&segs[1], &data).unwrap();
    // And garbage instead of a cursor.
    fs::write(d.path().join(CURSOR), b"garbage").unwrap();
    let (mut s, rec) = Spool::open(&c).unwrap();
    assert_eq!(rec.corrupt, 1);
    let got = drain(&mut s);
    assert_eq!(got.len() as u64, rec.records);
    assert!(got.windows(2).all(|w| w[0] < w[1]), "order kept: {got:?}");
    assert_eq!(got[0], 0);
    assert_eq!(*got.last().unwrap(), 99, "later segments still read");
    assert!(got.len() < 100 && got.len() > 50, "{}", got.len());
}

#[test]
fn garbage_files_in_the_directory() {
    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join("00000000000000000001.seg"), vec![0xa5; 5000]).unwrap();
    fs::write(d.path().join("notes.txt"), b"hello").unwrap();
    fs::write(d.path().join("x.seg"), b"").unwrap();
    let (mut s, rec) = Spool::open(&cfg(d.path(), 1 << 20, 4096)).unwrap();
    assert_eq!(
        rec,
        Recovered {
            records: 0,
            corrupt: 1
        }
    );
    s.push(&alert(1), false).unwrap();
    assert_eq!(drain(&mut s), vec![1]);
}

#[test]
fn second_user_of_a_directory_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let c = cfg(d.path(), 1 << 20, 4096);
    let (_s, _) = Spool::open(&c).unwrap();
    let e = Spool::open(&c).unwrap_err();
    assert!(matches!(e, SpoolError::Locked(_)), "{e}");
    let e = Spool::open(&cfg(Path::new("rel"), 1 << 20, 0)).unwrap_err();
    assert!(matches!(e, SpoolError::Config(_)), "{e}");
}

#[test]
fn large_records_and_fsync_every_record() {
    let d = tempfile::tempdir().unwrap();
    let mut c = cfg(d.path(), 4 << 20, 64 << 10);
    c.fsync_interval_ms = 0;
    let (mut s, _) = Spool::open(&c).unwrap();
    let mut big = alert(1);
    big.output = "y".repeat(200 << 10); // larger than read-ahead and segment
    s.push(&alert(0), false).unwrap();
    s.push(&big, false).unwrap();
    s.push(&alert(2), false).unwrap();
    assert_eq!(s.sync_due(), None, "synced on every push");
    assert_eq!(s.peek().unwrap().unwrap(), alert(0));
    s.commit().unwrap();
    assert_eq!(s.peek().unwrap().unwrap(), big);
    s.commit().unwrap();
    assert_eq!(drain(&mut s), vec![2]);
}

#[test]
fn segment_cut_while_open_loses_its_rest_counted() {
    let d = tempfile::tempdir().unwrap();
    let (mut s, _) = Spool::open(&cfg(d.path(), 1 << 20, 4096)).unwrap();
    for n in 0..100 {
        s.push(&alert(n), false).unwrap();
    }
    let segs = segment_files(d.path());
    // Someone truncates the oldest segment behind the spool's back.
    OpenOptions::new()
        .write(true)
        .open(&segs[0])
        .unwrap()
        .set_len(100)
        .unwrap();
    let got = drain(&mut s);
    let lost = s.take_corrupt();
    assert!(lost > 0);
    assert_eq!(
        got.len() as u64 + lost,
        100,
        "every record delivered or counted"
    );
    assert!(got.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(*got.last().unwrap(), 99);
}
