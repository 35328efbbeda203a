//! The corpus generator: synthetic committee papers as plain-text files, in the templates
//! the parser handles, deterministic for a seed.
//!
//! A [`World`] (places, organisations, boards and committees with their members and
//! officers) is drawn from the seed; then paper `i` is drawn from its own random stream,
//! so papers can be generated in parallel and any one of them regenerated alone. Subjects,
//! organisations, places and words are drawn with Zipf's law, so a few programmes recur
//! in most papers and a long tail of names appears rarely, as in a real archive.
//!
//! Not for testing the parser's edge cases: the papers are clean, one per template
//! ([`Template`]), laid out like the fictional fixtures in `crates/boardpack-parse/tests/`.

mod vocab;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use rayon::prelude::*;

use crate::rng::{Rng, Zipf};
use vocab::*;

/// The first year papers are dated in.
pub const FIRST_YEAR: u32 = 2016;
/// The last year papers are dated in.
pub const LAST_YEAR: u32 = 2025;

/// The layout a paper is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Template {
    /// A board report: purpose, summary, recommendations, contacts, numbered paragraphs
    /// under headings.
    Report,
    /// A ModernGov page with the minutes of one agenda item.
    ItemMinutes,
    /// A ModernGov page with the minutes of a whole meeting.
    MeetingMinutes,
    /// A decision notice.
    Decision,
    /// A forward-plan entry.
    ForwardPlan,
    /// A meeting's agenda front sheet.
    Agenda,
}

impl Template {
    /// Every template.
    pub const ALL: [Template; 6] = [
        Template::Report,
        Template::ItemMinutes,
        Template::MeetingMinutes,
        Template::Decision,
        Template::ForwardPlan,
        Template::Agenda,
    ];

    /// The paper kind the parser should give it ("report", "minutes", ...).
    pub fn kind(self) -> &'static str {
        match self {
            Template::Report => "report",
            Template::ItemMinutes | Template::MeetingMinutes => "minutes",
            Template::Decision => "decision",
            Template::ForwardPlan => "other",
            Template::Agenda => "agenda",
        }
    }

    fn slug(self) -> &'static str {
        match self {
            Template::Report => "report",
            Template::ItemMinutes => "item-minutes",
            Template::MeetingMinutes => "minutes",
            Template::Decision => "decision",
            Template::ForwardPlan => "forward-plan",
            Template::Agenda => "agenda",
        }
    }

    /// Drawn with the shares of a real archive: mostly reports and minutes.
    fn draw(rng: &mut Rng) -> Template {
        let x = rng.below(100);
        match x {
            0..45 => Template::Report,
            45..60 => Template::ItemMinutes,
            60..72 => Template::MeetingMinutes,
            72..82 => Template::Decision,
            82..90 => Template::ForwardPlan,
            _ => Template::Agenda,
        }
    }
}

/// A board or committee.
#[derive(Debug, Clone)]
pub struct Body {
    /// Its name, as ingest derives it from the folder ("City Regions Board").
    pub name: String,
    /// The folder the papers sit in ("city-regions-board").
    pub slug: String,
    /// The organisation it belongs to.
    pub org: String,
    /// The organisation's e-mail domain.
    pub domain: String,
    /// The place it is based in.
    pub place: String,
    /// Councillors: (name, place).
    pub members: Vec<(String, String)>,
    /// Officers: (name, role).
    pub officers: Vec<(String, String)>,
}

/// The fixed cast the papers of one seed are about.
#[derive(Debug, Clone)]
pub struct World {
    /// Place names, most mentioned first.
    pub places: Vec<String>,
    /// Organisations, most mentioned first.
    pub orgs: Vec<String>,
    /// Boards and committees, busiest first.
    pub bodies: Vec<Body>,
    z_places: Zipf,
    z_orgs: Zipf,
    z_bodies: Zipf,
    z_progs: Zipf,
    z_depts: Zipf,
    z_nouns: Zipf,
    z_adjs: Zipf,
    z_past: Zipf,
    z_inf: Zipf,
    z_sentences: Zipf,
    z_groups: Zipf,
    z_sectors: Zipf,
}

/// Board and committee names with whether they belong to the national association (else
/// to a council or combined authority).
const BODIES: &[(&str, bool)] = &[
    ("Cabinet", false),
    ("City Regions Board", true),
    ("Skills and Employment Board", false),
    ("Economy and Regeneration Committee", false),
    ("People and Places Board", true),
    ("Community Wellbeing Board", true),
    ("Corporate Resources Committee", false),
    ("Environment and Leisure Committee", false),
    ("Resources Board", true),
    ("Health and Wellbeing Board", false),
    ("Housing and Planning Committee", false),
    ("Rural and Coastal Communities Board", true),
];

/// The fictional national association the boards belong to.
const ASSOCIATION: &str = "Association of Local Councils in England";

impl World {
    /// The world of `seed`.
    pub fn new(seed: u64) -> World {
        let mut rng = Rng::new(seed ^ 0x05EE_D0FB_0A2D);
        let mut places: Vec<String> = PLACE_HEADS
            .iter()
            .flat_map(|h| PLACE_TAILS.iter().map(move |t| format!("{h}{t}")))
            .collect();
        shuffle(&mut rng, &mut places);
        places.truncate(160);
        let mut orgs: Vec<String> = places
            .iter()
            .take(90)
            .flat_map(|p| {
                let k = rng.range(1, 3);
                (0..k)
                    .map(|_| rng.pick(ORG_PATTERNS).replace("{P}", p))
                    .collect::<Vec<_>>()
            })
            .collect();
        orgs.dedup();
        shuffle(&mut rng, &mut orgs);
        let person = |rng: &mut Rng| format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(SURNAMES));
        let bodies = BODIES
            .iter()
            .enumerate()
            .map(|(i, &(name, national))| {
                let place = places[i].clone();
                let org = if national {
                    ASSOCIATION.to_string()
                } else if name.contains("Board") && !name.contains("Health") {
                    format!("{place} Combined Authority")
                } else {
                    format!(
                        "{place} {}",
                        rng.pick(&[
                            "City Council",
                            "Borough Council",
                            "District Council",
                            "County Council"
                        ])
                    )
                };
                let domain = if national {
                    "alce.example.gov.uk".to_string()
                } else {
                    format!("{}.example.gov.uk", place.to_lowercase())
                };
                let members = (0..rng.range(6, 10))
                    .map(|_| (person(&mut rng), places[rng.below(40)].clone()))
                    .collect();
                let officers = (0..rng.range(5, 9))
                    .map(|_| (person(&mut rng), rng.pick(OFFICER_ROLES).to_string()))
                    .collect();
                Body {
                    name: name.to_string(),
                    slug: name.to_lowercase().replace(' ', "-"),
                    org,
                    domain,
                    place,
                    members,
                    officers,
                }
            })
            .collect::<Vec<_>>();
        World {
            z_places: Zipf::new(places.len(), 1.0),
            z_orgs: Zipf::new(orgs.len(), 1.0),
            z_bodies: Zipf::new(bodies.len(), 0.7),
            z_progs: Zipf::new(PROGRAMMES.len(), 1.0),
            z_depts: Zipf::new(DEPARTMENTS.len(), 1.0),
            z_nouns: Zipf::new(NOUNS.len(), 1.0),
            z_adjs: Zipf::new(ADJECTIVES.len(), 1.0),
            z_past: Zipf::new(VERBS_PAST.len(), 1.0),
            z_inf: Zipf::new(VERBS_INF.len(), 1.0),
            z_sentences: Zipf::new(SENTENCES.len(), 0.6),
            z_groups: Zipf::new(GROUPS.len(), 1.0),
            z_sectors: Zipf::new(SECTORS.len(), 1.0),
            places,
            orgs,
            bodies,
        }
    }
}

fn shuffle<T>(rng: &mut Rng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        items.swap(i, rng.below(i + 1));
    }
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub y: u32,
    /// Month, 1–12.
    pub m: u32,
    /// Day, 1–28.
    pub d: u32,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

impl Date {
    /// ISO form.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    fn month(self) -> &'static str {
        MONTHS[self.m as usize - 1]
    }

    /// "14 March 2024".
    fn long(self) -> String {
        format!("{} {} {}", self.d, self.month(), self.y)
    }

    /// "14/03/2024".
    fn slashed(self) -> String {
        format!("{:02}/{:02}/{}", self.d, self.m, self.y)
    }

    /// "Thursday, 14th March 2024".
    fn moderngov(self) -> String {
        format!(
            "{}, {}{} {} {}",
            self.weekday(),
            self.d,
            ordinal(self.d),
            self.month(),
            self.y
        )
    }

    fn weekday(self) -> &'static str {
        // Days since 1970-01-01 (a Thursday), by the civil-from-days algorithm's inverse.
        let (y, m) = if self.m <= 2 {
            (self.y as i64 - 1, self.m as i64 + 9)
        } else {
            (self.y as i64, self.m as i64 - 3)
        };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * m + 2) / 5 + self.d as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        WEEKDAYS[(days + 3).rem_euclid(7) as usize]
    }

    /// This date moved by `months` (the day kept).
    fn plus_months(self, months: i32) -> Date {
        let total = self.y as i32 * 12 + self.m as i32 - 1 + months;
        Date {
            y: (total / 12) as u32,
            m: (total % 12) as u32 + 1,
            d: self.d,
        }
    }

    /// The financial year it falls in: "2024/25".
    fn financial_year(self) -> String {
        let start = if self.m >= 4 { self.y } else { self.y - 1 };
        format!("{}/{:02}", start, (start + 1) % 100)
    }
}

fn ordinal(d: u32) -> &'static str {
    match (d % 10, d % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// One generated paper.
#[derive(Debug, Clone)]
pub struct GeneratedPaper {
    /// Where it goes under the corpus folder: `body-slug/YYYY/YYYY-MM-DD-kind-NNNNNN.txt`.
    pub path: PathBuf,
    /// Its layout.
    pub template: Template,
    /// Its board or committee.
    pub body: String,
    /// Its date.
    pub date: Date,
    /// Its title.
    pub title: String,
    /// Its text.
    pub text: String,
}

/// What `generate` wrote.
#[derive(Debug, Clone, Copy, Default)]
pub struct Generated {
    /// Files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
}

/// Writes papers `0..papers` of `seed` under `out`, in parallel.
pub fn generate(out: &Path, papers: usize, seed: u64) -> Result<Generated> {
    generate_in(out, papers, seed, (FIRST_YEAR, LAST_YEAR))
}

/// Like [`generate`], with the papers dated within `years` (first, last), e.g. the next
/// meeting's papers after a library's last year.
pub fn generate_in(out: &Path, papers: usize, seed: u64, years: (u32, u32)) -> Result<Generated> {
    let world = World::new(seed);
    let bytes: u64 = (0..papers)
        .into_par_iter()
        .map(|i| -> Result<u64> {
            let p = paper_in(&world, seed, i as u64, years);
            let file = out.join(&p.path);
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("creating {}", dir.display()))?;
            }
            std::fs::write(&file, &p.text)
                .with_context(|| format!("writing {}", file.display()))?;
            Ok(p.text.len() as u64)
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    Ok(Generated {
        files: papers,
        bytes,
    })
}

/// Paper `index` of `seed`.
pub fn paper(world: &World, seed: u64, index: u64) -> GeneratedPaper {
    paper_in(world, seed, index, (FIRST_YEAR, LAST_YEAR))
}

/// Paper `index` of `seed`, dated within `years`.
pub fn paper_in(world: &World, seed: u64, index: u64, years: (u32, u32)) -> GeneratedPaper {
    let mut rng = Rng::for_item(seed, index);
    let template = Template::draw(&mut rng);
    let body = &world.bodies[world.z_bodies.sample(&mut rng)];
    let (first, last) = (years.0, years.1.max(years.0));
    let date = Date {
        y: first + rng.below((last - first + 1) as usize) as u32,
        m: rng.range(1, 12) as u32,
        d: rng.range(1, 28) as u32,
    };
    let prog = *world.z_progs.pick(&mut rng, PROGRAMMES);
    let mut w = Writer {
        world,
        body,
        date,
        prog,
        rng,
        index,
    };
    let (title, text) = match template {
        Template::Report => w.report(),
        Template::ItemMinutes => w.item_minutes(),
        Template::MeetingMinutes => w.meeting_minutes(),
        Template::Decision => w.decision(),
        Template::ForwardPlan => w.forward_plan(),
        Template::Agenda => w.agenda(),
    };
    let path = PathBuf::from(&body.slug)
        .join(date.y.to_string())
        .join(format!("{}-{}-{index:06}.txt", date.iso(), template.slug()));
    GeneratedPaper {
        path,
        template,
        body: body.name.clone(),
        date,
        title,
        text,
    }
}

/// Writes one paper: the paper's context and its random stream.
struct Writer<'a> {
    world: &'a World,
    body: &'a Body,
    date: Date,
    /// The paper's main subject.
    prog: &'static str,
    rng: Rng,
    index: u64,
}

impl Writer<'_> {
    // ---- slot values ----

    fn place(&mut self) -> String {
        if self.rng.chance(0.4) {
            self.body.place.clone()
        } else {
            self.world
                .z_places
                .pick(&mut self.rng, &self.world.places)
                .clone()
        }
    }

    fn org(&mut self) -> String {
        self.world
            .z_orgs
            .pick(&mut self.rng, &self.world.orgs)
            .clone()
    }

    fn prog(&mut self) -> &'static str {
        if self.rng.chance(0.7) {
            self.prog
        } else {
            self.world.z_progs.pick::<&str>(&mut self.rng, PROGRAMMES)
        }
    }

    fn dept(&mut self) -> (&'static str, &'static str) {
        *self.world.z_depts.pick(&mut self.rng, DEPARTMENTS)
    }

    fn money(&mut self) -> String {
        match self.rng.below(3) {
            0 => format!("£{},000", self.rng.range(5, 950)),
            1 => format!("£{}.{} million", self.rng.range(1, 9), self.rng.range(1, 9)),
            _ => format!("£{} million", self.rng.range(2, 60)),
        }
    }

    /// A month near the paper's date, mostly ahead of it.
    fn month(&mut self) -> String {
        let d = self.date.plus_months(self.rng.range(0, 30) as i32 - 8);
        format!("{} {}", d.month(), d.y)
    }

    fn near_date(&mut self) -> Date {
        let mut d = self.date.plus_months(self.rng.range(0, 12) as i32 - 4);
        d.d = self.rng.range(1, 28) as u32;
        d
    }

    fn fy(&mut self) -> String {
        self.date
            .plus_months(self.rng.range(0, 24) as i32 - 6)
            .financial_year()
    }

    fn person(&mut self) -> (String, String) {
        let k = self.rng.below(self.body.officers.len());
        self.body.officers[k].clone()
    }

    fn member(&mut self) -> (String, String) {
        let k = self.rng.below(self.body.members.len());
        self.body.members[k].clone()
    }

    fn noun(&mut self) -> &'static str {
        self.world.z_nouns.pick::<&str>(&mut self.rng, NOUNS)
    }

    /// Fills a template's `{slots}`.
    fn fill(&mut self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 64);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = open + rest[open..].find('}').expect("closed slot");
            let value = match &rest[open + 1..close] {
                "prog" => self.prog().to_string(),
                "org" => self.org(),
                "dept" => self.dept().0.to_string(),
                "abbr" => self.dept().1.to_string(),
                "dept_abbr" => {
                    let (name, abbr) = self.dept();
                    format!("{name} ({abbr})")
                }
                "place" => self.place(),
                "money" => self.money(),
                "month" => self.month(),
                "date" => self.near_date().long(),
                "fy" => self.fy(),
                "num" => self.rng.range(3, 1200).to_string(),
                "pct" => self.rng.range(4, 96).to_string(),
                "person" => self.person().0,
                "name" => self.member().0,
                "role" => self.person().1,
                "group" => self.world.z_groups.pick(&mut self.rng, GROUPS).to_string(),
                "sector" => self
                    .world
                    .z_sectors
                    .pick(&mut self.rng, SECTORS)
                    .to_string(),
                "noun" | "noun2" => self.noun().to_string(),
                "adj" => self
                    .world
                    .z_adjs
                    .pick(&mut self.rng, ADJECTIVES)
                    .to_string(),
                "past" => self
                    .world
                    .z_past
                    .pick(&mut self.rng, VERBS_PAST)
                    .to_string(),
                "inf" => self.world.z_inf.pick(&mut self.rng, VERBS_INF).to_string(),
                "body" => self.body.name.clone(),
                "placements" => self
                    .rng
                    .pick(&[
                        "placements",
                        "starts",
                        "referrals",
                        "job outcomes",
                        "enrolments",
                    ])
                    .to_string(),
                "q" => self.rng.range(1, 4).to_string(),
                other => panic!("unknown slot {other}"),
            };
            out.push_str(&value);
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        capitalise(out)
    }

    fn sentence(&mut self) -> String {
        let t = *self.world.z_sentences.pick(&mut self.rng, SENTENCES);
        self.fill(t)
    }

    /// `lo..=hi` sentences.
    fn sentences(&mut self, lo: usize, hi: usize) -> String {
        let n = self.rng.range(lo, hi);
        (0..n)
            .map(|_| self.sentence())
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn title(&mut self) -> String {
        let suffix = *self.rng.pick(TITLE_SUFFIXES);
        let suffix = self.fill(suffix);
        format!("{}: {suffix}", self.prog)
    }

    fn email(&self, name: &str) -> String {
        format!(
            "{}@{}",
            name.to_lowercase().replace(' ', "."),
            self.body.domain
        )
    }

    fn phone(&mut self) -> String {
        format!("01632 960{:03}", self.rng.below(1000))
    }

    // ---- templates ----

    fn report(&mut self) -> (String, String) {
        let title = self.title();
        let mut t = String::with_capacity(9000);
        if self.body.org != ASSOCIATION {
            let _ = writeln!(t, "{}", self.body.org);
        }
        let _ = writeln!(t, "{}\n{}\n\n {title}", self.body.name, self.date.long());
        let purpose = *self.rng.pick(&[
            "For decision.",
            "For information.",
            "For discussion.",
            "For noting.",
        ]);
        let _ = writeln!(
            t,
            "Purpose of Report\n{purpose}\nIs this report confidential? No\nSummary"
        );
        let first = lower_first(self.sentences(1, 1).trim_end_matches('.'));
        let rest = self.sentences(1, 2);
        let _ = writeln!(
            t,
            "This report updates the {} on the {}, and notes that {first}. {rest}\n ",
            self.body.name, self.prog,
        );
        let _ = writeln!(t, "Recommendation(s)\nMembers are asked to:");
        for i in 1..=self.rng.range(1, 3) {
            let r = *self.rng.pick(RECOMMENDATIONS);
            let r = self.fill(r);
            let _ = writeln!(t, "{i}. {r}");
        }
        let _ = writeln!(
            t,
            " \nAction/s\nOfficers to take forward the recommendations as directed by members.\n \n\n"
        );
        let (name, role) = self.person();
        let _ = writeln!(
            t,
            "Contact details\nContact officer: {name}\nPosition: {role}\nPhone no: {}\nEmail:\t{}\n",
            self.phone(),
            self.email(&name)
        );
        let mut n = 0;
        let mut para = |w: &mut Self, t: &mut String, lo, hi| {
            n += 1;
            let _ = writeln!(t, "{n}. {}", w.sentences(lo, hi));
            n
        };
        let _ = writeln!(t, "Background");
        for _ in 0..self.rng.range(1, 3) {
            para(self, &mut t, 2, 4);
        }
        let k = para(self, &mut t, 1, 1);
        let _ = writeln!(t, "{k}.1. Since the last meeting officers have:");
        for j in 1..=self.rng.range(2, 4) {
            let done = *self.rng.pick(DONE);
            let _ = writeln!(t, "{k}.1.{j}. {}", self.fill(done));
        }
        let mut headings: Vec<&str> = HEADINGS.to_vec();
        shuffle(&mut self.rng, &mut headings);
        let sections = self.rng.range(3, 6);
        for (s, h) in headings.iter().take(sections).enumerate() {
            if s == 0 {
                let _ = writeln!(t, "{} {}", self.prog, h.to_lowercase());
            } else {
                let _ = writeln!(t, "{h}");
            }
            for _ in 0..self.rng.range(2, 5) {
                let k = para(self, &mut t, 2, 4);
                if self.rng.chance(0.2) {
                    for j in 1..=2 {
                        let _ = writeln!(t, "{k}.{j}. {}", self.sentence());
                    }
                }
            }
        }
        for h in CLOSING_HEADINGS {
            let _ = writeln!(t, "{h}");
            para(self, &mut t, 1, 3);
        }
        (title, t)
    }

    /// The ModernGov breadcrumb's meeting name.
    fn meeting_name(&self) -> String {
        format!("{} - {} 10.00 am", self.body.name, self.date.moderngov())
    }

    fn discussion(&mut self, t: &mut String) {
        let _ = writeln!(
            t,
            "In the discussion which followed members made the following points:\n\n \n"
        );
        for _ in 0..self.rng.range(4, 8) {
            let p = *self.rng.pick(POINTS);
            let _ = writeln!(t, "·         {} {}\n\n \n", self.fill(p), self.sentence());
        }
    }

    fn item_minutes(&mut self) -> (String, String) {
        let title = self.title();
        let mut t = String::with_capacity(6000);
        let _ = writeln!(
            t,
            "Skip to main content\n\nHome > Meetings > {} > {} > Agenda item\n\nAgenda item\n\n{}. {title}\n\nMinutes:\n",
            self.body.name,
            self.meeting_name(),
            self.rng.range(3, 90)
        );
        let (name, role) = self.person();
        let _ = writeln!(
            t,
            "{name}, {role}, introduced the report. {}\n\n \n",
            self.sentences(2, 4)
        );
        for _ in 0..self.rng.range(2, 5) {
            let _ = writeln!(t, "{}\n\n \n", self.sentences(3, 5));
        }
        self.discussion(&mut t);
        let _ = writeln!(t, "Decision:\n\n \n");
        for i in 1..=self.rng.range(1, 3) {
            let d = *self.rng.pick(DECISIONS);
            let _ = writeln!(t, "{i}.    {}\n", self.fill(d));
        }
        let _ = writeln!(t, " \n\nActions:\n\n \n");
        for i in 1..=self.rng.range(1, 3) {
            let a = *self.rng.pick(ACTIONS);
            let _ = writeln!(t, "{i}.    {}\n\n ", self.fill(a));
        }
        let _ = writeln!(
            t,
            "\nSupporting documents:\n\n    {title} PDF {} KB",
            self.rng.range(60, 400)
        );
        (title, t)
    }

    fn meeting_minutes(&mut self) -> (String, String) {
        let title = format!("{} - {} 10.00 am", self.body.name, self.date.moderngov());
        let mut t = String::with_capacity(10000);
        let (clerk, _) = self.person();
        let _ = writeln!(
            t,
            "Skip to main content\n\nHome > Meetings > Committee details > {body} > Meeting of {body}, {day} 10.00 am\n\n{title}\n\nAgenda and minutes\n\nVenue: Committee Room {room}, {place} House, Market Street, {place}\n\nContact: {clerk}, Democratic Services Officer, {phone}  Email: {email}\n\nMedia\n\nItems\nNo. Item\n",
            body = self.body.name,
            day = self.date.moderngov(),
            room = self.rng.range(1, 4),
            place = self.body.place,
            phone = self.phone(),
            email = self.email(&clerk),
        );
        let mut item = self.rng.range(1, 80);
        let (absent, _) = self.member();
        let _ = writeln!(
            t,
            "*\n\n{item}.\n\nApologies for Absence\n\nAdditional documents:\n\nMinutes:\n\nApologies for absence were received from Cllr {absent}.\n"
        );
        item += 1;
        let prev = self.date.plus_months(-2).long();
        let _ = writeln!(
            t,
            "*\n\n{item}.\n\nMinutes of the previous meeting pdf icon PDF 78 KB\n\nAdditional documents:\n\nMinutes:\n\nRESOLVED that the minutes of the meeting held on {prev} be approved as a correct record.\n"
        );
        for _ in 0..self.rng.range(4, 7) {
            item += 1;
            self.prog = *self.world.z_progs.pick(&mut self.rng, PROGRAMMES);
            let it = self.title();
            let resolutions: Vec<String> = (0..self.rng.range(1, 3))
                .map(|_| {
                    let d = *self.rng.pick(DECISIONS);
                    let d = self.fill(d);
                    // "Members noted the update." → "the update be noted" is more than we
                    // need: the resolution keeps the members' wording.
                    d.trim_end_matches('.').to_string()
                })
                .collect();
            let letters = ['a', 'b', 'c'];
            let mut block = String::from("RESOLVED that:\n\n");
            for (k, r) in resolutions.iter().enumerate() {
                let end = if k + 1 == resolutions.len() { "." } else { ";" };
                let _ = writeln!(block, "({}) {}{end}\n", letters[k], lower_first(r));
            }
            let _ = writeln!(
                t,
                "*\n\n{item}.\n\n{it} pdf icon PDF {} KB\n\nAdditional documents:\n\nDecision:\n\n{block}Minutes:\n",
                self.rng.range(60, 300)
            );
            let (name, role) = self.person();
            let _ = writeln!(
                t,
                "The {role}, {name}, introduced the report. {}\n",
                self.sentences(2, 4)
            );
            for _ in 0..self.rng.range(1, 3) {
                let _ = writeln!(
                    t,
                    "Members discussed {} and {}. {}\n",
                    self.noun(),
                    self.noun(),
                    self.sentences(2, 4)
                );
            }
            let _ = writeln!(t, "{block}");
        }
        item += 1;
        let next = self.date.plus_months(2).long();
        let _ = writeln!(
            t,
            "*\n\n{item}.\n\nDate of Next Meeting\n\nAdditional documents:\n\nMinutes:\n\nThe next meeting will be held on {next} at 10.00 am."
        );
        (title, t)
    }

    fn decision(&mut self) -> (String, String) {
        let title = format!(
            "{} - {}",
            self.prog,
            self.rng.pick(&[
                "Approval of Funding",
                "Contract Award",
                "Adoption of Delivery Plan",
                "Extension of Delivery Period",
                "Allocation of Grant"
            ])
        );
        let mut t = String::with_capacity(5000);
        let _ = writeln!(
            t,
            "Skip to main content\n\nHome > Council and democracy > Decisions > Decision details\n\nDecision details\n\n{title}\n\nDecision Maker: {}\n\nDecision status: Recommendations Approved\n\nIs Key decision?: Yes\n\nIs subject to call in?: Yes\n\nPurpose:\n",
            self.body.name
        );
        let money = self.money();
        let fy = self.fy();
        let (prog, more) = (self.prog, self.sentences(1, 3));
        let _ = writeln!(
            t,
            "To approve {money} for the {prog} in {fy}. {more}\n\nDecision:\n"
        );
        for i in 1..=self.rng.range(2, 4) {
            let d = *self.rng.pick(RECOMMENDATIONS);
            let d = self.fill(d);
            let _ = writeln!(
                t,
                "({i})       That the {} {}\n\n ",
                self.body.name,
                lower_first(d.trim_end_matches('.'))
            );
        }
        let _ = writeln!(t, "\nReasons for the decision:\n");
        for _ in 0..self.rng.range(2, 5) {
            let _ = writeln!(t, "{}\n", self.sentences(2, 5));
        }
        let _ = writeln!(
            t,
            "Alternative options considered:\n\n{}\n\n{}\n",
            self.sentences(2, 4),
            self.sentences(2, 3)
        );
        let (author, _) = self.person();
        let published = self.date.plus_months(0);
        let _ = writeln!(
            t,
            "Report author: {author}\n\nPublication date: {}\n\nDate of decision: {}\n\nDecided at meeting: {} - {}\n\nAccompanying Documents:\n\n    {title} - report PDF {} KB",
            published.slashed(),
            self.date.slashed(),
            self.date.slashed(),
            self.body.name,
            self.rng.range(80, 500)
        );
        (title, t)
    }

    fn forward_plan(&mut self) -> (String, String) {
        let title = format!(
            "{} - {} KD{:07}",
            self.prog,
            self.rng.pick(&[
                "Phase 2",
                "Commissioning",
                "Contract Extension",
                "Funding Approval",
                "Delivery Plan"
            ]),
            self.index
        );
        let mut t = String::with_capacity(4000);
        let (money, prog, fy, more) = (self.money(), self.prog, self.fy(), self.sentences(1, 2));
        let _ = writeln!(
            t,
            "Council and democracy\nHome > Council and Democracy > Forward Plan > Issue\n\nIssue details\n\n{title}\n\nTo approve {money} for the {prog} in {fy}. {more}\n\n \n",
        );
        let due = self.date.plus_months(self.rng.range(1, 4) as i32);
        let (name, role) = self.person();
        let _ = writeln!(
            t,
            "Decision type: Key\n\nReason Key: Expenditure > £500,000; Affects more than two wards;\n\nDecision status: For Determination\n\nWards affected: (All Wards);\n\nNotice of proposed decision first published: {}\n\nDecision due: {} {} {} by {}\n\nLead member: Cabinet Member for {}\n\nLead director: {role}\n\nDepartment: {}\n\nContact: {name}, {role} Email: {}.\n\nConsultation process\n",
            self.date.slashed(),
            due.d,
            &due.month()[..3],
            due.y,
            self.body.name,
            capitalise(self.noun().to_string()),
            capitalise(self.noun().to_string()),
            self.email(&name)
        );
        for _ in 0..self.rng.range(3, 6) {
            let _ = writeln!(t, "{}\n\n \n", self.sentences(2, 5));
        }
        let _ = writeln!(
            t,
            "Scrutiny Comments: To be reported.\n\nAgenda items\n\nMeeting: {} - {}",
            due.slashed(),
            self.body.name
        );
        (title, t)
    }

    fn agenda(&mut self) -> (String, String) {
        let title = format!("Notice of a Meeting of the {}", self.body.name);
        let mut t = String::with_capacity(4000);
        let day = format!("{} {}", self.date.weekday(), self.date.long());
        let (head, _) = self.person();
        let (clerk, _) = self.person();
        let (phone, email) = (self.phone(), self.email(&clerk));
        let _ = writeln!(
            t,
            "Meeting documents\n\n{}, {}\n\nTo Members of the {body}\n{title}\n\n\n{day} at 10.00 am\n\n\nCouncil Chamber, {place} House, {place}\n\n\n\n{head}\n\nHead of Democratic Services                                                                       {month} {y}\n\n\nContact officer:          {clerk}\n\nTel: {phone}\n\nEmail: {email}\n\n\n\nMembership\n\n",
            self.date.weekday(),
            self.date.long(),
            body = self.body.name,
            place = self.body.place,
            month = self.date.month(),
            y = self.date.y,
        );
        for (k, (name, _)) in self.body.members.clone().iter().enumerate() {
            let role = match k {
                0 => "Chair",
                1 => "Vice-Chair",
                _ => "Member",
            };
            let _ = writeln!(t, "Cllr {name}\n\n\n{role}\n");
        }
        let _ = writeln!(
            t,
            "\nIf you have any special requirements (such as a large print version of these papers) please contact the officer named on the front page, giving as much notice as possible.\n\n\n"
        );
        let prev = self.date.plus_months(-2).long();
        let mut items: Vec<(String, String)> = vec![
            (
                "Apologies for Absence".into(),
                "To receive apologies for absence and notification of substitutes.".into(),
            ),
            (
                "Declarations of Interest".into(),
                "To receive any declarations of interest from members in items on this agenda."
                    .into(),
            ),
            (
                "Minutes".into(),
                format!("To confirm the minutes of the meeting held on {prev}."),
            ),
        ];
        for _ in 0..self.rng.range(4, 9) {
            self.prog = *self.world.z_progs.pick(&mut self.rng, PROGRAMMES);
            let it = self.title();
            let (_, role) = self.person();
            let s = self.sentences(1, 3);
            items.push((
                it,
                format!(
                    "To consider a report of the {role} on the {}. {s}",
                    self.prog
                ),
            ));
        }
        let next = self.date.plus_months(2);
        items.push((
            "Date of Next Meeting".into(),
            format!(
                "The next meeting will be held on {} {}.",
                next.weekday(),
                next.long()
            ),
        ));
        for (i, (h, d)) in items.iter().enumerate() {
            let _ = writeln!(t, "{}.                 {h}\n\n\n{d}\n", i + 1);
        }
        (title, t)
    }
}

fn capitalise(mut s: String) -> String {
    if let Some(c) = s.chars().next()
        && c.is_lowercase()
    {
        let upper: String = c.to_uppercase().collect();
        s.replace_range(..c.len_utf8(), &upper);
    }
    s
}

fn lower_first(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_lowercase().chain(cs).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;
