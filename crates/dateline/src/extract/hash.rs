//! Cheap, deterministic 64-bit hashing for feature strings and gazetteer phrases.
//!
//! Feature values are hashed straight from the text bytes (lowercased on the
//! fly), so the tagger never allocates a `String` per token. The hash must be
//! stable across runs and platforms because the shipped model stores weights
//! by hash bucket.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

const K: u64 = 0x517c_c1b7_2722_0a95;

/// Mixes `x` into the running hash `h`.
#[inline]
pub fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Final avalanche so that low bits (used as bucket index) depend on all input.
#[inline]
pub fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// Hash of `s` with every character lowercased.
#[inline]
pub fn hash_lower(s: &str) -> u64 {
    let mut h = 0x2545_f491_4f6c_dd1d;
    if s.is_ascii() {
        for b in s.bytes() {
            h = mix(h, u64::from(b.to_ascii_lowercase()));
        }
    } else {
        for c in s.chars().flat_map(char::to_lowercase) {
            h = mix(h, u64::from(u32::from(c)));
        }
    }
    h
}

/// A hasher for keys that are already good 64-bit hashes.
#[derive(Default, Clone, Copy)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by precomputed hashes.
pub type HashKeyMap<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;
/// A set of precomputed hashes.
pub type HashKeySet = HashSet<u64, BuildHasherDefault<IdentityHasher>>;
