//! Interned names in one buffer, with an open-addressing index: no allocation per name, so
//! a million customer names are interned, looked up and dropped cheaply.

use std::hash::{BuildHasher, RandomState};

/// Names `0..len()` and their index. The hash is SipHash with random keys (the standard
/// library's), so names chosen by an adversary cannot make the probing quadratic.
#[derive(Debug, Clone, Default)]
pub(crate) struct NameTable {
    /// All names, one after the other.
    text: String,
    /// `ends[i]` is where name `i` ends in `text` (it starts where name `i - 1` ends).
    ends: Vec<usize>,
    /// Linear-probing slots, at most half full, holding the high 32 bits of the name's hash
    /// and `id + 1` in the low 32 bits; 0 is empty. The length is a power of two.
    slots: Vec<u64>,
    hasher: RandomState,
}

impl NameTable {
    /// The names' text and where each ends, for writing the table out.
    pub(crate) fn parts(&self) -> (&str, &[usize]) {
        (&self.text, &self.ends)
    }

    /// A table from [`NameTable::parts`] (ends checked by the caller: ascending, on char
    /// boundaries of `text`); names are looked up again from them. `None` if a name repeats.
    pub(crate) fn from_parts(text: String, ends: Vec<usize>) -> Option<NameTable> {
        // Sized for all the names at once: growing on the way hashes every name again at
        // each doubling (a fifth of reading a 10M-event log's file went there).
        let mut t = NameTable {
            slots: vec![0; ((ends.len() + 1) * 2).next_power_of_two().max(16)],
            ..NameTable::default()
        };
        t.text.reserve(text.len());
        t.ends.reserve(ends.len());
        let mut start = 0;
        for (i, &e) in ends.iter().enumerate() {
            if t.intern(&text[start..e]) as usize != i {
                return None;
            }
            start = e;
        }
        t.shrink_to_fit();
        Some(t)
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(crate) fn name(&self, id: usize) -> &str {
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        &self.text[start..self.ends[id]]
    }

    fn name_bytes(&self, id: usize) -> &[u8] {
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        &self.text.as_bytes()[start..self.ends[id]]
    }

    /// The slot holding `name`, or the empty slot where it would go.
    fn slot_of(&self, name: &str, hash: u64) -> usize {
        let mask = self.slots.len() - 1;
        let tag = hash & !u64::from(u32::MAX);
        let mut i = hash as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot == 0
                || (slot & !u64::from(u32::MAX) == tag
                    && self.name_bytes((slot as u32 - 1) as usize) == name.as_bytes())
            {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// The id of a name, if interned.
    pub(crate) fn find(&self, name: &str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let slot = self.slots[self.slot_of(name, self.hasher.hash_one(name))];
        (slot != 0).then(|| slot as u32 - 1)
    }

    /// The id of a name, interning it if new.
    pub(crate) fn intern(&mut self, name: &str) -> u32 {
        if (self.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let hash = self.hasher.hash_one(name);
        let i = self.slot_of(name, hash);
        if self.slots[i] != 0 {
            return self.slots[i] as u32 - 1;
        }
        let id = self.len() as u32;
        self.text.push_str(name);
        self.ends.push(self.text.len());
        self.slots[i] = hash & !u64::from(u32::MAX) | u64::from(id + 1);
        id
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(16);
        let mask = size - 1;
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        for slot in old.into_iter().filter(|&s| s != 0) {
            // The stored tag is only the hash's high half: hash the name again for the rest.
            let hash = self.hasher.hash_one(self.name((slot as u32 - 1) as usize));
            let mut i = hash as usize & mask;
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = slot;
        }
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    /// Heap bytes held, by capacity.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.ends.capacity() * size_of::<usize>()
            + self.slots.capacity() * size_of::<u64>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interns_finds_and_names() {
        let mut t = NameTable::default();
        assert_eq!(t.find("a"), None);
        let names: Vec<String> = (0..1000).map(|i| format!("c{i}")).collect();
        for (i, n) in names.iter().enumerate() {
            assert_eq!(t.intern(n), i as u32);
        }
        assert_eq!(t.intern(""), 1000);
        assert_eq!(t.intern("c17"), 17);
        for (i, n) in names.iter().enumerate() {
            assert_eq!(t.find(n), Some(i as u32));
            assert_eq!(t.name(i), n);
        }
        assert_eq!(t.name(1000), "");
        assert_eq!(t.find("c1000"), None);
        assert_eq!(t.len(), 1001);
    }
}
