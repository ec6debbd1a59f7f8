//! The calling-region combobox's list, as a state machine: which entries it lists, which one
//! is active, and what a key, a click or leaving the field does with them. Entries are
//! named by their place in the list of all; the component owns the chosen region and the
//! field's text, and hears of changes to them as effects.

/// The list of a combobox over `all` entries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListState {
    /// How many entries there are in all.
    pub all: usize,
    /// The entries listed, by their place in the list of all.
    pub shown: Vec<usize>,
    pub open: bool,
    /// The active option, by its place in `shown`: what Enter, Tab or leaving the field
    /// chooses.
    pub active: Option<usize>,
    /// The entry chosen before typing began, for Escape to go back to.
    pub before_typing: Option<usize>,
}

/// The keys the list answers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKey {
    Down,
    /// Alt+Down opens the list and does not move in it.
    AltDown,
    Up,
    PageDown,
    PageUp,
    Enter,
    Tab,
    Escape,
}

impl ListKey {
    /// The key a keyboard event's `key` names.
    pub fn parse(key: &str, alt: bool) -> Option<ListKey> {
        Some(match key {
            "ArrowDown" if alt => ListKey::AltDown,
            "ArrowDown" => ListKey::Down,
            "ArrowUp" => ListKey::Up,
            "PageDown" => ListKey::PageDown,
            "PageUp" => ListKey::PageUp,
            "Enter" => ListKey::Enter,
            "Tab" => ListKey::Tab,
            "Escape" => ListKey::Escape,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListEvent {
    /// Text typed, as a search ([`query`]); `found` is what the search lists, best first;
    /// `chosen` the entry chosen until now.
    Typed {
        query: String,
        found: Vec<usize>,
        chosen: Option<usize>,
    },
    Key {
        key: ListKey,
        chosen: Option<usize>,
    },
    /// A click on the field: the list opens, or closes when open.
    Clicked {
        chosen: Option<usize>,
    },
    /// A click on an option.
    Picked(usize),
    /// The browser is idle: the list of all is written ahead of its first opening, which
    /// then only shows it.
    Idle,
    /// Focus left the field, then showing `text_empty` or not.
    Left {
        chosen: Option<usize>,
        text_empty: bool,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListEffect {
    /// Write the options of `shown` (they changed).
    List,
    /// The entry becomes the chosen region; the field shows its name.
    Choose(usize),
    /// No region is chosen while the field shows this search.
    Search(String),
    /// The key was the list's: neither the form nor the dialog around gets it.
    KeepKey,
    /// Nothing matches what the field shows.
    NoMatch,
}

/// The search that `text` typed in the field stands for: what follows the chosen entry's
/// `label` when it was typed after it (a new search), else the whole text.
pub fn query(text: &str, label: Option<&str>) -> String {
    label.and_then(|label| text.strip_prefix(label)).filter(|rest| !rest.is_empty()).unwrap_or(text).to_string()
}

pub fn next(state: &ListState, event: ListEvent) -> (ListState, Vec<ListEffect>) {
    let mut after = state.clone();
    let mut effects = Vec::new();
    match event {
        ListEvent::Typed { query, found, chosen } => {
            after.before_typing = chosen.or(state.before_typing);
            // The best match is active; an emptied field chooses nothing.
            let at = (!query.trim().is_empty()).then_some(0);
            after.show(found, at);
            effects.push(ListEffect::Search(query));
        }
        ListEvent::Key { key, chosen } => match (key, state.open) {
            (ListKey::Down | ListKey::AltDown | ListKey::Up, false) => {
                after.show_all(chosen);
                effects.push(ListEffect::KeepKey);
            }
            (ListKey::AltDown, true) | (_, false) => {}
            (ListKey::Down | ListKey::Up | ListKey::PageDown | ListKey::PageUp, true) => {
                after.step(match key {
                    ListKey::Down => 1,
                    ListKey::Up => -1,
                    ListKey::PageDown => 10,
                    _ => -10,
                });
                effects.push(ListEffect::KeepKey);
            }
            (ListKey::Enter, true) => {
                effects.push(ListEffect::KeepKey);
                effects.extend(after.choose_active());
            }
            (ListKey::Tab, true) => effects.extend(after.choose_active()),
            (ListKey::Escape, true) => {
                effects.push(ListEffect::KeepKey);
                after.close();
                effects.extend(chosen.or(state.before_typing).map(ListEffect::Choose));
            }
        },
        ListEvent::Clicked { chosen } => {
            if state.open {
                after.close();
            } else {
                after.show_all(chosen);
            }
        }
        ListEvent::Picked(entry) => {
            after.close();
            effects.push(ListEffect::Choose(entry));
        }
        ListEvent::Left { chosen, text_empty } => {
            let chose = if state.open { after.choose_active() } else { None };
            if chose.is_none() && chosen.is_none() && !text_empty {
                effects.push(ListEffect::NoMatch);
            }
            effects.extend(chose);
        }
        ListEvent::Idle => {
            if !state.open && state.shown.is_empty() {
                after.shown = (0..state.all).collect();
            }
        }
    }
    if after.shown != state.shown {
        effects.push(ListEffect::List);
    }
    (after, effects)
}

impl ListState {
    pub fn new(all: usize) -> Self {
        Self { all, ..Self::default() }
    }

    /// The entry of the option at `place` in the list.
    pub fn entry(&self, place: usize) -> Option<usize> {
        self.shown.get(place).copied()
    }

    fn show(&mut self, shown: Vec<usize>, active: Option<usize>) {
        self.open = !shown.is_empty();
        self.active = active.filter(|_| self.open);
        self.shown = shown;
    }

    /// Every entry, with the chosen one (else the first) active.
    fn show_all(&mut self, chosen: Option<usize>) {
        self.show((0..self.all).collect(), Some(chosen.unwrap_or(0)));
    }

    fn close(&mut self) {
        self.open = false;
        self.active = None;
    }

    fn step(&mut self, by: isize) {
        let count = self.shown.len() as isize;
        if count > 0 {
            let at = self.active.map_or(if by > 0 { 0 } else { count - 1 }, |i| i as isize + by);
            self.active = Some(at.clamp(0, count - 1) as usize);
        }
    }

    /// Closes the list, choosing the active entry if there is one.
    fn choose_active(&mut self) -> Option<ListEffect> {
        let chosen = self.active.and_then(|place| self.entry(place));
        self.close();
        chosen.map(ListEffect::Choose)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ten entries; entry 3 chosen; "uni" typed, finding 7 and 8.
    fn typed(query: &str, found: Vec<usize>) -> ListState {
        let event = ListEvent::Typed { query: query.into(), found, chosen: Some(3) };
        next(&ListState::new(10), event).0
    }

    fn key(state: &ListState, key: ListKey, chosen: Option<usize>) -> (ListState, Vec<ListEffect>) {
        next(state, ListEvent::Key { key, chosen })
    }

    #[test]
    fn typing_lists_the_matches_with_the_best_active() {
        let (after, effects) =
            next(&ListState::new(10), ListEvent::Typed { query: "uni".into(), found: vec![7, 8], chosen: Some(3) });
        assert_eq!((after.open, after.active, after.entry(0), after.before_typing), (true, Some(0), Some(7), Some(3)));
        assert_eq!(effects, vec![ListEffect::Search("uni".into()), ListEffect::List]);
    }

    #[test]
    fn typing_after_the_label_starts_a_new_search() {
        assert_eq!(query("China mainland +86uni", Some("China mainland +86")), "uni");
        assert_eq!(query("China mainland +86", Some("China mainland +86")), "China mainland +86");
        assert_eq!(query("China main", Some("China mainland +86")), "China main");
        assert_eq!(query("uni", None), "uni");
    }

    #[test]
    fn escape_restores_the_region_chosen_before_typing() {
        let (after, effects) = key(&typed("uni", vec![7, 8]), ListKey::Escape, None);
        assert!(!after.open);
        assert_eq!(effects, vec![ListEffect::KeepKey, ListEffect::Choose(3)]);
        // Closed, Escape is the dialog's.
        assert_eq!(key(&after, ListKey::Escape, Some(3)).1, vec![]);
    }

    #[test]
    fn tab_enter_and_leaving_choose_the_active_option() {
        let state = key(&typed("uni", vec![7, 8]), ListKey::Down, None).0;
        assert_eq!(key(&state, ListKey::Tab, None).1, vec![ListEffect::Choose(8)], "Tab moves on as well");
        assert_eq!(key(&state, ListKey::Enter, None).1, vec![ListEffect::KeepKey, ListEffect::Choose(8)]);
        let (after, effects) = next(&state, ListEvent::Left { chosen: None, text_empty: false });
        assert_eq!((after.open, effects), (false, vec![ListEffect::Choose(8)]));
        // Closed, Enter submits the form.
        assert_eq!(key(&after, ListKey::Enter, Some(8)).1, vec![]);
    }

    #[test]
    fn an_emptied_field_chooses_nothing() {
        let state = typed("", vec![0, 1, 2]);
        assert_eq!((state.open, state.active), (true, None));
        assert_eq!(key(&state, ListKey::Tab, None).1, vec![]);
        assert_eq!(key(&state, ListKey::Enter, None).1, vec![ListEffect::KeepKey]);
        assert_eq!(next(&state, ListEvent::Left { chosen: None, text_empty: true }).1, vec![]);
    }

    #[test]
    fn text_that_matches_nothing_is_said_on_leaving() {
        let state = typed("zzz", vec![]);
        assert!(!state.open);
        assert_eq!(next(&state, ListEvent::Left { chosen: None, text_empty: false }).1, vec![ListEffect::NoMatch]);
    }

    #[test]
    fn arrows_open_the_whole_list_at_the_chosen_entry_and_stay_inside_it() {
        let (open, effects) = key(&ListState::new(10), ListKey::AltDown, Some(4));
        assert_eq!((open.shown.len(), open.active), (10, Some(4)));
        assert_eq!(effects, vec![ListEffect::KeepKey, ListEffect::List]);
        assert_eq!(key(&open, ListKey::AltDown, Some(4)).0.active, Some(4));
        assert_eq!(key(&open, ListKey::PageDown, Some(4)).0.active, Some(9));
        assert_eq!(key(&open, ListKey::PageUp, Some(4)).0.active, Some(0));
        assert_eq!(key(&open, ListKey::Up, Some(4)).0.active, Some(3));
    }

    #[test]
    fn a_click_toggles_the_list_and_a_click_on_an_option_chooses_it() {
        let (open, _) = next(&ListState::new(10), ListEvent::Clicked { chosen: None });
        assert_eq!((open.open, open.active), (true, Some(0)));
        assert!(!next(&open, ListEvent::Clicked { chosen: None }).0.open);
        let (after, effects) = next(&open, ListEvent::Picked(6));
        assert_eq!((after.open, effects), (false, vec![ListEffect::Choose(6)]));
    }

    #[test]
    fn the_list_of_all_written_while_idle_is_not_written_again_to_open_it() {
        let (idle, effects) = next(&ListState::new(10), ListEvent::Idle);
        assert_eq!((idle.open, idle.shown.len(), effects), (false, 10, vec![ListEffect::List]));
        let (open, effects) = next(&idle, ListEvent::Clicked { chosen: Some(4) });
        assert_eq!((open.open, open.active, effects), (true, Some(4), vec![]));
        let (open, effects) = key(&next(&open, ListEvent::Clicked { chosen: None }).0, ListKey::Down, Some(4));
        assert_eq!((open.open, effects), (true, vec![ListEffect::KeepKey]));
        // Once typed into, the list is what was found, and idle time leaves it so.
        let found = next(&idle, ListEvent::Typed { query: "uni".into(), found: vec![7, 8], chosen: None }).0;
        let closed = next(&found, ListEvent::Left { chosen: None, text_empty: false }).0;
        assert_eq!(next(&closed, ListEvent::Idle), (closed.clone(), vec![]));
        assert_eq!(next(&closed, ListEvent::Clicked { chosen: None }).1, vec![ListEffect::List]);
    }

    #[test]
    fn keys_of_other_meanings_are_left_alone() {
        assert_eq!(ListKey::parse("a", false), None);
        assert_eq!(ListKey::parse("ArrowDown", true), Some(ListKey::AltDown));
        assert_eq!(key(&ListState::new(10), ListKey::Tab, None), (ListState::new(10), vec![]));
    }
}
