//! Where focus goes in a dialog as its flow moves on: the one interpreter of the flows'
//! [`Focus`] effects, which the runner ([`crate::machine::Machine`]) hands it.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::flows::Focus;

/// The first field of a step: an enabled input, the chosen radio, or a marked control.
pub(crate) const STEP_START: &str =
    "input:not([disabled]):not([type=radio]), input[type=radio]:checked:not([disabled]), [data-autofocus]";

/// Carries out the [`Focus`] effects of the flow shown in one dialog: the one place where
/// the dialog's focus moves. Provided by each dialog component before anything in it is set
/// up (its code steps and identity step take it from the context).
#[derive(Clone, Copy)]
pub struct DialogFocus {
    pub(crate) dialog: NodeRef<html::Dialog>,
    /// The dialog's own live region: the step's title, said once per step change. (The
    /// app's live region is behind the modal dialog, where assistive technology may not
    /// listen.)
    pub(crate) step_title: RwSignal<String>,
}

impl DialogFocus {
    pub fn provide() -> Self {
        let focus = Self { dialog: NodeRef::new(), step_title: RwSignal::new(String::new()) };
        provide_context(focus);
        focus
    }

    /// The dialog's, or a new one for a piece used on its own (whose `Modal` then takes it).
    pub fn use_context() -> Self {
        use_context::<DialogFocus>().unwrap_or_else(Self::provide)
    }

    /// The first element in the dialog that matches `selector`.
    pub fn query(self, selector: &str) -> Option<web_sys::Element> {
        self.dialog.get_untracked()?.query_selector(selector).ok().flatten()
    }

    /// Moves focus as `focus` says, once the state that asked for it has rendered.
    pub fn apply(self, focus: Focus) {
        crate::task::before_paint(move || {
            let Some(dialog) = self.dialog.try_get_untracked().flatten() else { return };
            match focus {
                Focus::Step => {
                    let title = dialog.query_selector("h2").ok().flatten().and_then(|h| h.text_content());
                    // Emptied first, so the same title is said again on a second visit.
                    self.step_title.set(String::new());
                    let step_title = self.step_title;
                    crate::task::before_paint(move || {
                        let _ = step_title.try_set(title.unwrap_or_default());
                    });
                    focus_first(&dialog, STEP_START);
                }
                Focus::Code => focus_first(&dialog, "input[autocomplete=one-time-code]:not([disabled])"),
                Focus::Value => focus_first(&dialog, "input[aria-invalid=true]:not([disabled])"),
                Focus::Hold => {
                    let lost = dialog
                        .owner_document()
                        .and_then(|d| d.active_element())
                        .filter(|active| dialog.contains(Some(active)))
                        .is_none_or(|active| active.matches(":disabled").unwrap_or(false) || !is_shown(&active));
                    if lost {
                        focus_heading(&dialog);
                    }
                }
            }
        });
    }
}

/// Whether `element` is rendered (not inside a hidden step).
fn is_shown(element: &web_sys::Element) -> bool {
    element.get_client_rects().length() > 0
}

/// Focuses the first shown element of `dialog` matching `selector`, or else its heading.
pub(crate) fn focus_first(dialog: &web_sys::HtmlDialogElement, selector: &str) {
    let found = dialog.query_selector_all(selector).ok().and_then(|list| {
        (0..list.length())
            .filter_map(|i| list.item(i).and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()))
            .find(|e| is_shown(e))
    });
    match found {
        Some(element) => {
            let _ = element.focus();
        }
        None => focus_heading(dialog),
    }
}

fn focus_heading(dialog: &web_sys::HtmlDialogElement) {
    if let Some(heading) =
        dialog.query_selector("h2").ok().flatten().and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = heading.focus();
    }
}
