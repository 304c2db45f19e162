//! Training the tagger: an averaged structured perceptron over annotated
//! JSONL documents (the reference scorer's format), deterministic for a seed.
//!
//! `cargo run --release --bin dateline-train -- --help` shows the command;
//! `models/SOURCES.md` records the data the shipped model was built from.

use super::features::Features;
use super::gazetteer::{Category, Gazetteer};
use super::model::{begin, inside, Model, OUTSIDE, TAGS};
use super::postprocess::{LOC, MISC, ORG, PERSON};
use super::tokenize::{sentences, tokenize, Token};
use serde::Deserialize;
use std::path::Path;

/// Errors while reading training data or gazetteers: the shared JSONL reading error.
pub use crate::jsonl::JsonlError as TrainError;

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainConfig {
    /// Passes over the data.
    pub epochs: usize,
    /// Feature rows (power of two); the model file is about `buckets × 18` bytes plus the gazetteer.
    pub buckets: usize,
    /// Seed of the shuffling order of the first run.
    pub seed: u64,
    /// Independent runs (seeds `seed`, `seed + 1`, ...) whose weights are
    /// averaged: a linear model's average costs nothing at run time and
    /// evens out the order-dependence of a single perceptron.
    pub runs: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 12,
            buckets: 1 << 18,
            seed: 20_241_023,
            runs: 32,
        }
    }
}

#[derive(Deserialize)]
struct RawEntity {
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: String,
}

#[derive(Deserialize)]
struct RawDoc {
    text: String,
    #[serde(default)]
    entities: Vec<RawEntity>,
}

/// One annotated document: text and `(start, end, class)` byte spans.
#[derive(Debug, Clone)]
pub struct TrainDoc {
    /// The text.
    pub text: String,
    /// Names as byte spans with a class index.
    pub entities: Vec<(usize, usize, usize)>,
}

fn read(path: &Path) -> Result<String, TrainError> {
    crate::jsonl::read_text(path)
}

/// Reads annotated documents (`{"text","entities":[{"start","end","type"}]}` a line).
pub fn read_docs(path: &Path) -> Result<Vec<TrainDoc>, TrainError> {
    let mut docs = Vec::new();
    for (n, line) in read(path)?
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let raw: RawDoc = crate::jsonl::parse_line(path, n + 1, line)?;
        let entities = raw
            .entities
            .iter()
            .filter_map(|e| {
                let class = match e.kind.as_str() {
                    "PERSON" => PERSON,
                    "ORG" => ORG,
                    "LOC" => LOC,
                    "MISC" => MISC,
                    _ => return None,
                };
                Some((e.start, e.end, class))
            })
            .collect();
        docs.push(TrainDoc {
            text: raw.text,
            entities,
        });
    }
    Ok(docs)
}

/// Builds the gazetteer from the `*.txt` lists in `dir` (see [`Category::FILES`]).
pub fn load_gazetteer(dir: &Path) -> Result<Gazetteer, TrainError> {
    let mut g = Gazetteer::default();
    for (category, stem) in Category::FILES {
        g.add_list(category, &read(&dir.join(format!("{stem}.txt")))?);
    }
    Ok(g)
}

/// Gold BIO tags: a token takes a name's tag when it lies wholly inside it.
fn gold_tags(tokens: &[Token], entities: &[(usize, usize, usize)]) -> Vec<usize> {
    let mut tags = vec![OUTSIDE; tokens.len()];
    for &(start, end, class) in entities {
        let mut first = true;
        for (i, t) in tokens.iter().enumerate() {
            if t.start as usize >= start && t.end as usize <= end {
                tags[i] = if first { begin(class) } else { inside(class) };
                first = false;
            }
        }
    }
    tags
}

/// Weights plus the running sums that averaging needs.
struct Averaged {
    model: Model,
    sums: Vec<f32>,
    trans_sums: Vec<f32>,
    start_sums: Vec<f32>,
    step: f32,
}

impl Averaged {
    fn bump(&mut self, rows: &[u32], tag: usize, delta: f32) {
        for &r in rows {
            let k = r as usize * TAGS + tag;
            self.model.weights[k] += delta;
            self.sums[k] += self.step * delta;
        }
    }

    fn bump_transition(&mut self, from: Option<usize>, to: usize, delta: f32) {
        match from {
            Some(f) => {
                self.model.transitions[f * TAGS + to] += delta;
                self.trans_sums[f * TAGS + to] += self.step * delta;
            }
            None => {
                self.model.start[to] += delta;
                self.start_sums[to] += self.step * delta;
            }
        }
    }

    fn finish(mut self) -> Model {
        let avg = |w: &mut [f32], s: &[f32], step: f32| {
            w.iter_mut().zip(s).for_each(|(w, s)| *w -= s / step);
        };
        avg(&mut self.model.weights, &self.sums, self.step);
        avg(&mut self.model.transitions, &self.trans_sums, self.step);
        avg(&mut self.model.start, &self.start_sums, self.step);
        self.model
    }
}

/// A small deterministic generator for the shuffling order.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Trains `config.runs` models on `docs` and averages them; `progress`
/// receives one line per epoch.
pub fn train(
    docs: &[TrainDoc],
    gazetteer: Gazetteer,
    config: TrainConfig,
    mut progress: impl FnMut(&str),
) -> Model {
    let runs = config.runs.max(1);
    let mut total = Model::zeros(gazetteer.clone(), config.buckets);
    for run in 0..runs {
        progress(&format!("run {}/{runs}", run + 1));
        let seed = config.seed.wrapping_add(run as u64);
        let model = train_one(
            docs,
            gazetteer.clone(),
            TrainConfig { seed, ..config },
            &mut progress,
        );
        let add = |acc: &mut [f32], w: &[f32]| {
            acc.iter_mut()
                .zip(w)
                .for_each(|(a, w)| *a += w / runs as f32)
        };
        add(&mut total.weights, &model.weights);
        add(&mut total.transitions, &model.transitions);
        add(&mut total.start, &model.start);
    }
    total
}

/// One averaged-perceptron run with the shuffling order of `config.seed`.
fn train_one(
    docs: &[TrainDoc],
    gazetteer: Gazetteer,
    config: TrainConfig,
    progress: &mut impl FnMut(&str),
) -> Model {
    let mut prepared = Vec::with_capacity(docs.len());
    let mut units = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        let tokens = tokenize(&doc.text);
        let mut f = Features::default();
        f.compute(&doc.text, &tokens, &gazetteer, config.buckets);
        for s in sentences(&tokens) {
            units.push((d, (s.start, s.end)));
        }
        prepared.push((f, gold_tags(&tokens, &doc.entities)));
    }
    let n = config.buckets * TAGS;
    let mut avg = Averaged {
        model: Model::zeros(gazetteer, config.buckets),
        sums: vec![0.0; n],
        trans_sums: vec![0.0; TAGS * TAGS],
        start_sums: vec![0.0; TAGS],
        step: 1.0,
    };
    let mut rng = XorShift(config.seed | 1);
    let (mut em, mut pred, mut back) = (Vec::new(), Vec::new(), Vec::new());
    for epoch in 0..config.epochs {
        for i in (1..units.len()).rev() {
            units.swap(i, (rng.next() % (i as u64 + 1)) as usize);
        }
        let mut wrong = 0usize;
        let mut total = 0usize;
        for &(d, (a, b)) in &units {
            let (features, gold) = &prepared[d];
            avg.model.emissions(features, a..b, &mut em);
            avg.model.viterbi(&em, &mut pred, &mut back);
            let gold = &gold[a..b];
            total += gold.len();
            for k in 0..gold.len() {
                if pred[k] != gold[k] {
                    wrong += 1;
                    avg.bump(features.of(a + k), gold[k], 1.0);
                    avg.bump(features.of(a + k), pred[k], -1.0);
                }
                let prev = |t: &[usize]| (k > 0).then(|| t[k - 1]);
                if (prev(gold), gold[k]) != (prev(&pred), pred[k]) {
                    avg.bump_transition(prev(gold), gold[k], 1.0);
                    avg.bump_transition(prev(&pred), pred[k], -1.0);
                }
            }
            avg.step += 1.0;
        }
        progress(&format!(
            "epoch {}/{}: {} of {} tokens mistagged",
            epoch + 1,
            config.epochs,
            wrong,
            total
        ));
    }
    avg.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_toy_corpus() {
        let mut g = Gazetteer::default();
        g.add_list(Category::FirstName, "Anna\nBoris");
        let text = "Anna Berg met Boris Lind in Oslo. Boris Lind left Oslo.";
        let span = |s: &str, class| {
            let start = text.find(s).unwrap();
            (start, start + s.len(), class)
        };
        let doc = TrainDoc {
            text: text.into(),
            entities: vec![
                span("Anna Berg", PERSON),
                span("Boris Lind", PERSON),
                span("Oslo", LOC),
            ],
        };
        let config = TrainConfig {
            epochs: 5,
            buckets: 1 << 10,
            seed: 1,
            runs: 2,
        };
        let model = train(&[doc], g, config, |_| {});
        let tokens = tokenize(text);
        let mut f = Features::default();
        f.compute(text, &tokens, &model.gazetteer, model.buckets);
        let (mut em, mut tags, mut back) = (Vec::new(), Vec::new(), Vec::new());
        model.emissions(&f, 0..tokens.len(), &mut em);
        model.viterbi(&em, &mut tags, &mut back);
        assert_eq!(tags[0], begin(PERSON));
        assert_eq!(tags[1], inside(PERSON));
        assert_eq!(tags[6], begin(LOC));
    }
}
