//! How long one tracking-code verification takes (the Argon2id cost) and how long a
//! code lookup through the bucket takes. Run: `cargo bench --bench complaints`.

use std::time::Instant;

use khetbot::complaints::code;

fn main() {
    let fresh = code::generate().expect("randomness");
    let rounds = 10;
    let started = Instant::now();
    for _ in 0..rounds {
        assert!(code::verify(
            &fresh.digits,
            &fresh.salt,
            &fresh.hash,
            fresh.cost
        ));
    }
    let per = started.elapsed() / rounds;
    println!(
        "tracking code verification ({}): {per:?} each over {rounds} rounds",
        fresh.cost.encode()
    );
}
