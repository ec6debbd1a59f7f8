//! The one runtime of the flows in `flows/`: a state signal, the flow's pure `next`, and the
//! component's interpreter of its effects, behind a `Copy` handle.

use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::task::Tasks;

/// A flow's pure step: the next state and the effects to carry out.
pub type Next<S, Ev, Ef> = fn(&S, Ev) -> (S, Vec<Ef>);

/// A component's interpreter of a flow's effects, given the handle to dispatch with.
type Perform<M, Ef> = Rc<dyn Fn(M, Ef)>;

/// Runs one flow for the component that made it. `dispatch` applies an event with the
/// flow's `next`, stores the state, then hands each effect to the interpreter, which gets
/// the handle to dispatch what follows (an answer, a step of its own). Requests started with
/// [`Machine::run`] belong to the component: closed or left, their answers never arrive.
pub struct Machine<S: Send + Sync + 'static, Ev: 'static, Ef: 'static> {
    state: RwSignal<S>,
    next: Next<S, Ev, Ef>,
    /// The interpreter and the requests it started, which live and go with the component.
    parts: StoredValue<(Perform<Self, Ef>, Tasks), LocalStorage>,
}

impl<S: Send + Sync + 'static, Ev: 'static, Ef: 'static> Clone for Machine<S, Ev, Ef> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: Send + Sync + 'static, Ev: 'static, Ef: 'static> Copy for Machine<S, Ev, Ef> {}

impl<S: Send + Sync + 'static, Ev: 'static, Ef: 'static> Machine<S, Ev, Ef> {
    /// Made while the component is set up (its requests are owned by it).
    pub fn new(initial: S, next: Next<S, Ev, Ef>, perform: impl Fn(Self, Ef) + 'static) -> Self {
        Self { state: RwSignal::new(initial), next, parts: StoredValue::new_local((Rc::new(perform), Tasks::new())) }
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
        let Some(perform) = self.parts.try_with_value(|(perform, _)| perform.clone()) else { return };
        for effect in effects {
            perform(self, effect);
        }
    }

    /// Sends `request`; its answer comes back as the event `answered` makes of it.
    pub fn run<T: 'static>(
        self,
        request: impl Future<Output = Result<T, ApiError>> + 'static,
        answered: fn(Result<T, ApiError>) -> Ev,
    ) {
        self.parts.with_value(|(_, tasks)| tasks.run(request, move |answer| self.dispatch(answered(answer))));
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
