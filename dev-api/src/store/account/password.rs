//! The sign-in password, kept as its Argon2id hash only.

use subtle::ConstantTimeEq;

use super::DEV_PASSWORD;

/// A password stored as its Argon2id hash (the crate's default cost: 19 MiB, 2 passes) and
/// salt. Every preset's password is `DEV_PASSWORD`, so dev-api hashes it once, with a salt
/// drawn when it starts, and every account refers to that one hash; a backend whose users
/// choose their passwords keeps a salt and a hash per user.
pub struct PasswordHash {
    salt: [u8; 16],
    hash: [u8; 32],
}

impl PasswordHash {
    pub(super) fn new(password: &str) -> Self {
        let mut salt = [0u8; 16];
        getrandom::getrandom(&mut salt).expect("the OS random source works");
        PasswordHash { hash: argon2id(&salt, password), salt }
    }

    pub fn matches(&self, password: &str) -> bool {
        argon2id(&self.salt, password).ct_eq(&self.hash).into()
    }
}

impl std::fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHash(Argon2id)")
    }
}

fn argon2id(salt: &[u8; 16], password: &str) -> [u8; 32] {
    let mut hash = [0u8; 32];
    argon2::Argon2::default()
        .hash_password_into(password.as_bytes(), salt, &mut hash)
        .expect("a 16-byte salt and a 32-byte output are within Argon2's bounds");
    hash
}

/// The one hash of `DEV_PASSWORD`, made when the first account is.
pub(super) fn dev_password() -> &'static PasswordHash {
    static HASH: std::sync::OnceLock<PasswordHash> = std::sync::OnceLock::new();
    HASH.get_or_init(|| PasswordHash::new(DEV_PASSWORD))
}

#[cfg(test)]
mod tests {
    use super::super::{Account, DEV_PASSWORD};
    use super::*;

    #[test]
    fn the_password_is_kept_as_an_argon2id_hash_only() {
        let stored = PasswordHash::new(DEV_PASSWORD);
        assert!(stored.matches(DEV_PASSWORD));
        assert!(!stored.matches("dev-passwort"));
        let mut expected = [0u8; 32];
        let argon2id =
            argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, argon2::Params::default());
        argon2id.hash_password_into(DEV_PASSWORD.as_bytes(), &stored.salt, &mut expected).unwrap();
        assert_eq!(stored.hash, expected, "Argon2id, version 0x13, the crate's default cost");
        assert_ne!(PasswordHash::new(DEV_PASSWORD).hash, stored.hash, "each hash has a salt of its own");
        assert!(
            !format!("{:?}", Account::from_preset(1, "default", chrono::Utc::now()).unwrap()).contains(DEV_PASSWORD)
        );
    }
}
