//! [`Notebook::validate`]: the rules a notebook keeps (unique ids, finite
//! figures, sound dates, places on the globe, lengths a window can draw),
//! each broken one named with its item.

use super::*;

/// A rule a notebook broke; found by [`Notebook::validate`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid {
    /// Where: "event 0190…", "series 'US troops' observation 0190…".
    pub item: String,
    /// What is wrong with it.
    pub problem: String,
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.item, self.problem)
    }
}

impl Notebook {
    /// Lists every broken rule (duplicate ids, non-finite or inverted figures,
    /// impossible confidence grades). An empty list means the notebook is sound.
    pub fn validate(&self) -> Vec<Invalid> {
        let mut problems = Vec::new();
        let mut report = |item: String, problem: &str| {
            problems.push(Invalid {
                item,
                problem: problem.to_owned(),
            })
        };
        for (kind, ids) in [
            ("article", repeated_ids(&self.articles, |a| a.id)),
            ("event", repeated_ids(&self.events, |e| e.id)),
            ("actor", repeated_ids(&self.actors, |a| a.id)),
            ("place", repeated_ids(&self.places, |p| p.id)),
            ("proposal", repeated_ids(&self.proposals, |p| p.id)),
            ("series", repeated_ids(&self.series, |s| s.id)),
            ("view", repeated_ids(&self.views, |v| v.id)),
            ("watch term", repeated_ids(&self.watch, |w| w.id)),
        ] {
            for id in ids {
                report(format!("{kind} {id}"), "the id is used twice");
            }
        }
        // Absurd lengths are refused: no analyst typed them, and drawing
        // them would freeze the window.
        let mut lengths: Vec<(String, &str, usize, usize)> = Vec::new();
        let line = |item: String, field: &'static str, text: &str| {
            (item, field, text.len(), MAX_LINE_BYTES)
        };
        lengths.push(line("the notebook".into(), "title", &self.meta.title));
        for article in &self.articles {
            let item = format!("article {}", article.id);
            for (field, text) in [
                ("title", &article.title),
                ("outlet", &article.outlet),
                ("url", &article.url),
                ("author", &article.author),
            ] {
                lengths.push(line(item.clone(), field, text));
            }
            lengths.push((item.clone(), "text", article.text.len(), MAX_TEXT_BYTES));
            lengths.push((item, "notes", article.notes.len(), MAX_TEXT_BYTES));
        }
        for event in &self.events {
            let item = format!("event {}", event.id);
            lengths.push(line(item.clone(), "title", &event.title));
            lengths.push(line(item.clone(), "place", &event.place));
            for tag in event.tags.iter().chain(&event.actors) {
                lengths.push(line(item.clone(), "tag or actor", tag));
            }
            lengths.push((item, "notes", event.notes.len(), MAX_TEXT_BYTES));
        }
        for series in &self.series {
            let item = format!("series {}", series.id);
            lengths.push(line(item.clone(), "name", &series.name));
            lengths.push(line(item.clone(), "unit", &series.unit));
            lengths.push(line(item, "subject", &series.subject));
        }
        for view in &self.views {
            let item = format!("view {}", view.id);
            lengths.push(line(item.clone(), "name", &view.name));
            for tag in &view.tags {
                lengths.push(line(item.clone(), "tag", tag));
            }
        }
        for term in &self.watch {
            lengths.push(line(format!("watch term {}", term.id), "term", &term.term));
        }
        for (item, field, length, most) in lengths {
            if length > most {
                report(
                    item,
                    &format!("its {field} is {length} bytes long (at most {most})"),
                );
            }
        }
        for event in &self.events {
            if let Some(confidence) = event.confidence
                && !(1..=6).contains(&confidence.credibility)
            {
                report(format!("event {}", event.id), "credibility must be 1 to 6");
            }
            if let Some(end) = event.end
                && end.last_day() < event.start.first_day()
            {
                report(format!("event {}", event.id), "ends before it starts");
            }
        }
        for place in &self.places {
            if !(place.lat.is_finite()
                && place.lon.is_finite()
                && place.lat.abs() <= 90.0
                && place.lon.abs() <= 180.0)
            {
                report(
                    format!("place '{}'", place.name),
                    "latitude or longitude out of range",
                );
            }
        }
        for view in &self.views {
            if view.region.as_ref().is_some_and(|r| !r.is_sound()) {
                report(
                    format!("view '{}'", view.name),
                    "its region is not a box of the globe",
                );
            }
            if view.window.is_some_and(|w| w.to < w.from) {
                report(
                    format!("view '{}'", view.name),
                    "its window ends before it starts",
                );
            }
        }
        for proposal in &self.proposals {
            if let ProposalKind::Figure { figure, .. } = &proposal.kind {
                if [Some(figure.low), Some(figure.high), figure.denominator]
                    .iter()
                    .flatten()
                    .any(|n| !n.is_finite())
                {
                    report(
                        format!("proposal {}", proposal.id),
                        "a figure is not a finite number",
                    );
                } else if figure.low > figure.high {
                    report(format!("proposal {}", proposal.id), "low is above high");
                }
            }
        }
        for series in &self.series {
            if series.denominator.is_some_and(|d| !d.is_finite()) {
                report(
                    format!("series '{}'", series.name),
                    "the denominator is not a finite number",
                );
            }
            for id in repeated_ids(&series.observations, |o| o.id) {
                report(
                    format!("series '{}' observation {id}", series.name),
                    "the id is used twice",
                );
            }
            for observation in &series.observations {
                let item = || format!("series '{}' observation {}", series.name, observation.id);
                let numbers = [
                    Some(observation.low),
                    Some(observation.high),
                    observation.best,
                    observation.denominator,
                ];
                if numbers.iter().flatten().any(|n| !n.is_finite()) {
                    report(item(), "a figure is not a finite number");
                } else if observation.low > observation.high {
                    report(item(), "low is above high");
                }
            }
        }
        problems
    }
}

/// The ids that stand twice in a row in a collection kept sorted by id.
fn repeated_ids<T, K: PartialEq + std::fmt::Display>(
    items: &[T],
    id: impl Fn(&T) -> K,
) -> Vec<String> {
    items
        .windows(2)
        .filter(|pair| id(&pair[0]) == id(&pair[1]))
        .map(|pair| id(&pair[0]).to_string())
        .collect()
}
