//! Times as customers read them. Pure functions of two instants so the
//! server and the browser format alike.

use crate::model::Millis;

/// "just now", "5m ago", "3h ago", "2d ago", then the date.
pub fn relative(now: Millis, then: Millis) -> String {
    let secs = (now - then).max(0) / 1000;
    match secs {
        0..60 => "just now".to_string(),
        60..3_600 => format!("{}m ago", secs / 60),
        3_600..86_400 => format!("{}h ago", secs / 3_600),
        86_400..2_592_000 => format!("{}d ago", secs / 86_400),
        _ => utc_date(then),
    }
}

/// The preview column's short form: "now", "5m", "3h", "2d", then the date.
pub fn short_relative(now: Millis, then: Millis) -> String {
    let secs = (now - then).max(0) / 1000;
    match secs {
        0..60 => "now".to_string(),
        60..3_600 => format!("{}m", secs / 60),
        3_600..86_400 => format!("{}h", secs / 3_600),
        86_400..2_592_000 => format!("{}d", secs / 86_400),
        _ => utc_date(then),
    }
}

/// The first instant (UTC) of a `YYYY-MM-DD` day, if it is a real date.
pub fn parse_utc_date(text: &str) -> Option<Millis> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = &text[range];
        part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok())?
    };
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let days = days_from_civil(y, u32::try_from(m).ok()?, u32::try_from(d).ok()?)?;
    Some(days * 86_400_000)
}

/// A proleptic Gregorian date to days since 1970-01-01, if the date exists.
fn days_from_civil(y: i64, m: u32, d: u32) -> Option<i64> {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=12).contains(&m) || d == 0 || d > month_days[m as usize - 1] {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// `2026-11-21 19:53 UTC`.
pub fn utc_datetime(at: Millis) -> String {
    let (_, _, _, h, m) = utc_parts(at);
    format!("{} {h:02}:{m:02} UTC", utc_date(at))
}

/// `2026-11-21`.
pub fn utc_date(at: Millis) -> String {
    let (y, m, d) = civil_from_days(at.div_euclid(86_400_000));
    format!("{y:04}-{m:02}-{d:02}")
}

/// An instant's UTC calendar date and time of day: (year, month, day, hour, minute).
pub fn utc_parts(at: Millis) -> (i64, u32, u32, u32, u32) {
    let secs = at.div_euclid(1000);
    let (y, m, d) = civil_from_days(at.div_euclid(86_400_000));
    (y, m, d, (secs.rem_euclid(86_400) / 3_600) as u32, (secs.rem_euclid(3_600) / 60) as u32)
}

/// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(utc_datetime(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc_datetime(1_795_290_780_000), "2026-11-21 19:53 UTC");
        assert_eq!(utc_date(951_782_400_000), "2000-02-29");
    }

    #[test]
    fn relative_times() {
        let now = 1_795_290_780_000;
        assert_eq!(relative(now, now), "just now");
        assert_eq!(relative(now, now + 5_000), "just now");
        assert_eq!(relative(now, now - 5 * 60_000), "5m ago");
        assert_eq!(relative(now, now - 3 * 3_600_000), "3h ago");
        assert_eq!(relative(now, now - 2 * 86_400_000), "2d ago");
        assert_eq!(relative(now, 0), "1970-01-01");
        assert_eq!(short_relative(now, now), "now");
        assert_eq!(short_relative(now, now - 5 * 60_000), "5m");
        assert_eq!(short_relative(now, now - 3 * 86_400_000), "3d");
    }

    #[test]
    fn parsed_dates_round_trip() {
        for at in [0, 951_782_400_000, 1_795_219_200_000, -86_400_000] {
            assert_eq!(parse_utc_date(&utc_date(at)), Some(at));
        }
        for bad in ["2026-02-30", "2026-13-01", "2026-00-10", "2026-1-01", "20260101", "2026-01-0x", "+026-01-01", ""] {
            assert_eq!(parse_utc_date(bad), None, "{bad:?}");
        }
    }
}
