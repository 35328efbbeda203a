//! The programme timeline: activities as bars from start to end in a server-rendered
//! SVG. An open range (a start without an end, or an end without a start) fades out
//! through a gradient; a dashed line marks today; years are gridlines. Each bar is
//! coloured by status and also carries the status's symbol, so colour is never the only
//! cue; each links to the activity's page.

use boardpack_app::tracking::{FollowUp, Status};
use maud::{Markup, html};

use crate::render::{action_url, status_label, status_symbol};

const WIDTH: i64 = 1000;
const LABEL: i64 = 330;
const RIGHT: i64 = 20;
const ROW: i64 = 30;
const TOP: i64 = 36;

/// The fill colour of a status.
pub fn colour(status: Status) -> &'static str {
    match status {
        Status::Reported => "#2e7d32",
        Status::Due => "#1565c0",
        Status::Overdue => "#c62828",
        Status::NoTimescale => "#6b6b6b",
    }
}

const STATUSES: [Status; 4] = [
    Status::Reported,
    Status::Due,
    Status::Overdue,
    Status::NoTimescale,
];

/// Days since 1970-01-01 of an ISO date (YYYY-MM-DD, or a prefix YYYY-MM / YYYY).
pub fn days(iso: &str) -> Option<i64> {
    let mut parts = iso.get(..10.min(iso.len()))?.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next().map_or(Some(1), |m| m.parse().ok())?;
    let d: i64 = parts.next().map_or(Some(1), |d| d.parse().ok())?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Whether an activity can be drawn (it has a start or an end).
pub fn dated(f: &FollowUp) -> bool {
    f.item.start.as_deref().and_then(days).is_some()
        || f.item.end.as_deref().and_then(days).is_some()
}

fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

/// The timeline of the dated activities among `items`, as of `today`.
pub fn svg(items: &[FollowUp], today: &str) -> Markup {
    let rows: Vec<(&FollowUp, Option<i64>, Option<i64>)> = items
        .iter()
        .filter(|f| dated(f))
        .map(|f| {
            (
                f,
                f.item.start.as_deref().and_then(days),
                f.item.end.as_deref().and_then(days),
            )
        })
        .collect();
    let today_d = days(today);
    let known = rows
        .iter()
        .flat_map(|(_, s, e)| [*s, *e])
        .chain([today_d])
        .flatten();
    let lo = known.clone().min().unwrap_or(0);
    let hi = known.max().unwrap_or(lo + 365);
    // Whole years either side, so open ranges have room to fade.
    let first_year = crate::render::year(Some(&boardpack_app::tracking::iso_from_days(lo)))
        .and_then(|y| y.parse::<i64>().ok())
        .unwrap_or(1970);
    let last_year = crate::render::year(Some(&boardpack_app::tracking::iso_from_days(hi)))
        .and_then(|y| y.parse::<i64>().ok())
        .unwrap_or(first_year)
        + 1;
    let start = days(&format!("{first_year:04}-01-01")).unwrap_or(lo);
    let end = days(&format!("{last_year:04}-01-01"))
        .unwrap_or(hi + 1)
        .max(start + 1);
    let x = |d: i64| LABEL + (d - start) * (WIDTH - LABEL - RIGHT) / (end - start);
    let height = TOP + ROW * rows.len() as i64 + 50;
    let years: Vec<i64> = (first_year..=last_year).collect();
    html! {
        svg.timeline xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (WIDTH) " " (height) }
            role="group" aria-labelledby="timeline-title" {
            title #timeline-title { "Activities from " (first_year) " to " (last_year) ", with today marked" }
            defs {
                @for s in STATUSES {
                    linearGradient id={ "fade-out-" (s.as_str()) } x1="0" x2="1" y1="0" y2="0" {
                        stop offset="0" stop-color=(colour(s)) stop-opacity="1" {}
                        stop offset="1" stop-color=(colour(s)) stop-opacity="0" {}
                    }
                    linearGradient id={ "fade-in-" (s.as_str()) } x1="0" x2="1" y1="0" y2="0" {
                        stop offset="0" stop-color=(colour(s)) stop-opacity="0" {}
                        stop offset="1" stop-color=(colour(s)) stop-opacity="1" {}
                    }
                }
            }
            @for y in &years {
                @let gx = x(days(&format!("{y:04}-01-01")).unwrap_or(start));
                line.grid x1=(gx) x2=(gx) y1=(TOP - 14) y2=(height - 40) {}
                @if *y < last_year {
                    text.year x=(gx + 4) y=(TOP - 18) { (y) }
                }
            }
            @for (i, (f, s, e)) in rows.iter().enumerate() {
                @let y = TOP + ROW * i as i64;
                @let (x0, x1, fill) = match (s, e) {
                    (Some(s), Some(e)) => (x(*s), x((*e).max(*s)), colour(f.status).to_string()),
                    (Some(s), None) => (x(*s), WIDTH - RIGHT, format!("url(#fade-out-{})", f.status.as_str())),
                    (None, Some(e)) => (LABEL, x(*e), format!("url(#fade-in-{})", f.status.as_str())),
                    (None, None) => (LABEL, LABEL, String::new()),
                };
                a href=(action_url(&f.id)) class="bar" {
                    title {
                        (f.item.text) " — " (status_label(f.status))
                        @if let Some(t) = &f.item.timescale { " (" (t) ")" }
                    }
                    text.label x="8" y=(y + 19) { (short(&f.item.text, 40)) }
                    rect x=(x0) y=(y + 6) width=((x1 - x0).max(4)) height=(ROW - 12) rx="3"
                        fill=(fill) {}
                    text.symbol x=((x1.max(x0 + 4) + 4).min(WIDTH - 12)) y=(y + 20) { (status_symbol(f.status)) }
                }
            }
            @if let Some(t) = today_d {
                @if t >= start && t <= end {
                    line.today x1=(x(t)) x2=(x(t)) y1=(TOP - 10) y2=(height - 40) {}
                    text.today x=(x(t) + 4) y=(height - 26) { "Today " (today) }
                }
            }
            g.legend transform={ "translate(8," (height - 16) ")" } {
                @for (i, s) in STATUSES.iter().enumerate() {
                    @let lx = i as i64 * 170;
                    rect x=(lx) y="-10" width="14" height="12" fill=(colour(*s)) {}
                    text x=(lx + 20) y="0" { (status_symbol(*s)) " " (status_label(*s)) }
                }
                text x="690" y="0" { "Faded end: open range" }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        for d in [0, 19_782, 20_819, -400] {
            let iso = boardpack_app::tracking::iso_from_days(d);
            assert_eq!(days(&iso), Some(d), "{iso}");
        }
        assert_eq!(days("2024"), days("2024-01-01"));
        assert_eq!(days("2024-13-01"), None);
        assert_eq!(days("soon"), None);
    }
}
