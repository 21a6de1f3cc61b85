//! Three-way merge of notebooks by id, as git's merge driver or by hand
//! (`sitrep merge BASE OURS THEIRS`).
//!
//! Items are matched by id in every list (articles, events, series and
//! their figures, proposals, places, actors, saved views, watch terms). An
//! item added on either side is kept; edits to different items, or to different fields of one item,
//! combine; an item deleted on one side and left alone on the other goes.
//! A field both sides changed to different values is a [`Conflict`]: the
//! merged notebook keeps ours and records theirs beside it, so nothing is
//! lost and the app can settle it. An item deleted on one side and edited
//! on the other is kept, edited, with a conflict. Fields are compared whole
//! (a date with its precision, a figure's evidence): never half of each.

use crate::model::{Conflict, Edit, Notebook};
use serde_json::{Map, Value};

/// The merged notebook and what could not be settled (also in its `conflicts`).
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    /// The result, canonical and valid.
    pub notebook: Notebook,
    /// The conflicts this merge found (earlier unsettled ones stay in the notebook too).
    pub conflicts: Vec<Conflict>,
}

fn to_json(notebook: &Notebook) -> Result<Value, String> {
    serde_json::to_value(notebook).map_err(|e| format!("cannot compare notebooks: {e}"))
}

/// Merges `ours` and `theirs`, both changed from `base`.
pub fn merge(base: &Notebook, ours: &Notebook, theirs: &Notebook) -> Result<Merged, String> {
    let (base, ours, theirs) = (to_json(base)?, to_json(ours)?, to_json(theirs)?);
    let mut conflicts = Vec::new();
    let merged = merge_object(
        "",
        base.as_object(),
        ours.as_object(),
        theirs.as_object(),
        &mut conflicts,
    );
    let mut notebook: Notebook = serde_json::from_value(Value::Object(merged))
        .map_err(|e| format!("the merged notebook does not hold together: {e}"))?;
    // Unsettled conflicts from either side stay, each once.
    let mut all = ours_and_theirs_conflicts(&ours, &theirs);
    for conflict in &conflicts {
        if !all.contains(conflict) {
            all.push(conflict.clone());
        }
    }
    notebook.conflicts = all;
    notebook.canonicalize();
    if let Some(problem) = notebook.validate().first() {
        return Err(format!("the merged notebook breaks a rule: {problem}"));
    }
    Ok(Merged {
        notebook,
        conflicts,
    })
}

fn ours_and_theirs_conflicts(ours: &Value, theirs: &Value) -> Vec<Conflict> {
    let mut all: Vec<Conflict> = Vec::new();
    for side in [ours, theirs] {
        let listed: Vec<Conflict> = side
            .get("conflicts")
            .and_then(|c| serde_json::from_value(c.clone()).ok())
            .unwrap_or_default();
        for conflict in listed {
            if !all.contains(&conflict) {
                all.push(conflict);
            }
        }
    }
    all
}

/// Merges objects key by key: the notebook, its meta, and every item.
fn merge_object(
    path: &str,
    base: Option<&Map<String, Value>>,
    ours: Option<&Map<String, Value>>,
    theirs: Option<&Map<String, Value>>,
    conflicts: &mut Vec<Conflict>,
) -> Map<String, Value> {
    let mut keys: Vec<&String> = [base, ours, theirs]
        .into_iter()
        .flatten()
        .flat_map(|m| m.keys())
        .collect();
    keys.sort();
    keys.dedup();
    let mut out = Map::new();
    for key in keys {
        if path.is_empty() && key == "conflicts" {
            continue; // gathered separately
        }
        let (b, o, t) = (
            base.and_then(|m| m.get(key)),
            ours.and_then(|m| m.get(key)),
            theirs.and_then(|m| m.get(key)),
        );
        let child = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        let value = if path == "meta" && key == "modified" {
            // The later of the two saves: not a disagreement.
            [o, t]
                .into_iter()
                .flatten()
                .max_by_key(|v| v.as_str())
                .cloned()
        } else if path.is_empty() && key == "meta" {
            Some(Value::Object(merge_object(
                "meta",
                b.and_then(Value::as_object),
                o.and_then(Value::as_object),
                t.and_then(Value::as_object),
                conflicts,
            )))
        } else {
            merge_field(path, key, &child, b, o, t, conflicts)
        };
        if let Some(value) = value {
            out.insert(key.clone(), value);
        }
    }
    out
}

/// One field of an object: lists of items with ids merge by id; anything
/// else is taken whole from the side that changed it.
fn merge_field(
    path: &str,
    key: &str,
    child: &str,
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    conflicts: &mut Vec<Conflict>,
) -> Option<Value> {
    if ours == theirs {
        return ours.cloned();
    }
    if ours == base {
        return theirs.cloned();
    }
    if theirs == base {
        return ours.cloned();
    }
    let lists = [base, ours, theirs];
    if lists.iter().flatten().all(|v| is_item_list(v)) {
        return Some(merge_items(child, base, ours, theirs, conflicts));
    }
    conflicts.push(Conflict {
        item: if path.is_empty() {
            "notebook".into()
        } else {
            path.to_owned()
        },
        field: key.to_owned(),
        ours: text(ours),
        theirs: text(theirs),
    });
    ours.cloned().or_else(|| theirs.cloned())
}

fn text(value: Option<&Value>) -> String {
    value.map_or_else(|| "null".into(), Value::to_string)
}

/// A list whose entries are objects with an `id`: a collection of items.
fn is_item_list(value: &Value) -> bool {
    value.as_array().is_some_and(|items| {
        items
            .iter()
            .all(|i| i.get("id").is_some_and(Value::is_string))
    })
}

fn by_id(list: Option<&Value>) -> Vec<(&str, &Value)> {
    list.and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|i| Some((i.get("id")?.as_str()?, i)))
                .collect()
        })
        .unwrap_or_default()
}

/// Merges two edited copies of a list of items by id.
fn merge_items(
    path: &str,
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    conflicts: &mut Vec<Conflict>,
) -> Value {
    let (b, o, t) = (by_id(base), by_id(ours), by_id(theirs));
    let find = |list: &[(&str, &Value)], id: &str| -> Option<Value> {
        list.iter()
            .find(|(i, _)| *i == id)
            .map(|(_, v)| (*v).clone())
    };
    let mut ids: Vec<&str> = b.iter().chain(&o).chain(&t).map(|(id, _)| *id).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let item = format!("{path}/{id}");
        let (bi, oi, ti) = (find(&b, id), find(&o, id), find(&t, id));
        let merged = match (&bi, &oi, &ti) {
            (_, Some(o), Some(t)) if o == t => Some(o.clone()),
            (Some(b), Some(o), None) if o == b => None, // they deleted it
            (Some(b), None, Some(t)) if t == b => None, // we deleted it
            (Some(_), None, None) => None,
            (None, Some(o), None) => Some(o.clone()),
            (None, None, Some(t)) => Some(t.clone()),
            (_, Some(o), Some(t)) => Some(Value::Object(merge_object(
                &item,
                bi.as_ref().and_then(Value::as_object),
                o.as_object(),
                t.as_object(),
                conflicts,
            ))),
            // Deleted on one side, edited on the other: keep the edit, say so.
            (Some(_), Some(kept), None) | (Some(_), None, Some(kept)) => {
                conflicts.push(Conflict {
                    item,
                    field: String::new(),
                    ours: text(oi.as_ref()),
                    theirs: text(ti.as_ref()),
                });
                Some(kept.clone())
            }
            (None, None, None) => None,
        };
        out.extend(merged);
    }
    Value::Array(out)
}

/// Which side of a conflict to keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The value the merged notebook already holds.
    Ours,
    /// The value recorded in the conflict.
    Theirs,
}

/// The edit that settles conflict `index` of `notebook`: keeping ours only
/// drops the record; keeping theirs also puts their value back in place.
pub fn resolve(notebook: &Notebook, index: usize, side: Side) -> Result<Edit, String> {
    let conflict = notebook
        .conflicts
        .get(index)
        .ok_or_else(|| "that conflict is already settled".to_owned())?;
    let mut remaining = notebook.conflicts.clone();
    remaining.remove(index);
    let mut edits = vec![Edit::SetConflicts(remaining)];
    if side == Side::Theirs {
        let theirs: Value = serde_json::from_str(&conflict.theirs)
            .map_err(|e| format!("their value cannot be read: {e}"))?;
        let mut whole = to_json(notebook)?;
        let target = locate(&mut whole, &conflict.item)
            .ok_or_else(|| format!("{} is no longer in the notebook", conflict.item))?;
        if conflict.field.is_empty() {
            *target = theirs;
        } else if let Some(object) = target.as_object_mut() {
            if theirs.is_null() {
                object.remove(&conflict.field);
            } else {
                object.insert(conflict.field.clone(), theirs);
            }
        }
        let mut updated: Notebook =
            serde_json::from_value(whole).map_err(|e| format!("their value does not fit: {e}"))?;
        updated.canonicalize();
        edits.splice(0..0, item_edits(&updated, &conflict.item)?);
    }
    Ok(Edit::Batch(edits))
}

/// The item at `events/<id>`, `series/<id>/observations/<id>` or `meta`.
fn locate<'v>(root: &'v mut Value, item: &str) -> Option<&'v mut Value> {
    let mut parts = item.split('/');
    let mut current = root.get_mut(parts.next()?)?;
    while let Some(id) = parts.next() {
        current = current
            .as_array_mut()?
            .iter_mut()
            .find(|i| i.get("id").and_then(Value::as_str) == Some(id))?;
        match parts.next() {
            Some(list) => current = current.get_mut(list)?,
            None => break,
        }
    }
    Some(current)
}

/// The edit that makes `notebook`'s item at `item` what it is in `updated`.
fn item_edits(updated: &Notebook, item: &str) -> Result<Vec<Edit>, String> {
    let parts: Vec<&str> = item.split('/').collect();
    let gone = || format!("{item} cannot be settled here");
    let id = |text: &str| uuid::Uuid::parse_str(text).map_err(|_| gone());
    Ok(match parts.as_slice() {
        ["meta"] => vec![Edit::SetTitle(updated.meta.title.clone())],
        ["articles", text] => {
            let id = crate::model::ArticleId::from_uuid(id(text)?);
            vec![Edit::PutArticle(
                updated.article(id).ok_or_else(gone)?.clone(),
            )]
        }
        ["events", text] => {
            let id = crate::model::EventId::from_uuid(id(text)?);
            vec![Edit::PutEvent(updated.event(id).ok_or_else(gone)?.clone())]
        }
        ["series", text, ..] => {
            let id = crate::model::SeriesId::from_uuid(id(text)?);
            vec![Edit::PutSeries(
                updated.series(id).ok_or_else(gone)?.clone(),
            )]
        }
        ["proposals", text] => {
            let id = crate::model::ProposalId::from_uuid(id(text)?);
            let found = updated.proposals.iter().find(|p| p.id == id);
            vec![Edit::PutProposal(found.ok_or_else(gone)?.clone())]
        }
        ["places", text] => {
            let id = crate::model::PlaceId::from_uuid(id(text)?);
            let found = updated.places.iter().find(|p| p.id == id);
            vec![Edit::PutPlace(found.ok_or_else(gone)?.clone())]
        }
        ["actors", text] => {
            let id = crate::model::ActorId::from_uuid(id(text)?);
            let found = updated.actors.iter().find(|a| a.id == id);
            vec![Edit::PutActor(found.ok_or_else(gone)?.clone())]
        }
        ["views", text] => {
            let id = crate::model::ViewId::from_uuid(id(text)?);
            vec![Edit::PutView(updated.view(id).ok_or_else(gone)?.clone())]
        }
        ["watch", text] => {
            let id = crate::model::WatchId::from_uuid(id(text)?);
            let found = updated.watch.iter().find(|w| w.id == id);
            vec![Edit::PutWatch(found.ok_or_else(gone)?.clone())]
        }
        _ => return Err(gone()),
    })
}
