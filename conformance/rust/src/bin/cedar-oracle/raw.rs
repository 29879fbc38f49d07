//! Slicing JSON text without parsing it: the members of an object and the
//! items of an array as sub-slices of the input, so a request line can be
//! taken apart once and each part handed to the serde type that reads it
//! (serde_json's `RawValue` would do this, but enabling its feature
//! rebuilds official Cedar with a different serde_json).
//!
//! The slicer is strict about structure (brackets, separators, strings)
//! and leaves the contents of numbers and literals to whoever parses the
//! slice; anything unusual (escaped keys, duplicate keys) makes it give up
//! with None, and the caller then takes the general path.

/// The members of the JSON object `text`, in order, as (key, value text).
/// None when text is not one object, a key has escapes, or a key repeats.
pub fn object(text: &str) -> Option<Vec<(&str, &str)>> {
    let b = text.as_bytes();
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i = skip_ws(b, i + 1);
    let mut out: Vec<(&str, &str)> = Vec::new();
    if b.get(i) == Some(&b'}') {
        return (skip_ws(b, i + 1) == b.len()).then_some(out);
    }
    loop {
        let key_end = string_end(b, i)?;
        let key = &text[i + 1..key_end - 1];
        if key.contains('\\') || out.iter().any(|(k, _)| *k == key) {
            return None;
        }
        i = skip_ws(b, key_end);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = skip_ws(b, i + 1);
        let end = value_end(b, i)?;
        out.push((key, &text[i..end]));
        i = skip_ws(b, end);
        match b.get(i) {
            Some(b',') => i = skip_ws(b, i + 1),
            Some(b'}') => return (skip_ws(b, i + 1) == b.len()).then_some(out),
            _ => return None,
        }
    }
}

/// The items of the JSON array `text` as value texts; None when text is
/// not one array.
pub fn array(text: &str) -> Option<Vec<&str>> {
    let b = text.as_bytes();
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'[') {
        return None;
    }
    i = skip_ws(b, i + 1);
    let mut out = Vec::new();
    if b.get(i) == Some(&b']') {
        return (skip_ws(b, i + 1) == b.len()).then_some(out);
    }
    loop {
        let end = value_end(b, i)?;
        out.push(&text[i..end]);
        i = skip_ws(b, end);
        match b.get(i) {
            Some(b',') => i = skip_ws(b, i + 1),
            Some(b']') => return (skip_ws(b, i + 1) == b.len()).then_some(out),
            _ => return None,
        }
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// The end (exclusive) of the string starting at b[i] == '"'.
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'"') {
        return None;
    }
    let mut j = i + 1;
    loop {
        match b.get(j)? {
            b'"' => return Some(j + 1),
            b'\\' => j += 2,
            _ => j += 1,
        }
    }
}

/// The end (exclusive) of the value starting at b[i].
fn value_end(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i)? {
        b'"' => string_end(b, i),
        b'{' | b'[' => {
            // Bracket matching, skipping strings; the structure inside is
            // checked by whoever parses the slice.
            let mut depth = 0usize;
            let mut j = i;
            loop {
                match b.get(j)? {
                    b'"' => {
                        j = string_end(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        c if c.is_ascii_alphanumeric() || *c == b'-' => {
            let mut j = i;
            while matches!(b.get(j), Some(c) if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'+' | b'.')) {
                j += 1;
            }
            Some(j)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_objects_and_arrays() {
        let obj = object(r#" {"id": 7, "op":"x\"y", "arg": {"a": [1, "]}"], "b": {}} } "#).unwrap();
        assert_eq!(obj, vec![("id", "7"), ("op", r#""x\"y""#), ("arg", r#"{"a": [1, "]}"], "b": {}}"#)]);
        assert_eq!(array(r#"[{"a":1}, "s", -1.5e3, true, []]"#).unwrap(), vec![r#"{"a":1}"#, r#""s""#, "-1.5e3", "true", "[]"]);
        assert_eq!(array("[]").unwrap(), Vec::<&str>::new());
        assert_eq!(object("{}").unwrap(), vec![]);
    }

    #[test]
    fn gives_up_on_the_unusual() {
        for bad in [r#"{"a":1,"a":2}"#, r#"{"\u0061":1}"#, r#"{"a":1"#, r#"{"a":1}x"#, r#"{"a" 1}"#, "[1,]", "[1 2]", "", "[\"x]"] {
            assert!(object(bad).is_none() && array(bad).is_none(), "{bad}");
        }
    }
}
