//! Rebuilds the shipped NER model: `cargo run --release --bin dateline-train -- --help`.
//! The data it was built from is listed in `models/SOURCES.md`.

use anyhow::Context;
use clap::Parser;
use dateline::extract::train::{
    cross_validate, load_clusters, load_gazetteer, read_docs, train, TrainConfig, TrainSet,
};
use std::path::{Path, PathBuf};

/// Train the PERSON/ORG/LOC tagger and write the model file, or measure it
/// by cross-validation on the training files.
#[derive(Parser)]
struct Args {
    /// Annotated JSONL file (`{"text","entities":[{"start","end","type"}]}` a line), optionally
    /// with the weight of its mistakes: `FILE:0.5` (default 1).
    #[arg(long = "train", required = true, value_name = "FILE[:WEIGHT]")]
    train: Vec<String>,
    /// Folder with the gazetteer lists (`first_names.txt`, ...) and `clusters.tsv.gz`.
    #[arg(long, default_value = "data/gazetteers")]
    gazetteers: PathBuf,
    /// Where to write the model.
    #[arg(long, default_value = "models/ner.bin")]
    out: PathBuf,
    /// Passes over the data.
    #[arg(long, default_value_t = TrainConfig::default().epochs)]
    epochs: usize,
    /// Feature hash rows, a power of two.
    #[arg(long, default_value_t = TrainConfig::default().buckets)]
    buckets: usize,
    /// Seed of the shuffling order of the first run.
    #[arg(long, default_value_t = TrainConfig::default().seed)]
    seed: u64,
    /// Runs with consecutive seeds whose weights are averaged.
    #[arg(long, default_value_t = TrainConfig::default().runs)]
    runs: usize,
    /// Instead of writing a model: K-fold cross-validation per training file
    /// (document i in fold i mod K), printing each file's held-out figures.
    #[arg(long, value_name = "K")]
    folds: Option<usize>,
    /// With --folds: run only the first N folds (a quicker estimate).
    #[arg(long, value_name = "N", requires = "folds")]
    run_folds: Option<usize>,
    /// With --folds: write each file's held-out gold and predictions here.
    #[arg(long, value_name = "DIR", requires = "folds")]
    dump: Option<PathBuf>,
}

/// `FILE` or `FILE:WEIGHT`.
fn file_and_weight(arg: &str) -> anyhow::Result<(&Path, f32)> {
    match arg.rsplit_once(':') {
        Some((file, weight)) if weight.parse::<f32>().is_ok() => {
            let weight: f32 = weight.parse()?;
            anyhow::ensure!(weight > 0.0, "--train {arg}: the weight must be above 0");
            Ok((Path::new(file), weight))
        }
        _ => Ok((Path::new(arg), 1.0)),
    }
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    anyhow::ensure!(
        args.buckets.is_power_of_two(),
        "--buckets must be a power of two"
    );
    let mut sets = Vec::new();
    for arg in &args.train {
        let (path, weight) = file_and_weight(arg)?;
        let docs = read_docs(path, weight)?;
        eprintln!(
            "{}: {} documents, weight {weight}",
            path.display(),
            docs.len()
        );
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().trim_end_matches(".jsonl").to_string(),
        );
        sets.push(TrainSet { name, docs });
    }
    let gazetteer = load_gazetteer(&args.gazetteers)?;
    let clusters = load_clusters(&args.gazetteers)?;
    eprintln!(
        "gazetteer: {} phrases; clusters: {} words",
        gazetteer.len(),
        clusters.len()
    );
    let config = TrainConfig {
        epochs: args.epochs,
        buckets: args.buckets,
        seed: args.seed,
        runs: args.runs,
    };
    if let Some(folds) = args.folds {
        anyhow::ensure!(folds >= 2, "--folds must be at least 2");
        let run_folds = args.run_folds.unwrap_or(folds);
        let reports = cross_validate(
            &sets,
            (&gazetteer, &clusters),
            config,
            (folds, run_folds),
            args.dump.as_deref(),
            |line| eprintln!("{line}"),
        )?;
        println!("| file | held-out docs | PERSON | ORG | LOC |\n|---|---|---|---|---|");
        for r in reports {
            let f1 = |k: usize| r.report.entities.as_ref().map_or(0.0, |e| e[k].mention.f1);
            println!(
                "| {} | {} | {:.3} | {:.3} | {:.3} |",
                r.name,
                r.docs,
                f1(0),
                f1(1),
                f1(2)
            );
        }
        return Ok(());
    }
    let docs: Vec<_> = sets.into_iter().flat_map(|s| s.docs).collect();
    let model = train(&docs, gazetteer, clusters, config, |line| {
        eprintln!("{line}")
    });
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!("wrote {} ({} bytes)", args.out.display(), bytes.len());
    Ok(())
}
