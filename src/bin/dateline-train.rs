//! Rebuilds the shipped NER model: `cargo run --release --bin dateline-train -- --help`.
//! The data it was built from is listed in `models/SOURCES.md`.

use anyhow::Context;
use clap::Parser;
use dateline::extract::train::{load_gazetteer, read_docs, train, TrainConfig};
use std::path::PathBuf;

/// Train the PERSON/ORG/LOC tagger and write the model file.
#[derive(Parser)]
struct Args {
    /// Annotated JSONL files (`{"text","entities":[{"start","end","type"}]}` a line).
    #[arg(long = "train", required = true)]
    train: Vec<PathBuf>,
    /// Folder with the gazetteer lists (`first_names.txt`, `countries.txt`, ...).
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
    /// Seed of the shuffling order.
    #[arg(long, default_value_t = TrainConfig::default().seed)]
    seed: u64,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    anyhow::ensure!(
        args.buckets.is_power_of_two(),
        "--buckets must be a power of two"
    );
    let mut docs = Vec::new();
    for path in &args.train {
        let part = read_docs(path)?;
        eprintln!("{}: {} documents", path.display(), part.len());
        docs.extend(part);
    }
    let gazetteer = load_gazetteer(&args.gazetteers)?;
    eprintln!("gazetteer: {} phrases", gazetteer.len());
    let config = TrainConfig {
        epochs: args.epochs,
        buckets: args.buckets,
        seed: args.seed,
    };
    let model = train(&docs, gazetteer, config, |line| eprintln!("{line}"));
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!("wrote {} ({} bytes)", args.out.display(), bytes.len());
    Ok(())
}
