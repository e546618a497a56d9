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

/// `2026-11-21 19:53 UTC`.
pub fn utc_datetime(at: Millis) -> String {
    let secs = at.div_euclid(1000);
    let (h, m) = (secs.rem_euclid(86_400) / 3_600, secs.rem_euclid(3_600) / 60);
    format!("{} {h:02}:{m:02} UTC", utc_date(at))
}

/// `2026-11-21`.
pub fn utc_date(at: Millis) -> String {
    let (y, m, d) = civil_from_days(at.div_euclid(86_400_000));
    format!("{y:04}-{m:02}-{d:02}")
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
    }
}
