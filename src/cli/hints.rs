//! What to type next: the command-line advice added to a library error,
//! which says only what is wrong.

use dateline::names::NamesError;
use dateline::search::SearchError;
use dateline::IndexError;

/// The advice for the first error in `error`'s chain that has one.
pub fn hint(error: &anyhow::Error) -> Option<String> {
    error.chain().find_map(|cause| {
        if let Some(error) = cause.downcast_ref::<IndexError>() {
            index_hint(error)
        } else if let Some(error) = cause.downcast_ref::<NamesError>() {
            names_hint(error)
        } else {
            match cause.downcast_ref::<SearchError>()? {
                SearchError::Index(error) => index_hint(error),
                error => search_hint(error).map(str::to_string),
            }
        }
    })
}

/// What to type when a names edit names nothing, or too much.
fn names_hint(error: &NamesError) -> Option<String> {
    Some(match error {
        NamesError::Index(error) => return index_hint(error),
        NamesError::Unknown { .. } => "give a name as the index writes it: `dateline entities --kind person --top 100` lists the most mentioned, `dateline names` the merged ones".to_string(),
        NamesError::Ambiguous { .. } => "add --kind person, --kind org or --kind place".to_string(),
    })
}

/// What to do about an index that cannot be opened or written.
fn index_hint(error: &IndexError) -> Option<String> {
    let rebuild = |dir: &std::path::Path| {
        format!(
            "rebuild it with `dateline index ARCHIVE_DIR --index {} --rebuild`",
            dir.display()
        )
    };
    Some(match error {
        IndexError::NotFound { dir } => format!(
            "create one with `dateline index ARCHIVE_DIR --index {}`",
            dir.display()
        ),
        IndexError::NotAFolder { .. } => {
            "give --index the folder that holds the index (a new folder is created)".to_string()
        }
        IndexError::NotAnIndex { .. } => {
            "choose an empty or new folder for the index with --index DIR".to_string()
        }
        IndexError::ExtractorChanged { dir, .. } => format!(
            "index all its folders in one run so that every article is extracted again, or start over with `dateline index ARCHIVE_DIR... --index {} --rebuild`",
            dir.display()
        ),
        IndexError::Locked { .. } => {
            "wait for the other `dateline index` run to finish, then try again".to_string()
        }
        IndexError::ReadOnly { .. } => {
            "to index, choose a writable folder with --index DIR".to_string()
        }
        IndexError::DiskFull { .. } => {
            "free some space (or choose another folder with --index DIR) and run again".to_string()
        }
        IndexError::Incompatible { dir } | IndexError::Damaged { dir, .. } => rebuild(dir),
        _ => return None,
    })
}

/// What to retype when a request cannot be answered.
fn search_hint(error: &SearchError) -> Option<&'static str> {
    match error {
        SearchError::ReversedDates { .. } => Some("swap --from and --to"),
        SearchError::TooManyPeriods { .. } | SearchError::TooManyStoryPeriods { .. } => {
            Some("choose a longer period with --by or a shorter date range")
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use std::path::PathBuf;

    #[test]
    fn an_index_error_deep_in_the_chain_gets_its_advice() {
        let error = anyhow::Error::new(SearchError::Index(IndexError::NotFound {
            dir: PathBuf::from("idx"),
        }))
        .context("could not search");
        assert_eq!(
            hint(&error).as_deref(),
            Some("create one with `dateline index ARCHIVE_DIR --index idx`")
        );
    }

    #[test]
    fn a_reversed_range_is_told_to_swap_the_options() {
        let day = |d| NaiveDate::from_ymd_opt(2024, 5, d).unwrap();
        let error = anyhow::Error::new(SearchError::ReversedDates {
            from: day(9),
            to: day(1),
        });
        assert_eq!(hint(&error).as_deref(), Some("swap --from and --to"));
    }

    #[test]
    fn other_errors_get_no_advice() {
        assert_eq!(hint(&anyhow::anyhow!("disk on fire")), None);
    }
}
