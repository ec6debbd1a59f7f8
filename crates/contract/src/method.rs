//! How a user verifies their identity: a code to a recovery address, or the sign-in password.

use crate::AccountField;

wire_enum! {
    IdentityMethod {
        /// A code by SMS to the recovery mobile number.
        Sms = "sms",
        /// A code by email to the recovery email address.
        Email = "email",
        /// The account's sign-in password, checked by the backend: no code is sent.
        Password = "password",
    }
}

impl IdentityMethod {
    /// The recovery value the code goes to; none for the password.
    pub fn field(self) -> Option<AccountField> {
        match self {
            IdentityMethod::Sms => Some(AccountField::RecoveryMobile),
            IdentityMethod::Email => Some(AccountField::RecoveryEmail),
            IdentityMethod::Password => None,
        }
    }
}
