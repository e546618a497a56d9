//! Dates, relative times and numbers as each language writes them. Dates
//! and numbers come from ICU4X's data for the language (Arabic digits in
//! Arabic, `2026/12/02` in Japanese); the relative units ("3d", "now") are
//! catalog messages, so translators choose their short forms.

use crate::Locale;
use icu_calendar::Gregorian;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{YMD, YMDT};
use icu_datetime::input::{Date, DateTime, Time};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_locale_core::Locale as IcuLocale;
use portal_core::time::utc_parts;
use std::collections::HashMap;
use std::sync::LazyLock;

/// One language's formatters, built once: building one reads ICU's data.
struct Formatters {
    date: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    date_time: FixedCalendarDateTimeFormatter<Gregorian, YMDT>,
    number: DecimalFormatter,
}

static FORMATTERS: LazyLock<HashMap<Locale, Formatters>> = LazyLock::new(|| {
    Locale::ALL
        .into_iter()
        .map(|locale| {
            let icu: IcuLocale = locale.tag().parse().expect("every locale's tag parses");
            let formatters = Formatters {
                date: FixedCalendarDateTimeFormatter::try_new(icu.clone().into(), YMD::medium())
                    .expect("ICU4X has date formats for every portal language"),
                date_time: FixedCalendarDateTimeFormatter::try_new(
                    icu.clone().into(),
                    YMDT::medium().with_time_precision(icu_datetime::options::TimePrecision::Minute),
                )
                .expect("ICU4X has date and time formats for every portal language"),
                number: DecimalFormatter::try_new(icu.into(), Default::default())
                    .expect("ICU4X has number formats for every portal language"),
            };
            (locale, formatters)
        })
        .collect()
});

impl Locale {
    fn formatters(self) -> &'static Formatters {
        &FORMATTERS[&self]
    }

    /// The UTC day of an instant (milliseconds since 1970), e.g.
    /// `Dec 2, 2026`, `02.12.2026`, `2026/12/02`.
    pub fn date(self, at: i64) -> String {
        let (date, _) = gregorian(at);
        self.formatters().date.format(&date).to_string()
    }

    /// The UTC day and minute of an instant, marked as UTC.
    pub fn date_time(self, at: i64) -> String {
        let (date, time) = gregorian(at);
        let formatted = self.formatters().date_time.format(&DateTime { date, time }).to_string();
        self.t_args("time-utc", &[("time", formatted.into())])
    }

    /// A whole number with the language's digits and grouping.
    pub fn number(self, n: i64) -> String {
        self.formatters().number.format(&Decimal::from(n)).to_string()
    }

    /// A file's size as the language writes it: `2 MB`, `1,5 MB`, `12 KB`,
    /// `5 GB`.
    pub fn file_size(self, bytes: u64) -> String {
        const KB: u64 = 1024;
        const MB: u64 = KB * KB;
        const GB: u64 = MB * KB;
        // To a tenth of `unit`, the tenth left out when it is 0.
        let tenths = |unit: u64| {
            let tenths = (u128::from(bytes) * 10 + u128::from(unit / 2)) / u128::from(unit);
            let mut size = Decimal::from(tenths);
            size.multiply_pow10(-1);
            if tenths % 10 == 0 {
                size.trim_end();
            }
            self.formatters().number.format(&size).to_string()
        };
        let (id, number) = match bytes {
            b if b >= GB => ("size-gb", tenths(GB)),
            b if b >= MB => ("size-mb", tenths(MB)),
            b if b >= KB => ("size-kb", self.number(i64::try_from(b.div_ceil(KB)).unwrap_or(i64::MAX))),
            b => ("size-bytes", self.number(i64::try_from(b).unwrap_or(i64::MAX))),
        };
        self.t_args(id, &[("n", number.into())])
    }

    /// How long ago `then` was at `now`: "just now", "5 min ago", … then
    /// the date after 30 days.
    pub fn relative(self, now: i64, then: i64) -> String {
        self.ago(now, then, false)
    }

    /// The short form for narrow columns: "now", "5m", "3h", "2d", then the date.
    pub fn short_relative(self, now: i64, then: i64) -> String {
        self.ago(now, then, true)
    }

    fn ago(self, now: i64, then: i64, short: bool) -> String {
        let secs = (now - then).max(0) / 1000;
        let (unit, count) = match secs {
            0..60 => return self.t(if short { "time-now-short" } else { "time-now" }),
            60..3_600 => ("minutes", secs / 60),
            3_600..86_400 => ("hours", secs / 3_600),
            86_400..2_592_000 => ("days", secs / 86_400),
            _ => return self.date(then),
        };
        let id = format!("time-{unit}-{}", if short { "short" } else { "ago" });
        self.t_args(&id, &[("count", count.into()), ("n", self.number(count).into())])
    }
}

fn gregorian(at: i64) -> (Date<Gregorian>, Time) {
    let (y, m, d, hour, minute) = utc_parts(at);
    let year = i32::try_from(y).unwrap_or(if y < 0 { i32::MIN } else { i32::MAX });
    let date = Date::try_new_gregorian(year, m as u8, d as u8)
        .unwrap_or_else(|_| Date::try_new_gregorian(1970, 1, 1).expect("1970-01-01 is a date"));
    let time = Time::try_new(hour as u8, minute as u8, 0, 0).expect("hours and minutes of a day are in range");
    (date, time)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_290_780_000; // 2026-11-21 19:53 UTC

    #[test]
    fn dates_follow_the_language() {
        assert_eq!(Locale::En.date(NOW), "Nov 21, 2026");
        assert_eq!(Locale::De.date(NOW), "21.11.2026");
        assert_eq!(Locale::Ja.date(NOW), "2026/11/21");
        assert_eq!(Locale::Ar.date(NOW), "21\u{200f}/11\u{200f}/2026");
        assert!(Locale::En.date_time(NOW).contains("7:53"), "{}", Locale::En.date_time(NOW));
        assert!(Locale::De.date_time(NOW).contains("19:53"), "{}", Locale::De.date_time(NOW));
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(Locale::En.number(1_234_567), "1,234,567");
        assert_eq!(Locale::De.number(1_234_567), "1.234.567");
        assert_eq!(Locale::Ja.number(1_234_567), "1,234,567");
    }

    #[test]
    fn file_sizes() {
        assert_eq!(Locale::En.file_size(10 * 1024 * 1024), "10 MB");
        assert_eq!(Locale::En.file_size(1536 * 1024), "1.5 MB");
        assert_eq!(Locale::De.file_size(1536 * 1024), "1,5 MB");
        assert_eq!(Locale::En.file_size(1500), "2 KB");
        assert_eq!(Locale::En.file_size(12), "12 B");
        assert_eq!(Locale::En.file_size(5 << 30), "5 GB");
        assert_eq!(Locale::De.file_size(1536 << 20), "1,5 GB");
        assert_eq!(Locale::En.file_size(u64::MAX), "17,179,869,184 GB");
    }

    #[test]
    fn relative_times_are_messages() {
        assert_eq!(Locale::En.relative(NOW, NOW), "just now");
        assert_eq!(Locale::En.relative(NOW, NOW - 5 * 60_000), "5m ago");
        assert_eq!(Locale::En.short_relative(NOW, NOW - 3 * 86_400_000), "3d");
        assert_eq!(Locale::En.short_relative(NOW, NOW + 9_000), "now");
        assert_eq!(Locale::En.relative(NOW, 0), "Jan 1, 1970");
        assert_eq!(Locale::De.relative(NOW, NOW - 2 * 3_600_000), "vor 2 Std.");
        assert_eq!(Locale::Ja.short_relative(NOW, NOW - 2 * 86_400_000), "2日");
    }
}
