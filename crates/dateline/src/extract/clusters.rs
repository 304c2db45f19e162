//! Word clusters as tagger features: words with similar word vectors share a
//! cluster, so a surname or company the training data never showed still
//! looks like the ones it did.
//!
//! The clusters come from `data/gazetteers/clusters.tsv.gz` (made by
//! `tools/clusters.py` from the word vectors of spaCy's `en_core_web_md`) and
//! are compiled into the model file by the training command.

use super::hash::{hash_lower, HashKeyMap};

/// Cluster ids of one word: a coarse and a fine clustering.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cluster {
    /// Coarse cluster, 1-based; 0 for a word without a vector.
    pub coarse: u16,
    /// Fine cluster, 1-based; 0 for a word without a vector.
    pub fine: u16,
}

/// Lower-cased word hash → its clusters.
#[derive(Debug, Clone, Default)]
pub struct Clusters {
    entries: HashKeyMap<Cluster>,
}

impl Clusters {
    /// Reads `word<TAB>coarse<TAB>fine` lines; malformed lines are reported by number.
    pub fn parse(list: &str) -> Result<Clusters, usize> {
        let mut entries = HashKeyMap::default();
        for (n, line) in list.lines().enumerate().filter(|(_, l)| !l.is_empty()) {
            let mut fields = line.split('\t');
            let word = fields.next().ok_or(n + 1)?;
            let mut id = || -> Result<u16, usize> {
                let value: u16 = fields.next().and_then(|f| f.parse().ok()).ok_or(n + 1)?;
                value.checked_add(1).ok_or(n + 1)
            };
            let (coarse, fine) = (id()?, id()?);
            entries.insert(hash_lower(word), Cluster { coarse, fine });
        }
        Ok(Clusters { entries })
    }

    /// Clusters of the word whose lower-case hash is `lower`.
    #[inline]
    pub fn get(&self, lower: u64) -> Cluster {
        self.entries.get(&lower).copied().unwrap_or_default()
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no word has a cluster.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Serialises as a count then sorted `(hash, coarse, fine)` triples, little-endian.
    pub fn write_to(&self, out: &mut Vec<u8>) {
        let mut rows: Vec<(u64, Cluster)> = self.entries.iter().map(|(&h, &c)| (h, c)).collect();
        rows.sort_unstable_by_key(|r| r.0);
        out.extend_from_slice(&(rows.len() as u64).to_le_bytes());
        for (h, c) in rows {
            out.extend_from_slice(&h.to_le_bytes());
            out.extend_from_slice(&c.coarse.to_le_bytes());
            out.extend_from_slice(&c.fine.to_le_bytes());
        }
    }

    /// Reads what [`Clusters::write_to`] wrote; returns it and the bytes after it.
    pub fn read_from(bytes: &[u8]) -> Option<(Clusters, &[u8])> {
        let n = usize::try_from(u64::from_le_bytes(bytes.get(..8)?.try_into().ok()?)).ok()?;
        let body = bytes.get(8..8 + n.checked_mul(12)?)?;
        let mut entries = HashKeyMap::default();
        entries.reserve(n);
        for row in body.chunks_exact(12) {
            let h = u64::from_le_bytes(row[..8].try_into().ok()?);
            let coarse = u16::from_le_bytes(row[8..10].try_into().ok()?);
            let fine = u16::from_le_bytes(row[10..].try_into().ok()?);
            entries.insert(h, Cluster { coarse, fine });
        }
        Some((Clusters { entries }, &bytes[8 + n * 12..]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_looks_up_case_blind_and_round_trips() {
        let clusters = Clusters::parse("haddad\t3\t17\nsaid\t0\t5\n").unwrap();
        let mut bytes = Vec::new();
        clusters.write_to(&mut bytes);
        let (back, rest) = Clusters::read_from(&bytes).unwrap();
        assert!(rest.is_empty());
        assert_eq!(
            back.get(hash_lower("HADDAD")),
            Cluster {
                coarse: 4,
                fine: 18
            }
        );
        assert_eq!(back.get(hash_lower("unknown")), Cluster::default());
        assert_eq!(Clusters::parse("word\tx\t1\n").unwrap_err(), 1);
    }
}
