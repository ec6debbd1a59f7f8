//! A notice in words: what changed, how it was authorised, where it stands, and what each
//! action will do.

use contract::{ChangeState, IdentityMethod, Known, NoticeAction, NoticeInfo};

use super::{field_name, Page};
use crate::texts::{Lang, T};

impl Page {
    /// "Recovery email address: u***@… → n***@…", or an alert.
    pub(super) fn what(&self, notice: &NoticeInfo) -> String {
        let event = &notice.event;
        let Known::Is(field) = event.field else { return self.t(T::Alert).into() };
        let field = self.t(field_name(field));
        // "Login email address: …", "登录邮箱：…".
        let colon = if self.lang == Lang::En { ": " } else { "：" };
        match (&event.old_masked, &event.new_masked) {
            (Some(old), Some(new)) => format!("{field}{colon}{old} → {new}"),
            (None, Some(new)) => format!("{field}{colon}{new}"),
            _ => field.into(),
        }
    }

    pub(super) fn how(&self, notice: &NoticeInfo) -> Option<String> {
        let by = notice.event.authorised_by.as_ref()?;
        match (by.method.known()?, &by.masked) {
            (IdentityMethod::Password, _) => Some(self.t(T::ByPassword).into()),
            (_, Some(target)) => Some(self.f(T::ByCode, &[("target", target)])),
            (_, None) => None,
        }
    }

    pub(super) fn stands(&self, notice: &NoticeInfo) -> String {
        let event = &notice.event;
        match (event.state.known(), &event.effective_at, &event.revert_until) {
            (Some(ChangeState::CoolingOff), Some(at), _) => self.f(T::Cooling, &[("date", &self.date(at))]),
            (Some(ChangeState::Cancelled), ..) => self.t(T::CancelledState).into(),
            (Some(ChangeState::Undone), ..) => self.t(T::UndoneState).into(),
            (_, _, Some(until)) => self.f(T::Undoable, &[("date", &self.date(until))]),
            _ => self.t(T::InEffect).into(),
        }
    }

    /// The field's name and its value before, for what an action will do and did.
    pub(super) fn field_and_old(&self, notice: &NoticeInfo) -> (&'static str, String) {
        let field = match notice.event.field {
            Known::Is(field) => self.t(field_name(field)),
            Known::Other => "",
        };
        (field, notice.event.old_masked.clone().unwrap_or_default())
    }

    pub(super) fn action_words(&self, notice: &NoticeInfo, action: NoticeAction) -> (&'static str, String) {
        let (field, old) = self.field_and_old(notice);
        let fill = |t| self.f(t, &[("field", field), ("old", &old)]);
        match action {
            NoticeAction::Cancel => (self.t(T::CancelTitle), fill(T::CancelWhat)),
            NoticeAction::Undo => (self.t(T::UndoTitle), fill(T::UndoWhat)),
            NoticeAction::Secure | NoticeAction::Confirm => (self.t(T::SecureTitle), self.t(T::SecureWhat).into()),
        }
    }
}
