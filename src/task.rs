//! Async work owned by the component that will show its result.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::Owner;
use wasm_bindgen::JsCast;

use crate::api::ApiError;

/// Starts async work on behalf of the component (or page, or app) that created it. When
/// that owner is cleaned up — a dialog closed, a page left, the app unmounted — the work is
/// dropped at its next `.await`: the request it waits for is aborted, and no code after the
/// `.await` touches state that is gone.
///
/// Created while the component is set up, not in a handler: work started from inside other
/// work (a save that follows a verified code) still belongs to the component that owns the
/// flow, not to the step that happened to be showing.
#[derive(Clone)]
pub struct Tasks {
    owner: Owner,
}

impl Tasks {
    pub fn new() -> Self {
        Self { owner: Owner::current().unwrap_or_default() }
    }

    pub fn spawn(&self, work: impl Future<Output = ()> + 'static) {
        self.spawn_boxed(Box::pin(work));
    }

    // One copy of the spawning in the build, whatever the work.
    fn spawn_boxed(&self, work: Pin<Box<dyn Future<Output = ()>>>) {
        self.owner.with(|| leptos::task::spawn_local_scoped_with_cancellation(work));
    }

    /// Sends `request` and hands its answer to `answered`: the one way every write of the
    /// app goes out, dropped (the fetch aborted) when the owner is cleaned up first.
    pub fn run<T: 'static>(
        &self,
        request: impl Future<Output = Result<T, ApiError>> + 'static,
        answered: impl FnOnce(Result<T, ApiError>) + 'static,
    ) {
        self.spawn(async move { answered(request.await) });
    }
}

/// Resolves in a task of its own (a zero timeout): what follows runs after the browser has
/// had the chance to paint and to handle input, not in the same long task as what came
/// before.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let waiting = web_sys::window().is_some_and(|window| window.set_timeout_with_callback(&resolve).is_ok());
        if !waiting {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

impl Default for Tasks {
    fn default() -> Self {
        Self::new()
    }
}

/// Runs `work` before the browser next paints (`requestAnimationFrame`): after what was
/// just rendered is in the document, before anyone sees it.
pub fn before_paint(work: impl FnOnce() + 'static) {
    paint(Box::new(work));
}

// One copy of the scheduling in the build, whatever the work.
fn paint(work: Box<dyn FnOnce()>) {
    leptos::prelude::request_animation_frame(work);
}

/// Runs `work` now, and again whenever a signal it read changes (a Leptos effect).
pub fn effect(work: impl Fn() + 'static) {
    effect_boxed(Box::new(work));
}

// One copy of the effect machinery in the build, whatever the work.
fn effect_boxed(work: Box<dyn Fn()>) {
    leptos::prelude::Effect::new(move |_| work());
}

/// Runs `work` when the browser is next idle (`requestIdleCallback`; a zero timeout where
/// there is none): work made ahead of need, which must not hold up what the user does.
pub fn when_idle(work: impl FnOnce() + 'static) {
    idle(Box::new(work));
}

// One copy of the scheduling in the build, whatever the work.
fn idle(work: Box<dyn FnOnce()>) {
    let Some(window) = web_sys::window() else { return };
    let mut work = Some(work);
    let work = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
        if let Some(work) = work.take() {
            work();
        }
    })
    .into_js_value();
    let work = work.unchecked_ref::<js_sys::Function>();
    // WebKit has no requestIdleCallback.
    if window.request_idle_callback(work).is_err() {
        let _ = window.set_timeout_with_callback(work);
    }
}

/// A value handed from one task to another, once: what [`handoff`] makes.
struct Slot<T> {
    value: Option<T>,
    waiting: Option<std::task::Waker>,
    /// The giver went away without giving, or the taker stopped waiting.
    gone: bool,
}

/// The giving end of a [`handoff`].
pub struct Giver<T>(std::rc::Rc<std::cell::RefCell<Slot<T>>>);

/// The taking end of a [`handoff`]: a future of the value, or of `None` if the giver went
/// away without one.
pub struct Taker<T>(std::rc::Rc<std::cell::RefCell<Slot<T>>>);

/// A value one task gives and another awaits: work that outlives the component waiting
/// for it (a commit the app finishes after its dialog closed) still hands it the answer
/// while it is there, and learns when it is not.
pub fn handoff<T>() -> (Giver<T>, Taker<T>) {
    let slot = std::rc::Rc::new(std::cell::RefCell::new(Slot { value: None, waiting: None, gone: false }));
    (Giver(slot.clone()), Taker(slot))
}

impl<T> Giver<T> {
    /// Hands `value` over; gives it back if nobody waits for it any more.
    pub fn give(self, value: T) -> Result<(), T> {
        let mut slot = self.0.borrow_mut();
        if slot.gone {
            return Err(value);
        }
        slot.value = Some(value);
        if let Some(waiting) = slot.waiting.take() {
            waiting.wake();
        }
        Ok(())
    }
}

impl<T> Drop for Giver<T> {
    fn drop(&mut self) {
        let mut slot = self.0.borrow_mut();
        slot.gone = true;
        if let Some(waiting) = slot.waiting.take() {
            waiting.wake();
        }
    }
}

impl<T> Drop for Taker<T> {
    fn drop(&mut self) {
        self.0.borrow_mut().gone = true;
    }
}

impl<T> Future for Taker<T> {
    type Output = Option<T>;

    fn poll(self: Pin<&mut Self>, context: &mut std::task::Context<'_>) -> std::task::Poll<Option<T>> {
        let mut slot = self.0.borrow_mut();
        match slot.value.take() {
            Some(value) => std::task::Poll::Ready(Some(value)),
            None if slot.gone => std::task::Poll::Ready(None),
            None => {
                slot.waiting = Some(context.waker().clone());
                std::task::Poll::Pending
            }
        }
    }
}
