//! Names of the calling regions of `validate::REGIONS`, in both languages.

use super::Locale;

const NAMES: &[(&str, &str, &str)] = &[
    ("CN", "Chinese mainland", "中国大陆"),
    ("HK", "Hong Kong (China)", "中国香港"),
    ("MO", "Macao (China)", "中国澳门"),
    ("TW", "Taiwan (China)", "中国台湾"),
    ("SG", "Singapore", "新加坡"),
    ("MY", "Malaysia", "马来西亚"),
    ("TH", "Thailand", "泰国"),
    ("ID", "Indonesia", "印度尼西亚"),
    ("VN", "Vietnam", "越南"),
    ("PH", "Philippines", "菲律宾"),
    ("JP", "Japan", "日本"),
    ("KR", "South Korea", "韩国"),
    ("IN", "India", "印度"),
    ("US", "United States", "美国"),
    ("GB", "United Kingdom", "英国"),
    ("DE", "Germany", "德国"),
    ("FR", "France", "法国"),
    ("AU", "Australia", "澳大利亚"),
    ("NZ", "New Zealand", "新西兰"),
    ("RU", "Russia", "俄罗斯"),
    ("AE", "United Arab Emirates", "阿联酋"),
    ("SA", "Saudi Arabia", "沙特阿拉伯"),
    ("BR", "Brazil", "巴西"),
    ("MX", "Mexico", "墨西哥"),
    ("CA", "Canada", "加拿大"),
    ("IT", "Italy", "意大利"),
    ("ES", "Spain", "西班牙"),
    ("NL", "Netherlands", "荷兰"),
];

pub fn region_name(locale: Locale, iso: &str) -> &'static str {
    NAMES
        .iter()
        .find(|(code, _, _)| *code == iso)
        .map(|(_, en, zh)| match locale {
            Locale::En => *en,
            Locale::ZhCn => *zh,
        })
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::REGIONS;

    #[test]
    fn every_region_has_a_name_in_both_languages() {
        for region in REGIONS {
            assert!(!region_name(Locale::En, region.iso).is_empty(), "{}", region.iso);
            assert!(!region_name(Locale::ZhCn, region.iso).is_empty(), "{}", region.iso);
        }
        assert_eq!(NAMES.len(), REGIONS.len());
    }
}
