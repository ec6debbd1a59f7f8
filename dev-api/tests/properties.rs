//! Arbitrary Unicode through validation and masking: never a panic, and a mask never shows
//! more than the contract's pattern (`+86 138****1234`, `a***@example.com`).

use contract::regions::regions;
use contract::validate::{normalize_code, normalize_email, parse_e164, phone_to_e164};
use dev_api::mask;
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig { cases: 3_000, failure_persistence: None, ..ProptestConfig::default() }
}

/// A phone mask: `+<calling code> <national digits, some as *>`. Checks it against the number.
fn check_phone_mask(digits: &str, masked: &str) -> Result<(), TestCaseError> {
    let rest = masked.strip_prefix('+').ok_or_else(|| TestCaseError::fail(format!("no + in {masked}")))?;
    let (code, national_masked) =
        rest.split_once(' ').ok_or_else(|| TestCaseError::fail(format!("no space in {masked}")))?;
    prop_assert!(digits.starts_with(code), "{masked} for {digits}");
    let national = &digits[code.len()..];
    let shown: Vec<char> = national_masked.chars().collect();
    prop_assert_eq!(shown.len(), national.len(), "{} for {}", masked, digits);
    let hidden = shown.iter().filter(|c| **c == '*').count();
    prop_assert!(hidden >= national.len().min(mask::HIDDEN_AT_LEAST), "{} shows too much of {}", masked, digits);
    let head = shown.iter().take_while(|c| **c != '*').count();
    let tail = shown.iter().rev().take_while(|c| **c != '*').count();
    prop_assert!(head <= 3 && tail <= 4 && head + hidden + tail == shown.len(), "{} for {}", masked, digits);
    for (i, c) in shown.iter().enumerate().filter(|(_, c)| **c != '*') {
        prop_assert_eq!(*c, national.as_bytes()[i] as char, "{} for {}", masked, digits);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn validation_takes_any_text(input in any::<String>()) {
        let _ = parse_e164(&input);
        let _ = normalize_email(&input);
        let _ = normalize_code(&input, 6);
        for region in regions() {
            let _ = phone_to_e164(region, &input);
        }
    }

    #[test]
    fn any_text_masks_to_the_pattern(input in any::<String>()) {
        let masked = mask::address(&input);
        match input.rsplit_once('@') {
            Some((local, domain)) => {
                let first: String = local.chars().take(1).collect();
                if domain.split('.').any(|label| label.starts_with("xn--")) {
                    // An ASCII-form domain may be shown as Unicode; the local part stays hidden.
                    prop_assert!(masked.starts_with(&format!("{first}***@")), "{}", masked);
                } else {
                    prop_assert_eq!(masked, format!("{first}***@{domain}"));
                }
            }
            None => {
                let digits = input.strip_prefix('+').unwrap_or(&input);
                if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                    check_phone_mask(digits, &masked)?;
                } else {
                    prop_assert_eq!(masked, "+***");
                }
            }
        }
    }

    #[test]
    fn numbers_that_validate_keep_their_middle_hidden(digits in "[1-9][0-9]{3,15}") {
        if let Ok(e164) = parse_e164(&format!("+{digits}")) {
            check_phone_mask(&e164[1..], &mask::phone(&e164))?;
        }
        check_phone_mask(&digits, &mask::phone(&format!("+{digits}")))?;
    }

    #[test]
    fn emails_that_validate_show_one_character_of_the_local_part(local in "[^@]{1,64}", domain in "[a-z0-9.-]{1,30}") {
        let address = format!("{local}@{domain}");
        if let Ok(valid) = normalize_email(&address) {
            let masked = mask::address(&valid);
            let (kept, rest) = masked.split_once("***@").unwrap();
            prop_assert_eq!(kept.chars().count(), 1);
            let domain_shown = format!("@{rest}");
            prop_assert!(valid.ends_with(&domain_shown), "{} for {}", masked, valid);
        }
    }
}
