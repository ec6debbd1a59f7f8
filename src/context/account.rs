//! The signed-in account, as last read from the backend or returned by a change.

use leptos::prelude::*;

use crate::api::{Api, ApiError};
use crate::host_event::HostEvent;
use crate::task::Tasks;
use contract::Account;

use super::use_app;

/// The signed-in account: read once, then replaced by what each change returns.
/// Loaded with a plain task into a signal rather than a `LocalResource`: the resource
/// machinery (async derived values, transitions) costs kilobytes the app does not need.
#[derive(Clone, Copy)]
pub struct AccountStore {
    current: RwSignal<Option<Result<Account, ApiError>>>,
    /// Bumped by every load, so an older answer never overwrites a newer one.
    generation: StoredValue<u32>,
    api: StoredValue<Api>,
    /// Loads belong to the app, not to whatever button asked for them.
    tasks: StoredValue<Tasks>,
}

impl AccountStore {
    /// The account as last known; `None` while it is first loading.
    pub fn get(&self) -> Option<Result<Account, ApiError>> {
        self.current.get()
    }

    /// Subscribes the caller to every change of the account.
    pub fn track(&self) {
        self.current.track();
    }

    /// Loads the account again; the page shows "loading" meanwhile.
    pub fn refetch(&self) {
        self.load(None);
    }

    /// Reads the account again while the page goes on showing the one it has: after a dialog
    /// closed with a change on its way, whose answer it will not wait for. Only an account
    /// (or an ended session) replaces what is shown; `then` runs once it has.
    pub fn refresh(&self, then: impl FnOnce() + 'static) {
        let store = *self;
        let Some(generation) = store.generation.try_get_value().map(|g| g.wrapping_add(1)) else { return };
        store.generation.set_value(generation);
        let api = store.api.get_value();
        store.tasks.with_value(|tasks| {
            tasks.spawn(async move {
                let result = api.account(None).await;
                if store.generation.get_value() == generation
                    && matches!(result, Ok(_) | Err(ApiError::Unauthenticated))
                {
                    store.current.set(Some(result));
                    then();
                }
            })
        });
    }

    /// Loads the account, from the shell's response to the same request when it sent one.
    fn load(&self, preloaded: Option<js_sys::Promise>) {
        let store = *self;
        let generation = store.generation.get_value().wrapping_add(1);
        store.generation.set_value(generation);
        store.current.set(None);
        let api = store.api.get_value();
        store.tasks.with_value(|tasks| {
            tasks.spawn(async move {
                let result = api.account(preloaded).await;
                // The shell's response is often there before the app: the page is then drawn
                // in a task after the one that mounted the app, not in one long task with it.
                crate::task::next_task().await;
                if store.generation.get_value() == generation {
                    store.current.set(Some(result));
                }
            })
        });
    }

    /// What a successful change returned is the new truth.
    pub fn set(&self, account: Account) {
        self.current.set(Some(Ok(account)));
    }

    /// A request met 401: the whole app shows the sign-in view.
    pub fn expire(&self) {
        self.current.set(Some(Err(ApiError::Unauthenticated)));
    }

    /// Routes a failed request: 401 expires the session (true); anything else is the
    /// caller's to show.
    pub fn handle(&self, error: &ApiError) -> bool {
        let expired = *error == ApiError::Unauthenticated;
        if expired {
            self.expire();
        }
        expired
    }
}

/// `preloaded`: the shell's `accountResponse`, used for the first load only.
pub fn provide_account(preloaded: Option<js_sys::Promise>) -> AccountStore {
    let app = use_app();
    let store = AccountStore {
        current: RwSignal::new(None),
        generation: StoredValue::new(0),
        api: StoredValue::new(app.api()),
        tasks: StoredValue::new(Tasks::new()),
    };
    store.load(preloaded);
    let current = store.current;
    // Tell the shell once per expiry, not once per render.
    let announced = StoredValue::new(false);
    crate::task::effect(move || {
        let expired = matches!(current.get(), Some(Err(ApiError::Unauthenticated)));
        if expired && !announced.get_value() {
            announced.set_value(true);
            app.emit(HostEvent::SessionExpired);
        } else if !expired {
            announced.set_value(false);
        }
    });
    provide_context(store);
    store
}

pub fn use_account() -> AccountStore {
    expect_context::<AccountStore>()
}
