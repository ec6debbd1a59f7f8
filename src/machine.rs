//! The one runtime of the flows in `flows/`: a state signal, the flow's pure `next`, the
//! dialog's focus and the component's interpreter of the other effects, behind a `Copy`
//! handle.

use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::flows::{Effect, Pending};
use crate::focus::DialogFocus;
use crate::task::Tasks;

/// A flow's pure step: the next state and the effects to carry out.
pub type Next<S, Ev, Ef> = fn(&S, Ev) -> (S, Vec<Ef>);

/// A component's interpreter of a flow's effects, given the handle to dispatch with.
type Perform<M, Ef> = Rc<dyn Fn(M, Ef)>;

/// Runs one flow for the component that made it. `dispatch` applies an event with the
/// flow's `next`, stores the state, moves focus where an effect says (in the dialog around
/// the component, if there is one) and hands every other effect to the interpreter, which
/// gets the handle to dispatch what follows (an answer, a step of its own). Requests started
/// with [`Machine::run`] belong to the component: closed or left, their answers never arrive.
pub struct Machine<S: Send + Sync + 'static, Ev: 'static, Ef: 'static> {
    state: RwSignal<S>,
    next: Next<S, Ev, Ef>,
    /// What lives and goes with the component.
    parts: StoredValue<Parts<Self, Ef>, LocalStorage>,
}

struct Parts<M, Ef> {
    perform: Perform<M, Ef>,
    focus: Option<DialogFocus>,
    tasks: Tasks,
}

impl<S: Send + Sync + 'static, Ev: 'static, Ef: 'static> Clone for Machine<S, Ev, Ef> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: Send + Sync + 'static, Ev: 'static, Ef: 'static> Copy for Machine<S, Ev, Ef> {}

impl<S: Send + Sync + 'static, Ev: 'static, Ef: Effect + 'static> Machine<S, Ev, Ef> {
    /// Made while the component is set up (its requests are owned by it).
    pub fn new(initial: S, next: Next<S, Ev, Ef>, perform: impl Fn(Self, Ef) + 'static) -> Self {
        let parts = Parts { perform: Rc::new(perform), focus: use_context::<DialogFocus>(), tasks: Tasks::new() };
        Self { state: RwSignal::new(initial), next, parts: StoredValue::new_local(parts) }
    }

    /// Applies `event`; nothing happens once the component is gone.
    pub fn dispatch(self, event: Ev) {
        let Some(effects) = self.state.try_update(|state| {
            let (after, effects) = (self.next)(state, event);
            *state = after;
            effects
        }) else {
            return;
        };
        let Some((perform, focus)) = self.parts.try_with_value(|parts| (parts.perform.clone(), parts.focus)) else {
            return;
        };
        for effect in effects {
            match effect.focus() {
                Some(to) => focus.into_iter().for_each(|focus| focus.apply(to)),
                None => perform(self, effect),
            }
        }
    }

    /// Sends `request`; its answer comes back as the event `answered` makes of it.
    pub fn run<T: 'static>(
        self,
        request: impl Future<Output = Result<T, ApiError>> + 'static,
        answered: fn(Result<T, ApiError>) -> Ev,
    ) {
        // Boxed: the task that awaits it is built once per answer type, not once per request.
        let request: Pending<T> = Box::pin(request);
        self.parts.with_value(|parts| parts.tasks.run(request, move |answer| self.dispatch(answered(answer))));
    }

    /// Reads the state, tracked.
    pub fn with<R>(self, read: impl FnOnce(&S) -> R) -> R {
        self.state.with(read)
    }

    /// Reads the state, untracked; `None` once the component is gone.
    pub fn try_with_untracked<R>(self, read: impl FnOnce(&S) -> R) -> Option<R> {
        self.state.try_with_untracked(read)
    }
}
