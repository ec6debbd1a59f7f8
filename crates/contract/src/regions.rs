//! The calling regions of the ITU list: ISO code, calling code, and the rule for mobile
//! numbers where one is known. One line per region: `ISO|code|national length|mobile
//! prefixes`. Names are the app's (the browser's CLDR data, and four the product names
//! itself); [`search`] takes them as [`Entry`]s. A code marked `~` is shared,
//! and numbers with it belong to the region listed without the mark unless a prefix of the
//! region says otherwise (`+1 268…` is Antigua, `+1 415…` the US). Empty length and
//! prefixes: the rule of the region that owns the shared code, else E.164's lengths.

use std::sync::OnceLock;

const TABLE: &str = "\
AF|93||
AX|358~||
AL|355||
DZ|213||
AS|1|10|684
AD|376||
AO|244||
AI|1|10|264
AG|1|10|268
AR|54||
AM|374||
AW|297||
AC|247||
AU|61|9|4
AT|43||
AZ|994||
BS|1|10|242
BH|973||
BD|880||
BB|1|10|246
BY|375||
BE|32||
BZ|501||
BJ|229||
BM|1|10|441
BT|975||
BO|591||
BA|387||
BW|267||
BR|55|11|
IO|246||
VG|1|10|284
BN|673||
BG|359||
BF|226||
BI|257||
KH|855||
CM|237||
CA|1~|10|
CV|238||
BQ|599~||
KY|1|10|345
CF|236||
TD|235||
CL|56||
CN|86|11|13,14,15,16,17,18,19
CX|61~||
CC|61~||
CO|57||
KM|269||
CG|242||
CD|243||
CK|682||
CR|506||
CI|225||
HR|385||
CU|53||
CW|599||
CY|357||
CZ|420||
DK|45||
DJ|253||
DM|1|10|767
DO|1|10|809,829,849
EC|593||
EG|20||
SV|503||
GQ|240||
ER|291||
EE|372||
SZ|268||
ET|251||
FK|500||
FO|298||
FJ|679||
FI|358||
FR|33|9|6,7
GF|594||
PF|689||
GA|241||
GM|220||
GE|995||
DE|49|10-11|15,16,17
GH|233||
GI|350||
GR|30||
GL|299||
GD|1|10|473
GP|590||
GU|1|10|671
GT|502||
GG|44~||
GN|224||
GW|245||
GY|592||
HT|509||
HN|504||
HK|852|8|4,5,6,7,9
HU|36||
IS|354||
IN|91|10|6,7,8,9
ID|62|9-12|8
IR|98||
IQ|964||
IE|353||
IM|44~||
IL|972||
IT|39|9-10|3
JM|1|10|876,658
JP|81|10|70,80,90
JE|44~||
JO|962||
KZ|7~|10|7
KE|254||
KI|686||
KW|965||
KG|996||
LA|856||
LV|371||
LB|961||
LS|266||
LR|231||
LY|218||
LI|423||
LT|370||
LU|352||
MO|853|8|6
MG|261||
MW|265||
MY|60|9-10|1
MV|960||
ML|223||
MT|356||
MH|692||
MQ|596||
MR|222||
MU|230||
YT|262~||
MX|52|10|
FM|691||
MD|373||
MC|377||
MN|976||
ME|382||
MS|1|10|664
MA|212||
MZ|258||
MM|95||
NA|264||
NR|674||
NP|977||
NL|31|9|6
NC|687||
NZ|64|8-10|2
NI|505||
NE|227||
NG|234||
NU|683||
NF|672||
KP|850||
MK|389||
MP|1|10|670
NO|47||
OM|968||
PK|92||
PW|680||
PS|970||
PA|507||
PG|675||
PY|595||
PE|51||
PH|63|10|9
PL|48||
PT|351||
PR|1|10|787,939
QA|974||
RE|262||
RO|40||
RU|7|10|9
RW|250||
BL|590~||
SH|290||
KN|1|10|869
LC|1|10|758
MF|590~||
PM|508||
VC|1|10|784
WS|685||
SM|378||
ST|239||
SA|966|9|5
SN|221||
RS|381||
SC|248||
SL|232||
SG|65|8|8,9
SX|1|10|721
SK|421||
SI|386||
SB|677||
SO|252||
ZA|27||
KR|82|9-10|1
SS|211||
ES|34|9|6,7
LK|94||
SD|249||
SR|597||
SJ|47~||
SE|46||
CH|41||
SY|963||
TW|886|9|9
TJ|992||
TZ|255||
TH|66|9|6,8,9
TL|670||
TG|228||
TK|690||
TO|676||
TT|1|10|868
TN|216||
TR|90||
TM|993||
TC|1|10|649
TV|688||
VI|1|10|340
UG|256||
UA|380||
AE|971|9|5
GB|44|10|7
US|1|10|
UY|598||
UZ|998||
VU|678||
VA|39~||
VE|58||
VN|84|9|3,5,7,8,9
WF|681||
EH|212~||
YE|967||
ZM|260||
ZW|263||
";

/// A calling region.
#[derive(Debug, PartialEq, Eq)]
pub struct Region {
    pub iso: &'static str,
    pub dial_code: &'static str,
    /// Allowed national significant number lengths (inclusive).
    pub national_len: (usize, usize),
    /// Comma-separated prefixes a mobile number starts with; empty means any.
    prefixes: &'static str,
    /// The calling code belongs to another region first.
    shared: bool,
}

impl Region {
    pub fn mobile_prefixes(&self) -> impl Iterator<Item = &'static str> {
        self.prefixes.split(',').filter(|p| !p.is_empty())
    }

    /// Whether a national number starts with one of the region's own prefixes.
    fn owns(&self, national: &str) -> bool {
        self.mobile_prefixes().any(|p| national.starts_with(p))
    }
}

/// Every region, in the table's order.
pub fn regions() -> &'static [Region] {
    static REGIONS: OnceLock<Vec<Region>> = OnceLock::new();
    REGIONS.get_or_init(|| {
        let mut regions: Vec<Region> = TABLE.lines().filter_map(parse_line).collect();
        // A shared code's other regions follow the rule of the region that owns it.
        for i in 0..regions.len() {
            if regions[i].shared && regions[i].national_len == (0, 0) {
                if let Some(owner) = regions.iter().find(|r| !r.shared && r.dial_code == regions[i].dial_code) {
                    let (len, prefixes) = (owner.national_len, owner.prefixes);
                    regions[i].national_len = len;
                    regions[i].prefixes = prefixes;
                }
            }
        }
        for region in &mut regions {
            if region.national_len == (0, 0) {
                region.national_len = (4, 15 - region.dial_code.len());
            }
        }
        regions
    })
}

fn parse_line(line: &'static str) -> Option<Region> {
    let mut fields = line.split('|');
    let iso = fields.next()?;
    let code = fields.next()?;
    let (dial_code, shared) = match code.strip_suffix('~') {
        Some(code) => (code, true),
        None => (code, false),
    };
    let len = fields.next()?;
    let national_len = match len.split_once('-') {
        Some((min, max)) => (min.parse().ok()?, max.parse().ok()?),
        None if len.is_empty() => (0, 0),
        None => (len.parse().ok()?, len.parse().ok()?),
    };
    Some(Region { iso, dial_code, national_len, prefixes: fields.next()?, shared })
}

pub fn region_by_iso(iso: &str) -> Option<&'static Region> {
    regions().iter().find(|r| r.iso.eq_ignore_ascii_case(iso))
}

/// The region of an international number's digits: the longest calling code, then a region
/// whose prefix the number starts with, then the code's owner.
pub fn region_for_e164_digits(digits: &str) -> Option<&'static Region> {
    regions()
        .iter()
        .filter(|r| digits.starts_with(r.dial_code))
        .max_by_key(|r| (r.dial_code.len(), r.owns(&digits[r.dial_code.len()..]), !r.shared))
}

/// A pasted or typed international number (`+86 138-0000-1234`) as its region and the
/// national part after the calling code, once there are digits beyond the code.
pub fn split_international(text: &str) -> Option<(&'static Region, String)> {
    let rest = text.trim_start().strip_prefix('+')?;
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    let region = region_for_e164_digits(&digits).filter(|r| digits.len() > r.dial_code.len() + 3)?;
    let mut skip = region.dial_code.len();
    let national = rest
        .chars()
        .skip_while(|c| {
            if skip == 0 {
                return c.is_whitespace() || *c == '-';
            }
            if c.is_ascii_digit() {
                skip -= 1;
            }
            true
        })
        .collect();
    Some((region, national))
}

/// The region of a masked number as the backend shows it (`+86 138****1234`).
pub fn region_of_masked(masked: &str) -> Option<&'static Region> {
    let digits: String = masked.strip_prefix('+')?.chars().take_while(|c| c.is_ascii_digit() || *c == ' ').collect();
    region_for_e164_digits(&digits.replace(' ', ""))
}

/// Lower case without accents, for matching what people type against names. (ASCII and
/// the accented letters of the regions' English names: Unicode's full case tables would
/// weigh more than the whole region table.)
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Î' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ó' | 'Ô' | 'Ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            'ñ' | 'Ñ' => 'n',
            '’' => '\'',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// How well a name matches a folded query: from its start, from the start of a word, or
/// (names written without spaces) anywhere.
fn name_rank(name: &str, query: &str) -> Option<u8> {
    let name = fold(name);
    if name.starts_with(query) {
        Some(0)
    } else if name.split([' ', '-', '(', '.']).any(|word| word.starts_with(query)) {
        Some(1)
    } else if !name.is_ascii() && name.contains(query) {
        Some(2)
    } else {
        None
    }
}

/// A region as the picker lists it: its names in the current and the other language.
pub struct Entry {
    pub region: &'static Region,
    pub name: String,
    pub other_name: String,
}

impl Entry {
    /// `China mainland +86`.
    pub fn label(&self) -> String {
        format!("{} +{}", self.name, self.region.dial_code)
    }
}

/// The entries a typed query names, best first, in the entries' order within a rank: a
/// region code (`gb`), a name in the current language then the other, or a calling code
/// (`+44`, `44`, `+1 268`). An empty query names them all.
pub fn search(entries: &[Entry], query: &str) -> Vec<usize> {
    let query = query.trim();
    let number = query.strip_prefix('+').unwrap_or(query).replace([' ', '-'], "");
    let by_code = !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit());
    let folded = fold(query);
    let rank = |entry: &Entry| -> Option<u8> {
        let r = entry.region;
        if query.is_empty() {
            return Some(0);
        }
        if by_code {
            // The owner of a calling code before the regions that share it.
            let rank = if r.dial_code == number {
                0
            } else if number.starts_with(r.dial_code) && r.owns(&number[r.dial_code.len()..]) {
                2
            } else if r.dial_code.starts_with(&number) {
                4
            } else {
                return None;
            };
            return Some(rank + u8::from(r.shared));
        }
        if query.len() == 2 && r.iso.eq_ignore_ascii_case(query) {
            return Some(0);
        }
        name_rank(&entry.name, &folded).map(|k| k + 1).or_else(|| name_rank(&entry.other_name, &folded).map(|k| k + 4))
    };
    let ranks: Vec<Option<u8>> = entries.iter().map(rank).collect();
    let ranks = &ranks;
    (0..8).flat_map(|k| (0..entries.len()).filter(move |i| ranks[*i] == Some(k))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_international_number_splits_into_its_region_and_the_national_part() {
        let split = |text: &str| split_international(text).map(|(r, n)| (r.iso, n));
        for (text, expected) in [
            ("+86 138 0000 1234", Some(("CN", "138 0000 1234"))),
            ("  +8613800001234", Some(("CN", "13800001234"))),
            ("+1-415-555-0100", Some(("US", "415-555-0100"))),
            ("+44 7700 900123", Some(("GB", "7700 900123"))),
            ("+852 6123 4567", Some(("HK", "6123 4567"))),
            ("+86 13", None),
            ("138 0000 1234", None),
            ("+", None),
        ] {
            assert_eq!(split(text), expected.map(|(iso, n)| (iso, n.to_string())), "{text}");
        }
    }

    /// The languages of the test entries: English, and Chinese.
    #[derive(Clone, Copy, PartialEq)]
    enum Language {
        En,
        Zh,
    }

    /// A few entries, named as the app names them (the browser's names, and the product's
    /// own for four).
    fn entries(language: Language) -> Vec<Entry> {
        let names = [
            ("AE", "United Arab Emirates", "阿拉伯联合酋长国"),
            ("CI", "Côte d’Ivoire", "科特迪瓦"),
            ("CN", "China mainland", "中国大陆"),
            ("GB", "United Kingdom", "英国"),
            ("GG", "Guernsey", "根西岛"),
            ("HK", "Hong Kong (China)", "中国香港"),
            ("IM", "Isle of Man", "马恩岛"),
            ("JE", "Jersey", "泽西岛"),
            ("JP", "Japan", "日本"),
            ("MO", "Macao (China)", "中国澳门"),
            ("TW", "Taiwan (China)", "中国台湾"),
            ("TR", "Türkiye", "土耳其"),
            ("TM", "Turkmenistan", "土库曼斯坦"),
            ("TC", "Turks & Caicos Islands", "特克斯和凯科斯群岛"),
            ("TN", "Tunisia", "突尼斯"),
            ("US", "United States", "美国"),
            ("AG", "Antigua & Barbuda", "安提瓜和巴布达"),
        ];
        names
            .iter()
            .map(|(iso, en, zh)| {
                let (name, other_name) = if language == Language::En { (en, zh) } else { (zh, en) };
                Entry {
                    region: region_by_iso(iso).unwrap(),
                    name: name.to_string(),
                    other_name: other_name.to_string(),
                }
            })
            .collect()
    }

    fn isos(language: Language, query: &str) -> Vec<&'static str> {
        let entries = entries(language);
        search(&entries, query).into_iter().map(|i| entries[i].region.iso).collect()
    }

    #[test]
    fn every_line_is_a_region_with_both_names() {
        assert_eq!(regions().len(), TABLE.lines().count());
        for region in regions() {
            assert!(region.iso.len() == 2 && region.iso.bytes().all(|b| b.is_ascii_uppercase()), "{region:?}");
            assert!(!region.dial_code.is_empty() && region.dial_code.bytes().all(|b| b.is_ascii_digit()), "{region:?}");
            assert!(region.national_len.0 >= 4 && region.national_len.0 <= region.national_len.1, "{region:?}");
            assert!(region.dial_code.len() + region.national_len.1 <= 15, "{region:?}");
            assert_eq!(regions().iter().filter(|r| r.iso == region.iso).count(), 1, "{}", region.iso);
        }
        assert!(regions().len() > 240);
    }

    #[test]
    fn every_shared_code_has_one_owner() {
        for region in regions() {
            let owners = regions().iter().filter(|r| r.dial_code == region.dial_code && !r.shared).count();
            assert!(owners >= 1, "{} +{} has no owner", region.iso, region.dial_code);
        }
    }

    #[test]
    fn numbers_go_to_the_region_that_owns_them() {
        let iso = |digits| region_for_e164_digits(digits).map(|r| r.iso);
        assert_eq!(iso("8613800001234"), Some("CN"));
        assert_eq!(iso("85251234567"), Some("HK"));
        assert_eq!(iso("14155550100"), Some("US"));
        assert_eq!(iso("12684641234"), Some("AG"));
        assert_eq!(iso("18095551234"), Some("DO"));
        assert_eq!(iso("79161234567"), Some("RU"));
        assert_eq!(iso("77011234567"), Some("KZ"));
        assert_eq!(iso("447700900123"), Some("GB"));
        assert_eq!(iso("358401234567"), Some("FI"));
        assert_eq!(iso("8001234"), None, "+800 is no region's");
        assert_eq!(region_of_masked("+86 138****1234").map(|r| r.iso), Some("CN"));
        assert_eq!(region_of_masked("+1 268***1234").map(|r| r.iso), Some("AG"));
        assert_eq!(region_of_masked("a***@example.com"), None);
    }

    #[test]
    fn a_shared_code_s_regions_follow_its_owner_s_rule() {
        let jersey = region_by_iso("JE").unwrap();
        assert_eq!((jersey.national_len, jersey.prefixes), ((10, 10), "7"));
        let estonia = region_by_iso("EE").unwrap();
        assert_eq!((estonia.national_len, estonia.prefixes), ((4, 12), ""));
    }

    #[test]
    fn type_ahead_by_name_code_and_calling_code() {
        assert_eq!(isos(Language::En, "uni"), ["AE", "GB", "US"]);
        assert_eq!(isos(Language::En, "gb"), ["GB"]);
        assert_eq!(isos(Language::En, "cn"), ["CN"]);
        assert_eq!(isos(Language::En, "+44"), ["GB", "GG", "IM", "JE"]);
        assert_eq!(isos(Language::En, "+1 268"), ["AG"]);
        assert_eq!(isos(Language::En, "kong"), ["HK"]);
        assert_eq!(isos(Language::En, "cote"), ["CI"]);
        assert_eq!(isos(Language::En, "tur"), ["TR", "TM", "TC"]);
        assert_eq!(isos(Language::Zh, "香港"), ["HK"]);
        assert_eq!(isos(Language::Zh, "中国"), ["CN", "HK", "MO", "TW"]);
        assert_eq!(isos(Language::Zh, "japan"), ["JP"], "the other language's names match too");
        assert!(isos(Language::En, "atlantis").is_empty());
        assert_eq!(isos(Language::En, " ").len(), entries(Language::En).len());
    }

    #[test]
    fn labels_name_the_region_and_its_code() {
        let cn =
            Entry { region: region_by_iso("cn").unwrap(), name: "China mainland".into(), other_name: String::new() };
        assert_eq!(cn.label(), "China mainland +86");
    }
}
