//! The entries of a PHP array, read from the engine's table as `ZEND_HASH_FOREACH`
//! reads them: in order, holes skipped, keys borrowed. The crate's own iterator makes
//! four engine calls and a key zval per entry, which cost more than the JSON writing
//! of the entry itself. An object's property table is read the same way, as
//! `ZEND_HASH_FOREACH_*_IND` reads it: a declared property's entry is an indirect
//! slot, followed to the object's own slot, and skipped when that slot is empty
//! (unset, or a typed property never initialised).
//!
//! Nothing here calls PHP code (see `collector.rs`): the borrows last as long as the
//! table is left unchanged, which the caller's `Paused` guard ensures.

use ext_php_rs::flags::DataType;
use ext_php_rs::types::{ZendHashTable, ZendStr, Zval};

/// `HASH_FLAG_PACKED` of Zend/zend_types.h (the same bit from PHP 7.0 to 8.4): the
/// table is a packed list, whose entries have integer keys and no bucket to read.
const HASH_FLAG_PACKED: u32 = 1 << 2;

/// The key of an array entry.
#[derive(Clone, Copy)]
pub enum Key<'a> {
    /// An integer key.
    Index(i64),
    /// A string key: its bytes (not necessarily UTF-8).
    Name(&'a [u8]),
}

impl<'a> Key<'a> {
    /// The integer key, if it is one.
    pub fn index(self) -> Option<i64> {
        match self {
            Key::Index(index) => Some(index),
            Key::Name(_) => None,
        }
    }

    /// The string key's bytes, if it is one.
    pub fn name(self) -> Option<&'a [u8]> {
        match self {
            Key::Index(_) => None,
            Key::Name(name) => Some(name),
        }
    }
}

/// The entries of `table` in order.
pub fn entries(table: &ZendHashTable) -> Entries<'_> {
    // SAFETY: `u.flags` is the whole of the union's 32 bits, an initialised integer
    // whatever the table.
    let flags = unsafe { table.u.flags };
    Entries {
        table,
        next: 0,
        packed: flags & HASH_FLAG_PACKED != 0,
    }
}

/// Whether the keys of `table` are exactly 0, 1, 2… in order (a JSON array).
pub fn is_list(table: &ZendHashTable) -> bool {
    let all = entries(table);
    if all.packed && table.nNumUsed == table.nNumOfElements {
        // A packed table without holes holds exactly the keys 0..n.
        return true;
    }
    all.enumerate()
        .all(|(expected, (key, _))| key.index() == i64::try_from(expected).ok())
}

/// The iterator of [`entries`].
pub struct Entries<'a> {
    table: &'a ZendHashTable,
    next: u32,
    packed: bool,
}

impl<'a> Iterator for Entries<'a> {
    type Item = (Key<'a>, &'a Zval);

    fn next(&mut self) -> Option<Self::Item> {
        while self.next < self.table.nNumUsed {
            let position = self.next;
            self.next += 1;
            if self.packed {
                // A packed list's layout changed in PHP 8.2; the engine's own lookup
                // reads either (and gives nothing for a hole).
                if let Some(value) = self.table.get_index(i64::from(position)) {
                    return Some((Key::Index(i64::from(position)), value));
                }
                continue;
            }
            // SAFETY: a table without HASH_FLAG_PACKED keeps its entries in `arData`,
            // `nNumUsed` buckets in insertion order (those removed marked IS_UNDEF), for
            // as long as the table is borrowed unchanged; a bucket's `key` is null for
            // an integer key (then in `h`) or points to the key's zend_string.
            let bucket = unsafe { &*self.table.__bindgen_anon_1.arData.add(position as usize) };
            let value = match bucket.val.get_type() {
                DataType::Undef => continue,
                // SAFETY: an indirect entry (only in property and symbol tables)
                // points to a zval slot that its object owns for the object's life,
                // which outlasts the borrow of its property table.
                DataType::Indirect => unsafe { &*bucket.val.value.zv.cast::<Zval>() },
                _ => &bucket.val,
            };
            if value.get_type() == DataType::Undef {
                continue;
            }
            let key = if bucket.key.is_null() {
                Key::Index(bucket.h as i64)
            } else {
                // SAFETY: see above: a non-null key is a live zend_string of the table.
                Key::Name(unsafe { &*bucket.key.cast::<ZendStr>() }.as_bytes())
            };
            return Some((key, value));
        }
        None
    }
}
