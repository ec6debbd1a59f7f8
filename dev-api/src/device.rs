//! What a session list says of a browser: its family and its operating system's, read from
//! `User-Agent`. Only families, never versions: enough for an owner to tell their own
//! devices apart, and nothing a list needs to be exact about.

/// The browser and operating system a session signed in with, as far as they are known.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Device {
    pub browser: Option<&'static str>,
    pub os: Option<&'static str>,
}

impl Device {
    pub fn from_user_agent(agent: &str) -> Device {
        // Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
        const BROWSERS: [(&str, &str); 7] = [
            ("Edg/", "Edge"),
            ("OPR/", "Opera"),
            ("Firefox/", "Firefox"),
            ("FxiOS/", "Firefox"),
            ("CriOS/", "Chrome"),
            ("Chrome/", "Chrome"),
            ("Safari/", "Safari"),
        ];
        const SYSTEMS: [(&str, &str); 8] = [
            ("iPhone", "iOS"),
            ("iPad", "iPadOS"),
            ("Android", "Android"),
            ("CrOS", "ChromeOS"),
            ("Windows", "Windows"),
            ("Mac OS X", "macOS"),
            ("Macintosh", "macOS"),
            ("Linux", "Linux"),
        ];
        let find =
            |table: &[(&str, &'static str)]| table.iter().find(|(mark, _)| agent.contains(mark)).map(|(_, n)| *n);
        Device { browser: find(&BROWSERS), os: find(&SYSTEMS) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_browser_and_system_families() {
        let cases = [
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
                Some("Edge"),
                Some("Windows"),
            ),
            (
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                Some("Chrome"),
                Some("Linux"),
            ),
            ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", Some("Firefox"), Some("Linux")),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
                Some("Safari"),
                Some("iOS"),
            ),
            (
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
                Some("Chrome"),
                Some("Android"),
            ),
            ("curl/8.5.0", None, None),
            ("", None, None),
        ];
        for (agent, browser, os) in cases {
            assert_eq!(Device::from_user_agent(agent), Device { browser, os }, "{agent}");
        }
    }
}
