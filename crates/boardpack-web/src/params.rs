//! Query-string and form parameters, parsed and validated before anything reaches the
//! library: unknown names, values outside their vocabulary, numbers out of range and
//! over-long text are refused with 400 and a message naming the parameter.

use boardpack_app::Query;
use boardpack_app::tracking::{ItemKind, Status};

use crate::error::AppError;

/// The longest query text accepted.
pub const MAX_QUERY_CHARS: usize = 500;
/// The most hits one API request may ask for.
pub const MAX_LIMIT: usize = 100;
/// The deepest one may page into results.
pub const MAX_OFFSET: usize = 10_000;
/// Hits per search page.
pub const PER_PAGE: usize = 20;

/// Paper kinds, as the record names them.
pub const KINDS: &[&str] = &["report", "minutes", "decision", "agenda", "other"];
/// Purposes, as the record names them.
pub const PURPOSES: &[&str] = &["information", "decision", "discussion", "noting"];

/// Decoded `name=value` pairs, checked against the names a route accepts.
#[derive(Debug, Default)]
pub struct Params(Vec<(String, String)>);

impl Params {
    /// Parses a query string (or form body), refusing names not in `allowed`.
    pub fn parse(raw: Option<&str>, allowed: &[&str]) -> Result<Params, AppError> {
        let raw = raw.unwrap_or("");
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw)
            .map_err(|_| AppError::bad_request("the parameters are not well formed"))?;
        if let Some((bad, _)) = pairs.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
            return Err(AppError::bad_request(format!(
                "unknown parameter {bad:?}; this route takes: {}",
                allowed.join(", ")
            )));
        }
        Ok(Params(pairs))
    }

    /// The last non-empty value of `name` (empty form fields count as absent), trimmed.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .find(|v| !v.is_empty())
    }

    /// Every non-empty value of `name`, also split at commas ("due,overdue").
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// `name` as text of at most `max` characters.
    pub fn text(&self, name: &str, max: usize) -> Result<Option<String>, AppError> {
        match self.get(name) {
            Some(v) if v.chars().count() > max => Err(AppError::bad_request(format!(
                "{name} is longer than {max} characters"
            ))),
            Some(v) if v.chars().any(char::is_control) => Err(AppError::bad_request(format!(
                "{name} holds control characters"
            ))),
            v => Ok(v.map(str::to_string)),
        }
    }

    /// `name` as a whole number in `min..=max`.
    pub fn number(&self, name: &str, min: usize, max: usize) -> Result<Option<usize>, AppError> {
        let Some(v) = self.get(name) else {
            return Ok(None);
        };
        match v.parse::<usize>() {
            Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
            _ => Err(AppError::bad_request(format!(
                "{name} must be a whole number from {min} to {max}"
            ))),
        }
    }

    /// `name` as one of `choices`.
    pub fn choice(&self, name: &str, choices: &[&str]) -> Result<Option<String>, AppError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => {
                let v = v.to_ascii_lowercase();
                if choices.contains(&v.as_str()) {
                    Ok(Some(v))
                } else {
                    Err(AppError::bad_request(format!(
                        "{name} must be one of: {}",
                        choices.join(", ")
                    )))
                }
            }
        }
    }

    /// `name` as a year (1900 to 2100).
    pub fn year(&self, name: &str) -> Result<Option<u16>, AppError> {
        let Some(v) = self.get(name) else {
            return Ok(None);
        };
        match v.parse::<u16>() {
            Ok(y) if (1900..=2100).contains(&y) && v.len() == 4 => Ok(Some(y)),
            _ => Err(AppError::bad_request(format!(
                "{name} must be a year such as 2024"
            ))),
        }
    }

    /// `name` as yes/no ("1", "true", "yes", "on" / "0", "false", "no", "off").
    pub fn flag(&self, name: &str) -> Result<bool, AppError> {
        match self.get(name).map(str::to_ascii_lowercase).as_deref() {
            None => Ok(false),
            Some("1" | "true" | "yes" | "on") => Ok(true),
            Some("0" | "false" | "no" | "off") => Ok(false),
            Some(_) => Err(AppError::bad_request(format!(
                "{name} must be true or false"
            ))),
        }
    }
}

/// A paper id from a path segment.
pub fn paper_id(s: &str) -> Result<i64, AppError> {
    s.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| AppError::bad_request(format!("{s:?} is not a paper id (a number)")))
}

/// A follow-up id or thread key from a path segment: printable and not too long.
pub fn key(s: &str, what: &str) -> Result<String, AppError> {
    if s.is_empty() || s.len() > 300 || s.chars().any(char::is_control) {
        return Err(AppError::bad_request(format!("{s:?} is not a {what}")));
    }
    Ok(s.to_string())
}

/// The search form and `/api/search`.
#[derive(Debug, Default, Clone)]
pub struct SearchParams {
    /// The query text.
    pub q: String,
    /// Paper kind.
    pub kind: Option<String>,
    /// Board or committee.
    pub body: Option<String>,
    /// First year.
    pub from: Option<u16>,
    /// Last year.
    pub to: Option<u16>,
    /// Purpose.
    pub purpose: Option<String>,
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
}

/// The names the search routes take.
pub const SEARCH_NAMES: &[&str] = &[
    "q", "kind", "body", "from", "to", "purpose", "page", "limit", "offset",
];

impl SearchParams {
    /// Reads and checks the search parameters. Pages use `page`; the API `limit` and
    /// `offset`.
    pub fn from_params(p: &Params) -> Result<SearchParams, AppError> {
        let from = p.year("from")?;
        let to = p.year("to")?;
        if let (Some(a), Some(b)) = (from, to)
            && a > b
        {
            return Err(AppError::bad_request("from must not be after to"));
        }
        let limit = p.number("limit", 1, MAX_LIMIT)?.unwrap_or(PER_PAGE);
        let offset = match p.number("page", 1, MAX_OFFSET / PER_PAGE)? {
            Some(page) => (page - 1) * limit,
            None => p.number("offset", 0, MAX_OFFSET)?.unwrap_or(0),
        };
        Ok(SearchParams {
            q: p.text("q", MAX_QUERY_CHARS)?.unwrap_or_default(),
            kind: p.choice("kind", KINDS)?,
            body: p.text("body", 200)?,
            from,
            to,
            purpose: p.choice("purpose", PURPOSES)?,
            limit,
            offset,
        })
    }

    /// Whether nothing was asked (the bare search page).
    pub fn is_empty(&self) -> bool {
        self.q.is_empty()
            && self.kind.is_none()
            && self.body.is_none()
            && self.from.is_none()
            && self.to.is_none()
            && self.purpose.is_none()
    }

    /// The library query.
    pub fn query(&self) -> Query {
        Query {
            text: self.q.clone(),
            kind: self.kind.clone(),
            body: self.body.clone(),
            since: self.from.map(|y| y.to_string()),
            until: self.to.map(|y| y.to_string()),
            purpose: self.purpose.clone(),
            limit: self.limit,
            offset: self.offset,
            ..Query::default()
        }
    }

    /// These parameters as a query string, with `extra` replacing or adding pairs (for
    /// facet and paging links).
    pub fn link(&self, extra: &[(&str, String)]) -> String {
        let from = self.from.map(|y| y.to_string());
        let to = self.to.map(|y| y.to_string());
        let mut pairs: Vec<(&str, String)> = [
            ("q", Some(self.q.clone()).filter(|q| !q.is_empty())),
            ("kind", self.kind.clone()),
            ("body", self.body.clone()),
            ("from", from),
            ("to", to),
            ("purpose", self.purpose.clone()),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect();
        for (k, v) in extra {
            pairs.retain(|(name, _)| name != k);
            if !v.is_empty() {
                pairs.push((k, v.clone()));
            }
        }
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    }
}

/// How the actions register is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// By the source paper's date (oldest first).
    #[default]
    Date,
    /// By status (overdue first).
    Status,
    /// By owner (unowned last).
    Owner,
    /// By due date (soonest first, undated last).
    Due,
}

impl Sort {
    /// The parameter value.
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Date => "date",
            Sort::Status => "status",
            Sort::Owner => "owner",
            Sort::Due => "due",
        }
    }
}

/// The actions register's and programme's filters.
#[derive(Debug, Clone, Default)]
pub struct FollowParams {
    /// Board or committee.
    pub body: Option<String>,
    /// Kinds (empty: the route's default).
    pub kinds: Vec<ItemKind>,
    /// Statuses (empty: all).
    pub status: Vec<Status>,
    /// Open items only.
    pub open: bool,
    /// Sort order.
    pub sort: Sort,
    /// JSON or CSV (API only).
    pub csv: bool,
}

/// The names the follow-up routes take.
pub const FOLLOW_NAMES: &[&str] = &["body", "kind", "status", "open", "sort", "format"];

impl FollowParams {
    /// Reads and checks the filters.
    pub fn from_params(p: &Params) -> Result<FollowParams, AppError> {
        let mut kinds = Vec::new();
        for k in p.all("kind") {
            kinds.push(match k.to_ascii_lowercase().as_str() {
                "action" => ItemKind::Action,
                "decision" => ItemKind::Decision,
                "activity" => ItemKind::Activity,
                _ => {
                    return Err(AppError::bad_request(
                        "kind must be action, decision or activity",
                    ));
                }
            });
        }
        let mut status = Vec::new();
        for s in p.all("status") {
            status.push(Status::parse(s).ok_or_else(|| {
                AppError::bad_request("status must be reported, due, overdue or no_timescale")
            })?);
        }
        let sort = match p
            .choice("sort", &["date", "status", "owner", "due"])?
            .as_deref()
        {
            Some("status") => Sort::Status,
            Some("owner") => Sort::Owner,
            Some("due") => Sort::Due,
            _ => Sort::Date,
        };
        let csv = p.choice("format", &["json", "csv"])?.as_deref() == Some("csv");
        Ok(FollowParams {
            body: p.text("body", 200)?,
            kinds,
            status,
            open: p.flag("open")?,
            sort,
            csv,
        })
    }

    /// The library filter, with `default_kinds` when none were asked for.
    pub fn filter(&self, default_kinds: &[ItemKind]) -> boardpack_app::FollowFilter {
        boardpack_app::FollowFilter {
            body: self.body.clone(),
            kinds: if self.kinds.is_empty() {
                default_kinds.to_vec()
            } else {
                self.kinds.clone()
            },
            status: self.status.clone(),
            open: self.open,
            paper: None,
            as_of: boardpack_app::today(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(q: &str) -> Result<SearchParams, AppError> {
        SearchParams::from_params(&Params::parse(Some(q), SEARCH_NAMES)?)
    }

    #[test]
    fn search_parameters_are_checked() {
        let ok = parse("q=jobs+guarantee&kind=Minutes&from=2023&to=2024&page=2").expect("ok");
        assert_eq!(ok.q, "jobs guarantee");
        assert_eq!(ok.kind.as_deref(), Some("minutes"));
        assert_eq!(ok.offset, PER_PAGE);
        for bad in [
            "kind=memo",
            "from=23",
            "from=2025&to=2024",
            "page=0",
            "limit=1000",
            "purpose=fun",
            "colour=red",
            "q=%01",
        ] {
            let e = parse(bad).expect_err(bad);
            assert_eq!(e.status, 400, "{bad}");
        }
        let long = format!("q={}", "a".repeat(MAX_QUERY_CHARS + 1));
        assert!(parse(&long).is_err());
        assert!(parse("q=&kind=").expect("empty").is_empty());
    }

    #[test]
    fn follow_parameters_are_checked() {
        let p = Params::parse(
            Some("status=due,overdue&sort=owner&kind=action"),
            FOLLOW_NAMES,
        )
        .expect("ok");
        let f = FollowParams::from_params(&p).expect("ok");
        assert_eq!(f.status, vec![Status::Due, Status::Overdue]);
        assert_eq!(f.sort, Sort::Owner);
        for bad in ["status=late", "sort=colour", "kind=meeting", "open=maybe"] {
            let p = Params::parse(Some(bad), FOLLOW_NAMES).expect("names");
            assert!(FollowParams::from_params(&p).is_err(), "{bad}");
        }
    }
}
