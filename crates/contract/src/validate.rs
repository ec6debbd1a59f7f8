//! Pure validation of what users type: phone numbers, email addresses, verification codes.
//! The browser and dev-api share these rules, so the same input gets the same answer on both.

pub use crate::regions::{region_by_iso, region_for_e164_digits, Region};

/// Why a phone number was rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneError {
    Empty,
    /// Something other than digits, spaces, dashes, dots, brackets and one leading `+`.
    BadCharacters,
    /// The country calling code is missing or unknown.
    UnknownCountryCode,
    /// Wrong number of digits for the region (or for E.164 in general).
    WrongLength,
    /// Right length, but not a mobile number of that region.
    NotMobile,
}

/// Why an email address was rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmailError {
    Empty,
    MissingAt,
    /// Nothing before the `@`, or characters an address cannot have there.
    BadLocalPart,
    /// The part after the `@` is not a domain name with a top-level domain.
    BadDomain,
    TooLong,
    /// A character that cannot be seen or is not yet in Unicode: a control or format
    /// character (zero-width space, bidi override), one default-ignorable (the Hangul
    /// filler, the combining grapheme joiner), a separator other than a plain space (no-break
    /// space, line separator), unassigned or private use.
    HiddenCharacter,
    /// Letters that pass for others: full-width or other compatibility forms before the
    /// `@`, or a domain label that mixes alphabets (`pаypal` with a Cyrillic `а`).
    LookAlike,
}

/// Why a verification code was rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeError {
    Empty,
    NotDigits,
    WrongLength,
}

pub const CODE_LENGTH: usize = 6;

/// Keeps the digits of a typed phone number; rejects letters and other symbols.
fn phone_digits(input: &str) -> Result<(bool, String), PhoneError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(PhoneError::Empty);
    }
    let (plus, rest) = match trimmed.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let mut digits = String::with_capacity(rest.len());
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '(' | ')' | '\u{a0}' => {}
            _ => return Err(PhoneError::BadCharacters),
        }
    }
    if digits.is_empty() {
        return Err(PhoneError::Empty);
    }
    Ok((plus, digits))
}

fn check_national(region: &Region, national: &str) -> Result<(), PhoneError> {
    let (min, max) = region.national_len;
    if national.len() < min || national.len() > max {
        return Err(PhoneError::WrongLength);
    }
    if region.mobile_prefixes().next().is_some() && !region.mobile_prefixes().any(|p| national.starts_with(p)) {
        return Err(PhoneError::NotMobile);
    }
    Ok(())
}

/// Validates a national number typed for `region` and returns it in E.164 (`+8613800001234`).
/// A number typed with a leading `+` is read as international, whatever the region.
pub fn phone_to_e164(region: &Region, input: &str) -> Result<String, PhoneError> {
    let (plus, digits) = phone_digits(input)?;
    if plus {
        return parse_e164(&format!("+{digits}"));
    }
    // A trunk prefix `0` is common when typing national numbers (UK, JP, ...).
    let national = digits.strip_prefix('0').unwrap_or(&digits);
    check_national(region, national)?;
    Ok(format!("+{}{}", region.dial_code, national))
}

/// Validates a full international number (`+44 7700 900123`) and returns it in E.164.
/// Known regions get their own rule; others the generic E.164 length rule.
pub fn parse_e164(input: &str) -> Result<String, PhoneError> {
    let (plus, digits) = phone_digits(input)?;
    if !plus || digits.starts_with('0') {
        return Err(PhoneError::UnknownCountryCode);
    }
    match region_for_e164_digits(&digits) {
        Some(region) => check_national(region, &digits[region.dial_code.len()..])?,
        None if (8..=15).contains(&digits.len()) => {}
        None => return Err(PhoneError::WrongLength),
    }
    Ok(format!("+{digits}"))
}

/// Validates an email address and returns its canonical form: trimmed, in Unicode NFC, the
/// domain lower-cased and in its ASCII form (`例子.中国` → `xn--fsqu00a.xn--fiqs8s`), so that
/// an address typed two ways is stored and compared as one. Invisible, control and unassigned
/// characters are refused, and so are letters that pass for others (see
/// [`crate::lookalike`]). Lengths are in bytes of the canonical form, as RFC 5321 counts them.
pub fn normalize_email(input: &str) -> Result<String, EmailError> {
    let address = crate::unicode::nfc(input.trim());
    if address.is_empty() {
        return Err(EmailError::Empty);
    }
    if address.len() > 254 {
        return Err(EmailError::TooLong);
    }
    // A plain space is a character an address cannot have (said below), not a hidden one.
    if crate::unicode::has_hidden(&address.replace(' ', "")) {
        return Err(EmailError::HiddenCharacter);
    }
    let Some((local, domain)) = address.rsplit_once('@') else {
        return Err(EmailError::MissingAt);
    };
    if crate::unicode::nfkc(local) != local {
        return Err(EmailError::LookAlike);
    }
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.bytes().all(|b| b >= 0x80 || b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~-.".contains(&b));
    if !local_ok {
        return Err(EmailError::BadLocalPart);
    }
    // Letters of any script, digits, hyphens and dots only (nothing a URL parser would take as
    // the end of a host), then the ASCII form, whose labels are checked once more.
    let domain_chars_ok = domain.chars().all(|c| !c.is_ascii() || c.is_ascii_alphanumeric() || c == '-' || c == '.')
        && !domain.split(['.', '\u{3002}', '\u{ff0e}', '\u{ff61}']).any(|l| l.starts_with('-') || l.ends_with('-'));
    let domain = match domain.is_ascii() {
        true => Some(domain.to_ascii_lowercase()),
        false if domain_chars_ok => crate::unicode::domain_to_ascii(domain),
        false => None,
    };
    let label_ok = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    let domain = domain.filter(|domain| {
        let tld = domain.rsplit('.').next().unwrap_or("");
        let tld_ok = tld.len() >= 2 && (tld.bytes().all(|b| b.is_ascii_alphabetic()) || tld.starts_with("xn--"));
        domain.contains('.') && domain.split('.').all(label_ok) && tld_ok
    });
    let Some(domain) = domain else {
        return Err(EmailError::BadDomain);
    };
    if !domain.split('.').all(crate::lookalike::label_reads_true) {
        return Err(EmailError::LookAlike);
    }
    let canonical = format!("{local}@{domain}");
    if canonical.len() > 254 {
        return Err(EmailError::TooLong);
    }
    Ok(canonical)
}

/// Addresses typed in different ways and their one canonical form (or why they are refused),
/// for the native tests and for the browser's (`tests/wasm`), which must agree.
pub const EMAIL_CANONICAL_FORMS: &[(&str, Result<&str, EmailError>)] = &[
    (" A@Example.COM ", Ok("A@example.com")),
    ("user@例子.中国", Ok("user@xn--fsqu00a.xn--fiqs8s")),
    ("user@例子。中国", Ok("user@xn--fsqu00a.xn--fiqs8s")),
    ("user@BÜCHER.example", Ok("user@xn--bcher-kva.example")),
    ("user@bu\u{308}cher.example", Ok("user@xn--bcher-kva.example")),
    ("jose\u{301}@example.com", Ok("jos\u{e9}@example.com")),
    ("用户@example.com", Ok("用户@example.com")),
    ("user@xn--fiqs8s.xn--fiqz9s", Ok("user@xn--fiqs8s.xn--fiqz9s")),
    ("us\u{200b}er@example.com", Err(EmailError::HiddenCharacter)),
    ("user@exam\u{200d}ple.com", Err(EmailError::HiddenCharacter)),
    ("\u{202e}moc.elpmaxe@resu", Err(EmailError::HiddenCharacter)),
    ("us\u{7}er@example.com", Err(EmailError::HiddenCharacter)),
    ("user\u{e000}@example.com", Err(EmailError::HiddenCharacter)),
    ("user@exa\u{378}mple.com", Err(EmailError::HiddenCharacter)),
    ("user@例子.中国/x.com", Err(EmailError::BadDomain)),
    ("user@例子.中国%2fx.com", Err(EmailError::BadDomain)),
    ("user@例子.中国:80", Err(EmailError::BadDomain)),
    ("user@例子", Err(EmailError::BadDomain)),
    ("user@-例子.中国", Err(EmailError::BadDomain)),
    // Invisible to a reader: default-ignorable characters and separators.
    ("us\u{3164}er@example.com", Err(EmailError::HiddenCharacter)),
    ("us\u{34f}er@example.com", Err(EmailError::HiddenCharacter)),
    ("us\u{a0}er@example.com", Err(EmailError::HiddenCharacter)),
    ("us\u{2028}er@example.com", Err(EmailError::HiddenCharacter)),
    ("us\u{3000}er@example.com", Err(EmailError::HiddenCharacter)),
    ("user\u{fe0f}@example.com", Err(EmailError::HiddenCharacter)),
    ("us er@example.com", Err(EmailError::BadLocalPart)),
    // Letters that pass for others.
    ("ｕｓｅｒ@example.com", Err(EmailError::LookAlike)),
    ("u\u{fb01}le@example.com", Err(EmailError::LookAlike)),
    ("user@pаypal.com", Err(EmailError::LookAlike)),
    ("user@xn--pypal-4ve.com", Err(EmailError::LookAlike)),
    ("user@gοogle.com", Err(EmailError::LookAlike)),
    ("user@xn--a-!.com", Err(EmailError::BadDomain)),
    ("user@ｅｘａｍｐｌｅ.com", Ok("user@example.com")),
    ("user@пример.рф", Ok("user@xn--e1afmkfd.xn--p1ai")),
    ("user@ソニー東京.jp", Ok("user@xn--3ck2a1kz92j34z.jp")),
    ("user@한국abc.kr", Ok("user@xn--abc-lt8lk11n.kr")),
];

/// Strips what people paste around a code (spaces, dashes) and checks it is 6 digits.
/// A code as the user typed it, normalised: digits only, as many as the challenge has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Code(String);

impl Code {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub fn normalize_code(input: &str, length: usize) -> Result<Code, CodeError> {
    let code: String = input.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    if code.is_empty() {
        return Err(CodeError::Empty);
    }
    if !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(CodeError::NotDigits);
    }
    if code.len() != length {
        return Err(CodeError::WrongLength);
    }
    Ok(Code(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cn() -> &'static Region {
        region_by_iso("CN").unwrap()
    }

    #[test]
    fn mainland_mobile_numbers() {
        assert_eq!(phone_to_e164(cn(), "138 0000 1234"), Ok("+8613800001234".into()));
        assert_eq!(phone_to_e164(cn(), "138-0000-1234"), Ok("+8613800001234".into()));
        assert_eq!(phone_to_e164(cn(), "1380000123"), Err(PhoneError::WrongLength));
        assert_eq!(phone_to_e164(cn(), "23800001234"), Err(PhoneError::NotMobile));
        assert_eq!(phone_to_e164(cn(), "138000012a4"), Err(PhoneError::BadCharacters));
        assert_eq!(phone_to_e164(cn(), "   "), Err(PhoneError::Empty));
    }

    #[test]
    fn international_input_overrides_the_region() {
        assert_eq!(phone_to_e164(cn(), "+44 7700 900123"), Ok("+447700900123".into()));
        assert_eq!(parse_e164("+1 (415) 555-0100"), Ok("+14155550100".into()));
        assert_eq!(parse_e164("+852 5123 4567"), Ok("+85251234567".into()));
        assert_eq!(parse_e164("8613800001234"), Err(PhoneError::UnknownCountryCode));
        assert_eq!(parse_e164("+0123456789"), Err(PhoneError::UnknownCountryCode));
    }

    #[test]
    fn trunk_prefix_is_dropped() {
        let gb = region_by_iso("gb").unwrap();
        assert_eq!(phone_to_e164(gb, "07700 900123"), Ok("+447700900123".into()));
    }

    #[test]
    fn regions_without_a_rule_of_their_own_follow_e164_lengths() {
        // Estonia (+372) has no mobile rule in the table.
        assert_eq!(parse_e164("+372 5123 4567"), Ok("+37251234567".into()));
        assert_eq!(parse_e164("+372 51"), Err(PhoneError::WrongLength));
        assert_eq!(parse_e164("+372 5123 4567 8901 234"), Err(PhoneError::WrongLength));
        // +800 is no region's: the number's own length decides.
        assert_eq!(parse_e164("+800 1234 5678"), Ok("+80012345678".into()));
        assert_eq!(parse_e164("+800 12"), Err(PhoneError::WrongLength));
    }

    #[test]
    fn a_nanp_island_is_checked_by_its_area_code() {
        let antigua = region_by_iso("AG").unwrap();
        assert_eq!(phone_to_e164(antigua, "268 464 1234"), Ok("+12684641234".into()));
        assert_eq!(phone_to_e164(antigua, "415 555 0100"), Err(PhoneError::NotMobile));
    }

    #[test]
    fn emails_that_real_addresses_look_like() {
        for ok in [
            "a@example.com",
            "first.last+tag@sub.example.co.uk",
            "o'brien@example.ie",
            "user@xn--fiqs8s.xn--fiqz9s",
            "用户@例子.中国",
        ] {
            assert!(normalize_email(ok).is_ok(), "{ok} should be accepted");
        }
        assert_eq!(normalize_email(" A@Example.COM "), Ok("A@example.com".into()));
    }

    #[test]
    fn emails_have_one_canonical_form() {
        for (input, expected) in EMAIL_CANONICAL_FORMS {
            assert_eq!(normalize_email(input).as_deref().map_err(|e| *e), *expected, "{input:?}");
        }
    }

    #[test]
    fn emails_rejected_with_a_reason() {
        assert_eq!(normalize_email(""), Err(EmailError::Empty));
        assert_eq!(normalize_email("example.com"), Err(EmailError::MissingAt));
        assert_eq!(normalize_email("@example.com"), Err(EmailError::BadLocalPart));
        assert_eq!(normalize_email("a..b@example.com"), Err(EmailError::BadLocalPart));
        assert_eq!(normalize_email("a b@example.com"), Err(EmailError::BadLocalPart));
        assert_eq!(normalize_email("a@example"), Err(EmailError::BadDomain));
        assert_eq!(normalize_email("a@-example.com"), Err(EmailError::BadDomain));
        assert_eq!(normalize_email("a@example.c"), Err(EmailError::BadDomain));
        assert_eq!(normalize_email("a@exa_mple.com"), Err(EmailError::BadDomain));
        let long = format!("{}@example.com", "a".repeat(250));
        assert_eq!(normalize_email(&long), Err(EmailError::TooLong));
    }

    #[test]
    fn codes_are_normalised() {
        let code = |digits: &str| Ok(Code(digits.into()));
        assert_eq!(normalize_code(" 482 913 ", CODE_LENGTH), code("482913"));
        assert_eq!(normalize_code("482-913", CODE_LENGTH), code("482913"));
        assert_eq!(normalize_code("", CODE_LENGTH), Err(CodeError::Empty));
        assert_eq!(normalize_code("48291a", CODE_LENGTH), Err(CodeError::NotDigits));
        assert_eq!(normalize_code("48291", CODE_LENGTH), Err(CodeError::WrongLength));
        assert_eq!(normalize_code("4829130", CODE_LENGTH), Err(CodeError::WrongLength));
        assert_eq!(normalize_code("4829 1307", 8), code("48291307"), "the challenge says how long");
    }
}
