//! Masked forms of addresses: the only form the browser ever receives.

use contract::validate::region_for_e164_digits;

/// `+8613800001234` → `+86 138****1234`. Anything but E.164 digits masks whole.
pub fn phone(e164: &str) -> String {
    let digits = e164.strip_prefix('+').unwrap_or(e164);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return "+***".into();
    }
    let code_len = region_for_e164_digits(digits).map_or(2.min(digits.len()), |r| r.dial_code.len());
    let (code, national) = digits.split_at(code_len);
    let n = national.len();
    if n <= 4 {
        return format!("+{code} {}", "*".repeat(n));
    }
    // At most the last 4 and the first 3 digits show, and never fewer than 3 stay hidden.
    let tail = 4.min(n / 2);
    let head = 3.min(n - tail - HIDDEN_AT_LEAST);
    let stars = "*".repeat(n - head - tail);
    format!("+{code} {}{stars}{}", &national[..head], &national[n - tail..])
}

/// Digits of a national number a mask always hides (all of them for 4 or fewer).
pub const HIDDEN_AT_LEAST: usize = 3;

/// `alice@example.com` → `a***@example.com`; a domain stored in its ASCII form is shown as
/// it was typed (`user@xn--fsqu00a.xn--fiqs8s` → `u***@例子.中国`), unless a label of it mixes
/// alphabets: a look-alike (`pаypal`, a Cyrillic `а`) stays in its ASCII form, as browsers
/// show such a name.
pub fn email(address: &str) -> String {
    match address.rsplit_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            let (unicode, read) = idna::domain_to_unicode(domain);
            let readable = domain.split('.').all(contract::lookalike::label_reads_true);
            let domain = match read.is_ok() && readable && domain.split('.').any(|label| label.starts_with("xn--")) {
                true => unicode.as_str(),
                false => domain,
            };
            format!("{first}***@{domain}")
        }
        None => "***".into(),
    }
}

/// A stored address of either kind: an email address has an `@`, a phone number in E.164
/// never does (so `+alice@example.com` is an email address, masked as one).
pub fn address(value: &str) -> String {
    if value.contains('@') {
        email(value)
    } else {
        phone(value)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_look_alike_domain_stays_in_its_ascii_form() {
        assert_eq!(super::email("user@xn--fsqu00a.xn--fiqs8s"), "u***@例子.中国");
        assert_eq!(super::email("user@xn--pypal-4ve.com"), "u***@xn--pypal-4ve.com", "pаypal, a Cyrillic а");
        assert_eq!(super::email("user@xn--e1afmkfd.xn--p1ai"), "u***@пример.рф");
    }

    #[test]
    fn phones() {
        assert_eq!(super::phone("+8613800001234"), "+86 138****1234");
        assert_eq!(super::phone("+447700900123"), "+44 770***0123");
        assert_eq!(super::phone("+85251234567"), "+852 5***4567");
        assert_eq!(super::phone("+99912345"), "+99 ***345", "a short number keeps most digits hidden");
    }

    #[test]
    fn emails() {
        assert_eq!(super::email("alice@example.com"), "a***@example.com");
        assert_eq!(super::email("用户@例子.中国"), "用***@例子.中国");
    }

    #[test]
    fn any_text_is_masked_without_panicking_or_showing_more() {
        assert_eq!(super::address("+ab@bücher.de"), "+***@bücher.de");
        assert_eq!(super::address("+alice@example.com"), "+***@example.com");
        assert_eq!(super::address("+86 138 ü"), "+***");
        assert_eq!(super::address("+"), "+***");
        assert_eq!(super::address(""), "+***");
        assert_eq!(super::address("+8613800001234"), "+86 138****1234");
    }
}
