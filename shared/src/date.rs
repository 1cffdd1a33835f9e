//! Dates at the precision a news report gives them: a year ("in 2019"), a month ("in July") or a day.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An ISO 8601 calendar date with optional month and day: `2019`, `2023-07`, `2023-09-12`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("`{0}` is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")]
pub struct BadDate(pub String);

impl PartialDate {
    pub fn day(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }

    pub fn month(year: i32, month: u32) -> Self {
        Self {
            year,
            month: Some(month),
            day: None,
        }
    }

    pub fn year(year: i32) -> Self {
        Self {
            year,
            month: None,
            day: None,
        }
    }

    /// The full date, when the day is known.
    pub fn as_naive(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }

    /// True when one date contains the other: `2023-09` and `2023-09-12` agree, `2023-09-12` and `2023-09-13`
    /// do not.
    pub fn agrees_with(&self, other: &PartialDate) -> bool {
        self.year == other.year
            && opt_agree(self.month, other.month)
            && (self.month.is_none() || other.month.is_none() || opt_agree(self.day, other.day))
    }

    /// How specific the date is: 1 year, 2 month, 3 day.
    pub fn precision(&self) -> u8 {
        1 + u8::from(self.month.is_some()) + u8::from(self.day.is_some())
    }
}

fn opt_agree(a: Option<u32>, b: Option<u32>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
            if let Some(day) = self.day {
                write!(f, "-{day:02}")?;
            }
        }
        Ok(())
    }
}

impl FromStr for PartialDate {
    type Err = BadDate;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadDate(s.to_owned());
        let mut parts = s.split('-');
        let year_text = parts.next().ok_or_else(bad)?;
        if year_text.len() != 4 {
            return Err(bad());
        }
        let year: i32 = year_text.parse().map_err(|_| bad())?;
        let month: Option<u32> = parts
            .next()
            .map(|m| m.parse().map_err(|_| bad()))
            .transpose()?;
        let day: Option<u32> = parts
            .next()
            .map(|d| d.parse().map_err(|_| bad()))
            .transpose()?;
        if parts.next().is_some() {
            return Err(bad());
        }
        match (month, day) {
            (Some(m), Some(d)) if NaiveDate::from_ymd_opt(year, m, d).is_none() => Err(bad()),
            (Some(m), None) if !(1..=12).contains(&m) => Err(bad()),
            _ => Ok(Self { year, month, day }),
        }
    }
}

impl schemars::JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "ISO 8601 date at the precision known: YYYY, YYYY-MM or YYYY-MM-DD",
            "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
        })
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_precision() {
        for text in ["2019", "2023-07", "2023-09-12"] {
            let date: PartialDate = text.parse().unwrap();
            assert_eq!(date.to_string(), text);
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        for text in ["2023-02-30", "2023-13", "23-09-12", "2023-09-12-01", "soon"] {
            assert!(text.parse::<PartialDate>().is_err(), "{text} parsed");
        }
    }

    #[test]
    fn containment_is_agreement() {
        let month: PartialDate = "2023-09".parse().unwrap();
        let day: PartialDate = "2023-09-12".parse().unwrap();
        let next: PartialDate = "2023-09-13".parse().unwrap();
        assert!(month.agrees_with(&day) && day.agrees_with(&month));
        assert!(!day.agrees_with(&next));
        assert!(!PartialDate::year(2019).agrees_with(&day));
    }
}
