//! Rate limits on everything that checks a secret: sign-in, one-time links. Counted per client
//! address and per account, in memory (a restart forgets them, which only helps honest users).

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use std::num::NonZeroU32;
use std::time::Duration;

pub struct Limits {
    per_address: DefaultKeyedRateLimiter<String>,
    per_account: DefaultKeyedRateLimiter<String>,
}

impl std::fmt::Debug for Limits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Limits")
    }
}

fn quota(burst: u32, every: Duration) -> Quota {
    Quota::with_period(every)
        .expect("a non-zero period")
        .allow_burst(NonZeroU32::new(burst).expect("a non-zero burst"))
}

impl Default for Limits {
    /// 5 attempts at once against one account, then one a minute; 20 at once from one address
    /// (a hromada office shares one), then one every 3 s.
    fn default() -> Self {
        Limits {
            per_address: DefaultKeyedRateLimiter::keyed(quota(20, Duration::from_secs(3))),
            per_account: DefaultKeyedRateLimiter::keyed(quota(5, Duration::from_secs(60))),
        }
    }
}

impl Limits {
    /// Counts one attempt; `Err(seconds)` says how long to wait before the next one.
    pub fn attempt(&self, address: &str, account: &str) -> Result<(), u64> {
        let now = DefaultClock::default().now();
        let wait = |limiter: &DefaultKeyedRateLimiter<String>, key: &str| {
            limiter
                .check_key(&key.to_string())
                .err()
                .map(|not_until| not_until.wait_time_from(now))
        };
        let waits = [
            wait(&self.per_address, address),
            wait(&self.per_account, account),
        ];
        match waits.into_iter().flatten().max() {
            None => Ok(()),
            Some(wait) => Err(wait.as_secs().max(1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempts_are_limited_per_account_and_per_address() {
        let limits = Limits::default();
        for _ in 0..5 {
            assert!(limits.attempt("10.0.0.1", "a@b.ua").is_ok());
        }
        let wait = limits.attempt("10.0.0.2", "a@b.ua").unwrap_err();
        assert!((1..=60).contains(&wait), "{wait}");
        for i in 0..20 {
            assert!(limits.attempt("10.0.0.3", &format!("user{i}@b.ua")).is_ok());
        }
        assert!(
            limits.attempt("10.0.0.3", "user20@b.ua").is_err(),
            "21st attempt from one address"
        );
    }
}
