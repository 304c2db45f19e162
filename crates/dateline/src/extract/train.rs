//! Training the tagger: an averaged structured perceptron over annotated
//! JSONL documents (the reference scorer's format), deterministic for a seed.
//!
//! `cargo run --release --bin dateline-train -- --help` shows the command;
//! `models/SOURCES.md` records the data the shipped model was built from.

use super::clusters::Clusters;
use super::features::{Features, Lists};
use super::gazetteer::{Category, Gazetteer};
use super::model::{allowed, begin, class_of, inside, Model, OUTSIDE, TAGS};
use super::tokenize::{sentences, tokenize, Token};
use super::{to_jsonl_record, Extractor};
use crate::eval::{score, EvalReport, Prediction, Scoring};
use crate::gold::{self, GoldEntity, GoldRecord};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;

/// Errors while reading training data or gazetteers: the shared JSONL reading error.
pub use crate::jsonl::JsonlError as TrainError;

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainConfig {
    /// Passes over the data.
    pub epochs: usize,
    /// Feature rows (power of two); the model file is about `buckets × 18` bytes plus the word lists.
    pub buckets: usize,
    /// Seed of the shuffling order of the first run.
    pub seed: u64,
    /// Independent runs (seeds `seed`, `seed + 1`, ...) whose weights are
    /// averaged: a linear model's average costs nothing at run time and
    /// evens out the order-dependence of a single perceptron. Runs go on
    /// all cores, a run per core at a time; the average is summed in run
    /// order, so the model does not depend on the number of cores.
    pub runs: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 6,
            buckets: 1 << 18,
            seed: 20_241_023,
            runs: 32,
        }
    }
}

/// Type names of the classes, by class index.
const CLASS_NAMES: [&str; 4] = ["PERSON", "ORG", "LOC", "MISC"];

/// One annotated document: text and `(start, end, class)` byte spans.
#[derive(Debug, Clone)]
pub struct TrainDoc {
    /// The text.
    pub text: String,
    /// Names as byte spans with a class index.
    pub entities: Vec<(usize, usize, usize)>,
    /// How much a mistake on this document counts (1 for news-like gold text).
    pub weight: f32,
    /// Bit `1 << class` for each class its source does not annotate: the
    /// tagger is not taught that such names are outside.
    pub unannotated: u8,
}

/// The documents of one training file.
#[derive(Debug, Clone)]
pub struct TrainSet {
    /// The file's name, for reports.
    pub name: String,
    /// Its documents.
    pub docs: Vec<TrainDoc>,
}

fn read(path: &Path) -> Result<String, TrainError> {
    crate::jsonl::read_text(path)
}

/// Reads annotated documents (the [`gold`] format; the id and quotations
/// are not used), each counting `weight`. Every name must have a type.
pub fn read_docs(path: &Path, weight: f32) -> Result<Vec<TrainDoc>, TrainError> {
    let mut docs = Vec::new();
    for (line, record) in gold::read(path)? {
        let class = |kind: &str| CLASS_NAMES.iter().position(|c| *c == kind);
        let mut entities = Vec::with_capacity(record.entities.len());
        for e in &record.entities {
            let Some(kind) = e.kind.as_deref() else {
                return Err(TrainError::Malformed {
                    path: path.to_path_buf(),
                    line,
                    expected: "a \"type\" on every entity",
                });
            };
            entities.extend(class(kind).map(|c| (e.start, e.end, c)));
        }
        let annotated = |c: usize| {
            record.annotated_types.is_empty()
                || record.annotated_types.iter().any(|t| t == CLASS_NAMES[c])
        };
        let unannotated = (0..CLASS_NAMES.len())
            .filter(|&c| !annotated(c))
            .fold(0u8, |bits, c| bits | 1 << c);
        docs.push(TrainDoc {
            text: record.text,
            entities,
            weight,
            unannotated,
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

/// Reads the word clusters `dir/clusters.tsv.gz` (`word<TAB>coarse<TAB>fine` lines).
pub fn load_clusters(dir: &Path) -> Result<Clusters, TrainError> {
    let path = dir.join("clusters.tsv.gz");
    Clusters::parse(&read(&path)?).map_err(|line| TrainError::Malformed {
        path,
        line,
        expected: "word<TAB>coarse cluster<TAB>fine cluster",
    })
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

/// A document's features, gold tags and sentences, computed once for all runs.
struct Prepared {
    features: Features,
    gold: Vec<usize>,
    weight: f32,
    unannotated: u8,
}

fn prepare(docs: &[TrainDoc], lists: Lists<'_>, buckets: usize) -> (Vec<Prepared>, Vec<Unit>) {
    let mut prepared = Vec::with_capacity(docs.len());
    let mut units = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        let tokens = tokenize(&doc.text);
        let mut features = Features::default();
        features.compute(&doc.text, &tokens, lists, buckets);
        units.extend(
            sentences(&tokens)
                .into_iter()
                .map(|s| (d, (s.start, s.end))),
        );
        prepared.push(Prepared {
            features,
            gold: gold_tags(&tokens, &doc.entities),
            weight: doc.weight,
            unannotated: doc.unannotated,
        });
    }
    (prepared, units)
}

/// A sentence: document index and token range.
type Unit = (usize, (usize, usize));

/// Trains `config.runs` models on `docs` and averages them; `progress`
/// receives one line per run.
pub fn train(
    docs: &[TrainDoc],
    gazetteer: Gazetteer,
    clusters: Clusters,
    config: TrainConfig,
    mut progress: impl FnMut(&str),
) -> Model {
    let runs = config.runs.max(1);
    let mut total = Model::zeros(gazetteer, clusters, config.buckets);
    let (prepared, units) = prepare(docs, total.lists(), config.buckets);
    let add = |acc: &mut [f32], w: &[f32]| {
        acc.iter_mut()
            .zip(w)
            .for_each(|(a, w)| *a += w / runs as f32)
    };
    // A run per core at a time, so that only that many models are held
    // before they are summed.
    let all: Vec<usize> = (0..runs).collect();
    for chunk in all.chunks(rayon::current_num_threads()) {
        let trained: Vec<(Model, String)> = chunk
            .par_iter()
            .map(|&run| {
                let seed = config.seed.wrapping_add(run as u64);
                train_one(
                    &prepared,
                    units.clone(),
                    &total,
                    TrainConfig { seed, ..config },
                )
            })
            .collect();
        for (run, (model, summary)) in chunk.iter().zip(trained) {
            progress(&format!("run {}/{runs}: {summary}", run + 1));
            add(&mut total.weights, &model.weights);
            add(&mut total.transitions, &model.transitions);
            add(&mut total.start, &model.start);
        }
    }
    total
}

/// The tags a mistake is measured against: the gold tags, except that a
/// predicted name of a class the source does not annotate, where the gold
/// says outside, is taken as right (the source would not have marked it).
fn target(gold: &[usize], pred: &[usize], unannotated: u8, out: &mut Vec<usize>) {
    out.clear();
    for (k, (&g, &p)) in gold.iter().zip(pred).enumerate() {
        let unmarked = g == OUTSIDE && p != OUTSIDE && unannotated & (1 << class_of(p)) != 0;
        let fits = allowed(k.checked_sub(1).map(|j| out[j]), p);
        out.push(if unmarked && fits { p } else { g });
    }
}

/// One averaged-perceptron run with the shuffling order of `config.seed`,
/// and how many tokens its last pass mistagged; `zero` is the model to
/// start from (lists and bucket count).
fn train_one(
    prepared: &[Prepared],
    mut units: Vec<Unit>,
    zero: &Model,
    config: TrainConfig,
) -> (Model, String) {
    let n = config.buckets * TAGS;
    let mut avg = Averaged {
        model: Model {
            weights: vec![0.0; n],
            transitions: vec![0.0; TAGS * TAGS],
            start: vec![0.0; TAGS],
            ..zero.clone()
        },
        sums: vec![0.0; n],
        trans_sums: vec![0.0; TAGS * TAGS],
        start_sums: vec![0.0; TAGS],
        step: 1.0,
    };
    // Odd, so never the generator's stuck state zero. Seeds 2k and 2k + 1
    // share an order this way, so 32 runs are 16 orders; kept because the
    // shipped model is rebuilt byte for byte with it (distinct orders were
    // measured: no better on the folds, dev ORG 0.738 against 0.747).
    let mut rng = XorShift(config.seed | 1);
    let (mut em, mut pred, mut back, mut gold) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut wrong, mut total) = (0usize, 0usize);
    for _ in 0..config.epochs {
        for i in (1..units.len()).rev() {
            units.swap(i, (rng.next() % (i as u64 + 1)) as usize);
        }
        (wrong, total) = (0, 0);
        for &(d, (a, b)) in &units {
            let doc = &prepared[d];
            let features = &doc.features;
            avg.model.emissions(features, a..b, &mut em);
            avg.model.viterbi(&em, &mut pred, &mut back);
            target(&doc.gold[a..b], &pred, doc.unannotated, &mut gold);
            let w = doc.weight;
            total += gold.len();
            for k in 0..gold.len() {
                if pred[k] != gold[k] {
                    wrong += 1;
                    avg.bump(features.of(a + k), gold[k], w);
                    avg.bump(features.of(a + k), pred[k], -w);
                }
                let prev = |t: &[usize]| (k > 0).then(|| t[k - 1]);
                if (prev(&gold), gold[k]) != (prev(&pred), pred[k]) {
                    avg.bump_transition(prev(&gold), gold[k], w);
                    avg.bump_transition(prev(&pred), pred[k], -w);
                }
            }
            avg.step += 1.0;
        }
    }
    let summary = format!("last pass {wrong} of {total} tokens mistagged");
    (avg.finish(), summary)
}

/// The held-out documents of one training file: gold, predictions, and
/// prediction lines for the dump.
type HeldOut = (Vec<GoldRecord>, HashMap<String, Prediction>, Vec<String>);

/// Held-out figures of one training file.
#[derive(Debug)]
pub struct FoldReport {
    /// The file's name.
    pub name: String,
    /// Held-out documents scored.
    pub docs: usize,
    /// The scores of the whole extractor (tagger and rules) on them.
    pub report: EvalReport,
}

/// Cross-validation per source: document `i` of every set is in fold
/// `i % folds`; for each of the first `run_folds` folds a model is trained on
/// all other documents (and `always`, which is never held out) and the whole
/// extractor is scored on the held-out documents of each set. When `dump` is
/// given, the held-out gold and predictions are written there as
/// `<name>.gold.jsonl` / `<name>.pred.jsonl` for error analysis.
pub fn cross_validate(
    sets: &[TrainSet],
    lists: (&Gazetteer, &Clusters),
    config: TrainConfig,
    (folds, run_folds): (usize, usize),
    dump: Option<&Path>,
    mut progress: impl FnMut(&str),
) -> Result<Vec<FoldReport>, TrainError> {
    let mut held: Vec<HeldOut> = sets.iter().map(|_| Default::default()).collect();
    for fold in 0..run_folds.min(folds) {
        progress(&format!("fold {}/{folds}", fold + 1));
        let train_docs: Vec<TrainDoc> = sets
            .iter()
            .flat_map(|s| s.docs.iter().enumerate())
            .filter(|(i, _)| i % folds != fold)
            .map(|(_, d)| d.clone())
            .collect();
        let model = train(
            &train_docs,
            lists.0.clone(),
            lists.1.clone(),
            config,
            &mut progress,
        );
        let extractor = Extractor::from_model_bytes(&model.to_bytes())
            .expect("a model just written reads back");
        for (set, (gold, pred, lines)) in sets.iter().zip(held.iter_mut()) {
            for (i, doc) in set
                .docs
                .iter()
                .enumerate()
                .filter(|(i, _)| i % folds == fold)
            {
                let id = format!("{}#{i}", set.name);
                let extraction = extractor.extract(&doc.text);
                lines.push(to_jsonl_record(&id, &doc.text, &extraction).to_string());
                pred.insert(id.clone(), Prediction::from_extraction(&extraction));
                gold.push(gold_doc(id, doc));
            }
        }
    }
    let mut reports = Vec::new();
    for (set, (gold, pred, lines)) in sets.iter().zip(held) {
        if let Some(dir) = dump {
            write_dump(dir, &set.name, &gold, &lines)?;
        }
        reports.push(FoldReport {
            name: set.name.clone(),
            docs: gold.len(),
            report: score(&gold, &pred, Scoring::default()),
        });
    }
    Ok(reports)
}

/// A training document as a gold document of the scorer.
fn gold_doc(id: String, doc: &TrainDoc) -> GoldRecord {
    GoldRecord {
        id: Some(id),
        text: doc.text.clone(),
        entities: doc
            .entities
            .iter()
            .map(|&(start, end, class)| GoldEntity::typed(start, end, CLASS_NAMES[class]))
            .collect(),
        ..GoldRecord::default()
    }
}

fn write_dump(
    dir: &Path,
    name: &str,
    gold: &[GoldRecord],
    pred: &[String],
) -> Result<(), TrainError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| TrainError::Io { path, source }
    };
    let gold_lines: Vec<String> = gold
        .iter()
        .map(|g| {
            let entities: Vec<serde_json::Value> = g
                .entities
                .iter()
                .map(|e| serde_json::json!({"start": e.start, "end": e.end, "type": e.kind}))
                .collect();
            serde_json::json!({"id": g.id, "text": g.text, "entities": entities}).to_string()
        })
        .collect();
    for (suffix, lines) in [("gold", &gold_lines), ("pred", &pred.to_vec())] {
        let path = dir.join(format!("{name}.{suffix}.jsonl"));
        std::fs::write(&path, lines.join("\n") + "\n").map_err(io(&path))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::postprocess::{LOC, MISC, ORG, PERSON};

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
            weight: 1.0,
            unannotated: 0,
        };
        let config = TrainConfig {
            epochs: 5,
            buckets: 1 << 10,
            seed: 1,
            runs: 2,
        };
        let model = train(&[doc], g, Clusters::default(), config, |_| {});
        let tokens = tokenize(text);
        let mut f = Features::default();
        f.compute(text, &tokens, model.lists(), model.buckets);
        let (mut em, mut tags, mut back) = (Vec::new(), Vec::new(), Vec::new());
        model.emissions(&f, 0..tokens.len(), &mut em);
        model.viterbi(&em, &mut tags, &mut back);
        assert_eq!(tags[0], begin(PERSON));
        assert_eq!(tags[1], inside(PERSON));
        assert_eq!(tags[6], begin(LOC));
    }

    #[test]
    fn unannotated_classes_are_not_taught_as_outside() {
        let (o, b_misc, i_misc, b_per) = (OUTSIDE, begin(MISC), inside(MISC), begin(PERSON));
        let gold = [b_per, o, o, o];
        let pred = [b_per, b_misc, i_misc, begin(ORG)];
        let mut out = Vec::new();
        target(&gold, &pred, 1 << MISC, &mut out);
        assert_eq!(out, vec![b_per, b_misc, i_misc, o]);
        target(&gold, &pred, 0, &mut out);
        assert_eq!(out, gold.to_vec());
        // A predicted continuation of a name the gold marks is still wrong.
        target(
            &[b_per, o],
            &[begin(MISC), inside(MISC)],
            1 << MISC,
            &mut out,
        );
        assert_eq!(out, vec![b_per, o]);
    }
}
