//! The day it is in a territory. A deadline, "this month" or an accompaniment's date is the territory's own
//! day, neither UTC's nor the browser's: metropolitan France follows Europe/Paris (UTC+1, and UTC+2 from the
//! last Sunday of March to the last Sunday of October, switching at 01:00 UTC, the EU rule); the overseas
//! départements of the programme keep one offset all year. The server and the app both take the day here.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};

/// Minutes ahead of UTC in the département `code` at `instant`.
pub fn decalage_minutes(code: &str, instant: DateTime<Utc>) -> i64 {
    match code {
        // Guadeloupe, Martinique: America/Guadeloupe, America/Martinique.
        "971" | "972" => -4 * 60,
        // Guyane: America/Cayenne.
        "973" => -3 * 60,
        // La Réunion: Indian/Reunion.
        "974" => 4 * 60,
        // Mayotte: Indian/Mayotte.
        "976" => 3 * 60,
        _ if heure_d_ete_en_europe(instant) => 2 * 60,
        _ => 60,
    }
}

/// The day it is in the département `code` at `instant`.
pub fn jour(code: &str, instant: DateTime<Utc>) -> NaiveDate {
    (instant + Duration::minutes(decalage_minutes(code, instant))).date_naive()
}

/// The time it is in the département `code` at `instant` (a lieu's "open now").
pub fn heure_locale(code: &str, instant: DateTime<Utc>) -> chrono::NaiveDateTime {
    (instant + Duration::minutes(decalage_minutes(code, instant))).naive_utc()
}

/// The day it is in metropolitan France at `instant`: the programme's day where no territory applies (a call's
/// period, ANCT's deadlines).
pub fn jour_en_metropole(instant: DateTime<Utc>) -> NaiveDate {
    jour("75", instant)
}

/// Whether `instant` falls in European summer time: from 01:00 UTC on the last Sunday of March to 01:00 UTC
/// on the last Sunday of October.
fn heure_d_ete_en_europe(instant: DateTime<Utc>) -> bool {
    let annee = instant.year();
    let bascule = |mois| {
        dernier_dimanche(annee, mois)
            .and_hms_opt(1, 0, 0)
            .map(|moment| moment.and_utc())
    };
    match (bascule(3), bascule(10)) {
        (Some(debut), Some(fin)) => instant >= debut && instant < fin,
        _ => false,
    }
}

/// The last Sunday of `mois` in `annee`.
fn dernier_dimanche(annee: i32, mois: u32) -> NaiveDate {
    let premier_du_suivant = if mois == 12 {
        NaiveDate::from_ymd_opt(annee + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(annee, mois + 1, 1)
    }
    .unwrap_or_default();
    let mut jour = premier_du_suivant - Duration::days(1);
    while jour.weekday() != Weekday::Sun {
        jour -= Duration::days(1);
    }
    jour
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(texte: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(texte).unwrap().with_timezone(&Utc)
    }

    fn date(texte: &str) -> NaiveDate {
        texte.parse().unwrap()
    }

    #[test]
    fn half_past_midnight_in_paris_is_already_the_next_day_winter_and_summer() {
        // 00:30 in Paris on 2 December (UTC+1) and on 2 July (UTC+2).
        assert_eq!(jour_en_metropole(a("2026-12-01T23:30:00Z")), date("2026-12-02"));
        assert_eq!(jour("29", a("2026-07-01T22:30:00Z")), date("2026-07-02"));
        assert_eq!(jour("29", a("2026-07-01T21:59:00Z")), date("2026-07-01"));
    }

    #[test]
    fn the_paris_offset_switches_on_the_last_sundays_of_march_and_october_at_one_utc() {
        assert_eq!(dernier_dimanche(2026, 3), date("2026-03-29"));
        assert_eq!(dernier_dimanche(2026, 10), date("2026-10-25"));
        assert_eq!(decalage_minutes("75", a("2026-03-29T00:59:59Z")), 60);
        assert_eq!(decalage_minutes("75", a("2026-03-29T01:00:00Z")), 120);
        assert_eq!(decalage_minutes("75", a("2026-10-25T00:59:59Z")), 120);
        assert_eq!(decalage_minutes("75", a("2026-10-25T01:00:00Z")), 60);
    }

    #[test]
    fn half_past_eleven_in_fort_de_france_is_still_the_same_day_there() {
        // 23:30 in Fort-de-France (UTC-4) on 1 December is 03:30 UTC on 2 December.
        assert_eq!(jour("972", a("2026-12-02T03:30:00Z")), date("2026-12-01"));
        assert_eq!(jour_en_metropole(a("2026-12-02T03:30:00Z")), date("2026-12-02"));
        assert_eq!(jour("973", a("2026-12-02T02:30:00Z")), date("2026-12-01"));
    }

    #[test]
    fn la_reunion_and_mayotte_start_their_day_before_paris() {
        assert_eq!(jour("974", a("2026-12-01T20:30:00Z")), date("2026-12-02"));
        assert_eq!(jour("976", a("2026-12-01T21:30:00Z")), date("2026-12-02"));
        assert_eq!(jour_en_metropole(a("2026-12-01T21:30:00Z")), date("2026-12-01"));
    }
}
