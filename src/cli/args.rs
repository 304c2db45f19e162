//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use dateline::extract::EntityKind;
use dateline::search::{period_end, period_start};
use dateline::search::{Counted, Filters, InvalidDate, DEFAULT_LIMIT, MAX_TOP_NAMES};

/// Where the index lives unless `--index` or `DATELINE_INDEX` says otherwise.
pub const DEFAULT_INDEX: &str = ".dateline-index";

/// Search engine for news archives: index a folder of dated articles with the
/// people, organizations and quotes in them, then search it.
#[derive(Debug, Parser)]
#[command(
    name = "dateline",
    version,
    after_help = "Quick start:\n  dateline index sample_corpus\n  dateline search water --person vasquez --from 2024\n\n\
Exit codes: 0 success; 1 error (no index, locked index, unreadable archive, nothing indexed);\n\
2 invalid arguments, query or date; 3 `index --strict` and some files failed.\n\
Colors follow the terminal and are off when NO_COLOR is set or output is piped."
)]
pub struct Cli {
    /// Index directory [default: ./.dateline-index in the working directory]
    #[arg(long, global = true, env = "DATELINE_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The index directory to use.
    pub fn index_dir(&self) -> PathBuf {
        self.index
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX))
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index (or update the index of) one or more archive folders.
    ///
    /// Reads .txt, .md, .json, .jsonl/.ndjson and .html articles, also gzipped,
    /// extracts people, organizations, places and quotes, and writes them to
    /// the index. Re-running it only reads new and changed files, and drops
    /// articles whose file was deleted. All changes land in one commit: an
    /// interrupted run leaves the previous index intact. A file that cannot
    /// be read to its end is listed as failed and keeps the articles it had;
    /// it is read again on the next run.
    #[command(
        after_help = "Examples:\n  dateline index ~/archive\n  dateline index ~/archive --index /data/archive-index --json"
    )]
    Index(IndexArgs),
    /// Search the index: ranked articles with highlighted snippets.
    #[command(after_help = SEARCH_HELP)]
    Search(SearchArgs),
    /// Show what the extractor finds in one article (or score JSON lines).
    ///
    /// With FILE: the people, organizations, places and quotes of each article
    /// in the file. With --jsonl: reads {"id","text"} lines on stdin and
    /// writes one JSON line per input with entities and quotes (byte offsets
    /// into text), the format ../shared/tools/score.py reads.
    Extract(ExtractArgs),
    /// Search direct quotations: who said what, when.
    ///
    /// Hits are quotations with their speaker, date and article, ranked by
    /// relevance (newest first without QUERY).
    #[command(
        after_help = "Examples:\n  dateline quotes troops --speaker cha\n  dateline quotes --speaker \"Sydney Seiler\"\n  dateline quotes water --org \"Coastal Rights Alliance\" --from 2024 --json"
    )]
    Quotes(QuotesArgs),
    /// Score the extractor against a gold annotation file (score.py's figures).
    ///
    /// Runs the extractor over each {"id","text"} line of the gold file and
    /// prints per-type entity precision, recall and F1 (mention level and
    /// per-document name sets), quote figures when the file has quotes, and
    /// throughput.
    #[command(
        after_help = "Example:\n  dateline eval --gold ../shared/data/ner/gum_wikinews.dev.jsonl"
    )]
    Eval(EvalArgs),
    /// The most mentioned people, organizations and places among matching articles.
    #[command(
        after_help = "Examples:\n  dateline entities --kind person --top 20\n  dateline entities --kind person --person vasquez   # who appears with Vasquez\n  dateline entities harbor --from 2024 --csv > names.csv"
    )]
    Entities(EntitiesArgs),
    /// List, merge, rename, retype and hide the names merged across the archive.
    ///
    /// dateline counts each person, organization and place once however the
    /// articles spell it: names differing only in case or accents, an
    /// organization with or without its legal suffix (Inc., Ltd), a country
    /// by its other names (US, U.S., USA, America), and a surname used alone
    /// where the archive names one person so within 90 days. Without an
    /// action, lists those merged names and the edits of the names file.
    /// Edits are kept in the index folder (names.json), survive `index
    /// --rebuild` and apply at once, without reading the archive again;
    /// `show` keeps what each article wrote.
    #[command(after_help = NAMES_HELP)]
    Names(NamesArgs),
    /// Matching articles per day, week, month or year, as a bar chart.
    #[command(
        after_help = "Examples:\n  dateline timeline --by month\n  dateline timeline troops --person putin --by week --json"
    )]
    Timeline(TimelineArgs),
    /// One article as stored, with its people, organizations, places and quotes.
    Show(ShowArgs),
    /// What the index holds: articles, date span, distinct names, size on disk.
    Stats(StatsArgs),
    /// Open the archive in a browser: search, facets, timeline, articles, and a JSON API.
    ///
    /// Serves on 127.0.0.1 (this machine only) unless --bind says otherwise.
    /// Read-only; a `dateline index` run meanwhile shows up on the next request.
    #[command(
        after_help = "Examples:\n  dateline serve\n  dateline serve --bind 127.0.0.1:9000\n\nJSON API (parameters named like the CLI's flags):\n  /api/search?q=harbor&person=vasquez&from=2024  /api/quotes  /api/entities  /api/timeline  /api/articles/ID"
    )]
    Serve(ServeArgs),
    /// Export every indexed article, with its names and quotes, for Quickwit or OpenSearch.
    ///
    /// Nothing is extracted again: each document is what `dateline show --json`
    /// prints. Index configurations for both engines are in deploy/, and
    /// docs/scale-out.md says when and how to move.
    #[command(
        after_help = "Examples:\n  dateline export --format quickwit --output articles.ndjson\n  dateline export --format opensearch --output bulk/ --chunk-mb 10"
    )]
    Export(ExportArgs),
    /// Print a man page or a shell completion script.
    #[command(
        after_help = "Examples:\n  dateline generate man > dateline.1\n  dateline generate bash > /etc/bash_completion.d/dateline\n  dateline generate zsh > \"${fpath[1]}/_dateline\""
    )]
    Generate(GenerateArgs),
}

/// Arguments of `dateline serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDRESS:PORT")]
    pub bind: std::net::SocketAddr,
    /// Open the search page in the default browser once the server listens.
    #[arg(long)]
    pub open: bool,
}

/// The engine `dateline export` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EngineArg {
    /// One JSON document a line, for `quickwit index ingest`.
    Quickwit,
    /// `_bulk` request bodies (action and document lines) in chunk files.
    Opensearch,
}

/// Arguments of `dateline export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The engine to write for.
    #[arg(long, value_enum)]
    pub format: EngineArg,
    /// Where to write: a file for quickwit (default: standard output), a
    /// folder of chunk files for opensearch (required).
    #[arg(long, value_name = "PATH", required_if_eq("format", "opensearch"))]
    pub output: Option<PathBuf>,
    /// Largest `_bulk` chunk, in MB (opensearch).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub chunk_mb: u64,
    /// Index the `_bulk` actions name (opensearch).
    #[arg(long, default_value = "dateline", value_name = "NAME")]
    pub index_name: String,
}

/// What `dateline generate` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Generated {
    /// The man page (roff), for `man -l` or a man directory.
    Man,
    /// Completions for bash.
    Bash,
    /// Completions for zsh.
    Zsh,
    /// Completions for fish.
    Fish,
    /// Completions for PowerShell.
    Powershell,
    /// Completions for elvish.
    Elvish,
}

/// Arguments of `dateline generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// What to print.
    #[arg(value_enum)]
    pub what: Generated,
}

/// How a command that lists things prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Readable text, colored on a terminal.
    Text,
    /// One JSON document, for scripts.
    Json,
    /// CSV (RFC 4180) with a header row, for spreadsheets.
    Csv,
}

/// The output format of a listing command: `--format`, or its short forms.
#[derive(Debug, Args)]
#[group(multiple = false)]
pub struct FormatArgs {
    /// Output format.
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<OutputFormat>,
    /// Print JSON (same as --format json).
    #[arg(long)]
    json: bool,
    /// Print CSV, for spreadsheets (same as --format csv).
    #[arg(long)]
    csv: bool,
}

impl FormatArgs {
    /// The format asked for; text by default.
    pub fn get(&self) -> OutputFormat {
        match (self.format, self.json, self.csv) {
            (Some(format), _, _) => format,
            (None, true, _) => OutputFormat::Json,
            (None, _, true) => OutputFormat::Csv,
            (None, false, false) => OutputFormat::Text,
        }
    }
}

/// Which kind of names `entities` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// People.
    Person,
    /// Organizations.
    Org,
    /// Places.
    Place,
}

impl From<KindArg> for EntityKind {
    fn from(kind: KindArg) -> EntityKind {
        match kind {
            KindArg::Person => EntityKind::Person,
            KindArg::Org => EntityKind::Organization,
            KindArg::Place => EntityKind::Place,
        }
    }
}

/// What `entities`, `timeline` and `search --facets` count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CountArg {
    /// Articles: every copy of a story counts.
    Articles,
    /// Stories: the copies of a syndicated or re-published story count once.
    Stories,
}

impl CountArg {
    /// The library's choice.
    pub fn counted(self) -> Counted {
        match self {
            CountArg::Articles => Counted::Articles,
            CountArg::Stories => Counted::Stories,
        }
    }
}

const NAMES_HELP: &str =
    "Examples:\n  dateline names                                  # merged names and edits\n\
  dateline names show Ruiz                        # the entity a name is part of\n\
  dateline names merge \"Apple Inc.\" \"Apple Computer\"   # one entity, named as the first\n\
  dateline names rename \"Harbor Robotics\" \"Harbor Robotics Group\"\n\
  dateline names retype UTC place\n\
  dateline names split Cohen --kind person        # not joined to Spike Cohen by surname\n\
  dateline names hide Wikinews --kind org         # out of facets and name lists\n\
  dateline names --json";

/// Arguments of `dateline names`.
#[derive(Debug, Args)]
pub struct NamesArgs {
    /// What to change; without it, the list.
    #[command(subcommand)]
    pub action: Option<NamesAction>,
    /// Only names of this kind: in the list, or the one meant when names of
    /// several kinds are spelled alike (Georgia the person, Georgia the place).
    #[arg(long, value_enum, global = true)]
    pub kind: Option<KindArg>,
    /// Output format of the list.
    #[command(flatten)]
    pub format: FormatArgs,
}

/// An edit of the names file, or a look at one name.
#[derive(Debug, Subcommand)]
pub enum NamesAction {
    /// The entity a name is part of, with every spelling of it.
    Show {
        /// A spelling or the shown name (any case; accents optional).
        name: String,
    },
    /// Make the entities of several names one, shown as the first one is.
    Merge {
        /// Two names or more; the first keeps its name and kind.
        #[arg(required = true, num_args = 2.., value_name = "NAME")]
        names: Vec<String>,
    },
    /// Keep a spelling out of the merges dateline makes by itself (a
    /// surname joined to the wrong person); your own merges still apply.
    Split {
        /// The spelling (any case; accents optional).
        name: String,
    },
    /// Show an entity under another name.
    Rename {
        /// A spelling or the shown name of the entity.
        name: String,
        /// The name to show it under.
        #[arg(value_name = "NEW_NAME")]
        to: String,
    },
    /// Give an entity another kind (UTC is not an organization).
    Retype {
        /// A spelling or the shown name of the entity.
        name: String,
        /// Its kind.
        #[arg(value_enum, value_name = "KIND")]
        to: KindArg,
    },
    /// Leave an entity out of facets and name lists (the archive's own publisher).
    Hide {
        /// A spelling or the shown name of the entity.
        name: String,
    },
    /// List a hidden entity again.
    Unhide {
        /// A spelling or the shown name of the entity.
        name: String,
    },
}

/// Arguments of `dateline entities`.
#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// Query and filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Only this kind of name [default: all three].
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// How many names to list per kind.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=MAX_TOP_NAMES as u64))]
    pub top: u64,
    /// Count articles, or stories (copies of one story once), and list the names of most first.
    #[arg(long, value_enum, default_value_t = CountArg::Articles)]
    pub count: CountArg,
    /// Output format.
    #[command(flatten)]
    pub format: FormatArgs,
}

/// Period length for `timeline`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PeriodArg {
    /// Calendar days.
    Day,
    /// Weeks starting on Monday.
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// Arguments of `dateline timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Query and filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Period length.
    #[arg(long, value_enum, default_value_t = PeriodArg::Month)]
    pub by: PeriodArg,
    /// Count articles, or stories (copies of one story once).
    #[arg(long, value_enum, default_value_t = CountArg::Articles)]
    pub count: CountArg,
    /// Output format.
    #[command(flatten)]
    pub format: FormatArgs,
}

/// Arguments of `dateline show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Article id, as `search` prints it (`--json` field `id`).
    #[arg(value_name = "ID")]
    pub id: String,
    /// Print the article as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `dateline stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print the figures as JSON.
    #[arg(long)]
    pub json: bool,
}

const SEARCH_HELP: &str =
    "Query syntax (tantivy): words must all appear (stemmed: troop = troops);\n\
  \"a phrase\"; OR; AND; NOT word or -word; harb* (words beginning so); harbr~1 (one\n\
  edit away, ~2 two); field:value with fields title, body, quote, person, org, place,\n\
  source (person:putin, org:\"Security Council\"); person:* (any value: source, person,\n\
  org, place).\n\n\
Examples:\n  dateline search troops --person putin --from 2024-10 --to 2024-12\n\
  dateline search '\"water rights\" OR drought' --sort newest --limit 20\n\
  dateline search --org NATO --json";

/// Arguments of `dateline index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Archive folders (or files) to index.
    #[arg(required = true, value_name = "ARCHIVE")]
    pub archives: Vec<PathBuf>,
    /// Start over: drop everything indexed before and read every file.
    #[arg(long)]
    pub rebuild: bool,
    /// Print the summary as one JSON object (for scripts and cron jobs).
    #[arg(long)]
    pub json: bool,
    /// Exit with code 3 when any file could not be indexed.
    #[arg(long)]
    pub strict: bool,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Hit order for `dateline search`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortArg {
    /// Best match first (newest first when there is no query).
    Relevance,
    /// Newest first.
    Newest,
    /// Oldest first.
    Oldest,
}

/// Which articles a command is about: shared by search, entities and timeline.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// What to look for (tantivy query syntax); without it, every article that passes the filters.
    #[arg(value_name = "QUERY")]
    pub query: Option<String>,
    /// Only articles mentioning this person (full name, alias or surname; repeatable, all must match).
    #[arg(long, value_name = "NAME")]
    pub person: Vec<String>,
    /// Only articles mentioning this organization (name or acronym; repeatable, all must match).
    #[arg(long, value_name = "NAME")]
    pub org: Vec<String>,
    /// Only articles mentioning this place (repeatable, all must match).
    #[arg(long, value_name = "NAME")]
    pub place: Vec<String>,
    /// Only articles from this outlet, in any case (repeatable: any of them).
    #[arg(long, value_name = "NAME")]
    pub source: Vec<String>,
    /// Only articles quoting this person (for `quotes`: quotations by them;
    /// full name, alias or surname; repeatable, all must match).
    #[arg(long, value_name = "NAME")]
    pub speaker: Vec<String>,
    /// First date included: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last date included: YYYY, YYYY-MM or YYYY-MM-DD (a month or year counts whole).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
}

impl FilterArgs {
    /// The library's filters, with dates parsed.
    pub fn to_filters(&self) -> Result<Filters, InvalidDate> {
        Ok(Filters {
            query: self.query.clone(),
            people: self.person.clone(),
            organizations: self.org.clone(),
            places: self.place.clone(),
            sources: self.source.clone(),
            speakers: self.speaker.clone(),
            from: self.from.as_deref().map(period_start).transpose()?,
            to: self.to.as_deref().map(period_end).transpose()?,
        })
    }
}

/// Arguments of `dateline search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Query and filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Order of hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// Number of hits to show (0: only count them).
    #[arg(long, default_value_t = DEFAULT_LIMIT as u64, value_parser = clap::value_parser!(u64).range(0..=10_000))]
    pub limit: u64,
    /// Number of hits to skip (for paging); offset + limit may be at most 100000.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// List every copy of a story (syndicated or re-published) as a hit of
    /// its own, instead of one hit per story with its copies.
    #[arg(long)]
    pub all_copies: bool,
    /// Also list the top 5 people, organizations and places among all matching articles.
    #[arg(long)]
    pub facets: bool,
    /// What the facets count: articles, or stories (copies of one story once).
    #[arg(long, value_enum, default_value_t = CountArg::Articles, requires = "facets")]
    pub count: CountArg,
    /// Output format: JSON {"query","total","stories","hits":[...]} or CSV rows
    /// (rank,score,date,title,source,path,url,people,organizations,id,places,snippet,line,copies).
    #[command(flatten)]
    pub format: FormatArgs,
}

/// Arguments of `dateline quotes`.
#[derive(Debug, Args)]
pub struct QuotesArgs {
    /// Query over the quotation text, its speaker, and filters on the quoting articles.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Number of quotations to show (0: only count them).
    #[arg(long, default_value_t = DEFAULT_LIMIT as u64, value_parser = clap::value_parser!(u64).range(0..=10_000))]
    pub limit: u64,
    /// Number of quotations to skip (for paging); offset + limit may be at most 100000.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Output format: JSON {"query","total","hits":[{"speaker","text","date","article_id",
    /// "title","highlights"}]} or CSV rows (rank,speaker,date,text,title,article_id).
    #[command(flatten)]
    pub format: FormatArgs,
}

/// Arguments of `dateline eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold JSONL file: {"id","text","entities":[...],"quotes":[...]} a line.
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
    /// Keep the ORG/LOC distinction for countries' names (by default a
    /// country counts as a place whether typed LOC or ORG).
    #[arg(long)]
    pub strict: bool,
    /// Print the figures as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `dateline extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Article file to read (any supported format).
    #[arg(
        value_name = "FILE",
        required_unless_present = "jsonl",
        conflicts_with = "jsonl"
    )]
    pub file: Option<PathBuf>,
    /// Read {"id","text"} JSON lines on stdin, write one result line per input.
    #[arg(long)]
    pub jsonl: bool,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
