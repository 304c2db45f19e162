//! The linear-chain tagger: BIO tags over PERSON/ORG/LOC/MISC, hashed
//! feature weights in one flat array, first-order transitions, Viterbi.

use super::clusters::Clusters;
use super::features::{Features, Lists};
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

const MAGIC: &[u8; 8] = b"DLNER\x00\x04\x00";

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

/// Weights of the tagger plus the gazetteer and word clusters its features use.
#[derive(Debug, Clone)]
pub struct Model {
    /// Name lists used by the features.
    pub gazetteer: Gazetteer,
    /// Word clusters used by the features.
    pub clusters: Clusters,
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
    pub fn zeros(gazetteer: Gazetteer, clusters: Clusters, buckets: usize) -> Model {
        assert!(
            buckets.is_power_of_two(),
            "bucket count must be a power of two"
        );
        Model {
            gazetteer,
            clusters,
            buckets,
            weights: vec![0.0; buckets * TAGS],
            transitions: vec![0.0; TAGS * TAGS],
            start: vec![0.0; TAGS],
        }
    }

    /// The word lists its features look up.
    pub fn lists(&self) -> Lists<'_> {
        Lists {
            gazetteer: &self.gazetteer,
            clusters: &self.clusters,
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
        let end = range.end;
        for (k, i) in range.enumerate() {
            if i + PREFETCH_AHEAD < end {
                for &row in features.of(i + PREFETCH_AHEAD) {
                    let at = row as usize * TAGS;
                    prefetch(&self.weights[at]);
                    prefetch(&self.weights[at + TAGS - 1]);
                }
            }
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
        let transitions = self.constrained_transitions();
        for i in 1..n {
            // For every `to` at once (a loop the compiler vectorises), the
            // first `from` with the highest score.
            let mut best = [f32::NEG_INFINITY; TAGS];
            let mut arg = [0u8; TAGS];
            for (from, &prev) in score.iter().enumerate() {
                let row = &transitions[from * TAGS..from * TAGS + TAGS];
                for to in 0..TAGS {
                    let s = prev + row[to];
                    if s > best[to] {
                        best[to] = s;
                        arg[to] = from as u8;
                    }
                }
            }
            for (to, s) in score.iter_mut().enumerate() {
                *s = best[to] + em[i * TAGS + to];
            }
            back[i * TAGS..i * TAGS + TAGS].copy_from_slice(&arg);
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

    /// The transition weights with minus infinity where [`allowed`] forbids
    /// the step: a forbidden step then never beats the best one (which starts
    /// at minus infinity too), as if skipped, without a test per step.
    fn constrained_transitions(&self) -> [f32; TAGS * TAGS] {
        let mut out = [f32::NEG_INFINITY; TAGS * TAGS];
        for (k, (o, &t)) in out.iter_mut().zip(&self.transitions).enumerate() {
            if allowed(Some(k / TAGS), k % TAGS) {
                *o = t;
            }
        }
        out
    }

    /// Serialises the model (little-endian). Emission weights are stored as
    /// 16-bit integers times one scale, which halves the file at no
    /// measurable cost in accuracy; transitions stay `f32`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.weights.len() * 2 + 1024);
        out.extend_from_slice(MAGIC);
        self.gazetteer.write_to(&mut out);
        self.clusters.write_to(&mut out);
        out.extend_from_slice(&(self.buckets as u64).to_le_bytes());
        for w in self.start.iter().chain(&self.transitions) {
            out.extend_from_slice(&w.to_le_bytes());
        }
        let max = self.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 {
            max / f32::from(i16::MAX)
        } else {
            1.0
        };
        out.extend_from_slice(&scale.to_le_bytes());
        for w in &self.weights {
            out.extend_from_slice(&((w / scale).round() as i16).to_le_bytes());
        }
        out
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let rest = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or(ModelError::BadMagic)?;
        let (gazetteer, rest) = Gazetteer::read_from(rest).ok_or(ModelError::Truncated)?;
        let (clusters, rest) = Clusters::read_from(rest).ok_or(ModelError::Truncated)?;
        let buckets = rest
            .get(..8)
            .and_then(|b| usize::try_from(u64::from_le_bytes(b.try_into().ok()?)).ok())
            .filter(|b| b.is_power_of_two())
            .ok_or(ModelError::Truncated)?;
        let head = (TAGS + TAGS * TAGS + 1) * 4;
        if rest.len() != 8 + head + buckets * TAGS * 2 {
            return Err(ModelError::Truncated);
        }
        let f32_at = |k: usize| {
            let b = &rest[8 + 4 * k..12 + 4 * k];
            f32::from_le_bytes([b[0], b[1], b[2], b[3]])
        };
        let start = (0..TAGS).map(f32_at).collect();
        let transitions = (TAGS..TAGS + TAGS * TAGS).map(f32_at).collect();
        let scale = f32_at(TAGS + TAGS * TAGS);
        let weights = rest[8 + head..]
            .chunks_exact(2)
            .map(|c| f32::from(i16::from_le_bytes([c[0], c[1]])) * scale)
            .collect();
        Ok(Model {
            gazetteer,
            clusters,
            buckets,
            weights,
            transitions,
            start,
        })
    }
}

/// How many tokens ahead [`Model::emissions`] asks for weight rows: a
/// token's rows lie scattered over the whole table, and loading them is
/// most of the tagger's time unless they are on their way early.
const PREFETCH_AHEAD: usize = 2;

/// Asks the processor to bring `value`'s cache line closer.
#[inline(always)]
fn prefetch(value: &f32) {
    // SAFETY: a prefetch is only a hint; it reads nothing, and SSE, which
    // it needs, is part of every x86-64 processor.
    #[cfg(target_arch = "x86_64")]
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
            (value as *const f32).cast(),
        )
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
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
        let mut m = Model::zeros(Gazetteer::default(), Clusters::default(), 8);
        m.weights[5] = 1.5;
        m.transitions[3] = -2.0;
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert!((back.weights[5] - 1.5).abs() < 1e-3);
        assert!(back
            .weights
            .iter()
            .enumerate()
            .all(|(k, w)| k == 5 || *w == 0.0));
        assert_eq!(back.transitions, m.transitions);
        assert!(Model::from_bytes(b"nope").is_err());
    }

    #[test]
    fn viterbi_respects_constraints() {
        let m = Model::zeros(Gazetteer::default(), Clusters::default(), 8);
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
