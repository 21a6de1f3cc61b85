//! The words around a name that say what it is: a kind of place
//! ("province", "villages"), a preposition of place ("in", "near"), a
//! compass word, or a region wider than a country.

/// Whether a word for a kind of place names one place or a list of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Typed {
    /// No such word.
    No,
    /// "the town of X", "X township": this name.
    One,
    /// "X and Y villages", "two towns – X and Y": every name of its list.
    Many,
}

/// A word after a name that says what sort of place it is ("Kunduz
/// province"), and whether it is plural ("Mbuta and Alkideow villages").
pub fn division_word(lower: &str) -> Option<Typed> {
    Some(match lower {
        "province" | "district" | "state" | "region" | "governorate" | "oblast" | "city"
        | "town" | "village" | "township" | "county" | "prefecture" | "department"
        | "municipality" | "locality" | "camp" | "area" | "border" | "crossing" | "river"
        | "valley" | "airport" | "port" | "division" | "raion" | "subdistrict"
        | "neighbourhood" | "neighborhood" | "commune" | "territory" | "settlement" | "base"
        | "airbase" | "outpost" => Typed::One,
        "provinces" | "districts" | "states" | "regions" | "governorates" | "towns"
        | "villages" | "townships" | "counties" | "localities" | "camps" | "areas"
        | "settlements" | "communes" | "municipalities" | "neighbourhoods" | "neighborhoods"
        | "bases" | "outposts" => Typed::Many,
        _ => return None,
    })
}

/// How much ground a kind word says a place covers: "province" a region,
/// "district" a district, "town" a point.
pub fn implied_scale(lower: &str) -> Option<crate::model::PlaceScale> {
    use crate::model::PlaceScale;
    Some(match lower {
        "province" | "provinces" | "state" | "states" | "region" | "regions" | "governorate"
        | "governorates" | "oblast" | "prefecture" | "department" | "territory" => {
            PlaceScale::Region
        }
        "district" | "districts" | "county" | "counties" | "locality" | "localities"
        | "municipality" | "township" | "townships" | "raion" | "subdistrict" | "commune" => {
            PlaceScale::District
        }
        "city" | "town" | "towns" | "village" | "villages" | "camp" | "camps" | "airport"
        | "port" | "base" | "airbase" | "outpost" | "crossing" | "settlement" => PlaceScale::Point,
        _ => return None,
    })
}

/// Words for a kind of division that are not part of a place's name, even
/// capitalised ("Shan State" is reported as Shan).
pub fn is_admin_word(lower: &str) -> bool {
    matches!(
        lower,
        "province"
            | "state"
            | "states"
            | "region"
            | "governorate"
            | "oblast"
            | "district"
            | "county"
            | "prefecture"
            | "department"
            | "locality"
            | "municipality"
            | "township"
            | "raion"
    )
}

/// Words that say "X is a place" in "the town of X".
pub fn is_kind_of_place(lower: &str) -> bool {
    matches!(
        lower,
        "town"
            | "village"
            | "city"
            | "community"
            | "settlement"
            | "district"
            | "province"
            | "region"
            | "township"
            | "camp"
            | "locality"
            | "neighbourhood"
            | "neighborhood"
            | "county"
            | "municipality"
            | "commune"
            | "outskirts"
            | "capital"
    )
}

/// Words before a name that say "a place follows".
pub fn is_locative(lower: &str) -> bool {
    matches!(
        lower,
        "in" | "near"
            | "from"
            | "to"
            | "at"
            | "into"
            | "outside"
            | "around"
            | "across"
            | "toward"
            | "towards"
            | "via"
            | "through"
            | "throughout"
            | "inside"
            | "of"
            | "between"
            | "neighbouring"
            | "neighboring"
            | "entered"
            | "reached"
            | "captured"
            | "recaptured"
            | "seized"
            | "retook"
            | "besieged"
            | "shelled"
            | "struck"
            | "bombed"
            | "fled"
            | "visited"
    )
}

/// The locatives that, before a name no list holds, make it a place by
/// themselves: "to", "from" and "at" precede people and outlets too.
pub fn is_strong_locative(lower: &str) -> bool {
    matches!(
        lower,
        "in" | "near"
            | "outside"
            | "around"
            | "inside"
            | "between"
            | "neighbouring"
            | "neighboring"
    )
}

/// Compass words and their like (lower case) that may stand before a place
/// without being part of its name.
pub fn is_harmless_before(lower: &str) -> bool {
    matches!(
        lower,
        "north"
            | "south"
            | "east"
            | "west"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
            | "northeast"
            | "northwest"
            | "southeast"
            | "southwest"
            | "north-east"
            | "north-west"
            | "south-east"
            | "south-west"
            | "upper"
            | "lower"
            | "greater"
            | "mid"
    )
}

/// Endings that make a demonym or an adjective of a place ("Lebanese",
/// "African", "Pakistani").
pub const DEMONYM_ENDINGS: &[&str] = &[
    "ians", "ian", "ans", "an", "ese", "is", "i", "ish", "ic", "n", "ns", "ean", "ern",
];

/// Continents and regions wider than a country: not places by the rules
/// the corpus follows, though a namesake may be in the gazetteer.
pub fn is_supranational(key: &str) -> bool {
    matches!(
        key,
        "africa"
            | "europe"
            | "asia"
            | "americas"
            | "oceania"
            | "antarctica"
            | "middle east"
            | "sahel"
            | "balkans"
            | "caucasus"
            | "maghreb"
            | "levant"
            | "horn of africa"
            | "latin america"
            | "south america"
            | "north america"
            | "central america"
            | "central asia"
            | "south asia"
            | "southeast asia"
            | "east asia"
            | "east africa"
            | "west africa"
            | "north africa"
            | "central africa"
            | "southern africa"
            | "sub saharan africa"
            | "scandinavia"
            | "arctic"
            | "eurasia"
            | "west bank and gaza"
    ) || is_seat_of_power(key)
}

/// Buildings that stand for a government ("the White House said"): by the
/// corpus rules, buildings are no places, though small towns share the names.
fn is_seat_of_power(key: &str) -> bool {
    matches!(
        key,
        "white house" | "kremlin" | "pentagon" | "downing street" | "elysee" | "capitol hill"
    )
}
