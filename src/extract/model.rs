//! The linear-chain tagger: BIO tags over PERSON/ORG/LOC/MISC, hashed
//! feature weights in one flat array, first-order transitions, Viterbi.

use super::features::Features;
use super::gazetteer::Gazetteer;
use thiserror::Error;

/// Entity classes the tagger knows. MISC is learned so that nationalities and
/// events are not pushed into ORG or LOC, then dropped from the output.
pub const CLASSES: usize = 4;
/// Tags: `O`, then `B-c`, `I-c` for each class `c`.
pub const TAGS: usize = 1 + 2 * CLASSES;
/// Index of the outside tag.
pub const OUTSIDE: usize = 0;

/// Tag index of `B-class`.
#[inline]
pub const fn begin(class: usize) -> usize {
    1 + 2 * class
}

/// Tag index of `I-class`.
#[inline]
pub const fn inside(class: usize) -> usize {
    2 + 2 * class
}

/// The class of a non-outside tag.
#[inline]
pub const fn class_of(tag: usize) -> usize {
    (tag - 1) / 2
}

/// True when `to` may follow `from`: `I-c` only continues `B-c` or `I-c`.
#[inline]
pub fn allowed(from: Option<usize>, to: usize) -> bool {
    if to == OUTSIDE || (to - 1).is_multiple_of(2) {
        return true;
    }
    matches!(from, Some(f) if f != OUTSIDE && class_of(f) == class_of(to))
}

const MAGIC: &[u8; 8] = b"DLNER\x00\x01\x00";

/// Errors reading a model file.
#[derive(Debug, Error)]
pub enum ModelError {
    /// The bytes are not a model file of this version.
    #[error("not a dateline NER model (bad magic or version)")]
    BadMagic,
    /// The file ends early or its sizes disagree.
    #[error("truncated or inconsistent model file")]
    Truncated,
}

/// Weights of the tagger plus the gazetteer its features use.
#[derive(Debug, Clone)]
pub struct Model {
    /// Name lists used by the features.
    pub gazetteer: Gazetteer,
    /// Number of feature rows (a power of two).
    pub buckets: usize,
    /// `buckets × TAGS` emission weights, row-major.
    pub weights: Vec<f32>,
    /// `TAGS × TAGS` transition weights, `[from * TAGS + to]`.
    pub transitions: Vec<f32>,
    /// Weight of each tag at the start of a sequence.
    pub start: Vec<f32>,
}

impl Model {
    /// A zero model with `buckets` feature rows.
    pub fn zeros(gazetteer: Gazetteer, buckets: usize) -> Model {
        assert!(
            buckets.is_power_of_two(),
            "bucket count must be a power of two"
        );
        Model {
            gazetteer,
            buckets,
            weights: vec![0.0; buckets * TAGS],
            transitions: vec![0.0; TAGS * TAGS],
            start: vec![0.0; TAGS],
        }
    }

    /// Emission scores of tokens `range` into `out` (`len × TAGS`).
    pub fn emissions(
        &self,
        features: &Features,
        range: std::ops::Range<usize>,
        out: &mut Vec<f32>,
    ) {
        out.clear();
        out.resize(range.len() * TAGS, 0.0);
        for (k, i) in range.enumerate() {
            let mut acc = [0f32; TAGS];
            for &row in features.of(i) {
                let w = &self.weights[row as usize * TAGS..row as usize * TAGS + TAGS];
                for (a, x) in acc.iter_mut().zip(w) {
                    *a += x;
                }
            }
            out[k * TAGS..k * TAGS + TAGS].copy_from_slice(&acc);
        }
    }

    /// Best tag sequence for emission scores `em` (`n × TAGS`), written to `tags`.
    pub fn viterbi(&self, em: &[f32], tags: &mut Vec<usize>, back: &mut Vec<u8>) {
        let n = em.len() / TAGS;
        tags.clear();
        if n == 0 {
            return;
        }
        back.clear();
        back.resize(n * TAGS, 0);
        let mut score = [f32::NEG_INFINITY; TAGS];
        for t in 0..TAGS {
            if allowed(None, t) {
                score[t] = self.start[t] + em[t];
            }
        }
        for i in 1..n {
            let mut next = [f32::NEG_INFINITY; TAGS];
            for to in 0..TAGS {
                let mut best = f32::NEG_INFINITY;
                let mut arg = 0u8;
                for (from, &prev) in score.iter().enumerate() {
                    if !allowed(Some(from), to) {
                        continue;
                    }
                    let s = prev + self.transitions[from * TAGS + to];
                    if s > best {
                        best = s;
                        arg = from as u8;
                    }
                }
                next[to] = best + em[i * TAGS + to];
                back[i * TAGS + to] = arg;
            }
            score = next;
        }
        let mut last = 0;
        for t in 1..TAGS {
            if score[t] > score[last] {
                last = t;
            }
        }
        tags.resize(n, 0);
        tags[n - 1] = last;
        for i in (1..n).rev() {
            tags[i - 1] = back[i * TAGS + tags[i]] as usize;
        }
    }

    /// Serialises the model (little-endian).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.weights.len() * 4 + 1024);
        out.extend_from_slice(MAGIC);
        self.gazetteer.write_to(&mut out);
        out.extend_from_slice(&(self.buckets as u64).to_le_bytes());
        for w in self
            .start
            .iter()
            .chain(&self.transitions)
            .chain(&self.weights)
        {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let rest = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or(ModelError::BadMagic)?;
        let (gazetteer, rest) = Gazetteer::read_from(rest).ok_or(ModelError::Truncated)?;
        let buckets = rest
            .get(..8)
            .and_then(|b| usize::try_from(u64::from_le_bytes(b.try_into().ok()?)).ok())
            .ok_or(ModelError::Truncated)?;
        let floats = &rest[8..];
        let count = TAGS + TAGS * TAGS + buckets * TAGS;
        if !buckets.is_power_of_two() || floats.len() != count * 4 {
            return Err(ModelError::Truncated);
        }
        let mut all: Vec<f32> = floats
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let weights = all.split_off(TAGS + TAGS * TAGS);
        let transitions = all.split_off(TAGS);
        Ok(Model {
            gazetteer,
            buckets,
            weights,
            transitions,
            start: all,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_tags_only_continue_their_class() {
        assert!(allowed(None, begin(0)));
        assert!(!allowed(None, inside(0)));
        assert!(allowed(Some(begin(2)), inside(2)));
        assert!(!allowed(Some(begin(1)), inside(2)));
        assert!(!allowed(Some(OUTSIDE), inside(1)));
    }

    #[test]
    fn round_trips_and_rejects_garbage() {
        let mut m = Model::zeros(Gazetteer::default(), 8);
        m.weights[5] = 1.5;
        m.transitions[3] = -2.0;
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back.weights, m.weights);
        assert_eq!(back.transitions, m.transitions);
        assert!(Model::from_bytes(b"nope").is_err());
    }

    #[test]
    fn viterbi_respects_constraints() {
        let m = Model::zeros(Gazetteer::default(), 8);
        // Emissions favour I-PER at the start, which is not allowed.
        let mut em = vec![0.0; 2 * TAGS];
        em[inside(0)] = 5.0;
        em[TAGS + inside(0)] = 5.0;
        em[begin(0)] = 1.0;
        let (mut tags, mut back) = (Vec::new(), Vec::new());
        m.viterbi(&em, &mut tags, &mut back);
        assert_eq!(tags, vec![begin(0), inside(0)]);
    }
}
