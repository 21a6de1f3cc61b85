//! The gazetteer's rows, matching keys and index by key, in a form that
//! needs nothing else from the crate: `src/build.rs` includes this file to
//! read and index the shipped gazetteer once, at build time, and the
//! program decodes that index ([`Index::from_bytes`]) instead of building
//! it at every start. Any other gazetteer is indexed the same way at run
//! time ([`Index::build`]), so the two cannot disagree.
//!
//! The encoded index is little-endian: a header (magic, version, the
//! length and hash of the gazetteer file it indexes), then the rows, the
//! keys, the slots, the place ids and the hash table, each counted.

// `build.rs` uses only part of this file.
#![allow(dead_code)]

/// Set in a place id that a place's alias, not its name, spells: "Hamas"
/// is an old name of Hamm, which a text about Gaza does not mean.
pub const ALIAS_BIT: u32 = 1 << 31;

/// The letter without its accent ("é" → "e"), and a curly apostrophe made
/// straight; anything else unchanged.
pub fn fold_char(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => 'A',
        'ç' | 'ć' | 'č' => 'c',
        'Ç' | 'Ć' | 'Č' => 'C',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => 'E',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'Į' | 'İ' => 'I',
        'ñ' | 'ń' | 'ň' => 'n',
        'Ñ' | 'Ń' | 'Ň' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => 'O',
        'ş' | 'ś' | 'š' => 's',
        'Ş' | 'Ś' | 'Š' => 'S',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' => 'Y',
        'ž' | 'ź' | 'ż' => 'z',
        'Ž' | 'Ź' | 'Ż' => 'Z',
        'ḥ' => 'h',
        'Ḥ' => 'H',
        '’' => '\'',
        other => other,
    }
}

/// Appends the matching key of one word: diacritics folded, lower case,
/// apostrophes made one, hyphens made spaces.
pub fn push_word_key(word: &str, key: &mut String) {
    if word.is_ascii() {
        key.extend(word.bytes().map(|b| match b {
            b'`' => '\'',
            b'-' => ' ',
            b => char::from(b.to_ascii_lowercase()),
        }));
        return;
    }
    for c in word.chars() {
        match fold_char(c) {
            '’' | '‘' | '`' | 'ʼ' | 'ʻ' | '\'' => key.push('\''),
            '-' | '‐' | '–' => key.push(' '),
            c if c.is_ascii() => key.push(c.to_ascii_lowercase()),
            c => key.extend(c.to_lowercase()),
        }
    }
}

/// Appends the matching key of a spelling of one or more words, each word
/// keyed by `word_key`, words one space apart.
pub fn push_spelling_key_with(
    spelling: &str,
    key: &mut String,
    mut word_key: impl FnMut(&str, &mut String),
) {
    let mut push_words = |words: &mut dyn Iterator<Item = &str>| {
        for (i, word) in words.enumerate() {
            if i > 0 {
                key.push(' ');
            }
            word_key(word, key);
        }
    };
    // ASCII white space is all the white space of plain ASCII, but for the
    // vertical tab.
    if spelling.is_ascii() && !spelling.contains('\x0b') {
        push_words(&mut spelling.split_ascii_whitespace());
    } else {
        push_words(&mut spelling.split_whitespace());
    }
}

/// One row of a gazetteer file, as written: `name, aliases, kind, country,
/// lat, lon, population, region, radius_km`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Row<'a> {
    /// Its name.
    pub name: &'a str,
    /// Other spellings, `|`-separated.
    pub aliases: &'a str,
    /// The kind as written ("capital", "town"…).
    pub kind: &'a str,
    /// Its country's code.
    pub country: &'a str,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// Inhabitants, 0 when unknown.
    pub population: u64,
    /// Its first-level division, or empty.
    pub region: &'a str,
    /// A division's reach, kilometres.
    pub radius_km: f32,
}

impl Row<'_> {
    /// Its name and every alias.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name).chain(self.aliases.split('|').filter(|a| !a.is_empty()))
    }
}

/// The rows of a gazetteer file, its header and malformed lines skipped
/// (the file is generated; [`Row`]s that are no place are checked apart).
pub fn rows(tsv: &str) -> impl Iterator<Item = Row<'_>> {
    tsv.split('\n').skip(1).filter_map(|line| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut cols = line.split('\t');
        let (name, aliases, kind, country) =
            (cols.next()?, cols.next()?, cols.next()?, cols.next()?);
        let (lat, lon) = (decimal(cols.next()?)?, decimal(cols.next()?)?);
        if name.is_empty() {
            return None;
        }
        Some(Row {
            name,
            aliases,
            kind,
            country,
            lat,
            lon,
            population: cols.next().and_then(|p| p.parse().ok()).unwrap_or(0),
            region: cols.next().unwrap_or(""),
            radius_km: cols.next().and_then(|r| r.parse().ok()).unwrap_or(0.0),
        })
    })
}

/// A plain decimal ("-21.3413") read exactly as `str::parse` would: its
/// digits as an integer and the power of ten below it are both exact in an
/// `f64`, and one division rounds correctly. Anything else goes to
/// `str::parse`.
pub fn decimal(text: &str) -> Option<f64> {
    const POWERS: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest.as_bytes()),
        None => (false, text.as_bytes()),
    };
    let mut mantissa = 0u64;
    let mut point = None;
    for (at, &b) in digits.iter().enumerate() {
        match b {
            b'0'..=b'9' => mantissa = mantissa * 10 + u64::from(b - b'0'),
            b'.' if point.is_none() && at > 0 && at + 1 < digits.len() => point = Some(at),
            _ => return text.parse().ok(),
        }
    }
    let places = point.map_or(0, |at| digits.len() - at - 1);
    if digits.is_empty() || digits.len() > 16 {
        return text.parse().ok();
    }
    let value = mantissa as f64 / POWERS[places];
    Some(if negative { -value } else { value })
}

/// A hash of a key's bytes that is the same in every build and on every
/// machine, since the index is built by one program and read by another.
pub fn key_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut hash = bytes.len() as u64;
    let mut lanes = bytes.chunks_exact(8);
    let mut mix = |lane: &[u8]| {
        let mut word = [0u8; 8];
        word[..lane.len()].copy_from_slice(lane);
        hash = (hash.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    };
    for lane in &mut lanes {
        mix(lane);
    }
    if !lanes.remainder().is_empty() {
        mix(lanes.remainder());
    }
    // The last lanes would otherwise reach only the high bits.
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^ (hash >> 33)
}

/// What one key leads to: its places and whether a longer key begins with
/// it (and a space).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot<'i> {
    /// Ids of the places spelled so, [`ALIAS_BIT`] set where an alias spells them.
    pub places: &'i [u32],
    /// Whether a longer name begins with these words.
    pub prefix: bool,
}

/// The gazetteer's keys and the places each leads to, in flat arrays that
/// encode and decode as they are.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Index {
    /// Every key, one after another.
    keys: String,
    /// Per slot: key start, key length, first place id, number of ids.
    slots: Vec<[u32; 4]>,
    /// Whether each slot is a prefix of a longer key.
    prefixes: Vec<bool>,
    /// The place ids of all slots.
    ids: Vec<u32>,
    /// Open addressing, a power of two long: slot + 1 in the low half
    /// (0 for empty), the key's hash's high half in the high half.
    table: Vec<u64>,
}

/// Why an encoded index could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not an index, or one of another version or for another file.
    Foreign,
    /// Cut short or inconsistent.
    Broken,
}

const MAGIC: &[u8; 8] = b"SITREPGZ";
const VERSION: u32 = 1;

impl Index {
    /// Indexes every spelling of `rows` (in order: a place's id is its
    /// position). Spellings under three letters are left out unless written
    /// in capitals ("UK"), as are repeats of one place under one key.
    pub fn build<'a>(
        rows: impl IntoIterator<Item = Row<'a>>,
        word_key: impl Fn(&str, &mut String) + Copy,
    ) -> Self {
        let mut by_key: std::collections::HashMap<String, usize> = Default::default();
        let mut built: Vec<(String, Vec<u32>, bool)> = Vec::new();
        let mut slot_of = |key: &str, built: &mut Vec<(String, Vec<u32>, bool)>| {
            *by_key.entry(key.to_string()).or_insert_with(|| {
                built.push((key.to_string(), Vec::new(), false));
                built.len() - 1
            })
        };
        let mut key = String::new();
        for (at, row) in rows.into_iter().enumerate() {
            let at = at as u32;
            for (n, spelling) in row.spellings().enumerate() {
                key.clear();
                push_spelling_key_with(spelling, &mut key, word_key);
                let short = key.len() < 12 && key.chars().count() < 3;
                if short && !spelling.chars().all(char::is_uppercase) {
                    continue;
                }
                let slot = slot_of(&key, &mut built);
                let ids = &mut built[slot].1;
                if !ids.iter().any(|&p| p & !ALIAS_BIT == at) {
                    ids.push(at | if n > 0 { ALIAS_BIT } else { 0 });
                }
                let mut cut = key.len();
                while let Some(space) = key[..cut].rfind(' ') {
                    let slot = slot_of(&key[..space], &mut built);
                    built[slot].2 = true;
                    cut = space;
                }
            }
        }
        let mut index = Self {
            table: vec![0; (built.len() * 2).next_power_of_two().max(2)],
            ..Self::default()
        };
        for (n, (key, ids, prefix)) in built.into_iter().enumerate() {
            index.slots.push([
                index.keys.len() as u32,
                key.len() as u32,
                index.ids.len() as u32,
                ids.len() as u32,
            ]);
            index.prefixes.push(prefix);
            index.keys.push_str(&key);
            index.ids.extend(ids);
            let hash = key_hash(key.as_bytes());
            let mask = index.table.len() - 1;
            let mut at = hash as usize & mask;
            while index.table[at] != 0 {
                at = (at + 1) & mask;
            }
            index.table[at] = (hash & !0xffff_ffff) | (n as u64 + 1);
        }
        index
    }

    /// The slot of a key.
    #[inline]
    pub fn get(&self, key: &str) -> Option<Slot<'_>> {
        let hash = key_hash(key.as_bytes());
        let mask = self.table.len().wrapping_sub(1);
        let mut at = hash as usize & mask;
        loop {
            let entry = *self.table.get(at)?;
            if entry == 0 {
                return None;
            }
            // High halves first: most keys asked for are no place at all.
            if entry >> 32 == hash >> 32 {
                let slot = (entry & 0xffff_ffff) as usize - 1;
                let [start, len, first, count] = *self.slots.get(slot)?;
                let (start, first) = (start as usize, first as usize);
                if self.keys.as_bytes().get(start..start + len as usize) == Some(key.as_bytes()) {
                    return Some(Slot {
                        places: self.ids.get(first..first + count as usize)?,
                        prefix: self.prefixes.get(slot).copied().unwrap_or(false),
                    });
                }
            }
            at = (at + 1) & mask;
        }
    }

    /// The index as bytes, for the gazetteer file of `tsv_len` bytes and
    /// [`key_hash`] `tsv_hash`.
    pub fn encode(&self, tsv_len: u64, tsv_hash: u64, out: &mut Vec<u8>) {
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&tsv_len.to_le_bytes());
        out.extend_from_slice(&tsv_hash.to_le_bytes());
        put_len(out, self.keys.len());
        out.extend_from_slice(self.keys.as_bytes());
        put_len(out, self.slots.len());
        for slot in &self.slots {
            for part in slot {
                out.extend_from_slice(&part.to_le_bytes());
            }
        }
        out.extend(self.prefixes.iter().map(|&p| u8::from(p)));
        put_len(out, self.ids.len());
        for id in &self.ids {
            out.extend_from_slice(&id.to_le_bytes());
        }
        put_len(out, self.table.len());
        for entry in &self.table {
            out.extend_from_slice(&entry.to_le_bytes());
        }
    }

    /// Reads an index [`encode`](Self::encode) wrote for the gazetteer file
    /// of `tsv_len` bytes and hash `tsv_hash`; returns it and the bytes
    /// after it.
    pub fn decode(bytes: &[u8], tsv_len: u64, tsv_hash: u64) -> Result<(Self, &[u8]), DecodeError> {
        let mut reader = Reader(bytes);
        if reader.take(8)? != MAGIC
            || reader.u32()? != VERSION
            || reader.u64()? != tsv_len
            || reader.u64()? != tsv_hash
        {
            return Err(DecodeError::Foreign);
        }
        let keys_len = reader.len()?;
        let keys = std::str::from_utf8(reader.take(keys_len)?)
            .map_err(|_| DecodeError::Broken)?
            .to_string();
        let slot_count = reader.len()?;
        let slots = reader
            .take(slot_count.checked_mul(16).ok_or(DecodeError::Broken)?)?
            .chunks_exact(16)
            .map(|s| std::array::from_fn(|i| u32_at(s, i * 4)))
            .collect();
        let prefixes = reader.take(slot_count)?.iter().map(|&b| b != 0).collect();
        let id_count = reader.len()?;
        let ids = reader
            .take(id_count.checked_mul(4).ok_or(DecodeError::Broken)?)?
            .chunks_exact(4)
            .map(|b| u32_at(b, 0))
            .collect();
        let table_len = reader.len()?;
        let table: Vec<u64> = reader
            .take(table_len.checked_mul(8).ok_or(DecodeError::Broken)?)?
            .chunks_exact(8)
            .map(|b| u64_at(b, 0))
            .collect();
        if !table.len().is_power_of_two() || table.iter().all(|&e| e != 0) {
            return Err(DecodeError::Broken);
        }
        let index = Self {
            keys,
            slots,
            prefixes,
            ids,
            table,
        };
        Ok((index, reader.0))
    }
}

fn put_len(out: &mut Vec<u8>, len: usize) {
    out.extend_from_slice(&(len as u64).to_le_bytes());
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    let mut word = [0u8; 4];
    if let Some(b) = bytes.get(at..at + 4) {
        word.copy_from_slice(b);
    }
    u32::from_le_bytes(word)
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    if let Some(b) = bytes.get(at..at + 8) {
        word.copy_from_slice(b);
    }
    u64::from_le_bytes(word)
}

/// Reads an encoded index front to back.
struct Reader<'b>(&'b [u8]);

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Result<&'b [u8], DecodeError> {
        if n > self.0.len() {
            return Err(DecodeError::Broken);
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn u32(&mut self) -> Result<u32, DecodeError> {
        Ok(u32_at(self.take(4)?, 0))
    }

    fn u64(&mut self) -> Result<u64, DecodeError> {
        Ok(u64_at(self.take(8)?, 0))
    }

    fn len(&mut self) -> Result<usize, DecodeError> {
        usize::try_from(self.u64()?).map_err(|_| DecodeError::Broken)
    }
}

/// The rows of a gazetteer file encoded for [`decode_rows`]: each row's
/// strings as places in the file, its numbers as they are.
pub fn encode_rows(tsv: &str, rows: &[Row], out: &mut Vec<u8>) {
    let base = tsv.as_ptr() as usize;
    let span = |s: &str, out: &mut Vec<u8>| {
        out.extend_from_slice(&((s.as_ptr() as usize - base) as u32).to_le_bytes());
        out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    };
    put_len(out, rows.len());
    for row in rows {
        for s in [row.name, row.aliases, row.kind, row.country, row.region] {
            span(s, out);
        }
        out.extend_from_slice(&row.lat.to_le_bytes());
        out.extend_from_slice(&row.lon.to_le_bytes());
        out.extend_from_slice(&row.population.to_le_bytes());
        out.extend_from_slice(&row.radius_km.to_le_bytes());
    }
}

/// The bytes of one encoded row.
const ROW_BYTES: usize = 5 * 8 + 3 * 8 + 4;

/// Reads the rows [`encode_rows`] wrote for `tsv`, calling `each` with
/// every one.
pub fn decode_rows<'a>(
    bytes: &[u8],
    tsv: &'a str,
    mut each: impl FnMut(Row<'a>),
) -> Result<(), DecodeError> {
    let mut reader = Reader(bytes);
    let count = reader.len()?;
    let all = reader.take(count.checked_mul(ROW_BYTES).ok_or(DecodeError::Broken)?)?;
    for row in all.chunks_exact(ROW_BYTES) {
        let text = |n: usize| {
            let (at, len) = (u32_at(row, n * 8) as usize, u32_at(row, n * 8 + 4) as usize);
            tsv.get(at..at + len).ok_or(DecodeError::Broken)
        };
        each(Row {
            name: text(0)?,
            aliases: text(1)?,
            kind: text(2)?,
            country: text(3)?,
            region: text(4)?,
            lat: f64::from_bits(u64_at(row, 40)),
            lon: f64::from_bits(u64_at(row, 48)),
            population: u64_at(row, 56),
            radius_km: f32::from_bits(u32_at(row, 64)),
        });
    }
    Ok(())
}
