//! An [`EventLog`] as bytes and back, so that a server can keep the built log in a file and
//! start without reading every event again. The core does no I/O: the caller writes and
//! reads the bytes. The format is little-endian columns behind a magic and a version, with
//! a checksum of everything before it at the end; anything that does not check out is
//! refused ([`Error::CorruptFile`]) and the caller builds the log from its source instead.
//! The time zone is not stored: the caller sets it.

use crate::error::Error;
use crate::event_log::EventLog;
use crate::names::NameTable;

const MAGIC: &[u8; 8] = b"KUNDELOG";
/// 2: the checksum is CRC-32 (1 was SipHash, which took a tenth of a cold start).
const VERSION: u32 = 2;

/// Offsets, times and touchpoints, as decoded.
type Columns = (Vec<u32>, Vec<i64>, Vec<u16>);

/// From this many events, [`EventLog::from_bytes`] decodes on two threads.
const PARALLEL_FROM: usize = 100_000;

/// A checksum of the bytes against damage (CRC-32, SIMD where the processor has it; a
/// mismatch only costs a rebuild, and the file is not a trust boundary).
fn checksum(bytes: &[u8]) -> u64 {
    u64::from(crc32fast::hash(bytes))
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        if n > self.bytes.len() {
            return Err(Error::CorruptFile("truncated"));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn u64(&mut self) -> Result<u64, Error> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }

    fn len(&mut self) -> Result<usize, Error> {
        usize::try_from(self.u64()?).map_err(|_| Error::CorruptFile("length"))
    }

    /// `n` fixed-size items decoded by `f`, with the length checked before allocating.
    fn items<T>(&mut self, n: usize, size: usize, f: impl Fn(&[u8]) -> T) -> Result<Vec<T>, Error> {
        let total = n.checked_mul(size).ok_or(Error::CorruptFile("length"))?;
        Ok(self.take(total)?.chunks_exact(size).map(f).collect())
    }
}

impl EventLog {
    /// The log as bytes for [`EventLog::from_bytes`].
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.write_bytes(&mut out);
        out
    }

    /// Appends [`EventLog::to_bytes`]'s bytes to `out` (a caller that puts more around the
    /// log saves a second copy of the columns).
    pub fn write_bytes(&self, out: &mut Vec<u8>) {
        let (names, ends) = self.customer_names.parts();
        let events = self.times.len();
        let start = out.len();
        out.reserve_exact(64 + names.len() + ends.len() * 8 + self.offsets.len() * 4 + events * 18);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.push(u8::from(self.has_amounts));
        let put = |out: &mut Vec<u8>, n: usize| out.extend_from_slice(&(n as u64).to_le_bytes());
        put(out, self.touchpoint_names.len());
        for name in &self.touchpoint_names {
            put(out, name.len());
            out.extend_from_slice(name.as_bytes());
        }
        put(out, names.len());
        out.extend_from_slice(names.as_bytes());
        put(out, ends.len());
        for &e in ends {
            put(out, e);
        }
        put(out, self.offsets.len());
        for &o in &self.offsets {
            out.extend_from_slice(&o.to_le_bytes());
        }
        put(out, events);
        for &t in &self.times {
            out.extend_from_slice(&t.to_le_bytes());
        }
        for &t in &self.touchpoints {
            out.extend_from_slice(&t.to_le_bytes());
        }
        for &a in &self.amounts {
            out.extend_from_slice(&a.to_bits().to_le_bytes());
        }
        let sum = checksum(&out[start..]);
        out.extend_from_slice(&sum.to_le_bytes());
    }

    /// A log from [`EventLog::to_bytes`]'s bytes, after checking the checksum and that every
    /// column is consistent with the others (UTC; set the zone with [`EventLog::set_zone`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<EventLog, Error> {
        if bytes.len() < MAGIC.len() + 4 + 8 || &bytes[..MAGIC.len()] != MAGIC {
            return Err(Error::CorruptFile("not an event log file"));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        if checksum(body) != u64::from_le_bytes(sum.try_into().expect("8 bytes")) {
            return Err(Error::CorruptFile("checksum"));
        }
        let mut r = Reader {
            bytes: &body[MAGIC.len()..],
        };
        if u32::from_le_bytes(r.take(4)?.try_into().expect("4 bytes")) != VERSION {
            return Err(Error::CorruptFile("version"));
        }
        let has_amounts = r.take(1)?[0] != 0;
        let tp_count = r.len()?;
        if tp_count > usize::from(u16::MAX) + 1 {
            return Err(Error::CorruptFile("touchpoints"));
        }
        let mut touchpoint_names = Vec::with_capacity(tp_count);
        for _ in 0..tp_count {
            let n = r.len()?;
            let name = std::str::from_utf8(r.take(n)?).map_err(|_| Error::CorruptFile("utf-8"))?;
            touchpoint_names.push(name.to_owned());
        }
        let text_len = r.len()?;
        let text = std::str::from_utf8(r.take(text_len)?)
            .map_err(|_| Error::CorruptFile("utf-8"))?
            .to_owned();
        let customers = r.len()?;
        let ends = r.items(customers, 8, |b| {
            u64::from_le_bytes(b.try_into().expect("8 bytes")) as usize
        })?;
        let mut start = 0;
        for &e in &ends {
            if e < start || e > text.len() || !text.is_char_boundary(e) {
                return Err(Error::CorruptFile("customer names"));
            }
            start = e;
        }
        let offsets_len = r.len()?;
        if offsets_len != customers + 1 {
            return Err(Error::CorruptFile("offsets"));
        }
        let offsets_bytes = r.take(
            offsets_len
                .checked_mul(4)
                .ok_or(Error::CorruptFile("length"))?,
        )?;
        let events = r.len()?;
        let times_bytes = r.take(events.checked_mul(8).ok_or(Error::CorruptFile("length"))?)?;
        let touchpoints_bytes = r.take(events * 2)?;
        let amounts_bytes = r.take(events * 8)?;
        if !r.bytes.is_empty() {
            return Err(Error::CorruptFile("trailing bytes"));
        }
        // The name index and the amounts on a second thread while this one decodes and
        // checks the rest: a cold start waits for this at 10M events.
        let second = move || -> Result<(NameTable, Vec<f64>), Error> {
            let names =
                NameTable::from_parts(text, ends).ok_or(Error::CorruptFile("customer names"))?;
            let amounts = amounts_bytes
                .chunks_exact(8)
                .map(|b| f64::from_bits(u64::from_le_bytes(b.try_into().expect("8 bytes"))))
                .collect();
            Ok((names, amounts))
        };
        let first = || -> Result<Columns, Error> {
            let offsets: Vec<u32> = offsets_bytes
                .chunks_exact(4)
                .map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes")))
                .collect();
            if offsets.first() != Some(&0)
                || offsets.windows(2).any(|w| w[0] > w[1])
                || offsets.last().map(|&o| o as usize) != Some(events)
            {
                return Err(Error::CorruptFile("offsets"));
            }
            let times = times_bytes
                .chunks_exact(8)
                .map(|b| i64::from_le_bytes(b.try_into().expect("8 bytes")))
                .collect();
            let touchpoints: Vec<u16> = touchpoints_bytes
                .chunks_exact(2)
                .map(|b| u16::from_le_bytes(b.try_into().expect("2 bytes")))
                .collect();
            if touchpoints.iter().any(|&t| usize::from(t) >= tp_count) {
                return Err(Error::CorruptFile("touchpoints"));
            }
            Ok((offsets, times, touchpoints))
        };
        let (columns, rest) = if events >= PARALLEL_FROM {
            std::thread::scope(|scope| {
                let rest = scope.spawn(second);
                let columns = first();
                (
                    columns,
                    rest.join().unwrap_or(Err(Error::CorruptFile("panic"))),
                )
            })
        } else {
            (first(), second())
        };
        let (offsets, times, touchpoints) = columns?;
        let (names, amounts) = rest?;
        Ok(EventLog::from_parts(
            names,
            touchpoint_names,
            has_amounts,
            offsets,
            times,
            touchpoints,
            amounts,
        ))
    }
}
