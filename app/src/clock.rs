//! Times as people in Ukraine read them. Stored times are Unix seconds (UTC); pages show
//! Kyiv time, and date filters mean Kyiv days.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use std::sync::LazyLock;

static KYIV: LazyLock<TimeZone> =
    LazyLock::new(|| TimeZone::get("Europe/Kyiv").unwrap_or(TimeZone::UTC));

/// `2026-11-28 04:10` in Kyiv.
pub fn kyiv_minutes(unix_seconds: i64) -> String {
    Timestamp::from_second(unix_seconds)
        .map(|t| {
            t.to_zoned_datetime(KYIV.clone())
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

/// The Kyiv calendar day (year, month, day) of a moment.
pub fn kyiv_date(unix_seconds: i64) -> (i16, i8, i8) {
    let date = Timestamp::from_second(unix_seconds)
        .map(|t| t.to_zoned_datetime(KYIV.clone()).date())
        .unwrap_or_default();
    (date.year(), date.month(), date.day())
}

/// The Kyiv day of a moment as `YYYY-MM-DD`.
pub fn kyiv_day(unix_seconds: i64) -> String {
    let (year, month, day) = kyiv_date(unix_seconds);
    format!("{year:04}-{month:02}-{day:02}")
}

/// A Kyiv wall-clock time `YYYY-MM-DDTHH:MM` (as a `datetime-local` field gives it) in Unix seconds.
pub fn kyiv_local_time(value: &str) -> Option<i64> {
    let time: jiff::civil::DateTime = value.trim().parse().ok()?;
    let zoned = time.to_zoned_datetime(KYIV.clone()).ok()?;
    Some(zoned.timestamp().as_second())
}

/// A moment as a `datetime-local` field shows it, in Kyiv time.
pub fn kyiv_local_string(unix_seconds: i64) -> String {
    Timestamp::from_second(unix_seconds)
        .map(|t| {
            t.to_zoned_datetime(KYIV.clone())
                .strftime("%Y-%m-%dT%H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

/// The first second of a Kyiv day given as `YYYY-MM-DD`; `None` when it is not such a date.
pub fn kyiv_day_start(day: &str) -> Option<i64> {
    let date: Date = day.trim().parse().ok()?;
    let zoned = date.to_zoned_datetime(KYIV.clone()).ok()?;
    Some(zoned.timestamp().as_second())
}

/// The moments a filter of Kyiv days covers, `[start, end)`: from the start of `from` to the end of
/// `to` (the start of the next day: DST days are 23 or 25 hours long), both `YYYY-MM-DD`. An empty
/// side is open; a side that is not a date is named in `invalid` ("from", "to") and left open.
pub fn kyiv_days(from: &str, to: &str, invalid: &mut Vec<String>) -> (i64, i64) {
    let mut day = |field: &str, value: &str| {
        if value.trim().is_empty() {
            return None;
        }
        let start = kyiv_day_start(value);
        if start.is_none() {
            invalid.push(field.to_string());
        }
        start
    };
    let start = day("from", from).unwrap_or(i64::MIN);
    let end = day("to", to)
        .and_then(|start| kyiv_day_start(&next_day(start)))
        .unwrap_or(i64::MAX);
    (start, end)
}

/// The Kyiv day after the one `unix_seconds` falls in, as `YYYY-MM-DD`.
fn next_day(unix_seconds: i64) -> String {
    Timestamp::from_second(unix_seconds)
        .ok()
        .and_then(|t| t.to_zoned_datetime(KYIV.clone()).date().tomorrow().ok())
        .map(|d| d.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn kyiv_days_and_minutes() {
        // 2026-07-01 00:00 in Kyiv is 2026-06-30 21:00 UTC (summer time, UTC+3).
        let start = super::kyiv_day_start("2026-07-01").unwrap();
        assert_eq!(start, 1_782_853_200);
        assert_eq!(super::kyiv_minutes(start), "2026-07-01 00:00");
        assert_eq!(super::kyiv_day_start("2026-13-01"), None);
        assert_eq!(super::kyiv_day_start("вчора"), None);
        assert_eq!(super::next_day(start), "2026-07-02");
    }
}
