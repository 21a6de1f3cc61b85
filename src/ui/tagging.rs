//! Turning the reader's selection into an event or a figure: the drafts,
//! their first guesses from the selected words, and the dialogs' forms.

use super::fields;
use super::state::UiState;
use crate::import::{self, FigureEntry, FigureReading, FigureValue};
use crate::model::{
    Category, Edit, Event, EventId, Evidence, FigureKind, Measure, Notebook, PartialDate,
    Qualifier, SeriesId,
};
use egui::Ui;

/// What a form's buttons decided this frame.
#[derive(Debug)]
pub enum FormResult {
    /// Still open.
    Open,
    /// Create: apply this edit.
    Done(Box<Edit>),
    /// Closed without change.
    Cancel,
}

/// The selected words as evidence, if there is a selection: without the
/// spaces and the trailing comma or semicolon a quick drag picks up.
fn selected_evidence(
    notebook: &Notebook,
    view: &UiState,
) -> Option<(Evidence, Option<PartialDate>)> {
    let article = notebook.article(view.reader.article?)?;
    let (start, end) = view.reader.selection?;
    let picked = article.text.get(start..end)?;
    let words = picked.trim_start();
    let start = start + (picked.len() - words.len());
    let words = words.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'));
    if words.is_empty() {
        return None;
    }
    let end = start + words.len();
    let quote = words.to_owned();
    Some((
        Evidence {
            article: article.id,
            start,
            end,
            quote,
        },
        article.published,
    ))
}

/// An event being made from a selection.
#[derive(Debug)]
pub struct EventDraft {
    evidence: Evidence,
    title: String,
    start: String,
    end: String,
    category: Category,
    place: String,
    actors: String,
    notes: String,
    error: String,
}

impl EventDraft {
    /// A draft from the reader's selection: the title from the words; the
    /// date, place and actors they name (found by `extractor`, the date
    /// read against the article's publication date, which stands in when
    /// the words name none); the kind of event their verbs say.
    pub fn from_selection(
        notebook: &Notebook,
        view: &UiState,
        extractor: Option<&crate::extract::Extractor>,
    ) -> Option<Self> {
        let (evidence, published) = selected_evidence(notebook, view)?;
        let words: Vec<&str> = evidence.quote.split_whitespace().collect();
        let mut title = words.join(" ");
        if title.chars().count() > 100 {
            title = title.chars().take(99).collect::<String>() + "…";
        }
        let named = extractor
            .map(|extractor| named_in(extractor, &evidence.quote, published))
            .unwrap_or_default();
        Some(Self {
            category: crate::extract::category::guess_category(&evidence.quote),
            evidence,
            title,
            start: named
                .date
                .or(published)
                .map(PartialDate::iso)
                .unwrap_or_default(),
            end: String::new(),
            place: named.places.join(", "),
            actors: named.actors.join(", "),
            notes: String::new(),
            error: String::new(),
        })
    }

    fn build(&self) -> Result<Edit, String> {
        if self.title.trim().is_empty() {
            return Err("An event needs a title".into());
        }
        let start = PartialDate::parse(&self.start).map_err(|e| format!("Date: {e}"))?;
        let end = fields::parse_optional_date(&self.end).map_err(|e| format!("End: {e}"))?;
        if end.is_some_and(|end| end.last_day() < start.first_day()) {
            return Err("The end date is before the start".into());
        }
        Ok(Edit::PutEvent(Event {
            id: EventId::from_uuid(uuid::Uuid::now_v7()),
            title: self.title.trim().to_owned(),
            start,
            end,
            category: self.category,
            tags: Vec::new(),
            place: self.place.trim().to_owned(),
            actors: fields::split_list(&self.actors),
            notes: self.notes.clone(),
            evidence: vec![self.evidence.clone()],
            confidence: None,
        }))
    }
}

/// What selected words name: their first date, their places and actors.
#[derive(Debug, Default)]
struct Named {
    date: Option<PartialDate>,
    places: Vec<String>,
    actors: Vec<String>,
}

fn named_in(
    extractor: &crate::extract::Extractor,
    words: &str,
    published: Option<PartialDate>,
) -> Named {
    use crate::extract::Fact;
    let reference = crate::extract::reference_for(published);
    let mut named = Named::default();
    for fact in extractor.extract(words, reference) {
        match fact {
            Fact::Date(mention) if named.date.is_none() => named.date = Some(mention.date),
            Fact::Place { name, .. } if !named.places.iter().any(|p| **p == *name) => {
                named.places.push(name.to_string());
            }
            Fact::Actor { name, .. } if !named.actors.iter().any(|a| **a == *name) => {
                named.actors.push(name.to_string());
            }
            _ => {}
        }
    }
    named
}

/// The new-event dialog.
pub fn event_form(ui: &mut Ui, _notebook: &Notebook, draft: &mut EventDraft) -> FormResult {
    ui.heading("New event");
    quote(ui, &draft.evidence.quote);
    egui::Grid::new("sitrep-event-form")
        .num_columns(2)
        .min_col_width(90.0)
        .show(ui, |ui| {
            fields::text(ui, "Title", &mut draft.title);
            fields::text(ui, "Date", &mut draft.start);
            fields::text(ui, "End date", &mut draft.end);
            fields::choice(
                ui,
                "Category",
                &mut draft.category,
                &Category::ALL,
                Category::label,
            );
            fields::text(ui, "Place", &mut draft.place);
            fields::text(ui, "Actors", &mut draft.actors);
            fields::multiline(ui, "Notes", &mut draft.notes, 2);
        });
    let pressed = buttons(ui, "Create event", &draft.error);
    let built = (pressed == Pressed::Create).then(|| draft.build());
    finish(pressed, built, &mut draft.error)
}

/// Which series a new figure goes on.
#[derive(Clone, Debug, PartialEq)]
enum SeriesChoice {
    Existing(SeriesId),
    New,
}

/// A figure being made from a selection.
#[derive(Debug)]
pub struct FigureDraft {
    evidence: Evidence,
    series: SeriesChoice,
    new_name: String,
    new_unit: String,
    new_subject: String,
    low: String,
    high: String,
    best: String,
    qualifier: Qualifier,
    denominator: String,
    as_of: String,
    place: String,
    notes: String,
    /// What the words' sentence says happened to the counted.
    measure: Option<Measure>,
    /// A level, a running total or one incident's toll, as the sentence says.
    kind: FigureKind,
    error: String,
}

impl FigureDraft {
    /// A draft from the reader's selection: the figure read as an import
    /// reads it (the count in the words, what its sentence says happened to
    /// the counted and of which kind it is, by `extractor`; else the words'
    /// first number), on the series an import would choose for it.
    pub fn from_selection(
        notebook: &Notebook,
        view: &UiState,
        extractor: Option<&crate::extract::Extractor>,
    ) -> Option<Self> {
        let (evidence, published) = selected_evidence(notebook, view)?;
        let text = &notebook.article(evidence.article)?.text;
        let selection = (evidence.start, evidence.end);
        let read = import::read_selection(extractor, text, selection, published);
        let number = |value: Option<f64>| fields::number_text(value);
        let (low, high) = match &read {
            Some(r) => (number(Some(r.value.low)), number(Some(r.value.high))),
            // No number in the words: the analyst types it.
            None => (String::new(), String::new()),
        };
        let reading = read.unwrap_or_default();
        // The series import would pick for the same words.
        let (existing, new_name) = if reading.value.unit.is_empty() {
            (None, String::new())
        } else {
            match reading.suggested_series(notebook) {
                import::SeriesChoice::Existing(id) => {
                    (Some(id), import::name_for(&reading.facts()))
                }
                import::SeriesChoice::New { name } => (None, name),
            }
        };
        let value = &reading.value;
        Some(Self {
            evidence,
            series: existing.map_or(SeriesChoice::New, SeriesChoice::Existing),
            new_name,
            new_unit: value.unit.clone(),
            new_subject: value.subject.clone(),
            low,
            high,
            best: String::new(),
            qualifier: value.qualifier,
            denominator: number(value.denominator),
            as_of: published.map(PartialDate::iso).unwrap_or_default(),
            place: String::new(),
            notes: String::new(),
            measure: reading.measure,
            kind: reading.kind,
            error: String::new(),
        })
    }

    fn build(&self) -> Result<Edit, String> {
        let low = fields::parse_number(&self.low).map_err(|e| format!("Low: {e}"))?;
        let high =
            match fields::parse_optional_number(&self.high).map_err(|e| format!("High: {e}"))? {
                Some(high) => high,
                None => low,
            };
        if low > high {
            return Err("Low is above high".into());
        }
        let best = fields::parse_optional_number(&self.best).map_err(|e| format!("Best: {e}"))?;
        let denominator =
            fields::parse_optional_number(&self.denominator).map_err(|e| format!("Of: {e}"))?;
        let as_of = PartialDate::parse(&self.as_of).map_err(|e| format!("As of: {e}"))?;
        let entry = FigureEntry {
            reading: FigureReading {
                value: FigureValue {
                    low,
                    high,
                    qualifier: self.qualifier,
                    unit: self.new_unit.clone(),
                    subject: self.new_subject.clone(),
                    denominator,
                },
                measure: self.measure,
                kind: self.kind,
            },
            best,
            as_of,
            place: self.place.clone(),
            evidence: Some(self.evidence.clone()),
            notes: self.notes.clone(),
        };
        let series = match &self.series {
            SeriesChoice::Existing(id) => import::SeriesChoice::Existing(*id),
            SeriesChoice::New => import::SeriesChoice::New {
                name: self.new_name.clone(),
            },
        };
        import::figure_edit(&entry, &series)
    }
}

/// The new-figure dialog.
pub fn figure_form(ui: &mut Ui, notebook: &Notebook, draft: &mut FigureDraft) -> FormResult {
    ui.heading("New figure");
    quote(ui, &draft.evidence.quote);
    egui::Grid::new("sitrep-figure-form")
        .num_columns(2)
        .min_col_width(90.0)
        .show(ui, |ui| {
            let label = ui.label("Series");
            let selected = match &draft.series {
                SeriesChoice::Existing(id) => notebook
                    .series(*id)
                    .map_or("?".to_owned(), |s| s.name.clone()),
                SeriesChoice::New => "New series…".to_owned(),
            };
            egui::ComboBox::from_id_salt("sitrep-figure-series")
                .selected_text(selected)
                .show_ui(ui, |ui| {
                    for series in &notebook.series {
                        ui.selectable_value(
                            &mut draft.series,
                            SeriesChoice::Existing(series.id),
                            &series.name,
                        );
                    }
                    ui.selectable_value(&mut draft.series, SeriesChoice::New, "New series…");
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            if draft.series == SeriesChoice::New {
                fields::text(ui, "Series name", &mut draft.new_name);
                fields::text(ui, "Unit", &mut draft.new_unit);
                fields::text(ui, "Subject", &mut draft.new_subject);
            }
            fields::choice(
                ui,
                "Qualifier",
                &mut draft.qualifier,
                &Qualifier::ALL,
                Qualifier::label,
            );
            fields::text(ui, "Low", &mut draft.low);
            fields::text(ui, "High", &mut draft.high);
            fields::text(ui, "Best", &mut draft.best);
            fields::text(ui, "Of", &mut draft.denominator);
            fields::text(ui, "As of", &mut draft.as_of);
            fields::text(ui, "Place", &mut draft.place);
            fields::multiline(ui, "Notes", &mut draft.notes, 2);
        });
    let pressed = buttons(ui, "Create figure", &draft.error);
    let built = (pressed == Pressed::Create).then(|| draft.build());
    finish(pressed, built, &mut draft.error)
}

fn quote(ui: &mut Ui, words: &str) {
    let shown: String = words.chars().take(400).collect();
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_max_width(420.0);
        ui.label(egui::RichText::new(format!("“{shown}”")).italics());
    });
}

/// Which of a form's buttons was pressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pressed {
    Nothing,
    Create,
    Cancel,
}

fn buttons(ui: &mut Ui, create: &str, error: &str) -> Pressed {
    if !error.is_empty() {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
    let mut pressed = Pressed::Nothing;
    ui.horizontal(|ui| {
        let pressed_enter = ui.input(|i| i.modifiers.command && i.key_pressed(egui::Key::Enter));
        if ui.button(create).on_hover_text("Ctrl+Enter").clicked() || pressed_enter {
            pressed = Pressed::Create;
        }
        if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            pressed = Pressed::Cancel;
        }
    });
    pressed
}

fn finish(pressed: Pressed, built: Option<Result<Edit, String>>, error: &mut String) -> FormResult {
    match (pressed, built) {
        (Pressed::Cancel, _) => FormResult::Cancel,
        (_, Some(Ok(edit))) => FormResult::Done(Box::new(edit)),
        (_, Some(Err(message))) => {
            *error = message;
            FormResult::Open
        }
        (_, None) => FormResult::Open,
    }
}
