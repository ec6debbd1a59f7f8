//! The app's colours. Every colour of `style/main.css` is a `light-dark()` pair; the theme
//! only decides the root's `color-scheme`, through its classes.

/// The app's colours: light, dark, or (the default) auto: the shell's `color-scheme` where
/// it declares one, else the system's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    #[default]
    Auto,
}

/// Each theme by the name a shell gives it.
const THEMES: [(&str, Theme); 3] = [("light", Theme::Light), ("dark", Theme::Dark), ("auto", Theme::Auto)];

impl Theme {
    /// The theme a shell names (`"dark"`), if there is one.
    pub fn named(name: &str) -> Option<Theme> {
        THEMES.iter().find(|(n, _)| *n == name).map(|(_, theme)| *theme)
    }

    /// The classes of the app's root. `shell_scheme` is the `color-scheme` the host element
    /// computes to: `normal` (or nothing, in a browser without the property) where the
    /// shell declares none. Every change after mount follows by itself: an inherited scheme
    /// with the shell's, `light dark` with the system's.
    pub fn root_class(self, shell_scheme: Option<&str>) -> &'static str {
        match self {
            Theme::Light => "ac-root",
            Theme::Dark => "ac-root ac-dark",
            Theme::Auto => match shell_scheme {
                Some(scheme) if !scheme.is_empty() && scheme != "normal" => "ac-root ac-shell",
                _ => "ac-root ac-system",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn light_and_dark_whatever_the_shell_says_auto_inherits_a_declared_scheme_else_the_systems() {
        for shell in [None, Some("normal"), Some("dark"), Some("light dark")] {
            assert_eq!(Theme::Light.root_class(shell), "ac-root");
            assert_eq!(Theme::Dark.root_class(shell), "ac-root ac-dark");
        }
        for declared in ["dark", "light", "light dark"] {
            assert_eq!(Theme::Auto.root_class(Some(declared)), "ac-root ac-shell");
        }
        for none in [Some("normal"), Some(""), None] {
            assert_eq!(Theme::Auto.root_class(none), "ac-root ac-system");
        }
        assert_eq!(Theme::named("dark"), Some(Theme::Dark));
        assert_eq!(Theme::named("Dark"), None);
    }
}
