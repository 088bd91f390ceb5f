//! What the adapter must keep about people it is not done with (an event waiting in the
//! inbox, the LINE id behind a core id) is sealed with ChaCha20-Poly1305 under a key derived
//! from the channel secret, and found by a keyed hash: the database and its WAL hold no LINE
//! id in the clear, and nothing there links a core id to a person without the secret. An
//! anonymous filer's LINE id is thus never stored readable.
//!
//! A reissued channel secret makes the old seals unreadable: events still waiting are
//! dropped (logged) and a chat's LINE id is learnt again from its next message.

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;

const NONCE_BYTES: usize = 12;

pub struct Sealer {
    cipher: ChaCha20Poly1305,
    lookup_key: [u8; 32],
}

fn derive(secret: &[u8], purpose: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(purpose);
    mac.finalize().into_bytes().into()
}

impl Sealer {
    pub fn new(channel_secret: &[u8]) -> Sealer {
        let key = derive(channel_secret, b"khetbot: sealing kept LINE data, v1");
        Sealer {
            cipher: ChaCha20Poly1305::new(Key::from_slice(&key)),
            lookup_key: derive(channel_secret, b"khetbot: finding a LINE chat, v1"),
        }
    }

    /// A fresh random nonce, then the ciphertext with its tag.
    pub fn seal(&self, plain: &[u8]) -> Vec<u8> {
        let mut nonce = [0u8; NONCE_BYTES];
        getrandom::fill(&mut nonce).expect("the system's random source");
        let mut sealed = nonce.to_vec();
        sealed.extend(
            self.cipher
                .encrypt(Nonce::from_slice(&nonce), plain)
                .expect("in-memory encryption does not fail"),
        );
        sealed
    }

    /// The plain bytes, or `None` when sealed under another secret or damaged.
    pub fn open(&self, sealed: &[u8]) -> Option<Vec<u8>> {
        if sealed.len() < NONCE_BYTES {
            return None;
        }
        let (nonce, ciphertext) = sealed.split_at(NONCE_BYTES);
        self.cipher
            .decrypt(Nonce::from_slice(nonce), ciphertext)
            .ok()
    }

    /// Where a core id's LINE id is kept: a keyed hash of the core id.
    pub fn lookup(&self, core_id: i64) -> Vec<u8> {
        derive(&self.lookup_key, &core_id.to_be_bytes()).to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seal_opens_only_under_its_secret_and_hides_its_content() {
        let sealer = Sealer::new(b"secret");
        let plain = b"U0123456789abcdef0123456789abcdef";
        let sealed = sealer.seal(plain);
        assert!(!sealed.windows(plain.len()).any(|w| w == plain));
        assert_eq!(sealer.open(&sealed).as_deref(), Some(&plain[..]));
        assert_eq!(Sealer::new(b"other").open(&sealed), None);
        assert_ne!(sealer.seal(plain), sealed, "a fresh nonce each time");
        assert_eq!(sealer.lookup(42), sealer.lookup(42));
        assert_ne!(sealer.lookup(42), Sealer::new(b"other").lookup(42));
    }
}
