//! A map from strings whose keys lie back to back in one `String`.
//!
//! The index keeps two such maps that a run fills with many short strings
//! (a million file keys; a thread's remembered stems): a `String` of its
//! own for each took a large part of a run to allocate, chase and free.
//! Here a key is a range of one string, the table holds only ranges and
//! values, and text that belongs to a value can live in the same string.
//! A fast hash: the keys are the user's own paths and words, not an
//! attacker's.

use std::hash::BuildHasher;
use std::ops::Range;

use hashbrown::hash_table::Entry;
use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

/// Strings to `V`, the keys packed into one string.
#[derive(Debug)]
pub(crate) struct PackedMap<V> {
    text: String,
    table: HashTable<(Range<usize>, V)>,
}

impl<V> Default for PackedMap<V> {
    fn default() -> Self {
        PackedMap {
            text: String::new(),
            table: HashTable::new(),
        }
    }
}

impl<V> PackedMap<V> {
    /// An empty map with room for `entries` keys of `text` bytes in all.
    pub(crate) fn with_capacity(text: usize, entries: usize) -> PackedMap<V> {
        PackedMap {
            text: String::with_capacity(text),
            table: HashTable::with_capacity(entries),
        }
    }

    fn hash(key: &str) -> u64 {
        FxBuildHasher.hash_one(key)
    }

    /// The entry of `key`, with the key as kept here.
    pub(crate) fn get(&self, key: &str) -> Option<(&str, &V)> {
        let (range, value) = self.table.find(Self::hash(key), |(range, _)| {
            self.text[range.clone()] == *key
        })?;
        Some((&self.text[range.clone()], value))
    }

    /// The value of `key`, and whether it was already there; if not, it is
    /// added with the value `make` gives. `make` may append text of its own
    /// to the string it is given and keep its range, to read back with
    /// [`PackedMap::text`].
    pub(crate) fn get_or_insert_with(
        &mut self,
        key: &str,
        make: impl FnOnce(&mut String) -> V,
    ) -> (&mut V, bool) {
        let PackedMap { text, table } = self;
        let entry = table.entry(
            Self::hash(key),
            |(range, _)| text[range.clone()] == *key,
            |(range, _)| Self::hash(&text[range.clone()]),
        );
        match entry {
            Entry::Occupied(found) => (&mut found.into_mut().1, true),
            Entry::Vacant(vacant) => {
                let start = text.len();
                text.push_str(key);
                let range = start..text.len();
                let value = make(text);
                (&mut vacant.insert((range, value)).into_mut().1, false)
            }
        }
    }

    /// Text a value appended when it was inserted.
    pub(crate) fn text(&self, range: Range<usize>) -> &str {
        &self.text[range]
    }

    /// Every entry, in no order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &V)> + Clone {
        self.table
            .iter()
            .map(|(range, value)| (&self.text[range.clone()], value))
    }

    /// Number of keys.
    pub(crate) fn len(&self) -> usize {
        self.table.len()
    }

    /// Whether the map has no key.
    pub(crate) fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// Removes every entry, keeping the memory.
    pub(crate) fn clear(&mut self) {
        self.table.clear();
        self.text.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_changes_and_lists_what_it_was_given() {
        let mut map: PackedMap<(u32, Range<usize>)> = PackedMap::with_capacity(16, 2);
        for (n, (key, extra)) in [("alpha", "A"), ("beta", "B"), ("gamma", "")]
            .into_iter()
            .enumerate()
        {
            let (_, found) = map.get_or_insert_with(key, |text| {
                let start = text.len();
                text.push_str(extra);
                (n as u32, start..text.len())
            });
            assert!(!found);
        }
        let (beta, found) = map.get_or_insert_with("beta", |_| unreachable!("beta is there"));
        assert!(found);
        beta.0 = 7;
        let (key, &(n, ref extra)) = map.get("beta").unwrap();
        assert_eq!((key, n, map.text(extra.clone())), ("beta", 7, "B"));
        assert_eq!(map.text(map.get("alpha").unwrap().1 .1.clone()), "A");
        assert!(map.get("alph").is_none() && map.get("alphaA").is_none());
        let mut keys: Vec<&str> = map.iter().map(|(key, _)| key).collect();
        keys.sort_unstable();
        assert_eq!((keys, map.len()), (vec!["alpha", "beta", "gamma"], 3));
        map.clear();
        assert!(map.is_empty() && map.get("alpha").is_none() && map.text.is_empty());
    }
}
