//! The notebook out, for spreadsheets and editors: CSV of every event and
//! figure with its source (more formats to come: SVG, PNG, Markdown).
//!
//! Invariants: one row per event or figure, dates in ISO form with their
//! precision beside them, every row naming its source article and quote.
//! This module never imports egui.

use crate::model::{Notebook, Precision};

/// The CSV header, in column order.
pub const CSV_COLUMNS: [&str; 19] = [
    "kind",
    "id",
    "date",
    "end",
    "precision",
    "title",
    "category",
    "place",
    "actors",
    "series",
    "unit",
    "low",
    "high",
    "best",
    "qualifier",
    "denominator",
    "source_title",
    "source_url",
    "quote",
];

fn precision_name(precision: Precision) -> &'static str {
    match precision {
        Precision::Day => "day",
        Precision::Month => "month",
        Precision::Year => "year",
    }
}

fn number(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// Every event and figure as CSV (RFC 4180, UTF-8, header first), events by
/// date then figures by series and date.
pub fn csv(notebook: &Notebook) -> Result<String, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| format!("cannot write CSV: {e}");
    writer.write_record(CSV_COLUMNS).map_err(fail)?;
    let source = |evidence: Option<&crate::model::Evidence>| -> (String, String, String) {
        match evidence {
            Some(evidence) => {
                let article = notebook.article(evidence.article);
                (
                    article
                        .map(|a| a.title.clone())
                        .unwrap_or_else(|| "(article deleted)".into()),
                    article.map(|a| a.url.clone()).unwrap_or_default(),
                    evidence.quote.clone(),
                )
            }
            None => Default::default(),
        }
    };
    let mut events: Vec<_> = notebook.events.iter().collect();
    events.sort_by_key(|e| (e.start.first_day(), e.id));
    for event in events {
        let (title, url, quote) = source(event.evidence.first());
        let row = [
            "event".to_owned(),
            event.id.to_string(),
            event.start.first_day().to_string(),
            event
                .end
                .map(|e| e.last_day().to_string())
                .unwrap_or_default(),
            precision_name(event.start.precision).to_owned(),
            event.title.clone(),
            event.category.label().to_owned(),
            event.place.clone(),
            event.actors.join("; "),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            title,
            url,
            quote,
        ];
        writer.write_record(&row).map_err(fail)?;
    }
    for series in &notebook.series {
        let mut observations: Vec<_> = series.observations.iter().collect();
        observations.sort_by_key(|o| (o.as_of.first_day(), o.id));
        for observation in observations {
            let (title, url, quote) = source(observation.evidence.as_ref());
            let row = [
                "figure".to_owned(),
                observation.id.to_string(),
                observation.as_of.first_day().to_string(),
                String::new(),
                precision_name(observation.as_of.precision).to_owned(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                series.name.clone(),
                series.unit.clone(),
                number(Some(observation.low)),
                number(Some(observation.high)),
                number(observation.best),
                crate::extract::qualifier_name(observation.qualifier).to_owned(),
                number(observation.denominator.or(series.denominator)),
                title,
                url,
                quote,
            ];
            writer.write_record(&row).map_err(fail)?;
        }
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| format!("cannot write CSV: {e}"))?;
    String::from_utf8(bytes).map_err(|e| format!("cannot write CSV: {e}"))
}
