//! Series choice measured: `tests/corpus/series-choice.jsonl` holds
//! sentences written for Sitrep, each with a notebook's series and the
//! series a figure of it belongs on (or "new", with what it counts) and
//! the figure's kind. The real import pipeline (propose, then
//! suggest_series_for) runs on each, and its accuracy must stay at or
//! above the floors below.

use serde_json::Value;
use sitrep::extract::Extractor;
use sitrep::import::{FigureFacts, SeriesChoice, propose, suggest_series_for};
use sitrep::model::{
    Article, ArticleId, FigureKind, Measure, Notebook, PartialDate, Proposal, ProposalKind, Series,
    SeriesId,
};

/// Share of figures put on the gold series (or a new one of the gold measure).
const SERIES_FLOOR: f64 = 0.98;
/// Share of figures of the gold kind.
const KIND_FLOOR: f64 = 0.975;

fn text<'v>(value: &'v Value, key: &str) -> &'v str {
    value.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn series_of(n: usize, value: &Value) -> Series {
    Series {
        subject: text(value, "subject").to_owned(),
        kind: FigureKind::from_key(text(value, "kind")).unwrap_or_default(),
        ..Series::new(
            SeriesId::from_u128(n as u128 + 1),
            text(value, "name"),
            text(value, "unit"),
        )
    }
}

/// The figure proposal whose words hold `figure`, the first place it occurs.
fn figure_at<'p>(proposals: &'p [Proposal], sentence: &str, figure: &str) -> Option<&'p Proposal> {
    let at = sentence.find(figure)?;
    proposals.iter().find(|p| {
        matches!(p.kind, ProposalKind::Figure { .. })
            && p.evidence.start <= at
            && at < p.evidence.end
    })
}

/// What the pipeline made of one labelled line: (series right, kind right,
/// a line saying what it chose).
fn judge(extractor: &Extractor, line: &Value) -> (bool, bool, String) {
    let sentence = text(line, "text");
    let mut notebook = Notebook::new("n".into(), "t", jiff::Timestamp::UNIX_EPOCH);
    let listed = line.get("series").and_then(Value::as_array);
    notebook.series = listed
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(n, s)| series_of(n, s))
        .collect();
    let mut article = Article::new(
        ArticleId::from_u128(1),
        "t",
        sentence,
        jiff::Timestamp::UNIX_EPOCH,
    );
    article.published = PartialDate::parse(text(line, "published")).ok();
    let Some(published) = article.published else {
        return (false, false, "no published date".into());
    };
    let proposals = propose(&article, extractor, published.date);
    let gold = line.get("gold").cloned().unwrap_or_default();
    let gold_measure = Measure::from_key(text(&gold, "measure"));
    let gold_kind = FigureKind::from_key(text(&gold, "kind"));
    let Some(facts) =
        figure_at(&proposals, sentence, text(line, "figure")).and_then(FigureFacts::of)
    else {
        return (
            false,
            false,
            format!("{}: no figure found", text(line, "id")),
        );
    };
    let choice = suggest_series_for(&notebook, &facts);
    let chosen = match &choice {
        SeriesChoice::Existing(id) => notebook
            .series(*id)
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        SeriesChoice::New { name } => format!("new \"{name}\""),
    };
    let series_right = match (&choice, text(&gold, "series")) {
        (SeriesChoice::New { .. }, "new") => facts.measure == gold_measure,
        (SeriesChoice::Existing(_), name) => chosen == name,
        _ => false,
    };
    let said = format!(
        "{} ({} {:?} {}): chose {chosen}, measure {:?}, kind {}",
        text(line, "id"),
        facts.unit,
        facts.subject,
        text(line, "figure"),
        facts.measure.map(Measure::key),
        facts.kind.key()
    );
    (series_right, Some(facts.kind) == gold_kind, said)
}

#[test]
fn figures_go_on_the_series_that_counts_what_happened_to_them() {
    let extractor = Extractor::with_defaults().expect("extractor");
    let lines = include_str!("corpus/series-choice.jsonl");
    // Per set: "dev" (written with the rules), "check" (written after them).
    let mut tally: std::collections::BTreeMap<String, [usize; 3]> = Default::default();
    for raw in lines.lines().filter(|l| !l.trim().is_empty()) {
        let line: Value = serde_json::from_str(raw).expect("each line is JSON");
        let (series_ok, kind_ok, said) = judge(&extractor, &line);
        let set = match text(&line, "set") {
            "" => "dev",
            set => set,
        };
        let counts = tally.entry(set.to_owned()).or_default();
        counts[0] += 1;
        counts[1] += usize::from(series_ok);
        counts[2] += usize::from(kind_ok);
        if !series_ok || !kind_ok {
            let gold = line.get("gold").cloned().unwrap_or_default();
            println!("miss {said}; gold {gold}");
        }
    }
    for (set, [n, series, kind]) in &tally {
        println!("{set}: series choice {series}/{n}, kind {kind}/{n}");
    }
    let [total, series_right, kind_right] = tally.values().fold([0; 3], |sum, counts| {
        [sum[0] + counts[0], sum[1] + counts[1], sum[2] + counts[2]]
    });
    assert!(total >= 80, "the set holds {total} sentences");
    let series_share = series_right as f64 / total as f64;
    let kind_share = kind_right as f64 / total as f64;
    println!(
        "series choice {series_right}/{total} = {series_share:.3}; kind {kind_right}/{total} = {kind_share:.3}"
    );
    assert!(
        series_share >= SERIES_FLOOR,
        "series choice fell to {series_share:.3}"
    );
    assert!(kind_share >= KIND_FLOOR, "kind fell to {kind_share:.3}");
}
