//! The event label placer on any set of events at any zoom and pan: no two
//! labels overlap, none leaves the plot, none is cut inside a word, and a
//! label never sits on another event's marker or bar.

use jiff::Timestamp;
use jiff::civil::Date;
use proptest::prelude::*;
use sitrep::model::{Category, Event, EventId, Notebook, PartialDate, Precision};
use sitrep::timeline::labels::{self, ELLIPSIS, PlotSpan};
use sitrep::timeline::{self, Filter};

const CHAR_PX: f64 = 7.0;

fn measure(text: &str) -> f64 {
    text.chars().count() as f64 * CHAR_PX
}

/// Titles of mixed length, with the punctuation real ones carry.
const WORDS: &[&str] = &[
    "Taliban",
    "take",
    "Herat,",
    "the",
    "last",
    "US",
    "flight",
    "leaves",
    "Kabul",
    "airport",
    "attack",
    "kills",
    "13",
    "service",
    "members",
    "and",
    "170",
    "Afghans;",
    "talks",
    "in",
    "Doha",
    "stall",
    "—",
    "provincial",
    "capital",
    "falls",
    "(Zaranj)",
];

fn title() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..14).prop_map(|w| w.join(" "))
}

fn event() -> impl Strategy<Value = (String, i64, Option<i64>, bool)> {
    (
        title(),
        0i64..150,
        prop::option::of(1i64..60),
        any::<bool>(),
    )
}

fn notebook(events: &[(String, i64, Option<i64>, bool)]) -> Notebook {
    let mut notebook = Notebook::new("labels".into(), "labels", Timestamp::UNIX_EPOCH);
    let first = Date::constant(2021, 4, 1);
    for (n, (title, offset, length, monthly)) in events.iter().enumerate() {
        let day = first
            .checked_add(jiff::Span::new().days(*offset))
            .expect("day");
        let start = if *monthly {
            PartialDate {
                date: day.first_of_month(),
                precision: Precision::Month,
            }
        } else {
            PartialDate {
                date: day,
                precision: Precision::Day,
            }
        };
        let end = length.map(|days| PartialDate {
            date: day.checked_add(jiff::Span::new().days(days)).expect("end"),
            precision: Precision::Day,
        });
        notebook.events.push(Event {
            id: EventId::from_u128(n as u128 + 1),
            title: title.as_str().into(),
            start,
            end,
            category: Category::ALL[n % Category::ALL.len()],
            tags: vec![],
            place: String::new(),
            actors: vec![],
            notes: String::new(),
            evidence: vec![],
            confidence: None,
        });
    }
    notebook
}

/// Whether `shown` is `full`, or whole words of it and an ellipsis.
fn cut_between_words(shown: &str, full: &str) -> bool {
    if shown == full {
        return true;
    }
    let Some(words) = shown.strip_suffix(ELLIPSIS) else {
        return false;
    };
    let Some(rest) = full.strip_prefix(words) else {
        return false;
    };
    let rest = rest.trim_start_matches([',', ';', ':', '-', '–', '—', '(']);
    !words.is_empty() && rest.starts_with(char::is_whitespace)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn labels_never_overlap_leave_the_plot_or_break_a_word(
        events in prop::collection::vec(event(), 1..45),
        days_shown in 3.0f64..400.0,
        pan in -60.0f64..200.0,
        width in 240.0f64..1600.0,
    ) {
        let notebook = notebook(&events);
        let x_min = timeline::day_x(Date::constant(2021, 4, 1)) + pan;
        let span = PlotSpan { x_min, x_max: x_min + days_shown, width };
        let marks = timeline::event_marks(
            &notebook,
            &Filter::default(),
            width / days_shown,
            CHAR_PX,
            6,
        );
        let placed = labels::place_labels(&marks.iter().collect::<Vec<_>>(), &span, &mut |m| m.title.to_string(), &mut measure);
        for label in &placed {
            let mark = marks.iter().find(|m| m.id == label.id).expect("its mark");
            prop_assert!(label.left >= 0.0 && label.right <= width, "{label:?} leaves 0..{width}");
            prop_assert!((label.right - label.left - measure(&label.text)).abs() < 1e-6);
            prop_assert!(cut_between_words(&label.text, mark.title.trim()), "{label:?} from {:?}", mark.title);
            prop_assert_eq!(label.shortened, label.text != mark.title.trim(), "{:?} of {:?}", label, mark);
            for other in &placed {
                if other.id != label.id && other.lane == label.lane {
                    prop_assert!(
                        other.right <= label.left || label.right <= other.left,
                        "{label:?} overlaps {other:?}"
                    );
                }
            }
            // Nothing else in the lane, marker or bar, lies under the label.
            for other in marks.iter().filter(|m| m.lane == label.lane && m.id != label.id) {
                let centre = span.px(other.x_start + 0.5);
                let mut end = centre + labels::MARKER_HALF_PX;
                if other.x_end - other.x_start > 1.5 {
                    end = end.max(span.px(other.x_end));
                }
                let start = centre - labels::MARKER_HALF_PX;
                prop_assert!(
                    end <= label.left || label.right <= start,
                    "{label:?} lies on {other:?}"
                );
            }
        }
    }
}

#[test]
fn a_sparse_timeline_shows_every_label_whole() {
    let events: Vec<(String, i64, Option<i64>, bool)> = (0..8)
        .map(|n| {
            (
                format!("Event number {n} with a long title of many words"),
                n * 30,
                None,
                false,
            )
        })
        .collect();
    let notebook = notebook(&events);
    let x_min = timeline::day_x(Date::constant(2021, 3, 25));
    let span = PlotSpan {
        x_min,
        x_max: x_min + 320.0,
        width: 1400.0,
    };
    let marks = timeline::event_marks(&notebook, &Filter::default(), 1400.0 / 320.0, CHAR_PX, 6);
    let placed = labels::place_labels(
        &marks.iter().collect::<Vec<_>>(),
        &span,
        &mut |m| m.title.to_string(),
        &mut measure,
    );
    assert_eq!(placed.len(), 8, "{placed:?}");
    assert!(placed.iter().all(|l| !l.shortened), "{placed:?}");
}
