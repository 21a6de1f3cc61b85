//! The article reader: the article's words with its evidence highlighted,
//! a selection that becomes an event or a figure, and an editor for the
//! article itself. Article text is shown as plain text, never interpreted.

use super::Command;
use super::fields;
use super::state::{Out, UiState};
use crate::model::{Article, Edit, Notebook, PartialDate};
use egui::text::{CCursor, LayoutJob};
use egui::{Color32, TextFormat, Ui};

/// Draws the reader for the open article.
pub fn show(ui: &mut Ui, notebook: &Notebook, view: &mut UiState, out: &mut Out) {
    if view.reader_folded {
        folded(ui, notebook, view, out);
        return;
    }
    // Fill the panel, so it keeps the height the user gave it whatever it shows.
    ui.set_min_height(ui.available_height());
    let Some(article) = view.reader.article.and_then(|id| notebook.article(id)) else {
        ui.vertical_centered(|ui| {
            ui.add_space(24.0);
            ui.weak("Pick an article on the left, or write a new one.");
            if ui.button("Write a new article").clicked() {
                out.commands.push(Command::NewArticle);
            }
        });
        return;
    };
    // Wrapped: on a narrow window the buttons take two rows rather than
    // widening the reader past its panel.
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Fold")
            .on_hover_text("Fold the reader to this row, giving the timeline its room")
            .clicked()
        {
            out.commands.push(Command::FoldReader);
        }
        let editing = view.reader.editing;
        let has_selection = view.reader.selection.is_some() && !editing;
        let hint = "Select words in the text first";
        if ui
            .add_enabled(has_selection, egui::Button::new("Event from selection"))
            .on_disabled_hover_text(hint)
            .on_hover_text("Ctrl+E")
            .clicked()
        {
            out.commands.push(Command::EventFromSelection);
        }
        if ui
            .add_enabled(has_selection, egui::Button::new("Figure from selection"))
            .on_disabled_hover_text(hint)
            .on_hover_text("Ctrl+G")
            .clicked()
        {
            out.commands.push(Command::FigureFromSelection);
        }
        if !editing
            && ui
                .button("Find events and figures")
                .on_hover_text("Propose the counts and dated sentences of this article for review")
                .clicked()
        {
            out.commands.push(Command::ProposeForArticle);
        }
        if ui
            .button(if editing { "Done" } else { "Edit article" })
            .clicked()
        {
            view.reader.editing = !editing;
            out.seal = true;
        }
    });
    let title = if article.title.trim().is_empty() {
        "(untitled article)"
    } else {
        article.title.as_str()
    };
    ui.add(egui::Label::new(egui::RichText::new(title).heading()).wrap());
    let mut byline = Vec::new();
    if !article.outlet.is_empty() {
        byline.push(article.outlet.clone());
    }
    if !article.author.is_empty() {
        byline.push(article.author.clone());
    }
    byline.push(crate::model::describe_published(
        article.published,
        article.published_from,
    ));
    ui.horizontal_wrapped(|ui| {
        ui.weak(byline.join(" · "));
        let url = article.url.trim();
        let web = url.starts_with("https://") || url.starts_with("http://");
        if !url.is_empty() && !web {
            // Only web addresses open: a file:, javascript: or other link is shown, never followed.
            ui.weak(url)
                .on_hover_text("Not a web address: Sitrep does not open it");
        }
        if web {
            // The link opens only on a click, and the full address is shown first.
            if ui
                .link(&article.url)
                .on_hover_text(format!("Open in your browser:\n{}", article.url))
                .clicked()
            {
                ui.ctx().open_url(egui::OpenUrl::new_tab(&article.url));
            }
        }
    });
    ui.separator();
    if view.reader.editing {
        editor(ui, article, view, out);
    } else {
        text_view(ui, notebook, article, view);
    }
}

/// The reader folded to a strip: the article's title and the way back.
fn folded(ui: &mut Ui, notebook: &Notebook, view: &UiState, out: &mut Out) {
    ui.horizontal(|ui| {
        if ui
            .button("Unfold")
            .on_hover_text("Show the article again")
            .clicked()
        {
            out.commands.push(Command::FoldReader);
        }
        let title = view
            .reader
            .article
            .and_then(|id| notebook.article(id))
            .map_or("No article open", |a| a.title.as_str());
        ui.add(egui::Label::new(egui::RichText::new(title).strong()).truncate());
    });
}

fn editor(ui: &mut Ui, article: &Article, view: &mut UiState, out: &mut Out) {
    let key = |field: &str| Some(format!("article:{}:{field}", article.id));
    egui::ScrollArea::vertical().id_salt("sitrep-editor-scroll").auto_shrink(false).show(ui, |ui| {
        egui::Grid::new("sitrep-article-fields").num_columns(2).striped(false).show(ui, |ui| {
            let mut updated = article.clone();
            let title_label = ui.label("Title");
            let title = ui
                .add(egui::TextEdit::singleline(&mut updated.title).desired_width(f32::INFINITY))
                .labelled_by(title_label.id);
            if std::mem::take(&mut view.reader.focus_title) {
                title.request_focus();
            }
            ui.end_row();
            if title.changed() {
                out.edits.push((Edit::PutArticle(updated.clone()), key("title")));
            }
            if fields::text(ui, "Outlet", &mut updated.outlet) {
                out.edits.push((Edit::PutArticle(updated.clone()), key("outlet")));
            }
            if fields::text(ui, "URL", &mut updated.url) {
                out.edits.push((Edit::PutArticle(updated.clone()), key("url")));
            }
            if fields::text(ui, "Author", &mut updated.author) {
                out.edits.push((Edit::PutArticle(updated.clone()), key("author")));
            }
            let published = article.published.map(PartialDate::iso).unwrap_or_default();
            let draft_key = format!("article:{}:published", article.id);
            if let Some(date) =
                fields::parsed(ui, &mut view.drafts, &draft_key, "Published", published, fields::parse_optional_date)
            {
                out.commands.push(super::Command::DateArticle(article.id, date));
            }
            let mut text = article.text.clone();
            if fields::multiline(ui, "Text", &mut text, 16) {
                updated.set_text(text);
                out.edits.push((Edit::PutArticle(updated), key("text")));
            }
        });
        ui.weak("Dates: 2021-06-22, 2021-06 (a month) or 2021 (a year). Changes are kept as you type; Ctrl+Z undoes them.");
    });
}

fn text_view(ui: &mut Ui, notebook: &Notebook, article: &Article, view: &mut UiState) {
    let revision = view.revision;
    let spans = view.citations(notebook, revision, article.id).spans.clone();
    let proposed: Vec<(usize, usize)> = notebook
        .proposals
        .iter()
        .filter(|p| p.evidence.article == article.id)
        .map(|p| (p.evidence.start, p.evidence.end))
        .filter(|&(s, e)| !spans.iter().any(|&(a, b)| a < e && s < b))
        .collect();
    let focus = view.reader.focus_span;
    let dark = ui.visuals().dark_mode;
    egui::ScrollArea::vertical()
        .id_salt("sitrep-reader-scroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            let mut layouter = |ui: &Ui, buffer: &dyn egui::TextBuffer, wrap_width: f32| {
                let job = highlighted(
                    ui,
                    buffer.as_str(),
                    &spans,
                    &proposed,
                    focus,
                    dark,
                    wrap_width,
                );
                ui.fonts_mut(|fonts| fonts.layout_job(job))
            };
            let mut shown: &str = article.text.as_str();
            let output = egui::TextEdit::multiline(&mut shown)
                .id_salt(("sitrep-reader-text", article.id))
                .desired_width(f32::INFINITY)
                .layouter(&mut layouter)
                .show(ui);
            output.response.response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Article text")
            });
            view.reader.text_id = Some(output.response.response.id);
            if let Some(range) = output.cursor_range {
                let (a, b) = (range.primary.index.0, range.secondary.index.0);
                let (start, end) = (a.min(b), a.max(b));
                // What is made of the selection holds whole words.
                view.reader.selection = (start != end).then(|| {
                    crate::extract::tokens::snap_to_words(
                        &article.text,
                        char_to_byte(&article.text, start),
                        char_to_byte(&article.text, end),
                    )
                });
            }
            if let Some((start, end)) = view.reader.scroll_to.take() {
                let char_index = article
                    .text
                    .get(..start)
                    .map_or(0, |prefix| prefix.chars().count());
                let rect = output
                    .galley
                    .pos_from_cursor(CCursor::new(char_index))
                    .translate(output.galley_pos.to_vec2());
                ui.scroll_to_rect(rect.expand(40.0), Some(egui::Align::Center));
                view.reader.focus_span = Some((start, end));
            }
        });
}

/// Byte offset of the `index`-th character (the text's length past the end).
fn char_to_byte(text: &str, index: usize) -> usize {
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(byte, _)| byte)
}

fn highlighted(
    ui: &Ui,
    text: &str,
    spans: &[(usize, usize)],
    proposed: &[(usize, usize)],
    focus: Option<(usize, usize)>,
    dark: bool,
    wrap_width: f32,
) -> LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = TextFormat::simple(font.clone(), ui.visuals().text_color());
    let marked = TextFormat {
        background: if dark {
            Color32::from_rgb(90, 75, 20)
        } else {
            Color32::from_rgb(255, 236, 150)
        },
        ..plain.clone()
    };
    let focused = TextFormat {
        background: if dark {
            Color32::from_rgb(150, 90, 20)
        } else {
            Color32::from_rgb(255, 190, 80)
        },
        ..plain.clone()
    };
    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap_width;
    let mut at = 0;
    let suggested = TextFormat {
        underline: egui::Stroke::new(1.5, Color32::from_rgb(90, 160, 255)),
        ..plain.clone()
    };
    let mut marks: Vec<(usize, usize, &TextFormat)> = spans
        .iter()
        .map(|&(s, e)| (s, e, &marked))
        .chain(proposed.iter().map(|&(s, e)| (s, e, &suggested)))
        .collect();
    marks.sort_by_key(|m| m.0);
    if let Some((s, e)) = focus {
        marks.retain(|&(ms, me, _)| me <= s || ms >= e);
        marks.push((s, e, &focused));
        marks.sort_by_key(|m| m.0);
    }
    for (start, end, format) in marks {
        // Spans come from the notebook: take only those that fit this text.
        let (Some(before), Some(inside)) = (text.get(at..start), text.get(start..end)) else {
            continue;
        };
        job.append(before, 0.0, plain.clone());
        job.append(inside, 0.0, format.clone());
        at = end;
    }
    job.append(text.get(at..).unwrap_or(""), 0.0, plain);
    job
}
