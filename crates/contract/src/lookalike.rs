//! Addresses as people read them: letters that pass for others, and case as people ignore
//! it. A domain label may mix alphabets only as UTS #39's "highly restrictive" level allows
//! (one script, or Latin with Han and the Japanese or Korean scripts, or with Bopomofo), so
//! that `pаypal.com` with a Cyrillic `а` is refused and never shown as if it were Latin. The
//! same rules run in the browser (its own Unicode data, no tables shipped) and natively.

use crate::unicode::Script;

/// The mixes a label may have beyond one script: Latin with Han and kana (Japanese), with
/// Han and Bopomofo (Chinese), with Han and Hangul (Korean).
const ALLOWED_MIXES: [u32; 3] = [
    Script::Latin.bit() | Script::Han.bit() | Script::Hiragana.bit() | Script::Katakana.bit(),
    Script::Latin.bit() | Script::Han.bit() | Script::Bopomofo.bit(),
    Script::Latin.bit() | Script::Han.bit() | Script::Hangul.bit(),
];

/// Whether `text` is written in one script (digits, hyphens and marks belong to any), or in
/// one of the mixes a language needs.
pub fn one_script(text: &str) -> bool {
    let seen = crate::unicode::scripts_mask(text);
    seen.count_ones() <= 1 || ALLOWED_MIXES.iter().any(|mix| seen & !mix == 0)
}

/// Whether a domain label in its ASCII form reads as what it is: plain ASCII, or an `xn--`
/// label whose Unicode form is in [`one_script`]. A label that does not decode fails.
pub fn label_reads_true(label: &str) -> bool {
    match label.get(..4).filter(|prefix| prefix.eq_ignore_ascii_case("xn--")) {
        Some(_) => punycode_decode(&label[4..]).is_some_and(|text| one_script(&text)),
        None => label.is_ascii(),
    }
}

/// An address's key for comparing it with another without case: Unicode lower case, with
/// `ß` as `ss` and a final sigma as `σ`, as case folding (CaseFolding.txt, C + F) has them.
pub fn fold_case(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'ß' => folded.push_str("ss"),
            'ς' => folded.push('σ'),
            c => folded.push(c),
        }
    }
    folded
}

/// RFC 3492 decoding of a label's part after `xn--`; none for anything that is not
/// Punycode.
pub fn punycode_decode(input: &str) -> Option<String> {
    const BASE: u32 = 36;
    const T_MIN: u32 = 1;
    const T_MAX: u32 = 26;
    let (basic, extended) = match input.rfind('-') {
        Some(at) => (&input[..at], &input[at + 1..]),
        None => ("", input),
    };
    if !basic.is_ascii() {
        return None;
    }
    let mut output: Vec<char> = basic.chars().collect();
    let (mut n, mut i, mut bias) = (128u32, 0u32, 72u32);
    let mut digits = extended.bytes().peekable();
    while digits.peek().is_some() {
        let (old_i, mut weight, mut k) = (i, 1u32, BASE);
        loop {
            let digit = match digits.next()? {
                b @ b'a'..=b'z' => b - b'a',
                b @ b'A'..=b'Z' => b - b'A',
                b @ b'0'..=b'9' => b - b'0' + 26,
                _ => return None,
            } as u32;
            i = i.checked_add(digit.checked_mul(weight)?)?;
            let threshold = k.saturating_sub(bias).clamp(T_MIN, T_MAX);
            if digit < threshold {
                break;
            }
            weight = weight.checked_mul(BASE - threshold)?;
            k += BASE;
        }
        let length = output.len() as u32 + 1;
        bias = adapt(i - old_i, length, old_i == 0);
        n = n.checked_add(i / length)?;
        i %= length;
        output.insert(i as usize, char::from_u32(n)?);
        i += 1;
    }
    Some(output.into_iter().collect())
}

fn adapt(delta: u32, points: u32, first: bool) -> u32 {
    let mut delta = if first { delta / 700 } else { delta / 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > (35 * 26) / 2 {
        delta /= 35;
        k += 36;
    }
    k + (36 * delta) / (delta + 38)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_punycode_as_rfc_3492_writes_it() {
        assert_eq!(punycode_decode("fsqu00a").as_deref(), Some("例子"));
        assert_eq!(punycode_decode("bcher-kva").as_deref(), Some("bücher"));
        assert_eq!(punycode_decode("pypal-4ve").as_deref(), Some("pаypal"));
        assert_eq!(punycode_decode("e1afmkfd").as_deref(), Some("пример"));
        assert_eq!(punycode_decode("a-!"), None);
        assert_eq!(punycode_decode("zzzzzzzzzzzz"), None, "past the last code point");
    }

    #[test]
    fn one_script_or_a_mix_a_language_needs() {
        for fine in [
            "example",
            "例子",
            "bücher",
            "пример",
            "東京タワー",
            "ソニーabc",
            "한국abc漢字",
            "ㄅㄆ中文",
            "a1-b2",
            "σοφία",
        ] {
            assert!(one_script(fine), "{fine}");
        }
        for mixed in ["pаypal", "gοogle", "аρ", "exаmple", "한국カナ", "abcαβγ"] {
            assert!(!one_script(mixed), "{mixed}");
        }
        assert!(label_reads_true("example") && label_reads_true("xn--fsqu00a") && label_reads_true("XN--bcher-kva"));
        assert!(!label_reads_true("xn--pypal-4ve"), "pаypal, with a Cyrillic а");
        assert!(!label_reads_true("xn--a-!"));
    }

    #[test]
    fn folds_case_as_people_ignore_it() {
        assert_eq!(fold_case("Straße"), fold_case("STRASSE"));
        assert_eq!(fold_case("ΣΟΦΟΣ"), fold_case("σοφος"));
        assert_eq!(fold_case("Ünïcode"), "ünïcode");
        assert_ne!(fold_case("a"), fold_case("b"));
    }
}
